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
    sites = _call_sites(ctx).get(name, [])
    values = _value_uses(ctx).get(name, [])
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
    return next((f for f in ctx.package.files if f.root.id == root.id), ctx)


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


CallSites = dict[str, list[tuple[FileContext, Node]]]
ValueUses = dict[str, list[tuple[FileContext, Node, int]]]
_CALL_SITES: MemoKey[CallSites] = MemoKey("benign_errors.call-sites")
_VALUE_USES: MemoKey[ValueUses] = MemoKey("benign_errors.value-uses")


def _unit_files(ctx: FileContext) -> Sequence[FileContext]:
    return [f for f in ctx.package.files if f.unit_key == ctx.unit_key]


def _call_sites(ctx: FileContext) -> CallSites:
    """Calls in the unit by the called name (``f(…)`` and ``x.f(…)``)."""

    def build() -> CallSites:
        sites: CallSites = {}
        for f in _unit_files(ctx):
            for call in nodes_of_types(f.root, ("call_expression",)):
                fn = go_ast.call_function(call)
                if fn is None:
                    continue
                if fn.type == "identifier":
                    sites.setdefault(f.text(fn), []).append((f, call))
                elif fn.type == "selector_expression":
                    field = fn.child_by_field_name("field")
                    sites.setdefault(f.text(field), []).append((f, call))
        return sites

    return ctx.package.memo(_CALL_SITES.at(ctx.unit_key), build)


def _value_uses(ctx: FileContext) -> ValueUses:
    """Names passed as arguments (``gen("amd64", zeroAMD64)``): function values."""

    def build() -> ValueUses:
        uses: ValueUses = {}
        for f in _unit_files(ctx):
            for call in nodes_of_types(f.root, ("call_expression",)):
                for position, arg in enumerate(go_ast.call_args(call)):
                    if arg.type == "identifier":
                        uses.setdefault(f.text(arg), []).append((f, call, position))
        return uses

    return ctx.package.memo(_VALUE_USES.at(ctx.unit_key), build)
