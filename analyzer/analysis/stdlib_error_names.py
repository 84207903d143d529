"""Names under which a declaration can return an error, and the index's share of them.

:func:`error_names_of` reads them off declarations (methods, fields of function
type, functions and function-typed variables); :mod:`.error_names` filters
calls with them. The standard library's share takes a tenth of a second to
compute (it decodes the whole signature index), so it is precompiled into
``analyzer/data/stdlib_error_names.json`` by ``scripts/gen_error_names.py``
and recomputed only when that table was made from another index.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from go_script_lint.analysis.declarations import (
    PREDECLARED,
    PackageDecls,
    Results,
    TypeDecl,
)
from go_script_lint.analysis.signatures import StdlibIndex, stdlib
from go_script_lint.analysis.typeshapes import function_results
from go_script_lint.analysis.typeuniverse import TypeUniverse, is_named

TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "stdlib_error_names.json"


@dataclass(frozen=True, slots=True)
class ErrorNames:
    """Names under which a call can return an error."""

    methods: frozenset[str]  # methods returning an error
    fields: frozenset[str]  # fields (embedded ones too) of function type returning one
    members: frozenset[str] = frozenset()  # package functions and variables doing so

    def __or__(self, other: ErrorNames) -> ErrorNames:
        return ErrorNames(
            self.methods | other.methods,
            self.fields | other.fields,
            self.members | other.members,
        )

    def to_json(self, go_version: str) -> dict[str, Any]:
        """The table's document: sorted names and the index's Go version."""
        return {
            "go_version": go_version,
            "methods": sorted(self.methods),
            "fields": sorted(self.fields),
            "members": sorted(self.members),
        }


def _callable_results(universe: TypeUniverse, type_str: str) -> Results | None:
    """What calling a value of ``type_str`` gives (``type WalkFunc func(…) error`` too)."""
    named = universe.type_decl(type_str)
    if named is not None and named[0].kind in ("named", "alias"):
        type_str = named[0].target
    return function_results(type_str)


def _error_test(
    universe: TypeUniverse, unresolved_is_error: bool
) -> Callable[[str], bool]:
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

    return is_error


def error_names_of(
    types: Iterable[TypeDecl], universe: TypeUniverse, unresolved_is_error: bool
) -> ErrorNames:
    """The method and function-field names of ``types`` that return an error.

    ``unresolved_is_error``: a bare type name the universe cannot resolve counts
    as an error (the index read without the file's own types). An embedded
    field is named after its type (``s.hook()`` calls an embedded ``hook``).
    """
    is_error = _error_test(universe, unresolved_is_error)

    def returns_error(type_str: str) -> bool:
        results = _callable_results(universe, type_str)
        return (results is not None and any(map(is_error, results))) or (
            unresolved_is_error and is_error(type_str)  # a local function type?
        )

    methods: set[str] = set()
    fields: set[str] = set()
    for decl in types:
        methods.update(n for n, r in decl.methods.items() if any(map(is_error, r)))
        fields.update(n for n, t in decl.fields.items() if returns_error(t))
        fields.update(
            e.lstrip("*").rsplit(".", 1)[-1] for e in decl.embeds if returns_error(e)
        )
    return ErrorNames(frozenset(methods), frozenset(fields))


def _members(decls: Iterable[PackageDecls], universe: TypeUniverse) -> frozenset[str]:
    """Functions and function-typed variables returning an error (as
    ``FileTypes._package_callee`` reads them)."""
    is_error = _error_test(universe, True)
    found: set[str] = set()
    for d in decls:
        found.update(n for n, r in d.funcs.items() if any(map(is_error, r)))
        for name, type_str in d.vars.items():
            results = function_results(type_str)
            if results is not None and any(map(is_error, results)):
                found.add(name)
    return frozenset(found)


def compute_stdlib_names(index: StdlibIndex) -> ErrorNames:
    """Names of every indexed package, inside GOROOT/src or not (decodes the index)."""
    decls = [d for path in index.package_paths if (d := index.package(path))]
    types = [t for d in decls for t in d.types.values()]
    found = ErrorNames(frozenset(), frozenset())
    for in_std in (False, True):
        universe = TypeUniverse(PackageDecls, "", (), in_std)
        names = error_names_of(types, universe, True)
        members = _members(decls, universe)
        found = found | ErrorNames(names.methods, names.fields, members)
    return found


def _load_table(go_version: str) -> ErrorNames | None:
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("go_version") != go_version:
        return None
    try:
        parts = [frozenset(map(str, data[k])) for k in ("methods", "fields", "members")]
    except (KeyError, TypeError):
        return None
    return ErrorNames(*parts)


@cache
def stdlib_error_names() -> ErrorNames:
    """The index's names: the precompiled table when it was made from this index."""
    index = stdlib()
    table = _load_table(index.go_version)
    return table if table is not None else compute_stdlib_names(index)
