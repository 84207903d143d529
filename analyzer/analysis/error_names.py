"""Which calls can return an error at all: the error rules' cheap pre-filter.

Typing a call (:meth:`FileTypes.callee
<go_script_lint.analysis.typeinfo.FileTypes.callee>`) is the costliest question
GSL301/GSL302 ask, and nine call statements in ten cannot return an error
whatever they resolve to. The filter looks at the call's last name only, read
from the tree without resolving anything:

- ``x.name(…)``: a package member ``name`` of the standard-library index, a
  method ``name`` of a type of the index or of the file's unit, or a field
  ``name`` of function type (``cfg.GetCertificate(hello)``, an embedded
  ``hook``) must return an error;
- ``name(…)``: a function ``name`` of the unit must return an error, or
  ``name`` must be declared as a variable somewhere it could be seen from (a
  function value); a file with dot imports is not filtered;
- ``func() {…}()``: the literal must have results.

The name sets are computed from those declarations with typeinfo's own test
(:meth:`TypeUniverse.implements_error
<go_script_lint.analysis.typeuniverse.TypeUniverse.implements_error>` of each
result, function-typed fields read as ``FileTypes._value_callee`` reads them),
so what the index or the test learns flows in. The index's share is
precompiled (:mod:`~go_script_lint.analysis.stdlib_error_names`).
``tests/test_error_names.py`` checks on every fixture that the filter never
hides an error-returning callee.
"""

from __future__ import annotations

from dataclasses import dataclass

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.declarations import PackageDecls
from go_script_lint.analysis.stdlib_error_names import (
    ErrorNames,
    error_names_of,
    stdlib_error_names,
)
from go_script_lint.analysis.typeinfo import file_types
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

_UNIT_NAMES: MemoKey[UnitNames] = MemoKey("error-names.unit")
_UNIT_VARIABLES: MemoKey[frozenset[str] | None] = MemoKey("error-names.variables")


@dataclass(frozen=True, slots=True)
class UnitNames:
    """What one unit (with one set of dot imports) adds to the index's names."""

    selectors: frozenset[str]  # methods and fields `x.name(…)` that may return an error
    members: frozenset[str]  # package members `pkg.name(…)` that may
    funcs: frozenset[str]  # the unit's functions returning an error
    variables: frozenset[str] | None  # its package-level variables (None: unknown)


def _unit_variables(ctx: FileContext) -> frozenset[str] | None:
    """Package-level variable names of ``ctx``'s unit (``None``: any name may be one)."""
    names: set[str] = set()
    for other in ctx.package.files:
        if other.unit_key != ctx.unit_key:
            continue
        found = other.top_level_variables()  # kept by files read for context only
        if found is None:
            return None
        names |= found
    return frozenset(names)


def _unit_names(ctx: FileContext) -> UnitNames:
    universe = file_types(ctx).universe
    local: PackageDecls = universe.local
    found: ErrorNames = error_names_of(local.types.values(), universe, False)
    std = stdlib_error_names()
    funcs = frozenset(
        name
        for name, results in local.funcs.items()
        if any(map(universe.implements_error, results))
    )
    return UnitNames(
        selectors=std.methods | std.fields | found.methods | found.fields,
        members=std.members,
        funcs=funcs,
        variables=ctx.package.memo(
            _UNIT_VARIABLES.at(ctx.unit_key), lambda: _unit_variables(ctx)
        ),
    )


class CallFilter:
    """The pre-filter for the calls of one file."""

    __slots__ = ("_ctx", "_funcs", "_members", "_open", "_selectors", "_variables")

    def __init__(self, unit: UnitNames, ctx: FileContext) -> None:
        """Filter the calls of ``ctx`` with ``unit``'s names."""
        self._ctx = ctx
        self._selectors = unit.selectors
        self._members = unit.members
        self._funcs = unit.funcs
        self._variables = unit.variables or frozenset()
        # `Foo()` may be a dot-imported function: its results come from the index.
        self._open = bool(ctx.imports.dot_imports) or unit.variables is None

    def admits(self, call: Node) -> bool:
        """False only when no declaration ``call`` could resolve to returns an error."""
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "parenthesized_expression":
            fn = go_ast.unparen(fn)
        if fn is None:
            return False
        kind = fn.type
        if kind == "selector_expression":
            name = go_ast.text(fn.child_by_field_name("field"))
            if name in self._selectors:
                return True
            # `pkg.name(…)`: asked only of names some package member has.
            return name in self._members and self._ctx.callee(call) is not None
        if kind == "identifier":
            if self._open:
                return True
            name = go_ast.text(fn)
            return (
                name in self._funcs
                or name in self._variables
                or self._ctx.resolver.declares_locally(name)
            )
        if kind == "func_literal":
            return fn.child_by_field_name("result") is not None
        return True  # `handlers[k](w)`, `mk()()`: typeinfo decides


_FILE_FILTER: MemoKey[CallFilter] = MemoKey("error-names.file")


def call_filter(ctx: FileContext) -> CallFilter:
    """The filter for ``ctx``: built once per unit and set of dot imports (all a
    file's type universe depends on besides its unit), and kept per file."""

    def build() -> CallFilter:
        dots = ctx.imports.dot_imports
        key = _UNIT_NAMES.at(ctx.unit_key, dots)
        unit = ctx.package.memo(key, lambda: _unit_names(ctx))
        return CallFilter(unit, ctx)

    return ctx.memo(_FILE_FILTER, build)


def may_return_error(ctx: FileContext, call: Node) -> bool:
    """False only when no declaration ``call`` could resolve to returns an error."""
    return call_filter(ctx).admits(call)
