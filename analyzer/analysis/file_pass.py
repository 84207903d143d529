"""One query pass per file: the nodes rules are dispatched on, and per-file tables.

The engine offers each node of the kinds the file's rules asked for to those
rules. The same walk of the tree also captures every locally declared name
(:data:`~go_script_lint.analysis.scopes.DECLARED_NAMES_QUERY`) and hands them to
the file's resolver, which would otherwise walk the whole tree again for
them on its first lookup, and the assignments value tracking needs
(:data:`~go_script_lint.analysis.dataflow.DATAFLOW_QUERY`). The walk itself
is most of a query's cost, so one query with several patterns is much
cheaper than one per table.

Each node goes to the rules of its kind, and a call only to the call rules
that look at every call or declared its name (:class:`Dispatch`): most calls
are offered to no rule and never resolved.

Files larger than :data:`CHUNK_BYTES` are queried one byte range at a time
(the time budget is checked between ranges, and only one range's nodes are
held); the resolver then queries its names itself, as a lookup may ask about
an identifier in a range not read yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.dataflow import DATAFLOW_QUERY, adopt_captures
from go_script_lint.analysis.scopes import DECLARED_NAMES_QUERY
from go_script_lint.base.rule import Rule
from go_script_lint.golang.go_ast import called_name
from go_script_lint.golang.parsing import (
    Node,
    iter_nodes_of_types,
    kinds_pattern,
    query_captures,
)

#: Larger files are read in byte ranges of this size (see the module docstring).
CHUNK_BYTES = 1 << 18

_DISPATCH = "dispatch"  # capture name of the rules' node kinds
_DECLARED = "n"  # capture name DECLARED_NAMES_QUERY uses
# NameSites and dataflow order theirs themselves, when they need them.
_UNORDERED = frozenset({_DECLARED, "assign", "addr"})
CALL = "call_expression"


@dataclass(frozen=True, slots=True)
class Dispatch:
    """A file's node rules by node kind, and its call rules by called name.

    ``by_kind[CALL]`` holds the call rules offered every call; ``by_call_name``
    maps a called name (:func:`~go_script_lint.golang.go_ast.called_name`) to
    the call rules offered calls of that name: those, plus the rules that
    declared it (``Rule.call_names``), in rule order.
    """

    by_kind: dict[str, list[Rule]]
    by_call_name: dict[bytes, list[Rule]]


def offered_nodes(
    ctx: FileContext, dispatch: Dispatch
) -> Iterator[tuple[Node, list[Rule]]]:
    """Each node some rule is offered, with those rules, in document order."""
    by_kind, by_call_name = dispatch.by_kind, dispatch.by_call_name
    for node in rule_nodes(ctx, by_kind):
        kind = node.type
        rules = by_kind[kind]
        if kind == CALL and by_call_name:
            rules = by_call_name.get(called_name(node) or b"", rules)
            if not rules:
                continue  # a call of a name no rule looks for: never resolved
        yield node, rules


@cache
def _pattern(kinds: tuple[str, ...]) -> str:
    return "\n".join(
        (kinds_pattern(kinds, _DISPATCH), DECLARED_NAMES_QUERY, DATAFLOW_QUERY)
    )


def rule_nodes(ctx: FileContext, kinds: Iterable[str]) -> Iterator[Node]:
    """Every node of ``kinds`` in the file, in document order (outer node first).

    Raises :class:`~go_script_lint.golang.limits.BudgetExceeded` when the
    file's deadline passes during a query.
    """
    wanted = tuple(sorted(set(kinds)))
    if not wanted:
        return iter(())
    root = ctx.root
    if root.end_byte - root.start_byte > CHUNK_BYTES:
        return iter_nodes_of_types(root, wanted, CHUNK_BYTES)
    captures = query_captures(_pattern(wanted), root, unordered=_UNORDERED)
    ctx.resolver.adopt_declared_names(captures.get(_DECLARED, []))
    adopt_captures(ctx, captures)
    return iter(captures.get(_DISPATCH, []))
