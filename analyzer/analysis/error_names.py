"""Which method calls can return an error at all: the error rules' cheap pre-filter.

Typing a method call's receiver (:meth:`FileTypes.callee
<go_script_lint.analysis.typeinfo.FileTypes.callee>`) is the costliest question
GSL301/GSL302 ask, and most call statements cannot return an error whatever
their receiver is. ``x.name(…)`` that is not a package member takes its
results from a declaration carrying the call's last name: a method ``name`` of
a type of the standard-library index or of the file's unit, or else a field
``name`` of function type (``cfg.GetCertificate(hello)``). When no such method
or field returns an error, the receiver need not be typed.

The name sets are computed from those declarations with typeinfo's own test
(:meth:`TypeUniverse.implements_error
<go_script_lint.analysis.typeuniverse.TypeUniverse.implements_error>` of each
result, function-typed fields read as ``FileTypes._value_callee`` reads them),
so what the index or the test learns flows in. Calls of identifiers, function
literals and other expressions are not filtered; ``tests/test_error_names.py``
checks on every fixture that the filter never hides an error-returning callee.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.declarations import (
    PREDECLARED,
    PackageDecls,
    Results,
    TypeDecl,
)
from go_script_lint.analysis.signatures import StdlibIndex, stdlib
from go_script_lint.analysis.typeinfo import file_types
from go_script_lint.analysis.typeshapes import function_results
from go_script_lint.analysis.typeuniverse import TypeUniverse, is_named
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node


@dataclass(frozen=True, slots=True)
class ErrorNames:
    """Names under which a method call of one file can return an error."""

    methods: frozenset[str]  # methods returning an error
    fields: frozenset[str]  # fields of function type returning an error

    def __or__(self, other: ErrorNames) -> ErrorNames:
        return ErrorNames(self.methods | other.methods, self.fields | other.fields)


def _callable_results(universe: TypeUniverse, type_str: str) -> Results | None:
    """What calling a value of ``type_str`` gives (``type WalkFunc func(…) error`` too)."""
    named = universe.type_decl(type_str)
    if named is not None and named[0].kind in ("named", "alias"):
        type_str = named[0].target
    return function_results(type_str)


def _names(
    types: Iterable[TypeDecl], universe: TypeUniverse, unresolved_is_error: bool
) -> ErrorNames:
    """The method and function-field names of ``types`` that return an error.

    ``unresolved_is_error``: a bare type name the universe cannot resolve counts
    as an error (the index read without the file's own types).
    """

    def is_error(type_str: str) -> bool:
        if universe.implements_error(type_str):
            return True
        bare = type_str.lstrip("*")
        return (
            unresolved_is_error
            and is_named(bare)
            and "." not in bare
            and bare not in PREDECLARED
        )

    methods: set[str] = set()
    fields: set[str] = set()
    for decl in types:
        methods.update(n for n, r in decl.methods.items() if any(map(is_error, r)))
        for name, type_str in decl.fields.items():
            results = _callable_results(universe, type_str)
            if (results is not None and any(map(is_error, results))) or (
                unresolved_is_error and is_error(type_str)  # a local function type?
            ):
                fields.add(name)
    return ErrorNames(frozenset(methods), frozenset(fields))


@cache
def _stdlib_names(index: StdlibIndex) -> ErrorNames:
    """Names of every indexed type, inside GOROOT/src or not (decodes the index)."""
    decls = [index.package(path) for path in index.package_paths]
    types = [t for d in decls if d is not None for t in d.types.values()]
    found = [
        _names(types, TypeUniverse(PackageDecls(), "", (), in_std), True)
        for in_std in (False, True)
    ]
    return found[0] | found[1]


_UNIT_NAMES: MemoKey[ErrorNames] = MemoKey("error-names.unit")
_FILE_NAMES: MemoKey[ErrorNames] = MemoKey("error-names.file")


def error_names(ctx: FileContext) -> ErrorNames:
    """The names for ``ctx``: the index's and its unit's.

    Computed once per unit and set of dot imports (all a file's type universe
    depends on besides its unit), and kept per file.
    """

    def build() -> ErrorNames:
        universe = file_types(ctx).universe
        local = _names(universe.local.types.values(), universe, False)
        return _stdlib_names(stdlib()) | local

    key = _UNIT_NAMES.at(ctx.unit_key, ctx.imports.dot_imports)
    return ctx.memo(_FILE_NAMES, lambda: ctx.package.memo(key, build))


def may_return_error(ctx: FileContext, call: Node) -> bool:
    """False only when no declaration ``call`` could resolve to returns an error."""
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return fn is not None  # identifiers, function values: typeinfo decides
    parts = go_ast.selector_parts(fn)
    if parts is None:
        return False
    names = error_names(ctx)
    # A package member's results come straight from the index: no inference.
    return (
        parts[1] in names.methods
        or parts[1] in names.fields
        or ctx.callee(call) is not None
    )
