"""GSL201 shell-exec: a process started through a shell's command-string flag."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    EXEC_CALL_NAMES,
    FileContext,
    Finding,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    constant_strings,
    exec_argv,
    input_source,
    is_constant,
    program_name,
    short_callee,
)

SH_FAMILY = frozenset({"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "fish"})
CMD_FAMILY = frozenset({"cmd"})
POWERSHELL_FAMILY = frozenset({"powershell", "pwsh"})
# Wrappers run their operand as the real program; options they take with a value.
WRAPPERS: dict[str, frozenset[str]] = {
    "env": frozenset({"-u", "-C", "-S"}),
    "sudo": frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"}),
    "doas": frozenset({"-u", "-C"}),
    "nice": frozenset({"-n"}),
    "ionice": frozenset({"-c", "-n", "-p"}),
    "nohup": frozenset(),
    "setsid": frozenset(),
    "timeout": frozenset({"-k", "-s"}),
    "stdbuf": frozenset({"-i", "-o", "-e"}),
    "busybox": frozenset(),
}


def _skip_wrapper(name: str, values: list[str | None], start: int) -> int | None:
    """Index of the wrapped program in ``values`` (``None`` when unknown)."""
    takes_value = WRAPPERS[name]
    i = start
    while i < len(values):
        v = values[i]
        if v is None:
            return None
        if v == "--":
            i += 1
            break
        if v.startswith("-"):
            i += 2 if v in takes_value else 1
            continue
        if name == "env" and "=" in v:
            i += 1
            continue
        break
    if name == "timeout" and i < len(values):
        i += 1  # the DURATION operand
    return i if i < len(values) else None


def shell_flag_index(shell: str, values: list[str | None], start: int) -> int | None:
    """Index of the flag that makes ``shell`` run its next operand as a command string."""
    i = start
    while i < len(values):
        v = values[i]
        if v is None:
            return None
        if shell in SH_FAMILY:
            if v == "--" or not v.startswith(("-", "+")) or v in ("-", "+"):
                return None
            if v in ("-o", "+o", "-O", "+O"):
                i += 2
                continue
            if v.startswith("-") and not v.startswith("--") and "c" in v[1:]:
                return i
            if (
                v[-1] in "oO"
            ):  # `-euo pipefail`: the cluster's last option takes a value
                i += 2
                continue
        elif shell in CMD_FAMILY:
            if v.lower() in ("/c", "/k", "/r"):
                return i
        elif shell in POWERSHELL_FAMILY:
            low = v.lower()
            if low in ("-c", "/c") or (len(low) > 2 and "-command".startswith(low)):
                return i
            if low.startswith("-encodedc") or low in ("-e", "-ec"):
                return i
        i += 1
    return None


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    argv = exec_argv(ctx, node)
    if argv is None:
        return
    nodes = [argv.program, *argv.args]
    values = [ctx.string_value(n) for n in nodes]
    if values[0] is None:
        # `shell := "sh"; if windows { shell = "cmd" }`: any shell it may hold.
        known = SH_FAMILY | CMD_FAMILY | POWERSHELL_FAMILY | set(WRAPPERS)
        candidates = constant_strings(ctx, argv.program)
        values[0] = next((c for c in candidates if program_name(c) in known), None)
    position = 0
    name = program_name(values[0]) if values[0] is not None else None
    while name in WRAPPERS:
        found = _skip_wrapper(name, values, position + 1)
        if found is None:
            return
        position = found
        value = values[position]
        name = program_name(value) if value is not None else None
    if name is None or name not in SH_FAMILY | CMD_FAMILY | POWERSHELL_FAMILY:
        return
    flag_at = shell_flag_index(name, values, position + 1)
    if flag_at is None:
        return
    command = nodes[flag_at + 1 :]
    constant = (
        argv.complete and bool(command) and all(is_constant(ctx, n) for n in command)
    )
    shell = f"{name} {values[flag_at]}"
    if constant:
        words = [
            v if v is not None else ctx.text(n)
            for v, n in zip(values[flag_at + 1 :], command, strict=True)
        ]
        what = f"the constant command `{' '.join(words)[:80]}`"
        yield ctx.finding(
            RULE,
            node,
            level=Level.NOTE,
            callee=short_callee(argv.callee),
            shell=shell,
            what=what,
        )
        return
    source = next(
        (s for s in (input_source(ctx, n) for n in command) if s is not None), None
    )
    what = "a command string built at run time"
    related: tuple[Location, ...] = ()
    if source is not None:
        what += f" {source.description}"
        related = (source.location("untrusted value comes from here"),)
    yield ctx.finding(
        RULE,
        node,
        related=related,
        precision="very-high" if source is not None else "high",
        callee=short_callee(argv.callee),
        shell=shell,
        what=what,
    )


RULE = Rule(
    id="GSL201",
    name="shell-exec",
    summary="A process is started through a shell's command-string flag (`sh -c`, `cmd /C`, `powershell -Command`).",
    description=(
        "Running `sh -c STRING` (or `bash -lc`, `cmd /C`, `pwsh -Command`, also behind "
        "`env`, `sudo`, `nice`, `timeout` …) hands a whole string to a shell, which "
        "re-parses it: quotes, `;`, `&&`, `$(…)` and globbing all apply. When any part "
        "of that string comes from input, the caller can run arbitrary commands. Names "
        "are resolved through import aliases, dot imports and constants."
    ),
    message="`{callee}` runs `{shell}` with {what}",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    tags=("security", "exec", "injection"),
    cwe=(78,),
    precision="high",
    help=(
        "**Why:** a shell re-parses its command string, so data inside it becomes code "
        "(OS command injection, CWE-78).\n\n"
        "**Fix:** run the program directly and pass each argument separately: "
        '`exec.Command("git", "log", "--", path)`. If a pipeline is really needed, build '
        "it with several `exec.Cmd` values connected by `StdoutPipe`.\n\n"
        "A constant command string is reported as a note: it is safe today, but one "
        "edit away from an injection."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=EXEC_CALL_NAMES,
    requires_imports=frozenset({"os/exec", "os", "syscall", "golang.org/x/sys/unix"}),
    in_tests=False,
    foreign_ids={
        "gosec": ("G204",),
        "semgrep": ("dangerous-exec-command", "dangerous-syscall-exec"),
    },
)
