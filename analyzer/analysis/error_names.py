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
precompiled (:mod:`~go_script_lint.analysis.stdlib_error_names`) and tested
first; the unit's share (its declarations) and its variables (every file's
top-level names) are read only when a call's name misses the cheaper tests.
Names are compared as the bytes the source spells them, never decoded.
``tests/test_error_names.py`` checks on every fixture that the filter never
hides an error-returning callee.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

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

_UNIT_NAMES: MemoKey[NameSet] = MemoKey("error-names.unit")
_UNIT_VARIABLES: MemoKey[frozenset[str] | None] = MemoKey("error-names.variables")


@dataclass(frozen=True, slots=True)
class NameSet:
    """Names as the source spells them, for ``x.name(…)`` and ``name(…)`` calls.

    Bytes: a call's name is tested without decoding it. The grammar reads no
    invalid UTF-8 into an identifier (such bytes are an ``ERROR`` node), so
    bytes are equal exactly when the decoded names are.
    """

    selectors: frozenset[bytes]
    funcs: frozenset[bytes]

    @staticmethod
    def of(selectors: Iterable[str], funcs: Iterable[str]) -> NameSet:
        """The set of these decoded names."""
        return NameSet(_encoded(selectors), _encoded(funcs))


def _encoded(names: Iterable[str]) -> frozenset[bytes]:
    return frozenset(n.encode() for n in names)


@cache
def _stdlib_names() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The index's method and field names, and its package members'."""
    std = stdlib_error_names()
    return _encoded(std.methods | std.fields), _encoded(std.members)


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


def _unit_names(ctx: FileContext) -> NameSet:
    """The unit's methods and fields, and functions, that may return an error."""
    universe = file_types(ctx).universe
    local: PackageDecls = universe.local
    found: ErrorNames = error_names_of(local.types.values(), universe, False)
    funcs = frozenset(
        name
        for name, results in local.funcs.items()
        if any(map(universe.implements_error, results))
    )
    return NameSet.of(found.methods | found.fields, funcs)


class CallFilter:
    """The pre-filter for the calls of one file.

    The index's names are tested first. The unit's own names need the unit's
    declarations and its variables every file's top-level names: both are
    read only when a call's name misses the cheaper tests.
    """

    __slots__ = ("_ctx", "_members", "_open", "_std", "_unit", "_variables")

    def __init__(self, ctx: FileContext) -> None:
        """Filter the calls of ``ctx``."""
        self._ctx = ctx
        self._std, self._members = _stdlib_names()
        self._unit: NameSet | None = None
        self._variables: frozenset[str] | None = None
        self._open = False  # any `name(…)` may return an error (set with the variables)

    def _unit_names(self) -> NameSet:
        unit = self._unit
        if unit is None:
            ctx = self._ctx
            key = _UNIT_NAMES.at(ctx.unit_key, ctx.imports.dot_imports)
            unit = self._unit = ctx.package.memo(key, lambda: _unit_names(ctx))
        return unit

    def _may_call_value(self, name: str) -> bool:
        """``name`` may be a package-level variable (a function value)."""
        variables = self._variables
        if variables is None:
            ctx = self._ctx
            found = ctx.package.memo(
                _UNIT_VARIABLES.at(ctx.unit_key), lambda: _unit_variables(ctx)
            )
            # `Foo()` may be a dot-imported function: its results come from the index.
            self._open = bool(ctx.imports.dot_imports) or found is None
            variables = self._variables = found or frozenset()
        return self._open or name in variables

    def admits(self, call: Node) -> bool:
        """False only when no declaration ``call`` could resolve to returns an error."""
        fn = go_ast.call_function(call)
        if fn is None:
            return False
        kind = fn.type
        if kind == "selector_expression":
            field = fn.child_by_field_name("field")
            name = field.text if field is not None else None
            if name is None:
                return False  # a broken selector: nothing it could name
            if name in self._std:
                return True
            # `pkg.name(…)`: asked only of names some package member has.
            if name in self._members and self._ctx.callee(call) is not None:
                return True
            return name in self._unit_names().selectors
        if kind == "identifier":
            raw = fn.text
            if raw is None:
                return False
            decoded = raw.decode("utf-8", errors="replace")  # as go_ast.text reads it
            return (
                self._ctx.resolver.declares_locally(decoded)
                or raw in self._unit_names().funcs
                or self._may_call_value(decoded)
            )
        if kind == "func_literal":
            return fn.child_by_field_name("result") is not None
        return True  # `handlers[k](w)`, `mk()()`: typeinfo decides


_FILE_FILTER: MemoKey[CallFilter] = MemoKey("error-names.file")


def call_filter(ctx: FileContext) -> CallFilter:
    """The filter for ``ctx``, kept per file; the unit's names are read once per
    unit and set of dot imports (all a file's type universe depends on besides
    its unit)."""

    return ctx.memo(_FILE_FILTER, lambda: CallFilter(ctx))


def may_return_error(ctx: FileContext, call: Node) -> bool:
    """False only when no declaration ``call`` could resolve to returns an error."""
    return call_filter(ctx).admits(call)
