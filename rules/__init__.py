"""The rule catalog: every rule, listed explicitly (no discovery magic).

Adding a rule: write `rules/gslNNN_<name>.py` with a `RULE`, add it here, add
`fixtures/rules/GSLNNN/`, then run `python -m analyzer.docs` and `python -m pytest`.
"""

from analyzer.rule import Rule, validate_registry

from . import gsl001_parse_error
from . import gsl002_unreadable_input
from . import gsl003_unused_suppression
from . import gsl101_malformed_directive
from . import gsl102_go_version_mismatch
from . import gsl103_requirement_mismatch
from . import gsl104_undeclared_import
from . import gsl105_unused_requirement
from . import gsl106_duplicate_requirement
from . import gsl107_misplaced_directive
from . import gsl201_shell_exec
from . import gsl202_non_constant_command
from . import gsl203_recursive_delete
from . import gsl204_env_hijack
from . import gsl205_raw_syscall
from . import gsl206_unsafe_pointer
from . import gsl207_reflective_call
from . import gsl208_weak_permissions
from . import gsl209_tls_verify_disabled
from . import gsl210_exit_skips_cleanup
from . import gsl301_unchecked_error
from . import gsl302_blank_error
from . import gsl303_deferred_unchecked_close
from . import gsl401_invalid_manifest
from . import gsl402_missing_parameter_field
from . import gsl403_undeclared_field
from . import gsl404_required_omitempty
from . import gsl405_parameter_type_mismatch
from . import gsl406_tag_naming
from . import gsl407_malformed_struct_tag
from . import gsl408_duplicate_tag_name
from . import gsl409_missing_manifest_reference
from . import gsl410_enum_mismatch
from . import gsl501_syscall_not_allowed
from . import gsl502_gomaxprocs_exceeded
from . import gsl503_network_not_allowed
from . import gsl504_exec_not_allowed

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
        gsl501_syscall_not_allowed.RULE,
        gsl502_gomaxprocs_exceeded.RULE,
        gsl503_network_not_allowed.RULE,
        gsl504_exec_not_allowed.RULE,
    ]
)

__all__ = ["REGISTRY"]
