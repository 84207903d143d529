"""GSL208 weak-permissions: group/world-writable or setuid modes on created files."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    mode_argument,
    show_mode,
    weak_bits,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    mode = mode_argument(ctx, node)
    if mode is None:
        return
    written = " ".join(ctx.text(mode.node).split())[:40]
    shown = "" if written == show_mode(mode.value) else f" ({show_mode(mode.value)})"
    problems = weak_bits(mode.value)
    if problems:
        yield ctx.finding(
            RULE,
            mode.node,
            call=mode.call,
            mode=written,
            value=shown,
            why=", ".join(problems),
        )
        return
    if ctx.scan_level is not Risk.HIGH:
        return
    options = ctx.options(RULE)
    limit = int(options["dir_mode" if mode.target == "dir" else "file_mode"])
    if mode.value & 0o777 & ~limit:
        yield ctx.finding(
            RULE,
            mode.node,
            level=Level.NOTE,
            precision="medium",
            call=mode.call,
            mode=written,
            value=shown,
            why=f"wider than {show_mode(limit)} for a {mode.target} (deep scan)",
        )


RULE = Rule(
    id="GSL208",
    name="weak-permissions",
    summary="A file or directory created or chmod-ed with group/world-writable or setuid/setgid bits.",
    description=(
        "`os.WriteFile`, `os.OpenFile` (with `O_CREATE`), `os.Mkdir`, `os.MkdirAll`, "
        "`os.Chmod` and `(*os.File).Chmod` with a mode that lets other users write "
        "(`mode & 0o022`) or that sets setuid/setgid let another account tamper with "
        "the script's output or run code with its privileges. Modes are resolved from "
        "octal and `0o` literals, decimal numbers, named constants, `os.ModePerm`, "
        "`fs.FileMode(…)` and `|` combinations. The deep scan (`--risk-level high`) "
        "also reports any bit outside 0600 for files and 0750 for directories "
        "(options `file_mode` and `dir_mode`). `os.Create`'s implicit 0666 is not "
        "reported: the umask narrows it, and there is no mode in the code to fix."
    ),
    message="`{call}` uses mode `{mode}`{value}, {why}",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=("security", "filesystem"),
    cwe=(732, 276),
    precision="high",
    help=(
        "**Why:** a group- or world-writable file can be altered by another local "
        "user (a config, a script run later); setuid/setgid modes run with the "
        "owner's privileges (CWE-732). The umask usually narrows a mode, but not "
        "under `chmod`, and not for users with a permissive umask.\n\n"
        "**Fix:** create files with `0o600` (or `0o644` when others must read them) "
        "and directories with `0o750` / `0o755`; never set setuid/setgid from a "
        "script."
    ),
    bad=(
        "package main\n\n"
        'import "os"\n\n'
        "func main() {\n"
        '\t_ = os.WriteFile("token.txt", []byte("secret"), 0o666)\n'
        "}\n"
    ),
    good=(
        "package main\n\n"
        'import "os"\n\n'
        "func main() {\n"
        '\t_ = os.WriteFile("token.txt", []byte("secret"), 0o600)\n'
        "}\n"
    ),
    options={"file_mode": 0o600, "dir_mode": 0o750},
    node_types=("call_expression",),
    check=check,
    requires_imports=frozenset({"os", "io/ioutil", "io/fs"}),
)
