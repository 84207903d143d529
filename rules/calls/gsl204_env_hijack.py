"""GSL204 env-hijack: changing the variables that decide which code runs."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    go_ast,
    last_identifiers,
)

SETTERS = frozenset({"os.Setenv", "os.Unsetenv", "syscall.Setenv", "syscall.Unsetenv"})
CLEARERS = frozenset({"os.Clearenv", "syscall.Clearenv"})


def hijacks(name: str, variables: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    """Whether an environment variable name decides what code gets loaded or run."""
    return name in variables or name.startswith(prefixes)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node)
    if callee in CLEARERS:
        yield ctx.finding(
            RULE,
            node,
            level=Level.WARNING,
            callee=callee,
            what="clears the whole environment",
        )
        return
    if callee not in SETTERS:
        return
    args = go_ast.call_args(node)
    name = ctx.string_value(args[0]) if args else None
    if name is None:
        return
    options = ctx.options(RULE)
    if hijacks(name, tuple(options["variables"]), tuple(options["prefixes"])):
        verb = "unsets" if "Unsetenv" in callee else "sets"
        yield ctx.finding(
            RULE,
            node,
            callee=callee,
            what=f"{verb} `{name}`, which decides what code runs",
        )


RULE = Rule(
    id="GSL204",
    name="env-hijack",
    summary="`os.Setenv`/`os.Unsetenv` of `PATH`, `LD_PRELOAD`, `LD_LIBRARY_PATH`, `DYLD_*`, or `os.Clearenv`.",
    description=(
        '`PATH` decides which binary `exec.Command("git")` runs; `LD_PRELOAD`, '
        "`LD_LIBRARY_PATH` and the macOS `DYLD_*` variables decide which shared "
        "libraries every child process loads. A script that sets them changes the "
        "code its subprocesses run, and `os.Clearenv` silently drops proxies, "
        "credentials helpers and locale settings."
    ),
    message="`{callee}` {what}",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    tags=("security", "environment"),
    cwe=(426, 427),
    precision="very-high",
    help=(
        "**Why:** whoever controls these variables controls which programs and "
        "libraries your subprocesses load (CWE-426, CWE-427).\n\n"
        "**Fix:** call programs by absolute path, or set the environment of one "
        'command only: `cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")`. Never '
        "modify the process-wide `PATH` or loader variables."
    ),
    options={
        "variables": (
            "PATH",
            "LD_PRELOAD",
            "LD_LIBRARY_PATH",
            "LD_AUDIT",
            "GCONV_PATH",
        ),
        "prefixes": ("DYLD_",),
    },
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(SETTERS, CLEARERS),
    requires_imports=frozenset({"os", "syscall"}),
    in_tests=False,
)
