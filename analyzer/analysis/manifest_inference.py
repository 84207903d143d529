"""A script's parameters as the code takes them, for writing ``go-script.yaml``.

Parameters come from the flags, the ``//go-script:parameters`` struct and the
constant environment reads
of the entrypoint's package; inputs whose names normalise equal become one
parameter. Each says where it was inferred from (the writer's comments).
The result is built so that the linter, reading it back, binds every
parameter and finds no GSL402-GSL405/GSL411/GSL412 disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from go_script_lint.analysis.flag_bindings import EnvRead, FlagDef, script_inputs
from go_script_lint.analysis.flag_usage import rejected_when_empty, switched_values
from go_script_lint.analysis.input_names import normalise, upper_snake
from go_script_lint.analysis.json_types import compatible, json_kinds
from go_script_lint.analysis.parameters import marked_structs
from go_script_lint.analysis.struct_types import (
    Field,
    package_files,
    promoted_fields,
    type_index,
)

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

# Preferred parameter type for a set of JSON kinds, in order.
_TYPE_ORDER = ("string", "integer", "number", "boolean", "array", "object")


@dataclass
class InferredParameter:
    """One parameter to write, with the reasons shown as comments."""

    name: str
    type: str
    required: bool = False
    enum: list[str | int] | None = None
    default: object = None
    flag: str | None = None  # written only when the name alone would not bind it
    env: str | None = None
    notes: list[str] = field(default_factory=list)


def _where(f: FileContext, node_line: int) -> str:
    return f"{f.path.rsplit('/', 1)[-1]}:{node_line}"


def choose_type(kinds: frozenset[str] | None) -> tuple[str, str]:
    """A parameter type for JSON kinds, and a note when the choice was arbitrary."""
    if kinds is None:
        return "string", "type not inferred (a type of another package)"
    if "any" in kinds:
        return "string", "any type fits; `string` chosen"
    if kinds == frozenset({"map"}):
        return "object", "a map with non-string keys"
    for candidate in _TYPE_ORDER:
        if candidate in kinds:
            return candidate, ""
    return "string", f"no JSON type for a {'/'.join(sorted(kinds))} value"


def infer_parameters(
    pkg: PackageContext, package_name: str | None, skip_env: frozenset[str]
) -> list[InferredParameter]:
    """The parameters the code takes, by first appearance (struct, flags, environment)."""
    inputs = script_inputs(pkg, package_name)
    files = package_files(pkg, package_name)
    by_key: dict[str, InferredParameter] = {}
    out: list[InferredParameter] = []

    # Flags whose names differ only in case or separators (`-t`, `-T`) are
    # different inputs: they get a parameter each, bound by their exact names.
    spellings: dict[str, set[str]] = {}
    for flag in inputs.flags:
        spellings.setdefault(normalise(flag.name), set()).add(flag.name)

    def slot(name: str, type_: str) -> InferredParameter:
        key = normalise(name)
        if len(spellings.get(key, ())) > 1:
            key = f"={name}"
        if key not in by_key:
            by_key[key] = InferredParameter(name, type_)
            out.append(by_key[key])
        return by_key[key]

    for fld in _struct_fields(pkg, package_name):
        carried = fld.encoding_name() or fld.name
        type_, why = choose_type(
            json_kinds(fld.type_node, type_index(pkg, package_name))
        )
        param = slot(carried, type_)
        line = (fld.name_node or fld.decl).start_point.row + 1
        param.notes.append(f"field `{fld.name}` ({_field_file(pkg, fld)}:{line})")
        if why:
            param.notes.append(why)
    for flag in inputs.flags:
        _add_flag(slot(flag.name, _flag_type(flag)), flag, files, inputs.required_flags)
    for env in inputs.env_reads:
        if env.name in skip_env:
            continue
        name = env.name.lower() if env.name.isupper() or "_" in env.name else env.name
        param = slot(name, "string")
        if upper_snake(param.name) != env.name and param.env is None:
            param.env = env.name
        line = env.call.start_point.row + 1
        param.notes.append(f'`{_callee(env)}("{env.name}")` ({_where(env.file, line)})')
        if not param.required and _env_required(env, files):
            param.required = True
            param.notes.append("required: the script stops when it is empty")
    return out


def _field_file(pkg: PackageContext, fld: Field) -> str:
    root = fld.decl
    while root.parent is not None:
        root = root.parent
    found = pkg.file_with_root(root)
    return found.path.rsplit("/", 1)[-1] if found is not None else "?"


def _callee(env: EnvRead) -> str:
    return env.file.callee(env.call) or "os.Getenv"


def _flag_type(flag: FlagDef) -> str:
    if flag.kind == "BoolFunc":
        return "boolean"
    return choose_type(flag.json_kinds)[0]


def _add_flag(
    param: InferredParameter,
    flag: FlagDef,
    files: list[FileContext],
    marked_required: frozenset[str],
) -> None:
    line = flag.call.start_point.row + 1
    where = _where(flag.file, line)
    param.notes.append(f"flag `{flag.spelled}` ({flag.kind}, {where})")
    if not compatible((param.type,), flag.json_kinds):
        # The code binds the parameter twice, with types that disagree: say so.
        param.notes.append(
            f"conflict: flag `{flag.spelled}` ({where}) cannot take a {param.type}; "
            "GSL405 reports it"
        )
    known, value = flag.constant_default()
    zero = flag.default_is_zero()
    if flag.name in marked_required and zero:
        param.required = True
        param.notes.append("required: cobra `MarkFlagRequired`")
    elif zero and flag.target and rejected_when_empty(files, flag.target):
        param.required = True
        param.notes.append(f"required: the script stops when `{flag.target}` is empty")
    if known and not zero and param.default is None and _fits(value, param.type):
        param.default = value
    if flag.target is None or param.enum is not None:
        return
    cases = switched_values(files, flag.target)
    if cases is None or not all(_fits(c, param.type) for c in cases):
        return
    if known and (value or param.required) and value not in cases:
        param.notes.append(
            f"no enum: the default {value!r} is not among the `switch {flag.target}` cases"
        )
        return
    param.enum = cases
    param.notes.append(f"enum: the cases of `switch {flag.target}`")


def _fits(value: object, type_: str) -> bool:
    """Whether a Go constant can be a YAML value of the parameter type."""
    if isinstance(value, bool):
        return type_ == "boolean"
    if isinstance(value, int):
        return type_ in ("integer", "number")
    if isinstance(value, float):
        return type_ == "number"
    return isinstance(value, str) and type_ == "string"


def _env_required(env: EnvRead, files: list[FileContext]) -> bool:
    parent = env.call.parent
    if parent is not None and parent.type == "expression_list":
        parent = parent.parent
    if parent is None or parent.type not in ("short_var_declaration", "var_spec"):
        return False
    left = parent.child_by_field_name("left") or parent.child_by_field_name("name")
    if left is None:
        return False
    first = left.named_children[0] if left.named_children else left
    return rejected_when_empty(files, first.text.decode() if first.text else "")


def _struct_fields(pkg: PackageContext, package_name: str | None) -> list[Field]:
    """Fields of the marked parameters struct that ``encoding/json`` fills.

    An unmarked struct is never guessed: the written parameters are all bound
    by flags or environment reads, so no struct is bound by coverage either.
    """
    marked = marked_structs(pkg, package_name)
    if not marked:
        return []
    index = type_index(pkg, package_name)
    return [f for f, _ in promoted_fields(marked[0].fields, index) if f.encoding_name()]
