"""What Go statements declare, and where a local name is visible.

:class:`Definition` is what a name resolves to; :func:`declarations_of` reads
the names a statement or clause declares, and :func:`declaration_site` the
scope a declared identifier is visible in. :class:`~.resolve.Resolver` puts
them together for lookups.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.resolve import Resolver


@dataclass(frozen=True, slots=True)
class Definition:
    """Where a name is declared.

    ``value`` is the initialising expression when one maps to this name
    (``a, b := 1, 2``), else ``None`` (``x, err := f()``, parameters).
    ``resolver`` is the file the declaration lives in.
    """

    name: str
    kind: str  # const | var | param | type | func | range
    node: Node
    value: Node | None
    scope: Node | None  # None for package level
    resolver: Resolver


def spec_definitions(
    spec: Node, kind: str, scope: Node | None, res: Resolver
) -> list[Definition]:
    """Names one ``var_spec`` / ``const_spec`` declares (``kind``: var or const)."""
    names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
    values = go_ast.expression_list_items(spec.child_by_field_name("value"))
    mapped = len(values) == len(names)
    return [
        Definition(text(n), kind, n, values[i] if mapped else None, scope, res)
        for i, n in enumerate(names)
    ]


def declaration_specs(node: Node) -> list[tuple[Node, str]] | None:
    """``(spec, "var" | "const")`` of a var or const declaration; ``None`` for others."""
    kind = node.type
    if kind not in ("var_declaration", "const_declaration"):
        return None
    spec_kind = "var_spec" if kind == "var_declaration" else "const_spec"
    specs = list(go_ast.named_children_of(node, spec_kind))
    for group in go_ast.named_children_of(node, "var_spec_list"):
        specs.extend(go_ast.named_children_of(group, "var_spec"))
    how = "var" if kind == "var_declaration" else "const"
    return [(spec, how) for spec in specs]


#: The node kinds :func:`declarations_of` finds names in (it returns ``[]`` for others).
DECLARING_KINDS = frozenset(
    {
        "short_var_declaration", "var_declaration", "const_declaration",
        "type_declaration", "parameter_list", "for_clause", "range_clause",
        "receive_statement", "communication_case",
    }
)  # fmt: skip


def declarations_of(node: Node, scope: Node | None, res: Resolver) -> list[Definition]:
    """Names that ``node`` (a statement or clause) declares for what follows it."""
    kind = node.type
    if kind == "short_var_declaration":
        left = go_ast.expression_list_items(node.child_by_field_name("left"))
        right = go_ast.expression_list_items(node.child_by_field_name("right"))
        mapped = len(left) == len(right)
        return [
            Definition(text(n), "var", n, right[i] if mapped else None, scope, res)
            for i, n in enumerate(left)
            if n.type == "identifier"
        ]
    specs = declaration_specs(node)
    if specs is not None:
        out: list[Definition] = []
        for spec, spec_kind in specs:
            out.extend(spec_definitions(spec, spec_kind, scope, res))
        return out
    if kind == "type_declaration":
        return [
            Definition(text(n), "type", n, None, scope, res)
            for spec in node.named_children
            if (n := spec.child_by_field_name("name")) is not None
        ]
    if kind == "parameter_list":
        return [
            Definition(text(n), "param", n, None, scope, res)
            for p in node.named_children
            for n in p.children_by_field_name("name")
        ]
    if kind == "for_clause":
        init = node.child_by_field_name("initializer")
        return declarations_of(init, scope, res) if init is not None else []
    if kind in ("range_clause", "receive_statement"):
        if not any(c.type == ":=" for c in node.children):
            return []
        return [
            Definition(text(n), "range", n, None, scope, res)
            for n in go_ast.expression_list_items(node.child_by_field_name("left"))
            if n.type == "identifier"
        ]
    if kind == "communication_case":
        comm = node.child_by_field_name("communication")
        return declarations_of(comm, scope, res) if comm is not None else []
    return []


@dataclass(slots=True, eq=False)
class LocalDecl:
    """Where a local name is declared and the byte range in which it is visible.

    Not frozen: one is made per declaration looked up, and a frozen
    dataclass pays a slow ``object.__setattr__`` per field; nothing changes
    it after construction.
    """

    visible_from: int
    scope_start: int
    scope_end: int
    name_node: Node
    stmt: Node
    container: Node


def declaration_site(ident: Node) -> tuple[Node, Node, int] | None:
    """(declaring statement, scope container, first visible byte) of a declared name."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "expression_list":
        stmt = parent.parent
        if stmt is None:
            return None
        if stmt.type == "type_switch_statement":
            value = stmt.child_by_field_name("value")
            return stmt, stmt, (value or parent).end_byte
        container = stmt.parent
        if container is not None and container.type == "for_clause":
            container = container.parent
        return (stmt, container, stmt.end_byte) if container is not None else None
    if parent.type in ("parameter_declaration", "variadic_parameter_declaration"):
        plist = parent.parent
        container = plist.parent if plist is not None else None
        if plist is None or container is None:
            return None
        return plist, container, plist.end_byte
    stmt = parent.parent  # var_spec / const_spec / type_spec → its declaration
    if stmt is not None and stmt.type == "var_spec_list":
        stmt = stmt.parent
    container = stmt.parent if stmt is not None else None
    if stmt is None or container is None or container.type == "source_file":
        return None  # package level: see analysis.top_level
    return stmt, container, stmt.end_byte


def local_site(ident: Node) -> LocalDecl | None:
    """Where the declared identifier ``ident`` is visible (``None`` at package level)."""
    found = declaration_site(ident)
    if found is None:
        return None
    stmt, container, visible_from = found
    return LocalDecl(
        visible_from, container.start_byte, container.end_byte, ident, stmt, container
    )


_START = attrgetter("start_byte")
_VISIBLE_FROM = attrgetter("visible_from")


class NameSites:
    """The local declarations of one name in one file, for innermost-visible lookups.

    Sorted by the byte they are visible from (ties in document order), so a
    lookup only looks at declarations already visible, nearest first, and
    stops as soon as no earlier one could be in a narrower scope.
    """

    __slots__ = ("_nested", "_sites", "_starts")

    def __init__(self, idents: list[Node]) -> None:
        """Index the declaring identifiers of one name."""
        ordered = sorted(idents, key=_START)  # ties on visible_from: document order
        sites = [s for s in map(local_site, ordered) if s is not None]
        sites.sort(key=_VISIBLE_FROM)
        self._sites = sites
        self._starts = [s.visible_from for s in sites]
        # A declaration is visible from inside its own scope (a statement ends
        # inside its block); only then may :meth:`innermost` stop early.
        self._nested = all(s.visible_from >= s.scope_start for s in sites)

    def innermost(self, pos: int) -> LocalDecl | None:
        """The declaration visible at ``pos`` with the narrowest scope, latest first.

        The same answer as taking, over every declaration whose scope holds
        ``pos`` and that is visible by then, the largest ``(scope_start,
        visible_from)`` (the first in document order on a tie).
        """
        sites = self._sites
        best: LocalDecl | None = None
        i = bisect_right(self._starts, pos)
        while i:
            i -= 1
            site = sites[i]
            if (
                best is not None
                and self._nested
                and site.visible_from < best.scope_start
            ):
                break  # its scope starts before it is visible: not inside best's
            if site.scope_start <= pos < site.scope_end and (
                best is None
                or (site.scope_start, site.visible_from)
                >= (best.scope_start, best.visible_from)
            ):
                best = site
        return best


#: Every identifier a local declaration can introduce (captured as ``@n``).
DECLARED_NAMES_QUERY = """
(short_var_declaration left: (expression_list (identifier) @n))
(parameter_declaration name: (identifier) @n)
(variadic_parameter_declaration name: (identifier) @n)
(var_spec name: (identifier) @n)
(const_spec name: (identifier) @n)
(range_clause left: (expression_list (identifier) @n))
(receive_statement left: (expression_list (identifier) @n))
(type_switch_statement alias: (expression_list (identifier) @n))
(type_spec name: (type_identifier) @n)
(type_alias name: (type_identifier) @n)
"""
