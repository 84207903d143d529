"""GSL210 exit-skips-cleanup: `os.Exit` / `log.Fatal*` after a `defer` in the same function."""

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
    defers_of,
    go_ast,
    reaches,
)

# log.Panic* panics, and a panic runs deferred calls: not listed.
EXITS = frozenset({"os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "syscall.Exit"})
LOGGER_FATAL = frozenset({"Fatal", "Fatalf", "Fatalln"})


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    name = exit_name(ctx, node)
    if name is None:
        return
    func = go_ast.enclosing_function(node)
    if func is None:
        return
    earlier = [
        d
        for d in defers_of(ctx, func)
        if d.end_byte <= node.start_byte and not _defers_exit(ctx, d)
    ]
    deferred = next((d for d in reversed(earlier) if reaches(d, node)), None)
    if deferred is None:
        return
    call = next((c for c in deferred.named_children if c.type != "comment"), deferred)
    shown = " ".join(ctx.text(call).split())
    shown = shown if len(shown) <= 50 else shown[:47] + "..."
    line = deferred.start_point[0] + 1
    yield ctx.finding(
        RULE,
        node,
        related=(ctx.location(deferred, message="deferred here, never runs"),),
        exit=name,
        deferred=shown,
        line=line,
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
        "reported; neither is `log.Panic*` nor `t.Fatal`, which run deferred calls."
    ),
    message="`{exit}` skips the deferred `{deferred}` (line {line})",
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
        "```"
    ),
    bad=(
        "package main\n\n"
        'import (\n\t"log"\n\t"os"\n)\n\n'
        "func main() {\n"
        '\tdir, err := os.MkdirTemp("", "job")\n'
        "\tif err != nil {\n"
        "\t\tlog.Fatal(err)\n"
        "\t}\n"
        "\tdefer os.RemoveAll(dir)\n"
        '\tif err := os.WriteFile(dir+"/x", nil, 0o600); err != nil {\n'
        "\t\tlog.Fatal(err)\n"
        "\t}\n"
        "}\n"
    ),
    good=(
        "package main\n\n"
        'import (\n\t"log"\n\t"os"\n)\n\n'
        "func run() error {\n"
        '\tdir, err := os.MkdirTemp("", "job")\n'
        "\tif err != nil {\n"
        "\t\treturn err\n"
        "\t}\n"
        "\tdefer os.RemoveAll(dir)\n"
        '\treturn os.WriteFile(dir+"/x", nil, 0o600)\n'
        "}\n\n"
        "func main() {\n"
        "\tif err := run(); err != nil {\n"
        "\t\tlog.Fatal(err)\n"
        "\t}\n"
        "}\n"
    ),
    node_types=("call_expression",),
    check=check,
    requires_imports=frozenset({"os", "log"}),
)
