"""The rule catalog: every rule, listed explicitly (no discovery magic).

Rules live in one folder per family (``tool`` GSL0xx, ``directives`` GSL1xx,
``calls`` GSL2xx, ``errors`` GSL3xx, ``manifest`` GSL4xx, ``sandbox`` GSL5xx)
and import ``go_script_lint.api`` only. Adding a rule: see docs/writing-rules.md.
"""

from go_script_lint.api import Rule, validate_registry

from .calls import (
    gsl201_shell_exec,
    gsl202_non_constant_command,
    gsl203_recursive_delete,
    gsl204_env_hijack,
    gsl205_raw_syscall,
    gsl206_unsafe_pointer,
    gsl207_reflective_call,
    gsl208_weak_permissions,
    gsl209_tls_verify_disabled,
    gsl210_exit_skips_cleanup,
)
from .directives import (
    gsl101_malformed_directive,
    gsl102_go_version_mismatch,
    gsl103_requirement_mismatch,
    gsl104_undeclared_import,
    gsl105_unused_requirement,
    gsl106_duplicate_requirement,
    gsl107_misplaced_directive,
    gsl108_shebang_line,
)
from .errors import (
    gsl301_unchecked_error,
    gsl302_blank_error,
    gsl303_deferred_unchecked_close,
)
from .manifest import (
    gsl401_invalid_manifest,
    gsl402_missing_parameter_field,
    gsl403_undeclared_field,
    gsl404_required_omitempty,
    gsl405_parameter_type_mismatch,
    gsl406_tag_naming,
    gsl407_malformed_struct_tag,
    gsl408_duplicate_tag_name,
    gsl409_missing_manifest_reference,
    gsl410_enum_mismatch,
    gsl411_default_not_in_enum,
    gsl412_required_with_default,
)
from .sandbox import (
    gsl501_syscall_not_allowed,
    gsl502_gomaxprocs_exceeded,
    gsl503_network_not_allowed,
    gsl504_exec_not_allowed,
)
from .tool import (
    gsl001_parse_error,
    gsl002_unreadable_input,
    gsl003_unused_suppression,
)

REGISTRY: tuple[Rule, ...] = validate_registry(
    [
        gsl001_parse_error.RULE,
        gsl002_unreadable_input.RULE,
        gsl003_unused_suppression.RULE,
        gsl101_malformed_directive.RULE,
        gsl102_go_version_mismatch.RULE,
        gsl103_requirement_mismatch.RULE,
        gsl104_undeclared_import.RULE,
        gsl105_unused_requirement.RULE,
        gsl106_duplicate_requirement.RULE,
        gsl107_misplaced_directive.RULE,
        gsl108_shebang_line.RULE,
        gsl201_shell_exec.RULE,
        gsl202_non_constant_command.RULE,
        gsl203_recursive_delete.RULE,
        gsl204_env_hijack.RULE,
        gsl205_raw_syscall.RULE,
        gsl206_unsafe_pointer.RULE,
        gsl207_reflective_call.RULE,
        gsl208_weak_permissions.RULE,
        gsl209_tls_verify_disabled.RULE,
        gsl210_exit_skips_cleanup.RULE,
        gsl301_unchecked_error.RULE,
        gsl302_blank_error.RULE,
        gsl303_deferred_unchecked_close.RULE,
        gsl401_invalid_manifest.RULE,
        gsl402_missing_parameter_field.RULE,
        gsl403_undeclared_field.RULE,
        gsl404_required_omitempty.RULE,
        gsl405_parameter_type_mismatch.RULE,
        gsl406_tag_naming.RULE,
        gsl407_malformed_struct_tag.RULE,
        gsl408_duplicate_tag_name.RULE,
        gsl409_missing_manifest_reference.RULE,
        gsl410_enum_mismatch.RULE,
        gsl411_default_not_in_enum.RULE,
        gsl412_required_with_default.RULE,
        gsl501_syscall_not_allowed.RULE,
        gsl502_gomaxprocs_exceeded.RULE,
        gsl503_network_not_allowed.RULE,
        gsl504_exec_not_allowed.RULE,
    ]
)

__all__ = ["REGISTRY"]
