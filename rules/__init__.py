"""The rule catalog: every rule, listed explicitly (no discovery magic).

Rules live in one folder per family (``tool`` GSL0xx, ``directives`` GSL1xx,
``calls`` GSL2xx, ``errors`` GSL3xx, ``manifest`` GSL4xx, ``sandbox`` GSL5xx),
one module per rule defining ``RULE``, and import ``go_script_lint.api`` only.
Adding a rule is one line below (its module, relative to this package); see
docs/writing-rules.md.
"""

from importlib import import_module

from go_script_lint.api import Rule, validate_registry

RULE_MODULES: tuple[str, ...] = (
    "tool.gsl001_parse_error",
    "tool.gsl002_unreadable_input",
    "tool.gsl003_unused_suppression",
    "directives.gsl101_malformed_directive",
    "directives.gsl102_go_version_mismatch",
    "directives.gsl103_requirement_mismatch",
    "directives.gsl104_undeclared_import",
    "directives.gsl105_unused_requirement",
    "directives.gsl106_duplicate_requirement",
    "directives.gsl107_misplaced_directive",
    "directives.gsl108_shebang_line",
    "calls.gsl201_shell_exec",
    "calls.gsl202_non_constant_command",
    "calls.gsl203_recursive_delete",
    "calls.gsl204_env_hijack",
    "calls.gsl205_raw_syscall",
    "calls.gsl206_unsafe_pointer",
    "calls.gsl207_reflective_call",
    "calls.gsl208_weak_permissions",
    "calls.gsl209_tls_verify_disabled",
    "calls.gsl210_exit_skips_cleanup",
    "calls.gsl211_path_traversal",
    "calls.gsl212_archive_path_traversal",
    "calls.gsl213_weak_tls_config",
    "calls.gsl214_weak_crypto",
    "calls.gsl215_insecure_random",
    "calls.gsl216_hardcoded_secret",
    "calls.gsl217_http_without_timeout",
    "calls.gsl218_unbounded_decompression",
    "errors.gsl301_unchecked_error",
    "errors.gsl302_blank_error",
    "errors.gsl303_deferred_unchecked_close",
    "manifest.gsl401_invalid_manifest",
    "manifest.gsl402_missing_parameter_field",
    "manifest.gsl403_undeclared_field",
    "manifest.gsl404_required_omitempty",
    "manifest.gsl405_parameter_type_mismatch",
    "manifest.gsl406_tag_naming",
    "manifest.gsl407_malformed_struct_tag",
    "manifest.gsl408_duplicate_tag_name",
    "manifest.gsl409_missing_manifest_reference",
    "manifest.gsl410_enum_mismatch",
    "manifest.gsl411_default_not_in_enum",
    "manifest.gsl412_required_with_default",
    "sandbox.gsl501_syscall_not_allowed",
    "sandbox.gsl502_gomaxprocs_exceeded",
    "sandbox.gsl503_network_not_allowed",
    "sandbox.gsl504_exec_not_allowed",
)

REGISTRY: tuple[Rule, ...] = validate_registry(
    import_module(f"{__name__}.{module}").RULE for module in RULE_MODULES
)

__all__ = ["REGISTRY", "RULE_MODULES"]
