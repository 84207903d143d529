"""GSL501 syscall-not-allowed: a call needs a system call outside `sandbox.syscalls`."""

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
    has_sandbox,
    need_of,
    sandbox_for,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    sandbox = sandbox_for(ctx)
    if sandbox is None or sandbox.syscalls is None:
        return
    need = need_of(ctx, node)
    if need is None:
        return
    related: tuple[Location, ...] = ()
    if sandbox.syscalls_at is not None:
        related = (
            Location(
                sandbox.syscalls_at.path,
                sandbox.syscalls_at.region,
                "the allowed syscalls are listed here",
            ),
        )
    if need.unknown_syscall:
        yield ctx.finding(
            RULE,
            node,
            related=related,
            level=Level.NOTE,
            precision="low",
            callee=need.callee,
            problem="makes a system call whose number is not a constant; it cannot "
            "be checked against `sandbox.syscalls`",
        )
        return
    # A capability the manifest rules on (`network`/`exec`) is GSL503/GSL504's call.
    if (need.capability == "network" and sandbox.network is not None) or (
        need.capability == "exec" and sandbox.exec is not None
    ):
        return
    allowed = sandbox.granted() | sandbox.syscalls
    missing = [s for s in need.syscalls if s not in allowed]
    if not missing:
        return
    names = ", ".join(f"`{s}`" for s in missing)
    plural = "syscalls" if len(missing) > 1 else "syscall"
    yield ctx.finding(
        RULE,
        node,
        related=related,
        precision="medium" if need.approximate else "high",
        callee=need.callee,
        problem=f"needs {plural} {names}, not in `sandbox.syscalls`",
    )


RULE = Rule(
    id="GSL501",
    name="syscall-not-allowed",
    summary="A call needs a Linux system call that `sandbox.syscalls` does not allow.",
    description=(
        "When `go-script.yaml` has a `sandbox.syscalls` allow-list, the runtime "
        "sandbox (seccomp) kills or fails the script at the first system call outside "
        "it. The capability table maps standard-library calls (`os.Chown` → "
        "`fchownat`, `syscall.Mount` → `mount`, `syscall.Syscall(syscall.SYS_X, …)` "
        "with the number resolved) to the syscalls they make; the Go runtime's own "
        "syscalls (`read`, `write`, `mmap`, `futex`, `clone` …) are implicit, and "
        "`network: true` / `exec: true` grant the syscalls of those capabilities. A "
        "raw syscall whose number is not a constant is reported as a note. Silent when "
        "the manifest has no `sandbox.syscalls`."
    ),
    message="`{callee}` {problem}",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    tags=("security", "sandbox"),
    cwe=(),
    precision="high",
    help=(
        "**Why:** the sandbox enforces `sandbox.syscalls` at run time, late and "
        "opaquely (`operation not permitted`, or the process is killed). The linter "
        "shows the line that would break before the run.\n\n"
        "**Fix:** add the syscall to `sandbox.syscalls` when the script really needs "
        "it, or use a call that does not need it. List only extras: the Go runtime's "
        "own syscalls are implicit. See `docs/sandbox.md` for the capability table "
        "and its limits."
    ),
    node_types=("call_expression",),
    check=check,
    applies=has_sandbox,
    in_tests=False,
)
