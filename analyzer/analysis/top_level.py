"""The package-level names one file declares, with definitions made on demand.

Every file of a package is indexed (a lookup that misses locally asks the
whole package), but few of its names are ever looked up: a generated file
declares thousands of constants. So the index keeps, per name, only the spec
or declaration it comes from, and builds the :class:`~.scopes.Definition`
the first time that name is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from go_script_lint.analysis.scopes import (
    DECLARING_KINDS,
    Definition,
    declaration_specs,
    declarations_of,
    spec_definitions,
)
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.resolve import Resolver

_FUNC = "func"  # a function declaration: built from its name
_TYPE = "type"  # a type spec: built from its name
_OTHER = ""  # any other declaration: its definitions are built at once


class TopLevel:
    """Package-level names of one file: the first declaration of each wins,
    except that a function declaration replaces an earlier one of its name."""

    __slots__ = ("_built", "_resolver", "_sources", "_variables")

    def __init__(self, root: Node, resolver: Resolver) -> None:
        """Index the names declared by the children of ``root``."""
        self._resolver = resolver
        # name → (node the definition is built from, how: var, const, _FUNC,
        # _TYPE, _OTHER)
        sources: dict[str, tuple[Node, str]] = {}
        built: dict[str, Definition] = {}
        variables: set[str] | None = set()  # None: a broken file, any name may be one
        for child in root.named_children:
            kind = child.type
            if kind == "function_declaration":
                name = child.child_by_field_name("name")
                if name is not None:
                    func = text(name)
                    sources[func] = (name, _FUNC)
                    built.pop(func, None)
                continue
            if kind == "type_declaration":
                for spec in child.named_children:
                    name = spec.child_by_field_name("name")
                    if name is not None:
                        sources.setdefault(text(name), (name, _TYPE))
                continue
            if kind not in DECLARING_KINDS:  # methods, imports, comments
                continue
            specs = declaration_specs(child)
            if specs is None:  # statements, in a broken file
                variables = None
                for d in declarations_of(child, None, resolver):
                    if d.name not in sources:
                        sources[d.name] = (child, _OTHER)
                        built[d.name] = d
                continue
            for spec, spec_kind in specs:
                for n in spec.children_by_field_name("name"):
                    if n.type == "identifier":
                        declared = text(n)
                        sources.setdefault(declared, (spec, spec_kind))
                        if spec_kind == "var" and variables is not None:
                            variables.add(declared)
        self._sources = sources
        self._built = built
        self._variables = None if variables is None else frozenset(variables)

    def names(self) -> list[str]:
        """The declared names, in the order first declared."""
        return list(self._sources)

    def variable_names(self) -> frozenset[str] | None:
        """Names declared as package-level variables (``None``: any name may be one)."""
        return self._variables

    def get(self, name: str) -> Definition | None:
        """The definition of ``name`` in this file, if it declares it."""
        found = self._built.get(name)
        if found is not None:
            return found
        source = self._sources.get(name)
        if source is None:
            return None
        node, how = source
        res = self._resolver
        if how in (_FUNC, _TYPE):
            found = Definition(name, how, node, None, None, res)
        else:
            defs = spec_definitions(node, how, None, res)
            found = next(d for d in defs if d.name == name)
        self._built[name] = found
        return found
