"""Local type inference without a type checker.

Types come from three places: the standard-library signature index
(:mod:`go_script_lint.analysis.signatures`), the declarations of every file of the analysed
package (:class:`PackageTypes`, cached per directory), and intra-procedural
inference from declarations and calls (:class:`FileTypes`, cached per file):
``x, err := os.Open(p)``, ``var w bytes.Buffer``, ``f := &T{}``, parameters
and receivers, struct fields (with embedded promotion) and method calls.
Anything not known is ``None``: callers stay silent rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.analysis.declarations import (
    UNKNOWN,
    PackageDecls,
    Results,
    TypeDecl,
    TypeNamer,
    collect,
    type_parameters,
)
from go_script_lint.analysis.resolve import Resolver
from go_script_lint.analysis.scopes import Definition
from go_script_lint.analysis.signatures import stdlib
from go_script_lint.analysis.typeshapes import (
    channel_element,
    element,
    pointee,
    range_variable_type,
)
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

MAX_DEPTH = 16  # bound on identifier → initialiser → call chains
_COMPOSITE = ("[", "map[", "func{", "chan{", "struct{", "interface{", UNKNOWN)
_ERROR_DECL = TypeDecl("interface", methods={"Error": ("string",)})


@dataclass(frozen=True, slots=True)
class Callee:
    """A call whose results are known.

    Attributes:
        display: How messages name it: ``os.Remove``, ``(*os.File).Close``,
            ``io.Writer.Write``, ``save`` (a function of the package).
        keys: Names exclusion globs match: ``os.Remove``,
            ``os.File.Close``, and for a promoted or interface method also the
            declaring type's (``io.Writer.Write`` for ``hash.Hash.Write``).
        results: Result types, one per value.
    """

    display: str
    keys: tuple[str, ...]
    results: Results

    @property
    def error_positions(self) -> tuple[int, ...]:
        """0-based positions of ``error`` results."""
        return tuple(i for i, r in enumerate(self.results) if r == "error")


def _is_named(type_str: str) -> bool:
    return not type_str.lstrip("*").startswith(_COMPOSITE)


class PackageTypes:
    """Declarations of the analysed package, by unit (package name; a `go:build ignore` file alone)."""

    def __init__(self, pkg: PackageContext) -> None:
        """Collect every file's package-level declarations."""
        self.pkg = pkg
        self.by_name: dict[str, PackageDecls] = {}
        for f in pkg.files:
            decls = self.by_name.setdefault(f.unit_key, PackageDecls())
            collect(
                f.root, TypeNamer(f.imports.by_name, ""), decls, exported_only=False
            )

    def file_for(self, resolver: Resolver) -> FileContext | None:
        """The file a resolver belongs to (for declarations in other files)."""
        return next((f for f in self.pkg.files if f.resolver is resolver), None)


PACKAGE_TYPES: MemoKey[PackageTypes] = MemoKey("analysis.package-types")
FILE_TYPES: MemoKey[FileTypes] = MemoKey("analysis.file-types")


def package_types(pkg: PackageContext) -> PackageTypes:
    """The package's declarations, computed once per directory."""
    return pkg.memo(PACKAGE_TYPES, lambda: PackageTypes(pkg))


def file_types(ctx: FileContext) -> FileTypes:
    """Type inference for one file, computed lazily and cached on the file."""
    return ctx.memo(FILE_TYPES, lambda: FileTypes(ctx))


class FileTypes:
    """Expression types and call results in one file."""

    def __init__(self, ctx: FileContext) -> None:
        """Infer types in ``ctx``'s file."""
        self.ctx = ctx
        self.package = package_types(ctx.package)
        self.local = self.package.by_name.get(ctx.unit_key, PackageDecls())
        self.pkg_name = ctx.package_name or "main"
        self.namer = TypeNamer(ctx.imports.by_name, "")
        self._types: dict[int, str | None] = {}

    # -- the type universe ---------------------------------------------------

    def type_decl(self, type_str: str) -> tuple[TypeDecl, str] | None:
        """Declaration of a named type and the key prefix naming it (``os.File``)."""
        base = type_str.lstrip("*")
        if not _is_named(base):
            return None
        if "." in base:
            path, name = base.rsplit(".", 1)
            decl = stdlib().type_decl(path, name)
            return (decl, base) if decl is not None else None
        if base == "error":
            return _ERROR_DECL, "error"
        local = self.local.types.get(base)
        if local is not None:
            return local, f"{self.pkg_name}.{base}"
        # `. "net/http"` in a `package http_test` file: `Client` is `http.Client`.
        for path in self.ctx.imports.dot_imports:
            decl = stdlib().type_decl(path, base)
            if decl is not None:
                return decl, f"{path}.{base}"
        return None

    def method(
        self, type_str: str, name: str, depth: int = 0
    ) -> tuple[Results, str, bool] | None:
        """Results of method ``name`` on ``type_str``, its declaring type, pointer receiver."""
        found = self.type_decl(type_str) if depth <= 6 else None
        if found is None:
            return None
        decl, key = found
        if decl.kind == "alias" or (
            decl.kind == "named" and decl.target and name not in decl.methods
        ):
            target = self.type_decl(decl.target) if decl.kind == "named" else None
            if decl.kind == "alias" or (
                target is not None and target[0].kind == "interface"
            ):
                return self.method(decl.target, name, depth + 1)
        if name in decl.methods:
            return decl.methods[name], key, name in decl.pointer_methods
        for embedded in decl.embeds:
            hit = self.method(embedded, name, depth + 1)
            if hit is not None:
                return hit
        return None

    def field(self, type_str: str, name: str, depth: int = 0) -> str | None:
        """Type of field ``name`` of a struct type (embedded fields promoted)."""
        found = self.type_decl(type_str) if depth <= 6 else None
        if found is None:
            return None
        decl, _ = found
        if decl.kind == "alias":
            return self.field(decl.target, name, depth + 1)
        if name in decl.fields:
            return decl.fields[name]
        for embedded in decl.embeds:
            if embedded.lstrip("*").rsplit(".", 1)[-1] == name:
                return embedded
        for embedded in decl.embeds:
            hit = self.field(embedded, name, depth + 1)
            if hit is not None:
                return hit
        return None

    # -- calls ---------------------------------------------------------------

    def callee(self, call: Node, depth: int = 0) -> Callee | None:
        """What a ``call_expression`` calls, when its results are known."""
        fn = go_ast.call_function(call)
        if fn is None or depth > MAX_DEPTH:
            return None
        if fn.type == "identifier":
            return self._ident_callee(fn)
        if fn.type == "func_literal":
            results = self.namer.results(fn.child_by_field_name("result"), frozenset())
            return Callee("func literal", (), results)
        if fn.type != "selector_expression":
            return None
        parts = go_ast.selector_parts(fn)
        if parts is None:
            return None
        operand, name = parts
        qualified = self.ctx.callee(call)  # memoised: other rules asked already
        if qualified is not None:
            path = qualified.rsplit(".", 1)[0]
            found = stdlib().func_results(path, name)
            return Callee(qualified, (qualified,), found) if found is not None else None
        recv = self.type_of(operand, depth + 1)
        if recv is None:
            return None
        hit = self.method(recv, name)
        if hit is None:
            return None
        results, declaring, pointer = hit
        static = self.type_decl(recv)
        static_key = static[1] if static is not None else declaring
        star = "*" if recv.startswith("*") or pointer else ""
        shown = (
            static_key
            if static_key != f"{self.pkg_name}.{recv.lstrip('*')}"
            else recv.lstrip("*")
        )
        display = f"({star}{shown}).{name}" if star else f"{shown}.{name}"
        keys = tuple(dict.fromkeys((f"{static_key}.{name}", f"{declaring}.{name}")))
        return Callee(display, keys, results)

    def _ident_callee(self, fn: Node) -> Callee | None:
        name = text(fn)
        d = self.ctx.resolver.lookup(fn)
        if d is None:
            qualified = self.ctx.qualified_name(fn)  # a dot import
            if qualified is None:
                return None
            results = stdlib().func_results(qualified.rsplit(".", 1)[0], name)
            return (
                Callee(qualified, (qualified,), results)
                if results is not None
                else None
            )
        if d.kind == "func" and d.scope is None:
            results = self.local.funcs.get(name)
            key = f"{self.pkg_name}.{name}"
            return Callee(name, (key,), results) if results is not None else None
        return None

    # -- expressions ---------------------------------------------------------

    def type_of(self, expr: Node | None, depth: int = 0) -> str | None:
        """Static type of an expression, or ``None`` when it is not known."""
        node = go_ast.unparen(expr)
        if node is None or depth > MAX_DEPTH:
            return None
        cached = self._types.get(node.id, UNKNOWN)
        if cached != UNKNOWN:
            return cached
        self._types[node.id] = None  # cycle guard
        found = self._type_of(node, depth)
        found = None if found is None or UNKNOWN in found.lstrip("*[]_") else found
        self._types[node.id] = found
        return found

    def _type_of(self, node: Node, depth: int) -> str | None:
        kind = node.type
        if kind == "identifier":
            d = self.ctx.resolver.lookup(node)
            if d is not None:
                return self._definition_type(d, depth)
            qualified = self.ctx.qualified_name(node)  # a dot-imported variable
            if qualified is None:
                return None
            path, name = qualified.rsplit(".", 1)
            return stdlib().var_type(path, name)
        if kind == "selector_expression":
            qualified = self.ctx.qualified_name(node)
            if qualified is not None:
                path, name = qualified.rsplit(".", 1)
                return stdlib().var_type(path, name)
            parts = go_ast.selector_parts(node)
            recv = self.type_of(parts[0], depth + 1) if parts is not None else None
            return (
                self.field(recv, parts[1])
                if recv is not None and parts is not None
                else None
            )
        if kind == "composite_literal":
            return self.namer.name(node.child_by_field_name("type"))
        if kind == "unary_expression":
            op = text(node.child_by_field_name("operator"))
            inner = self.type_of(node.child_by_field_name("operand"), depth + 1)
            if inner is None:
                return None
            if op == "&":
                return "*" + inner
            return (
                pointee(inner)
                if op == "*"
                else (channel_element(inner) if op == "<-" else None)
            )
        if kind == "index_expression":
            operand = self.type_of(node.child_by_field_name("operand"), depth + 1)
            return element(operand) if operand is not None else None
        if kind == "type_assertion_expression":
            return self.namer.name(node.child_by_field_name("type"))
        if kind == "call_expression":
            return self._call_type(node, depth)
        return None

    def _call_type(self, call: Node, depth: int) -> str | None:
        fn = go_ast.call_function(call)
        args = go_ast.call_args(call)
        if (
            fn is not None
            and fn.type == "identifier"
            and text(fn) in ("new", "make")
            and args
            and self.ctx.resolver.lookup(fn) is None
        ):
            star = "*" if text(fn) == "new" else ""
            return star + self.namer.name(args[0])
        callee = self.callee(call, depth + 1)
        if callee is None or len(callee.results) != 1:
            return None
        return callee.results[0]

    def _definition_type(self, d: Definition, depth: int) -> str | None:
        if d.kind == "range" and d.resolver is self.ctx.resolver:
            return range_variable_type(d.node, lambda n: self.type_of(n, depth + 1))
        if d.kind not in ("var", "param"):
            return None
        if d.resolver is not self.ctx.resolver:
            other = self.package.file_for(d.resolver)
            return (
                file_types(other)._definition_type(d, depth)
                if other is not None
                else None
            )
        holder = d.node.parent
        if holder is None:
            return None
        if holder.type in ("parameter_declaration", "variadic_parameter_declaration"):
            tparams = _enclosing_type_parameters(holder)
            type_name = self.namer.name(holder.child_by_field_name("type"), tparams)
            return (
                "[]" + type_name
                if holder.type == "variadic_parameter_declaration"
                else type_name
            )
        if holder.type == "var_spec" and holder.child_by_field_name("type") is not None:
            return self.namer.name(holder.child_by_field_name("type"))
        if d.value is not None:
            return self.type_of(d.value, depth + 1)
        return self._multi_value_type(d, holder, depth)

    def _multi_value_type(self, d: Definition, holder: Node, depth: int) -> str | None:
        """``x, err := f()``: the result of ``f`` at ``x``'s position."""
        if holder.type == "expression_list":
            names = go_ast.expression_list_items(holder)
            stmt = holder.parent
            value = stmt.child_by_field_name("right") if stmt is not None else None
        elif holder.type == "var_spec":
            names = list(holder.children_by_field_name("name"))
            value = holder.child_by_field_name("value")
        else:
            return None
        values = go_ast.expression_list_items(value)
        call = go_ast.unparen(values[0]) if len(values) == 1 else None
        if call is not None and len(names) == 2 and call.type in _COMMA_OK:
            # `v, ok := x.(T)`, `v, ok := m[k]`, `v, ok := <-ch`
            first = names[0].id == d.node.id
            return self.type_of(call, depth + 1) if first else "bool"
        if call is None or call.type != "call_expression":
            return None
        callee = self.callee(call, depth + 1)
        index = next((i for i, n in enumerate(names) if n.id == d.node.id), -1)
        if callee is None or len(callee.results) != len(names) or index < 0:
            return None
        return callee.results[index]


_COMMA_OK = frozenset(
    {"type_assertion_expression", "index_expression", "unary_expression"}
)


def _enclosing_type_parameters(node: Node) -> frozenset[str]:
    func = go_ast.enclosing(
        node, frozenset({"function_declaration", "method_declaration"})
    )
    if func is None:
        return frozenset()
    if func.type == "function_declaration":
        return type_parameters(func.child_by_field_name("type_parameters"))
    receiver = func.child_by_field_name("receiver")
    found: set[str] = set()
    for generic in _descendants_of_type(receiver, "type_arguments"):
        found.update(text(i) for e in generic.named_children for i in e.named_children)
    return frozenset(found)


def _descendants_of_type(node: Node | None, kind: str, depth: int = 0) -> list[Node]:
    if node is None or depth > 6:
        return []
    out = [node] if node.type == kind else []
    for child in node.named_children:
        out.extend(_descendants_of_type(child, kind, depth + 1))
    return out
