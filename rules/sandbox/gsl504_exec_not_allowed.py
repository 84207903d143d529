"""GSL504 exec-not-allowed: process creation when `sandbox.exec` is false."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    denied,
    has_sandbox,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    denial = denied(ctx, node, "exec")
    if denial is None:
        return
    yield ctx.finding(
        RULE,
        node,
        related=denial.related,
        callee=denial.need.callee,
        action=denial.need.action,
    )


RULE = Rule(
    id="GSL504",
    name="exec-not-allowed",
    summary="A call starts another program while `sandbox.exec` is false.",
    description=(
        "With `sandbox.exec: false` in `go-script.yaml` the script may not start "
        "other programs: `execve` is blocked. This rule reports the call that creates "
        "the process or command — `exec.Command`, `exec.CommandContext`, "
        "`os.StartProcess`, `syscall.ForkExec`, `syscall.Exec`, `unix.Exec` — "
        "resolved through import aliases and dot imports, not the later "
        "`cmd.Run()`/`Output()`. Silent unless the manifest says `exec: false`."
    ),
    message="`{callee}` {action}, but `sandbox.exec` is false",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    tags=("security", "sandbox", "exec"),
    cwe=(),
    precision="very-high",
    help=(
        "**Why:** the sandbox blocks `execve`, so the command fails at run time "
        "(`fork/exec …: operation not permitted`).\n\n"
        "**Fix:** do the work in Go (`os.ReadDir` instead of `ls`, `archive/tar` "
        "instead of `tar`, `net/http` instead of `curl`), or declare `exec: true` in "
        "the manifest's `sandbox` section if the script really must run a program."
    ),
    node_types=("call_expression",),
    check=check,
    applies=has_sandbox,
    in_tests=False,
)
