"""GSL210 exit-skips-cleanup: `os.Exit` / `log.Fatal*` after a `defer` in the same function."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    MemoKey,
    Node,
    Risk,
    Rule,
    declaring_rhs,
    defers_of,
    file_types,
    go_ast,
    last_identifiers,
    query_captures,
    reaches,
)

# log.Panic* panics, and a panic runs deferred calls: not listed.
EXITS = frozenset({"os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "syscall.Exit"})
LOGGER_FATAL = frozenset({"Fatal", "Fatalf", "Fatalln"})
# Finish what the run produces: lost on a failure exit, whose output is abandoned anyway.
#: Per function id: per exit id, (first of its group, later exits in the group).
_GROUPS: MemoKey[dict[int, dict[int, tuple[bool, int]]]] = MemoKey("GSL210.groups")
_OUTPUT_FINISHERS = frozenset({"Flush", "Close", "Sync", "Stop", "StopCPUProfile"})
# What a finishing closure may also call: reporting its own failure.
_REPORTING = frozenset({"Fatal", "Fatalf", "Fatalln", "Print", "Printf", "Println",
                        "Fprint", "Fprintf", "Fprintln", "Error", "Errorf"})  # fmt: skip
_HARMLESS = frozenset(
    {"os.File.Close", "sync.Mutex.Unlock", "sync.RWMutex.Unlock", "sync.RWMutex.RUnlock",
     "sync.WaitGroup.Done"}
)  # fmt: skip
_CONTEXT_CANCELS = frozenset(
    {"context.WithCancel", "context.WithTimeout", "context.WithDeadline",
     "context.WithCancelCause", "os/signal.NotifyContext"}
)  # fmt: skip


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    name = exit_name(ctx, node)
    if name is None:
        return
    func = go_ast.enclosing_function(node)
    if func is None:
        return
    skipped = _skipped_defers(ctx, func, node)
    if not skipped:
        return
    later = 0
    if not ctx.options(RULE)["each_exit"]:
        first, later = _exit_groups(ctx, func).get(node.id, (True, 0))
        if not first:
            return  # an earlier exit skipping the same defers was reported
    shown = [f"`{_shown(ctx, d)}` (line {d.start_point[0] + 1})" for d in skipped]
    listed = (
        shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    )
    them = "them" if len(skipped) > 1 else "it"
    more = (
        f"; {later} later exit{'s skip' if later > 1 else ' skips'} {them} too"
        if later
        else ""
    )
    yield ctx.finding(
        RULE,
        node,
        related=tuple(
            ctx.location(d, message="deferred here, never runs") for d in skipped
        ),
        exit=name,
        deferred=listed,
        more=more,
    )


def _shown(ctx: FileContext, deferred: Node) -> str:
    call = next((c for c in deferred.named_children if c.type != "comment"), deferred)
    shown = " ".join(ctx.text(call).split())
    return shown if len(shown) <= 50 else shown[:47] + "..."


def _skipped_defers(ctx: FileContext, func: Node, exit_call: Node) -> list[Node]:
    """Every ``defer`` registered before ``exit_call`` on a path that reaches it."""
    failing = _is_failure_exit(ctx, exit_call)
    return [
        d
        for d in defers_of(ctx, func)
        if d.end_byte <= exit_call.start_byte
        and not _defers_exit(ctx, d)
        and not _harmless_at_exit(ctx, d)
        and not (failing and _finishes_output(d))
        and reaches(d, exit_call)
    ]


def _exit_groups(ctx: FileContext, func: Node) -> dict[int, tuple[bool, int]]:
    """Per exit: is it the first to skip its newest defer, and how many follow it."""
    memo = ctx.memo(_GROUPS, dict)
    if func.id in memo:
        return memo[func.id]
    body = go_ast.function_body(func)
    calls = query_captures("(call_expression) @c", body).get("c", []) if body else []
    calls.sort(key=lambda c: c.start_byte)
    groups: dict[int, list[Node]] = {}
    for call in calls:
        if go_ast.enclosing_function(call) != func or exit_name(ctx, call) is None:
            continue
        skipped = _skipped_defers(ctx, func, call)
        if skipped:
            groups.setdefault(skipped[-1].id, []).append(call)
    result = {
        call.id: (i == 0, len(members) - 1 if i == 0 else 0)
        for members in groups.values()
        for i, call in enumerate(members)
    }
    memo[func.id] = result
    return result


def _is_failure_exit(ctx: FileContext, call: Node) -> bool:
    """``log.Fatal*`` or ``os.Exit(1)``: the run is abandoned, not finished."""
    name = exit_name(ctx, call) or ""
    if name.rsplit(".", 1)[-1] in LOGGER_FATAL:
        return True
    args = go_ast.call_args(call)
    code = ctx.int_value(args[0]) if args else None
    return code is not None and code != 0


def _finishes_output(deferred: Node) -> bool:
    """``defer w.Flush()``: completes output that a failure exit abandons anyway.

    A deferred function literal counts when every method it calls is such a
    finisher (``defer func() { if err := f.Close(); … }()``).
    """
    call = next(
        (c for c in deferred.named_children if c.type == "call_expression"), None
    )
    fn = go_ast.call_function(call) if call is not None else None
    if fn is not None and fn.type == "func_literal":
        calls = query_captures("(call_expression) @c", fn).get("c", [])
        methods = [_method_name(c) for c in calls]
        named = [m for m in methods if m is not None and m not in _REPORTING]
        return bool(named) and all(m in _OUTPUT_FINISHERS for m in named)
    return _method_name(call) in _OUTPUT_FINISHERS if call is not None else False


def _method_name(call: Node) -> str | None:
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    return parts[1] if parts is not None else None


def _harmless_at_exit(ctx: FileContext, deferred: Node) -> bool:
    """A deferred call the end of the process does anyway.

    The kernel closes an ``*os.File`` (unbuffered: nothing is lost) and
    releases its locks; a context's ``cancel`` and a mutex ``Unlock`` matter
    only to a process that lives on.
    """
    call = next(
        (c for c in deferred.named_children if c.type == "call_expression"), None
    )
    if call is None:
        return False
    callee = file_types(ctx).callee(call)
    if callee is not None and any(k in _HARMLESS for k in callee.keys):
        return True
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "identifier":
        return False
    definition = ctx.resolver.lookup(fn)
    if definition is None or definition.kind != "var":
        return False
    origin = declaring_rhs(definition.node)
    items = go_ast.expression_list_items(origin)
    return (
        len(items) == 1
        and items[0].type == "call_expression"
        and (ctx.callee(items[0]) in _CONTEXT_CANCELS)
    )


def _defers_exit(ctx: FileContext, deferred: Node) -> bool:
    """``defer os.Exit(0)``: skipping a deferred exit loses no cleanup."""
    call = next(
        (c for c in deferred.named_children if c.type == "call_expression"), None
    )
    return call is not None and exit_name(ctx, call) is not None


def exit_name(ctx: FileContext, call: Node) -> str | None:
    """``os.Exit`` / ``log.Fatalf`` / ``logger.Fatal`` (a ``*log.Logger``), else ``None``."""
    callee = ctx.callee(call)
    if callee is not None:
        return callee if callee in EXITS else None
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if parts is None or parts[1] not in LOGGER_FATAL or parts[0].type != "identifier":
        return None
    # t.Fatal (testing) runs defers; only a logger made by package log exits.
    definition = ctx.resolver.lookup(parts[0])
    if definition is None:
        return None
    value = definition.value
    if value is None and definition.kind == "var":
        items = go_ast.expression_list_items(declaring_rhs(definition.node))
        value = items[0] if len(items) == 1 else None
    origin = ctx.callee(value) if value is not None else None
    if origin in ("log.New", "log.Default"):
        return f"{ctx.text(parts[0])}.{parts[1]}"
    return None


RULE = Rule(
    id="GSL210",
    name="exit-skips-cleanup",
    summary="`os.Exit` or `log.Fatal*` after a `defer` in the same function: the deferred call never runs.",
    description=(
        "`os.Exit` ends the process at once, and `log.Fatal`, `Fatalf` and `Fatalln` "
        "call it: deferred calls of the current goroutine do not run. An exit reached "
        "after a `defer` in the same function body skips that cleanup — buffered "
        "output is not flushed, temporary directories stay, locks stay held. Exits "
        "before the first `defer`, exits in another branch of the same `if`/`switch`, "
        "and exits inside a function literal (whose own defers count instead) are not "
        "reported; neither is `log.Panic*` nor `t.Fatal`, which run deferred calls. "
        "The message names every deferred call the exit skips; exits that skip the "
        "same defers are one finding, and deferred calls that do not matter at that "
        "exit are not counted (see Defaults)."
    ),
    message="`{exit}` skips the deferred {deferred}{more}",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("reliability", "cleanup"),
    cwe=(459,),
    precision="high",
    help=(
        "**Why:** `os.Exit` does not unwind the stack, so every `defer` registered so "
        "far is dropped: files are not flushed or closed, temporary files are not "
        "removed (CWE-459).\n\n"
        "**Fix:** move the work into a `run() error` function with the defers, and "
        "exit only from `main`:\n\n"
        "```go\n"
        "func main() {\n"
        "\tif err := run(); err != nil {\n"
        "\t\tfmt.Fprintln(os.Stderr, err)\n"
        "\t\tos.Exit(1)\n"
        "\t}\n"
        "}\n"
        "```\n\n"
        "**Defaults, and why** (judged on real repositories):\n\n"
        "- One finding per group of exits that skip the same defers, at the first "
        "exit; its message counts the others. The repeated `log.Fatal(err)` after "
        "every step of a generator made a dozen findings with one fix (a "
        "`run() error` function). `each_exit: true` reports every exit.\n"
        "- Deferred calls the end of the process does anyway are not counted: "
        "`Close` of an `*os.File` (the kernel closes it; nothing is buffered), a "
        "mutex `Unlock`, `WaitGroup.Done`, a context's `cancel`.\n"
        "- A failure exit (`log.Fatal*`, `os.Exit` with a non-zero constant) abandons "
        "the run's output, so it does not count deferred `Flush`, `Close`, `Sync` or "
        "`Stop` calls (nor a deferred function literal made of them); it still counts "
        "cleanup of what outlives the process (`os.Remove` of a temporary file). A "
        "success exit (`os.Exit(0)`) counts everything: there a skipped `Flush` "
        "loses output."
    ),
    options={"each_exit": False},
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(EXITS, LOGGER_FATAL),
    requires_imports=frozenset({"os", "log"}),
    in_tests=False,
    foreign_ids={"golangci-lint": ("gocritic", "revive")},
)
