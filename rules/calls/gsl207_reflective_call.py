"""GSL207 reflective-call: calling a function or method chosen through `reflect` (deep scan)."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    declaring_rhs,
    go_ast,
    last_identifiers,
)

DYNAMIC_METHODS = frozenset({"Call", "CallSlice", "MethodByName"})
PACKAGE_CALLS = frozenset({"reflect.NewAt", "reflect.MakeFunc"})
MAX_DEPTH = 8


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if ctx.scan_level is not Risk.HIGH:
        return  # deep-scan rule, even when selected by id
    if "reflect" not in ctx.imports.paths:
        return
    callee = ctx.callee(node)
    if callee in PACKAGE_CALLS:
        yield ctx.finding(RULE, node, call=callee, receiver="")
        return
    fn = go_ast.call_function(node)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if callee is not None or parts is None or parts[1] not in DYNAMIC_METHODS:
        return
    receiver, method = parts
    if method == "MethodByName" and _called_at_once(node):
        return  # `v.MethodByName(name).Call(…)` is one finding, on the Call
    if is_reflect_value(ctx, receiver, 0):
        shown = " ".join(ctx.text(receiver).split())[:40]
        yield ctx.finding(RULE, node, call=f"{shown}.{method}", receiver=" (reflect)")


def is_reflect_value(ctx: FileContext, expr: Node | None, depth: int) -> bool:
    """``expr`` is a ``reflect.Value`` or ``reflect.Type``, as far as syntax shows."""
    expr = go_ast.unparen(expr)
    if expr is None or depth > MAX_DEPTH:
        return False
    if expr.type == "call_expression":
        callee = ctx.callee(expr)
        if callee is not None:
            return callee.startswith("reflect.")
        fn = go_ast.call_function(expr)
        parts = go_ast.selector_parts(fn) if fn is not None else None
        # v.MethodByName("X").Call(…), v.Elem().Method(0).Call(…)
        return parts is not None and is_reflect_value(ctx, parts[0], depth + 1)
    if expr.type == "selector_expression":
        # m.Func of a reflect.Method: `t.Method(i).Func.Call(…)`
        parts = go_ast.selector_parts(expr)
        return (
            parts is not None
            and parts[1] == "Func"
            and is_reflect_value(ctx, parts[0], depth + 1)
        )
    if expr.type != "identifier":
        return False
    definition = ctx.resolver.lookup(expr)
    if definition is None:
        return False
    holder = definition.node.parent
    type_node = holder.child_by_field_name("type") if holder is not None else None
    if type_node is not None:
        return _is_reflect_type(ctx, type_node)
    value = definition.value
    if value is None and definition.kind == "var":
        rhs = go_ast.expression_list_items(declaring_rhs(definition.node))
        value = rhs[0] if len(rhs) == 1 else None
    return value is not None and is_reflect_value(ctx, value, depth + 1)


def _called_at_once(call: Node) -> bool:
    selector = call.parent
    if selector is None or selector.type != "selector_expression":
        return False
    parts = go_ast.selector_parts(selector)
    outer = selector.parent
    return (
        parts is not None
        and parts[1] in ("Call", "CallSlice")
        and outer is not None
        and outer.type == "call_expression"
    )


def _is_reflect_type(ctx: FileContext, type_node: Node) -> bool:
    if type_node.type == "pointer_type":
        type_node = next(iter(type_node.named_children), type_node)
    if type_node.type != "qualified_type":
        return False
    package = type_node.child_by_field_name("package")
    name = ctx.text(type_node.child_by_field_name("name"))
    return (
        package is not None
        and name in ("Value", "Type", "Method")
        and ctx.resolver.is_package_name(package) == "reflect"
    )


RULE = Rule(
    id="GSL207",
    name="reflective-call",
    summary="A function or method called through `reflect` (deep scan).",
    description=(
        "`reflect.Value.Call`, `CallSlice` and `MethodByName` pick the code to run at "
        "run time, often from a string: static analysis, `go vet` and code search no "
        "longer see the call, and a name taken from input can reach any exported "
        "method. `reflect.NewAt` and `reflect.MakeFunc` build values over raw memory "
        "and synthesised functions. Only calls on values known to come from `reflect` "
        "are reported; a method named `Call` on another type (`rpc.Client.Call`) is not."
    ),
    message="`{call}` chooses the code to run at run time{receiver}",
    level=Level.NOTE,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=("security", "reflection"),
    cwe=(470,),
    precision="high",
    help=(
        "**Why:** a reflective call hides the call graph from reviewers and tools; "
        "with a method name from input it is unsafe reflection (CWE-470).\n\n"
        "**Fix:** dispatch through a map of functions or a `switch` on the name, so "
        "the set of reachable code is explicit:\n\n"
        "```go\n"
        'handlers := map[string]func() error{"build": build, "test": test}\n'
        "```"
    ),
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(PACKAGE_CALLS, DYNAMIC_METHODS),
    requires_imports=frozenset({"reflect"}),
    in_tests=False,
)
