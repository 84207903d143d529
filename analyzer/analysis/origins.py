"""What a value is built from, and whether a path was checked before use.

:func:`value_nodes` walks an expression and, through local variables (their
initialiser, ``x, err := f()`` right-hand sides and later assignments), the
expressions it is built from, in one file. Rules look for the calls and
selectors they care about there (``gzip.NewReader``, ``hdr.Name``).
:func:`confined` answers "did the function check this path stays inside a
directory?" for the path rules (GSL211, GSL212).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from go_script_lint.analysis.dataflow import declaring_rhs, facts
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, query_captures

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

MAX_NODES = 300  # per walk

# Calls that check a path stays inside a directory (or strip it to a name).
CONFINING_CALLS = frozenset(
    {
        "path/filepath.Rel",
        "path/filepath.IsLocal",
        "path/filepath.Localize",
        "strings.HasPrefix",
        "strings.Contains",
        "strings.Index",
        "bytes.HasPrefix",
        "os.OpenInRoot",
        "os.OpenRoot",
        "github.com/cyphar/filepath-securejoin.SecureJoin",
        "github.com/cyphar/filepath-securejoin.SecureJoinVFS",
    }
)
# Local helpers that, by their name, validate or confine a path.
_CHECK_HELPER = re.compile(
    r"(?i)(safe|valid|sanitiz|saniti[sz]|secure|confine|within|inside|traversal|dot_?dot|"
    r"escape|isLocal|isSubPath|isUnder|hasPrefix|check(ed)?Path)"
)
_CALLS = "(call_expression) @c"


def value_nodes(
    ctx: FileContext, expr: Node | None, stop: frozenset[str] = frozenset()
) -> Iterator[Node]:
    """``expr`` and every expression its value may be built from (same file).

    Calls of a function in ``stop`` are yielded but not looked into.
    Parameters and package-level variables end the walk.
    """
    if expr is None:
        return
    seen: set[int] = set()
    stack = [expr]
    info = None
    while stack and len(seen) < MAX_NODES:
        node = stack.pop()
        if node.id in seen:
            continue
        seen.add(node.id)
        yield node
        if node.type == "call_expression" and ctx.callee(node) in stop:
            continue
        if node.type == "identifier":
            definition = ctx.resolver.lookup(node)
            if definition is None or definition.scope is None:
                continue
            if definition.kind not in ("var", "range"):
                continue
            value = definition.value or declaring_rhs(definition.node)
            if value is not None:
                stack.append(value)
            info = info or facts(ctx)
            stack.extend(info.assigned(definition.node, definition.name))
            continue
        if node.type in ("func_literal", "field_identifier", "type_identifier"):
            continue
        stack.extend(reversed(node.named_children))


def variable_names(ctx: FileContext, expr: Node | None) -> set[str]:
    """Names of the local variables ``expr`` is built from (``expr`` itself included)."""
    return {
        ctx.text(n)
        for n in value_nodes(ctx, expr)
        if n.type == "identifier" and ctx.resolver.is_package_name(n) is None
    }


def confined(ctx: FileContext, at: Node, path: Node) -> bool:
    """The enclosing function checks one of ``path``'s variables with a confining call.

    ``filepath.Rel``, ``strings.HasPrefix``, ``filepath.IsLocal``, ``os.OpenInRoot``,
    ``strings.Contains(name, "..")`` or a helper named like ``isSafePath`` whose
    arguments mention a variable the path is built from, anywhere in the function.
    """
    func = go_ast.enclosing_function(at)
    if func is None:
        return False
    names = variable_names(ctx, path)
    if not names:
        return False
    for call in query_captures(_CALLS, func).get("c", []):
        if not _confining(ctx, call):
            continue
        mentioned = {
            ctx.text(n) for arg in go_ast.call_args(call) for n in _identifiers(arg)
        }
        if mentioned & names:
            return True
    return False


def _confining(ctx: FileContext, call: Node) -> bool:
    callee = ctx.callee(call)
    if callee is not None:
        return callee in CONFINING_CALLS
    fn = go_ast.call_function(call)
    if fn is not None and fn.type == "selector_expression":
        fn = fn.child_by_field_name("field")
    return fn is not None and _CHECK_HELPER.search(ctx.text(fn)) is not None


def _identifiers(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            yield current
        stack.extend(current.named_children)
