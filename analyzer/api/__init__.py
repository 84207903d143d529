"""The rule API: everything a rule module may use, and the only module it imports.

Rules (``rules/``) import from ``go_script_lint.api`` alone; a layering test
enforces it. What is here is the published surface: the catalog entry
(:class:`Rule`), what a check sees (:class:`FileContext`, :class:`PackageContext`)
and returns (:class:`Finding`, :class:`Location`, :class:`Fix`), and the shared
analyses rules build on (value tracking, types, directives, manifest, sandbox).
Anything not re-exported here is engine-internal and may change without notice.
May import: every layer below it (``base``, ``golang``, ``project``, ``analysis``).
"""

from go_script_lint.analysis import errcheck
from go_script_lint.analysis.archives import archive_entry, entry_name
from go_script_lint.analysis.callsites import function_calls
from go_script_lint.analysis.capabilities import (
    denied,
    has_sandbox,
    need_of,
    sandbox_for,
)
from go_script_lint.analysis.constness import constant_strings, is_constant
from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.dataflow import assigned_values, declaring_rhs
from go_script_lint.analysis.exec_commands import (
    EXEC_CALL_NAMES,
    exec_argv,
    program_name,
    short_callee,
)
from go_script_lint.analysis.file_modes import (
    MODE_CALL_NAMES,
    mode_argument,
    show_mode,
    special_bits,
    umask_cleared,
    weak_bits,
    writable_bits,
)
from go_script_lint.analysis.flag_bindings import EnvRead, FlagDef
from go_script_lint.analysis.flow import defers_of, reaches
from go_script_lint.analysis.go_version import script_go_version, version_text
from go_script_lint.analysis.input_bindings import (
    InputCheck,
    ParameterBinding,
    bound_parameters,
    parameter_bindings,
)
from go_script_lint.analysis.input_names import normalise, upper_snake
from go_script_lint.analysis.json_types import compatible, json_kinds
from go_script_lint.analysis.origins import confined, value_nodes, variable_names
from go_script_lint.analysis.package_manifest import (
    manifest_of,
    openapi_of,
    reference_problem,
    schema_file_of,
)
from go_script_lint.analysis.parameters import (
    crosscheck,
    field_for,
    marked_structs,
    nested_structs,
)
from go_script_lint.analysis.secrets import (
    bound_names,
    entropy,
    field_set_later,
    is_secret_name,
    is_test_file,
    mask,
)
from go_script_lint.analysis.struct_types import (
    Field,
    TypeIndex,
    file_of,
    struct_fields,
    type_index,
    unwrap_pointer,
)
from go_script_lint.analysis.structtags import source_tag
from go_script_lint.analysis.taint import (
    Source,
    input_source,
    package_has_input,
    sources_of,
)
from go_script_lint.analysis.typeinfo import file_types
from go_script_lint.analysis.typenames import qualified_type
from go_script_lint.analysis.version_features import feature_uses
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Finding, Fix, Level, Location, Replacement, Risk
from go_script_lint.base.rule import Rule, last_identifiers, validate_registry
from go_script_lint.base.yamlpos import YNode
from go_script_lint.golang import go_ast, module_paths
from go_script_lint.golang.directives import (
    GO,
    MODULE,
    SCRIPT,
    Directive,
    header,
    replace_fix,
    span_location,
)
from go_script_lint.golang.gomod import gomod_location, package_gomod
from go_script_lint.golang.parsing import Node, query_captures
from go_script_lint.golang.shebang import has_shebang, shebang_end
from go_script_lint.project.manifest import Parameter, Problem

__all__ = [
    "EXEC_CALL_NAMES",
    "GO",
    "MODE_CALL_NAMES",
    "MODULE",
    "SCRIPT",
    "Directive",
    "EnvRead",
    "Field",
    "FileContext",
    "Finding",
    "Fix",
    "FlagDef",
    "InputCheck",
    "Level",
    "Location",
    "MemoKey",
    "Node",
    "PackageContext",
    "Parameter",
    "ParameterBinding",
    "Problem",
    "Replacement",
    "Risk",
    "Rule",
    "Source",
    "TypeIndex",
    "YNode",
    "archive_entry",
    "assigned_values",
    "bound_names",
    "bound_parameters",
    "compatible",
    "confined",
    "constant_strings",
    "crosscheck",
    "declaring_rhs",
    "defers_of",
    "denied",
    "entropy",
    "entry_name",
    "errcheck",
    "exec_argv",
    "feature_uses",
    "field_for",
    "field_set_later",
    "file_of",
    "file_types",
    "function_calls",
    "go_ast",
    "gomod_location",
    "has_sandbox",
    "has_shebang",
    "header",
    "input_source",
    "is_constant",
    "is_secret_name",
    "is_test_file",
    "json_kinds",
    "last_identifiers",
    "manifest_of",
    "marked_structs",
    "mask",
    "mode_argument",
    "module_paths",
    "need_of",
    "nested_structs",
    "normalise",
    "openapi_of",
    "package_gomod",
    "package_has_input",
    "parameter_bindings",
    "program_name",
    "qualified_type",
    "query_captures",
    "reaches",
    "reference_problem",
    "replace_fix",
    "sandbox_for",
    "schema_file_of",
    "script_go_version",
    "shebang_end",
    "short_callee",
    "show_mode",
    "source_tag",
    "sources_of",
    "span_location",
    "special_bits",
    "struct_fields",
    "type_index",
    "umask_cleared",
    "unwrap_pointer",
    "upper_snake",
    "validate_registry",
    "value_nodes",
    "variable_names",
    "version_text",
    "weak_bits",
    "writable_bits",
]
