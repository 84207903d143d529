"""GSL502 gomaxprocs-exceeded: `runtime.GOMAXPROCS(n)` above `sandbox.gomaxprocs`."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    go_ast,
    has_sandbox,
    sandbox_for,
)

GOMAXPROCS = "runtime.GOMAXPROCS"


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    sandbox = sandbox_for(ctx)
    if sandbox is None or sandbox.gomaxprocs is None:
        return
    if ctx.callee(node) != GOMAXPROCS:
        return
    args = go_ast.call_args(node)
    if len(args) != 1:
        return
    limit = sandbox.gomaxprocs
    related: tuple[Location, ...] = ()
    if sandbox.gomaxprocs_at is not None:
        at = sandbox.gomaxprocs_at
        related = (Location(at.path, at.region, f"the limit is {limit} here"),)
    value = ctx.int_value(args[0])
    if value is None:
        yield ctx.finding(
            RULE,
            node,
            related=related,
            level=Level.NOTE,
            precision="low",
            problem=f"gets `{ctx.text(args[0])[:60]}`, not a constant: it cannot be "
            f"checked against `sandbox.gomaxprocs` ({limit})",
        )
        return
    if value > limit:  # 0 and negative values only query the setting
        yield ctx.finding(
            RULE,
            node,
            related=related,
            precision="very-high",
            problem=f"sets {value}, above `sandbox.gomaxprocs` ({limit})",
        )


RULE = Rule(
    id="GSL502",
    name="gomaxprocs-exceeded",
    summary="`runtime.GOMAXPROCS(n)` sets more processors than `sandbox.gomaxprocs` allows.",
    description=(
        "`sandbox.gomaxprocs` in `go-script.yaml` is the CPU budget the script runs "
        "with. A `runtime.GOMAXPROCS(n)` call whose argument resolves to a constant "
        "above it (literals, named constants, single-assignment variables) is an "
        "error; an argument not known before run time (`runtime.NumCPU()`, a flag) is "
        "a note, since it cannot be checked. `GOMAXPROCS(0)` only reads the setting. "
        "Silent when the manifest has no `sandbox.gomaxprocs`."
    ),
    message="`runtime.GOMAXPROCS` {problem}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "sandbox"),
    cwe=(),
    precision="very-high",
    help=(
        "**Why:** the sandbox grants the script a fixed number of CPUs; asking the Go "
        "scheduler for more only adds contention, and the manifest no longer "
        "describes what the script does.\n\n"
        "**Fix:** stay within the limit (`runtime.GOMAXPROCS(2)` for "
        "`gomaxprocs: 2`), clamp a computed value with `min(n, limit)`, or raise "
        "`sandbox.gomaxprocs` in the manifest."
    ),
    node_types=("call_expression",),
    check=check,
    applies=has_sandbox,
    in_tests=False,
)
