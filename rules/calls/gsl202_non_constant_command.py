"""GSL202 non-constant-command: the program exec runs is chosen at run time."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    EXEC_CALL_NAMES,
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    exec_argv,
    is_constant,
    short_callee,
    sources_of,
)

_KNOWN_PLACES = ("param", "temp", "goroot", "home")


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    argv = exec_argv(ctx, node)
    if argv is None or is_constant(ctx, argv.program):
        return
    program = " ".join(ctx.text(argv.program).split())[:60]
    sources = sources_of(ctx, argv.program)
    if sources and all(s.kind == "self" for s in sources):
        return  # re-running the program itself (os.Args[0], os.Executable)
    tainted = next((s for s in sources if s.is_input), None)
    if tainted is not None:
        yield ctx.finding(
            RULE,
            node,
            related=(tainted.location("the program comes from here"),),
            precision="high",
            callee=short_callee(argv.callee),
            program=program,
            source=tainted.description,
        )
        return
    if ctx.scan_level is not Risk.HIGH:
        return
    # Say where a known place comes from (`t.TempDir()`, `runtime.GOROOT()`, a parameter).
    known = next((s for s in sources if s.kind in _KNOWN_PLACES), None)
    origin = (
        f"{known.description} (deep scan)"
        if known is not None
        else "of unknown origin (deep scan)"
    )
    yield ctx.finding(
        RULE,
        node,
        level=Level.WARNING,
        precision="medium",
        callee=short_callee(argv.callee),
        program=program,
        source=origin,
    )


RULE = Rule(
    id="GSL202",
    name="non-constant-command",
    summary="The program passed to exec is not a compile-time constant.",
    description=(
        "`exec.Command`, `exec.CommandContext`, `os.StartProcess` and `syscall.Exec` "
        "run whatever program their first argument names. When that name comes from "
        "command-line arguments, flags, the environment, standard input or an HTTP "
        "request, the caller chooses what runs. Values built only from constants "
        '(`fmt.Sprintf` of constants, `filepath.Join`, `exec.LookPath("git")`, a '
        "variable assigned only constants, an entry of a constant table) and re-running "
        "the program itself (`os.Args[0]`, `os.Executable()`) are not reported. The deep "
        "scan (`--risk-level high`) also reports programs of unknown origin, such as "
        "function parameters."
    ),
    message="`{callee}` runs the program `{program}` chosen at run time, {source}",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    tags=("security", "exec", "injection"),
    cwe=(78, 426),
    precision="high",
    help=(
        "**Why:** when input decides which binary runs, anyone who controls that input "
        "can run any program with the script's privileges (CWE-78), or plant a binary "
        "earlier on `PATH` (CWE-426).\n\n"
        "**Fix:** map the input to a fixed set of programs and run a constant name:\n\n"
        "```go\n"
        'tools := map[string]string{"fmt": "gofmt", "vet": "go"}\n'
        "prog, ok := tools[os.Args[1]]\n"
        "if !ok {\n"
        '\tlog.Fatalf("unknown tool %q", os.Args[1])\n'
        "}\n"
        "exec.Command(prog)\n"
        "```"
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
