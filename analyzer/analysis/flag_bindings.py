"""Where a script takes its inputs: flag definitions and environment reads.

Real scripts rarely decode a parameters struct; they define flags with the
standard ``flag`` package, with ``spf13/pflag`` or through cobra commands, and
read environment variables. This module finds those definitions in the
entrypoint's package, by import path and without the libraries' sources:

* ``flag.String(name, default, usage)`` and every other kind, their ``…Var``
  forms, ``Var``/``TextVar``/``Func``/``BoolFunc``, package-level or on a
  ``*flag.FlagSet`` (a variable, parameter or field of that type, or the result
  of ``NewFlagSet``);
* the same for ``pflag`` plus its ``…P`` shorthand forms and extra kinds, on
  ``pflag`` itself, a ``*pflag.FlagSet`` or a cobra ``cmd.Flags()`` /
  ``cmd.PersistentFlags()``;
* ``os.Getenv`` / ``os.LookupEnv`` with a constant name.

:mod:`go_script_lint.analysis.input_bindings` matches them with the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.analysis.flag_kinds import NO_DEFAULT, PFLAG_KINDS, split_method
from go_script_lint.analysis.json_types import ANY
from go_script_lint.analysis.struct_types import package_files
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, iter_nodes_of_types

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

STD = "flag"
PFLAG = "github.com/spf13/pflag"
COBRA = "github.com/spf13/cobra"
ENV_READS = frozenset({"os.Getenv", "os.LookupEnv"})
# cobra methods returning the command's *pflag.FlagSet.
COBRA_FLAGSETS = frozenset(
    {
        "Flags",
        "PersistentFlags",
        "LocalFlags",
        "InheritedFlags",
        "LocalNonPersistentFlags",
        "NonInheritedFlags",
    }
)


@dataclass(frozen=True, slots=True)
class FlagDef:
    """One flag definition.

    Attributes:
        name: The flag's name as given (without dashes).
        kind: ``String``, ``Int``, ``Duration``, ``StringSlice`` … (forms folded).
        library: ``flag`` or ``pflag`` (cobra defines pflag flags).
        call: The defining call; ``name_node`` its name argument.
        default: The default argument, when the kind has one.
        target: Text of the expression holding the value (``*mode``,
            ``cfg.Mode``), when the definition's result is kept.
    """

    name: str
    kind: str
    library: str
    call: Node
    name_node: Node
    default: Node | None
    target: str | None
    file: FileContext

    @property
    def json_kinds(self) -> frozenset[str]:
        """The parameter types the flag's kind can take."""
        return PFLAG_KINDS.get(self.kind, ANY)

    def constant_default(self) -> tuple[bool, object]:
        """(known, value) of a constant default: a string, int, float or bool."""
        node = go_ast.unparen(self.default)
        if node is None:
            return False, None
        text = go_ast.text(node)
        if text in ("true", "false"):
            return True, text == "true"
        if node.type == "float_literal":
            try:
                return True, float(text.replace("_", ""))
            except ValueError:
                return False, None
        value = self.file.resolver.const_value(node)
        if value is None and node.type == "unary_expression" and text.startswith("-"):
            inner = self.file.int_value(node.child_by_field_name("operand"))
            value = -inner if inner is not None else None
        return (value is not None), value

    def default_is_zero(self) -> bool:
        """No default argument, or a constant zero value (``""``, ``0``, ``false``)."""
        if self.default is None:
            return True
        known, value = self.constant_default()
        return known and not value

    @property
    def spelled(self) -> str:
        """How messages write the flag (``-limit``, ``--batch-size``)."""
        return ("--" if self.library == "pflag" else "-") + self.name


@dataclass(frozen=True, slots=True)
class EnvRead:
    """An environment read with a constant name."""

    name: str
    call: Node
    name_node: Node
    file: FileContext


@dataclass(frozen=True, slots=True)
class ScriptInputs:
    """The flags and environment reads of a package, in file and source order."""

    flags: tuple[FlagDef, ...]
    env_reads: tuple[EnvRead, ...]
    required_flags: frozenset[str]  # cobra `MarkFlagRequired("name")`


#: Per package clause name (``.at(package_name)``).
SCRIPT_INPUTS: MemoKey[ScriptInputs] = MemoKey("analysis.script-inputs")


def script_inputs(pkg: PackageContext, package_name: str | None = None) -> ScriptInputs:
    """Flags and environment reads of the package's non-test files (cached)."""
    return pkg.memo(SCRIPT_INPUTS.at(package_name), lambda: _collect(pkg, package_name))


def _collect(pkg: PackageContext, package_name: str | None) -> ScriptInputs:
    files = package_files(pkg, package_name)
    cobra = any(COBRA in f.imports.paths for f in files)
    sets = _flagset_names(files, cobra)
    flags: list[FlagDef] = []
    envs: list[EnvRead] = []
    required: set[str] = set()
    for f in files:
        relevant = f.imports.paths & {STD, PFLAG, COBRA, "os"}
        if not relevant and not sets and not cobra:
            continue
        for call in iter_nodes_of_types(f.root, ["call_expression"]):
            callee = f.callee(call)
            if callee in ENV_READS:
                env = _env_read(f, call)
                if env is not None:
                    envs.append(env)
                continue
            fn = go_ast.call_function(call)
            parts = go_ast.selector_parts(fn) if fn is not None else None
            if parts is None:
                continue
            operand, method = parts
            if cobra and method in ("MarkFlagRequired", "MarkPersistentFlagRequired"):
                args = go_ast.call_args(call)
                name = f.string_value(args[0]) if args else None
                if name:
                    required.add(name)
                continue
            library = _library_of(f, operand, sets, cobra)
            if library is not None:
                found = _flag_def(f, call, method, library)
                if found is not None:
                    flags.append(found)
    return ScriptInputs(tuple(flags), tuple(envs), frozenset(required))


def _env_read(f: FileContext, call: Node) -> EnvRead | None:
    args = go_ast.call_args(call)
    if not args:
        return None
    name = f.string_value(args[0])
    return EnvRead(name, call, args[0], f) if name else None


def _library_of(
    f: FileContext, operand: Node, sets: dict[str, str], cobra: bool
) -> str | None:
    """``flag``/``pflag`` when ``operand`` is that package or a flag set of it."""
    operand = go_ast.unparen(operand) or operand
    if operand.type == "identifier":
        path = f.resolver.is_package_name(operand)
        if path is not None:
            return _library_for_path(path)
        return sets.get(go_ast.text(operand))
    if operand.type == "selector_expression":
        parts = go_ast.selector_parts(operand)
        if parts is None:
            return None
        inner, field = parts
        if field == "CommandLine" and inner.type == "identifier":
            path = f.resolver.is_package_name(inner)
            return _library_for_path(path) if path is not None else None
        return sets.get(field)
    if operand.type == "call_expression" and cobra:
        fn = go_ast.call_function(operand)
        parts = go_ast.selector_parts(fn) if fn is not None else None
        if parts is not None and parts[1] in COBRA_FLAGSETS:
            return "pflag"
    return None


def _library_for_path(path: str) -> str | None:
    if path == STD:
        return "flag"
    if path == PFLAG or path.endswith("/pflag"):
        return "pflag"
    return None


def _flagset_names(files: list[FileContext], cobra: bool) -> dict[str, str]:
    """Names of variables, parameters and fields holding a flag set → its library."""
    out: dict[str, str] = {}
    kinds = [
        "short_var_declaration",
        "assignment_statement",
        "var_spec",
        "parameter_declaration",
        "field_declaration",
    ]
    for f in files:
        if not (f.imports.paths & {STD, PFLAG, COBRA}) and not cobra:
            continue
        for node in iter_nodes_of_types(f.root, kinds):
            library = _flagset_library(f, node, cobra)
            if library is None:
                continue
            names = node.child_by_field_name("left") or node
            for child in names.named_children:
                if child.type in ("identifier", "field_identifier"):
                    out.setdefault(go_ast.text(child), library)
                elif child.type == "selector_expression":
                    parts = go_ast.selector_parts(child)
                    if parts is not None:
                        out.setdefault(parts[1], library)
                elif child.type == "expression_list":
                    for item in child.named_children:
                        if item.type == "identifier":
                            out.setdefault(go_ast.text(item), library)
    return out


def _flagset_library(f: FileContext, node: Node, cobra: bool) -> str | None:
    """The library of the flag set a declaration or assignment introduces."""
    type_node = node.child_by_field_name("type")
    if type_node is not None:
        inner = type_node
        while inner.type in ("pointer_type",) and inner.named_children:
            inner = inner.named_children[0]
        if inner.type == "qualified_type":
            package = inner.child_by_field_name("package")
            name = inner.child_by_field_name("name")
            path = f.imports.by_name.get(go_ast.text(package))
            if path is not None and go_ast.text(name) == "FlagSet":
                return _library_for_path(path)
        return None
    value = node.child_by_field_name("right") or node.child_by_field_name("value")
    items = go_ast.expression_list_items(value) if value is not None else []
    if len(items) != 1 or items[0].type != "call_expression":
        return None
    call = items[0]
    callee = f.callee(call) or ""
    import_path, _, member = callee.rpartition(".")
    if member == "NewFlagSet":
        return _library_for_path(import_path)
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if cobra and parts is not None and parts[1] in COBRA_FLAGSETS:
        return "pflag"
    return None


def _flag_def(f: FileContext, call: Node, method: str, library: str) -> FlagDef | None:
    split = split_method(method, library)
    if split is None:
        return None
    kind, pointer, short = split
    args = go_ast.call_args(call)
    at = 1 if pointer else 0
    if len(args) <= at:
        return None
    name = f.string_value(args[at])
    if not name:
        return None
    default = None
    if kind not in NO_DEFAULT:
        index = at + (2 if short else 1)
        default = args[index] if index < len(args) else None
    target = _target(call, args[0] if pointer else None)
    return FlagDef(name, kind, library, call, args[at], default, target, f)


def _target(call: Node, pointer_arg: Node | None) -> str | None:
    """The expression holding the flag's value (for inferring enums and requirements)."""
    if pointer_arg is not None:
        arg = go_ast.unparen(pointer_arg)
        if (
            arg is not None
            and arg.type == "unary_expression"
            and go_ast.text(arg).startswith("&")
        ):
            operand = arg.child_by_field_name("operand")
            return go_ast.text(operand) if operand is not None else None
        return "*" + go_ast.text(arg) if arg is not None else None
    parent = call.parent
    if parent is not None and parent.type == "expression_list":
        parent = parent.parent
    if parent is None:
        return None
    if parent.type in ("short_var_declaration", "assignment_statement"):
        left = go_ast.expression_list_items(parent.child_by_field_name("left"))
        right = go_ast.expression_list_items(parent.child_by_field_name("right"))
        if len(left) == len(right):
            for lhs, rhs in zip(left, right, strict=True):
                if rhs.id == call.id:
                    return "*" + go_ast.text(lhs)
    if parent.type == "var_spec":
        names = [c for c in parent.named_children if c.type == "identifier"]
        values = go_ast.expression_list_items(parent.child_by_field_name("value"))
        if len(names) == len(values):
            for lhs, rhs in zip(names, values, strict=True):
                if rhs.id == call.id:
                    return "*" + go_ast.text(lhs)
    return None
