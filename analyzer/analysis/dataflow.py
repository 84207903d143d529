"""Per-file assignment facts for intra-procedural value tracking.

The resolver knows each name's declaration; value tracking also needs every
later ``x = …`` of that name, the variables whose address is taken, and the
variables a ``flag.StringVar(&v, …)`` or ``fmt.Scan(&v)`` fills from input.
All of it comes from one query per file, computed on first use and cached
with ``ctx.memo``; the engine's query pass over the file captures it along
with the rules' nodes (:func:`adopt_captures`), so it costs no walk of its own.
"""

from __future__ import annotations

import re
from typing import Any

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.scopes import Definition
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node, in_document_order, query_captures

DATAFLOW_QUERY = """
(assignment_statement) @assign
(unary_expression operator: "&" operand: (identifier) @addr)
"""

# Methods that bind a variable to a command-line flag (flag, pflag, cobra).
_FLAG_VAR = re.compile(
    r"(Bool|Duration|Float64|Float32|Func|Int|Int64|Int32|Uint|Uint64|String|"
    r"StringSlice|StringArray|StringToString|Text|BoolFunc|Count|IP)VarP?|Var|VarP"
)
_SCAN_CALLS = frozenset({"fmt.Scan", "fmt.Scanln", "fmt.Scanf"})


class Facts:
    """Assignment facts of one file, asked per declaration: its declaring node and name.

    The assignments and ``&x`` of one name are resolved when that name is first
    asked about: most of a file's are never looked up.
    """

    __slots__ = ("_addrs", "_assigns", "_ctx", "_memo")

    def __init__(self, ctx: FileContext, captures: dict[str, list[Node]]) -> None:
        """Index the captures of :data:`DATAFLOW_QUERY` (document order) by name."""
        self._ctx = ctx
        self._assigns: dict[str, list[tuple[Node, Node]]] = {}
        self._addrs: dict[str, list[Node]] = {}
        self._memo: dict[tuple[str, int], Any] = {}
        for stmt in captures.get("assign", []):
            left = go_ast.expression_list_items(stmt.child_by_field_name("left"))
            right = go_ast.expression_list_items(stmt.child_by_field_name("right"))
            for i, target in enumerate(left):
                # `a, b = f()` maps every name to the one call.
                value = (
                    right[i]
                    if len(right) == len(left)
                    else (right[0] if right else None)
                )
                if target.type == "identifier" and value is not None:
                    self._assigns.setdefault(text(target), []).append((target, value))
        for ident in captures.get("addr", []):
            self._addrs.setdefault(text(ident), []).append(ident)

    def _of(self, decl: Node, nodes: list[Node]) -> list[Node]:
        """The identifiers among ``nodes`` that resolve to the declaration ``decl``."""
        lookup = self._ctx.resolver.lookup
        out = []
        for node in nodes:
            definition = lookup(node)
            if definition is not None and definition.node.id == decl.id:
                out.append(node)
        return out

    def assigned(self, decl: Node, name: str) -> tuple[Node, ...]:
        """Right-hand sides of every plain or compound assignment to it."""
        key = ("assigned", decl.id)
        if key not in self._memo:
            pairs = self._assigns.get(name, [])
            targets = {t.id for t in self._of(decl, [t for t, _ in pairs])}
            self._memo[key] = tuple(v for t, v in pairs if t.id in targets)
        found: tuple[Node, ...] = self._memo[key]
        return found

    def address_taken(self, decl: Node, name: str) -> bool:
        """Whether its address is taken (``&x``)."""
        return bool(self._taken(decl, name))

    def bound(self, decl: Node, name: str) -> tuple[str, Node] | None:
        """Filled from input through its address: ``flag`` or ``stdin``, and the call."""
        calls = (_binding_call(self._ctx, i) for i in self._taken(decl, name))
        return next((c for c in calls if c is not None), None)

    def _taken(self, decl: Node, name: str) -> list[Node]:
        key = ("taken", decl.id)
        if key not in self._memo:
            self._memo[key] = self._of(decl, self._addrs.get(name, []))
        found: list[Node] = self._memo[key]
        return found


FACTS: MemoKey[Facts] = MemoKey("analysis.dataflow")
#: Captures of :data:`DATAFLOW_QUERY` handed over by the file's query pass.
_ADOPTED: MemoKey[dict[str, list[Node]]] = MemoKey("analysis.dataflow.captures")
_NAMES = ("assign", "addr")  # its capture names


def adopt_captures(ctx: FileContext, captures: dict[str, list[Node]]) -> None:
    """The captures of :data:`DATAFLOW_QUERY` over the whole file, in any order."""
    ctx.memo(_ADOPTED, lambda: {name: captures.get(name, []) for name in _NAMES})


def _captures(ctx: FileContext) -> dict[str, list[Node]]:
    adopted = ctx.memo(_ADOPTED, dict)
    if not adopted:
        return query_captures(DATAFLOW_QUERY, ctx.root)
    for nodes in adopted.values():
        in_document_order(nodes)  # sorted here: most files never need them
    return adopted


def facts(ctx: FileContext) -> Facts:
    """The file's assignment facts (computed once per file)."""
    return ctx.memo(FACTS, lambda: _build(ctx))


def _build(ctx: FileContext) -> Facts:
    return Facts(ctx, _captures(ctx))


def _binding_call(ctx: FileContext, ident: Node) -> tuple[str, Node] | None:
    """``flag.StringVar(&v, …)`` / ``fs.StringVarP(&v, …)`` / ``fmt.Scan(&v)``."""
    unary = ident.parent
    args = unary.parent if unary is not None else None
    call = args.parent if args is not None else None
    if call is None or call.type != "call_expression":
        return None
    callee = ctx.callee(call)
    if callee in _SCAN_CALLS:
        return "stdin", call
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return None
    parts = go_ast.selector_parts(fn)
    first = go_ast.call_args(call)[:1]
    if parts is None or not first or first[0] != unary:
        return None
    if _FLAG_VAR.fullmatch(parts[1]) and (callee is None or callee.startswith("flag.")):
        return "flag", call
    return None


def declaring_rhs(name_node: Node) -> Node | None:
    """For ``x, err := f()`` or ``for _, x := range xs``: the right-hand side."""
    parent = name_node.parent
    if parent is not None and parent.type == "expression_list":
        parent = parent.parent
    if parent is None:
        return None
    if parent.type in ("short_var_declaration", "range_clause", "receive_statement"):
        return parent.child_by_field_name("right")
    if parent.type == "var_spec":
        return parent.child_by_field_name("value")
    return None


def assigned_values(ctx: FileContext, definition: Definition) -> list[Node]:
    """Right-hand sides of every later ``x = …`` of the variable ``definition``."""
    return list(facts(ctx).assigned(definition.node, definition.name))
