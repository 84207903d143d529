"""Statement-order questions within one function body, for GSL210.

No control-flow graph: a ``defer`` reaches a later statement unless the two
sit in different branches of one ``if``/``switch``/``select``, or the
``defer``'s own block returns after it. Loops are not modelled (a ``defer``
in a loop is rare and already a smell).
"""

from __future__ import annotations

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, query_captures

_DEFERS = "(defer_statement) @d"
_BRANCHING = frozenset(
    {
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    }
)
_STATEMENT_HOLDERS = frozenset(
    {
        "statement_list",
        "expression_case",
        "type_case",
        "default_case",
        "communication_case",
    }
)
_TERMINATING = frozenset({"return_statement", "goto_statement"})


#: Per function (``.at(func.id)``): its own ``defer`` statements.
DEFERS: MemoKey[list[Node]] = MemoKey("analysis.defers")


def defers_of(ctx: FileContext, func: Node) -> list[Node]:
    """``defer`` statements of ``func``'s own body (not of nested literals)."""

    def build() -> list[Node]:
        body = go_ast.function_body(func)
        if body is None:
            return []
        found = query_captures(_DEFERS, body).get("d", [])
        own = [d for d in found if _owner_id(d) == func.id]
        return sorted(own, key=lambda d: d.start_byte)

    return ctx.memo(DEFERS.at(func.id), build)


def _owner_id(node: Node) -> int | None:
    owner = go_ast.enclosing_function(node)
    return owner.id if owner is not None else None


def reaches(defer: Node, target: Node) -> bool:
    """Whether control can pass from ``defer`` (earlier) to ``target``."""
    if defer.end_byte > target.start_byte:
        return False
    target_ancestors: dict[int, Node] = {}
    child = target
    parent = target.parent
    while parent is not None:
        target_ancestors[parent.id] = child
        child, parent = parent, parent.parent
    node = defer
    parent = defer.parent
    while parent is not None:
        if parent.id in target_ancestors:
            return not _exclusive(parent, node, target_ancestors[parent.id])
        if parent.type in _STATEMENT_HOLDERS and _terminates_after(node):
            return False
        node, parent = parent, parent.parent
    return False


def _exclusive(parent: Node, a: Node, b: Node) -> bool:
    """``a`` and ``b`` are different branches of ``parent``."""
    if parent.type == "if_statement":
        branches = [
            parent.child_by_field_name("consequence"),
            parent.child_by_field_name("alternative"),
        ]
        ids = [n.id for n in branches if n is not None]
        return a.id in ids and b.id in ids and a.id != b.id
    return parent.type in _BRANCHING and a.id != b.id


def _terminates_after(statement: Node) -> bool:
    sibling = statement.next_named_sibling
    while sibling is not None:
        if sibling.type in _TERMINATING:
            return True
        sibling = sibling.next_named_sibling
    return False
