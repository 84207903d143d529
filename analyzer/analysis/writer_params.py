"""``writer-parameters``: is a writer parameter filled with a safe writer by every caller?

``func render(w io.Writer)`` whose every call in the unit (the package, or one
``go:build ignore`` program) passes ``&buf`` writes to a buffer, however the
function names it. Callers are followed through parameters they pass along
and through function values handed to another function
(``gen("amd64", zeroAMD64)`` whose ``zero(&buf)`` calls fill ``w``), a few
hops deep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, nodes_of_types
from go_script_lint.golang.source_scan import word_pattern

SafeTest = Callable[[FileContext, Node], bool]
_MAX_HOPS = 3


def safe_parameter(
    ctx: FileContext, expr: Node, is_safe: SafeTest, hops: int = 0
) -> bool:
    """``expr`` is a parameter every caller in the package passes a safe writer to."""
    if expr.type != "identifier" or hops > _MAX_HOPS:
        return False
    definition = ctx.resolver.lookup_local(expr)
    if definition is None or definition.kind != "param" or definition.scope is None:
        return False
    func = definition.scope
    index = _parameter_index(func, definition.node)
    name = _function_name(ctx, func)
    if index is None or not name:
        return False
    sites = _call_sites(ctx, name)
    values = _value_uses(ctx, name)
    if not sites and not values:
        return False
    for site_ctx, call in sites:
        args = go_ast.call_args(call)
        if len(args) <= index or not _safe_argument(
            site_ctx, args[index], is_safe, hops
        ):
            return False
    for site_ctx, outer_call, position in values:
        if not _passed_along_safely(
            site_ctx, outer_call, position, index, is_safe, hops
        ):
            return False
    return True


def _function_name(ctx: FileContext, func: Node) -> str:
    """A declaration's name, or the field / variable a function literal is stored in."""
    if func.type != "func_literal":
        return ctx.text(func.child_by_field_name("name"))
    holder = func.parent
    if holder is not None and holder.type == "literal_element":
        keyed = holder.parent
        if keyed is not None and keyed.type == "keyed_element" and keyed.named_children:
            return ctx.text(keyed.named_children[0])  # `printEntry: func(w io.Writer)`
    if holder is not None and holder.type == "expression_list":
        statement = holder.parent
        left = statement.child_by_field_name("left") if statement is not None else None
        targets = go_ast.expression_list_items(left)
        if len(targets) == 1:
            target = targets[0]
            if target.type == "selector_expression":
                return ctx.text(target.child_by_field_name("field"))
            return ctx.text(target) if target.type == "identifier" else ""
    return ""


def _safe_argument(ctx: FileContext, arg: Node, is_safe: SafeTest, hops: int) -> bool:
    node = go_ast.unparen(arg)
    if node is None:
        return False
    return is_safe(ctx, node) or safe_parameter(ctx, node, is_safe, hops + 1)


def _passed_along_safely(
    ctx: FileContext,
    call: Node,
    position: int,
    index: int,
    is_safe: SafeTest,
    hops: int,
) -> bool:
    """``gen(arch, tags)`` whose ``tags(&buf)`` calls pass a safe writer at ``index``."""
    fn = go_ast.call_function(call)
    definition = ctx.resolver.lookup(fn) if fn is not None else None
    if definition is None or definition.kind != "func" or definition.scope is not None:
        return False
    func = definition.node.parent
    if func is None or func.type != "function_declaration":
        return False
    params = _parameter_names(func)
    if position >= len(params):
        return False
    inner = params[position]
    body = go_ast.function_body(func)
    calls = [
        c
        for c in (nodes_of_types(body, ("call_expression",)) if body else [])
        if ctx.text(go_ast.call_function(c)) == ctx.text(inner)
    ]
    if not calls:
        return False
    owner = _file_of(ctx, func)
    for c in calls:
        args = go_ast.call_args(c)
        if len(args) <= index or not _safe_argument(owner, args[index], is_safe, hops):
            return False
    return True


def _file_of(ctx: FileContext, node: Node) -> FileContext:
    root = node
    while root.parent is not None:
        root = root.parent
    return ctx.package.file_with_root(root) or ctx


def _parameter_names(func: Node) -> list[Node]:
    params = func.child_by_field_name("parameters")
    names: list[Node] = []
    for decl in params.named_children if params is not None else []:
        if decl.type in ("parameter_declaration", "variadic_parameter_declaration"):
            names.extend(decl.children_by_field_name("name"))
    return names


def _parameter_index(func: Node, ident: Node) -> int | None:
    for i, name in enumerate(_parameter_names(func)):
        if name.start_byte == ident.start_byte:
            return i
    return None


CallSite = tuple[FileContext, Node]
ValueUse = tuple[FileContext, Node, int]
_MENTIONS: MemoKey[tuple[list[CallSite], list[ValueUse]]] = MemoKey(
    "writer_params.mentions"
)


def _unit_files(ctx: FileContext) -> Sequence[FileContext]:
    return [f for f in ctx.package.files if f.unit_key == ctx.unit_key]


def _call_sites(ctx: FileContext, name: str) -> list[CallSite]:
    """Calls of ``name`` in the unit (``name(…)`` and ``x.name(…)``), in document order."""
    return _mentions(ctx, name)[0]


def _value_uses(ctx: FileContext, name: str) -> list[ValueUse]:
    """Calls passing ``name`` as an argument (``gen("amd64", zeroAMD64)``), with its position."""
    return _mentions(ctx, name)[1]


def _mentions(ctx: FileContext, name: str) -> tuple[list[CallSite], list[ValueUse]]:
    """Both, found from the text: indexing every call of the unit cost more than
    the few names ever asked about (one per writer parameter)."""

    def find() -> tuple[list[CallSite], list[ValueUse]]:
        key = name.encode()
        word = word_pattern(name, rb"\w", rb"(?!\w)")
        sites: list[tuple[int, int, int, CallSite]] = []
        uses: list[tuple[int, int, int, int, ValueUse]] = []
        for rank, f in enumerate(_unit_files(ctx)):
            if key not in f.source:
                continue
            for match in word.finditer(f.source):
                node = f.root.descendant_for_byte_range(match.start(), match.end())
                if node is None or f.text(node) != name:
                    continue
                call = _called_by(node)
                if call is not None:
                    sites.append((rank, call.start_byte, -call.end_byte, (f, call)))
                use = _argument_of(node)
                if use is not None:
                    call, position = use
                    order = (rank, call.start_byte, -call.end_byte, position)
                    uses.append((*order, (f, call, position)))
        sites.sort(key=lambda s: s[:3])
        uses.sort(key=lambda u: u[:4])
        return [s[-1] for s in sites], [u[-1] for u in uses]

    return ctx.package.memo(_MENTIONS.at(ctx.unit_key, name), find)


def _called_by(name: Node) -> Node | None:
    """The call whose callee is ``name`` (``name(…)``) or ends in it (``x.name(…)``)."""
    target = name
    if name.type == "field_identifier":
        selector = name.parent
        if selector is None or selector.type != "selector_expression":
            return None
        if selector.child_by_field_name("field") != name:
            return None
        target = selector
    elif name.type != "identifier":
        return None
    outer = target
    while outer.parent is not None and outer.parent.type == "parenthesized_expression":
        outer = outer.parent
    call = outer.parent
    if call is None or call.type != "call_expression":
        return None
    return call if go_ast.call_function(call) == target else None


def _argument_of(name: Node) -> tuple[Node, int] | None:
    """The call an identifier is passed to as an argument, and its position."""
    args = name.parent
    call = args.parent if args is not None else None
    if (
        name.type != "identifier"
        or call is None
        or call.type != "call_expression"
        or call.child_by_field_name("arguments") != args
    ):
        return None
    position = next(
        (i for i, a in enumerate(go_ast.call_args(call)) if a == name), None
    )
    return (call, position) if position is not None else None
