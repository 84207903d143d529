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
from dataclasses import dataclass, field

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.scopes import Definition
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
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


@dataclass(slots=True)
class Facts:
    """Assignment facts of one file, keyed by the declaring identifier's node id.

    Attributes:
        assigned: Right-hand sides of every plain or compound assignment.
        address_taken: Declarations whose address is taken (``&x``).
        bound: Declarations filled from input through their address, with the
            kind (``flag`` or ``stdin``) and the binding call.
    """

    assigned: dict[int, list[Node]] = field(default_factory=dict)
    address_taken: set[int] = field(default_factory=set)
    bound: dict[int, tuple[str, Node]] = field(default_factory=dict)


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
    out = Facts()
    caps = _captures(ctx)
    resolver = ctx.resolver
    for stmt in caps.get("assign", []):
        left = go_ast.expression_list_items(stmt.child_by_field_name("left"))
        right = go_ast.expression_list_items(stmt.child_by_field_name("right"))
        for i, target in enumerate(left):
            if target.type != "identifier":
                continue
            definition = resolver.lookup(target)
            if definition is None:
                continue
            # `a, b = f()` maps every name to the one call.
            value = (
                right[i] if len(right) == len(left) else (right[0] if right else None)
            )
            if value is not None:
                out.assigned.setdefault(definition.node.id, []).append(value)
    for ident in caps.get("addr", []):
        definition = resolver.lookup(ident)
        if definition is None:
            continue
        out.address_taken.add(definition.node.id)
        kind_call = _binding_call(ctx, ident)
        if kind_call is not None:
            out.bound.setdefault(definition.node.id, kind_call)
    return out


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
    return list(facts(ctx).assigned.get(definition.node.id, ()))
