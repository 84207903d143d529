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
from functools import partial
from typing import TYPE_CHECKING

from go_script_lint.analysis.declaration_events import file_declarations, replay
from go_script_lint.analysis.declarations import (
    UNKNOWN,
    PackageDecls,
    Results,
    TypeNamer,
    enclosing_type_parameters,
)
from go_script_lint.analysis.resolve import Resolver
from go_script_lint.analysis.scopes import Definition
from go_script_lint.analysis.typeshapes import (
    channel_element,
    element,
    function_results,
    pointee,
    range_variable_type,
)
from go_script_lint.analysis.typeuniverse import TypeUniverse
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.gomod import package_gomod
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

MAX_DEPTH = 16  # bound on identifier → initialiser → call chains


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
        error_positions: 0-based positions of the results that are errors
            (``error``, or a named type implementing it: ``syscall.Errno``).
    """

    display: str
    keys: tuple[str, ...]
    results: Results
    error_positions: tuple[int, ...] = ()


class PackageTypes:
    """Declarations of the analysed package, by unit (package name; a `go:build ignore` file alone)."""

    def __init__(self, pkg: PackageContext) -> None:
        """Declarations are collected per unit when a file of it first asks."""
        self.pkg = pkg
        self._units: dict[str, PackageDecls] = {}
        mod = package_gomod(pkg)
        # GOROOT/src: `golang.org/x/...` imports are the vendored copies.
        self.in_std = mod is not None and mod.module == "std"

    def unit(self, unit_key: str) -> PackageDecls:
        """Every package-level declaration of the unit's files (first one wins).

        A directory's external tests (``package x_test``) are a unit of their
        own: analysing ``x`` never reads them.
        """
        decls = self._units.get(unit_key)
        if decls is None:
            decls = self._units[unit_key] = PackageDecls()
            for f in self.pkg.files:
                if f.unit_key == unit_key:
                    replay(file_declarations(f), decls)
        return decls

    def units_read(self) -> frozenset[str]:
        """The units whose declarations were read so far (each when first needed)."""
        return frozenset(self._units)

    def file_for(self, resolver: Resolver) -> FileContext | None:
        """The file a resolver belongs to (for declarations in other files)."""
        return self.pkg.file_of(resolver)


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
        self.pkg_name = ctx.package_name or "main"
        self.namer = TypeNamer(ctx.imports.by_name, "")
        self.universe = TypeUniverse(
            partial(self.package.unit, ctx.unit_key),  # no cycle back to this file
            self.pkg_name,
            ctx.imports.dot_imports,
            self.package.in_std,
        )
        self._types: dict[int, str | None] = {}

    def _callee(self, display: str, keys: tuple[str, ...], results: Results) -> Callee:
        errors = tuple(
            i for i, r in enumerate(results) if self.universe.implements_error(r)
        )
        return Callee(display, keys, results, errors)

    # -- calls ---------------------------------------------------------------

    def callee(self, call: Node, depth: int = 0) -> Callee | None:
        """What a ``call_expression`` calls, when its results are known."""
        fn = go_ast.call_function(call)
        if fn is None or depth > MAX_DEPTH:
            return None
        if fn.type == "identifier":
            return self._ident_callee(fn, depth)
        if fn.type == "func_literal":
            results = self.namer.results(
                fn.child_by_field_name("result"), enclosing_type_parameters(fn)
            )
            return self._callee("func literal", (), results)
        if fn.type != "selector_expression":
            return self._value_callee(fn, (), depth)  # `handlers[k](w)`, `mk()()`
        parts = go_ast.selector_parts(fn)
        if parts is None:
            return None
        operand, name = parts
        qualified = self.ctx.callee(call)  # memoised: other rules asked already
        if qualified is not None:
            return self._package_callee(qualified)
        recv = self.type_of(operand, depth + 1)
        if recv is None:
            return None
        universe = self.universe
        static = universe.type_decl(recv)
        hit = universe.method(recv, name)
        if hit is None:  # a field of function type: `cfg.GetCertificate(hello)`
            keys: tuple[str, ...] = (f"{static[1]}.{name}",) if static else ()
            return self._value_callee(fn, keys, depth)
        results, declaring, pointer = hit
        static_key = static[1] if static is not None else declaring
        star = "*" if recv.startswith("*") or pointer else ""
        shown = (
            static_key
            if static_key != f"{self.pkg_name}.{recv.lstrip('*')}"
            else recv.lstrip("*")
        )
        display = f"({star}{shown}).{name}" if star else f"{shown}.{name}"
        keys = tuple(dict.fromkeys((f"{static_key}.{name}", f"{declaring}.{name}")))
        return self._callee(display, keys, results)

    def _package_callee(self, qualified: str) -> Callee | None:
        """``os.Remove``, or ``poll.CloseFunc``: a package variable of function type."""
        path, name = qualified.rsplit(".", 1)
        found = self.universe.func_results(path, name)
        if found is None:
            typed = self.universe.var_type(path, name)
            found = function_results(typed) if typed is not None else None
        return (
            self._callee(qualified, (qualified,), found) if found is not None else None
        )

    def _value_callee(
        self, fn: Node, keys: tuple[str, ...], depth: int
    ) -> Callee | None:
        """A call of a function value: a variable, parameter, field or expression."""
        typed = self.type_of(fn, depth + 1)
        named = self.universe.type_decl(typed) if typed is not None else None
        if named is not None and named[0].kind in ("named", "alias"):
            typed = named[0].target  # `type WalkFunc func(...) error`
        results = function_results(typed) if typed is not None else None
        if results is None:
            return None
        shown = " ".join(text(fn).split())
        return self._callee(
            shown if len(shown) <= 60 else "function value", keys, results
        )

    def _ident_callee(self, fn: Node, depth: int) -> Callee | None:
        name = text(fn)
        d = self.ctx.resolver.lookup(fn)
        if d is None:
            qualified = self.ctx.qualified_name(fn)  # a dot import
            return self._package_callee(qualified) if qualified is not None else None
        if d.kind == "func" and d.scope is None:
            results = self.universe.local.funcs.get(name)
            key = f"{self.pkg_name}.{name}"
            return self._callee(name, (key,), results) if results is not None else None
        if d.kind in ("var", "param", "range"):  # `listen := func(...) ...`
            keys = (f"{self.pkg_name}.{name}",) if d.scope is None else ()
            return self._value_callee(fn, keys, depth)
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
                switched = _type_switch_case_type(d, node)
                if switched is not None:
                    return self.namer.name(switched)
                return self._definition_type(d, depth)
            qualified = self.ctx.qualified_name(node)  # a dot-imported variable
            if qualified is None:
                return None
            return self.universe.var_type(*qualified.rsplit(".", 1))
        if kind == "selector_expression":
            qualified = self.ctx.qualified_name(node)
            if qualified is not None:
                return self.universe.var_type(*qualified.rsplit(".", 1))
            parts = go_ast.selector_parts(node)
            recv = self.type_of(parts[0], depth + 1) if parts is not None else None
            return (
                self.universe.field(recv, parts[1])
                if recv is not None and parts is not None
                else None
            )
        if kind == "func_literal":
            result = node.child_by_field_name("result")
            tparams = enclosing_type_parameters(node)
            return "func{" + ",".join(self.namer.results(result, tparams)) + "}"
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
        if callee is None:
            return self._conversion_type(fn) if len(args) == 1 else None
        if len(callee.results) != 1:
            return None
        return callee.results[0]

    def _conversion_type(self, fn: Node | None) -> str | None:
        """``jsontext.Value(b)``, ``Value(b)``: a conversion to a named type."""
        if fn is None or fn.type not in ("identifier", "selector_expression"):
            return None
        if fn.type == "identifier":
            d = self.ctx.resolver.lookup(fn)
            if d is not None:
                return text(fn) if d.kind == "type" and d.scope is None else None
        qualified = self.ctx.qualified_name(fn)
        if qualified is None:
            return None
        return qualified if self.universe.type_decl(qualified) is not None else None

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
            tparams = enclosing_type_parameters(holder)
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


def _type_switch_case_type(d: Definition, use: Node) -> Node | None:
    """The type ``x`` has where it is used in ``switch x := v.(type) { case T: … }``:
    ``T`` when the case names exactly one type (else the type is not known)."""
    holder = d.node.parent
    switch = holder.parent if holder is not None else None
    if switch is None or switch.type != "type_switch_statement":
        return None
    node: Node | None = use
    while node is not None and node.parent is not None and node.parent.id != switch.id:
        node = node.parent
    if node is None or node.type != "type_case":
        return None
    types = node.children_by_field_name("type")
    if len(types) != 1 or types[0].type == "nil":
        return None
    return types[0]
