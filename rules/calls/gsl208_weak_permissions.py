"""GSL208 weak-permissions: group/world-writable or setuid modes on created files."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    MODE_CALL_NAMES,
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    mode_argument,
    show_mode,
    special_bits,
    umask_cleared,
    writable_bits,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    mode = mode_argument(ctx, node)
    if mode is None:
        return
    written = " ".join(ctx.text(mode.node).split())[:40]
    shown = "" if written == show_mode(mode.value) else f" ({show_mode(mode.value)})"
    special = special_bits(mode.value)
    writable = writable_bits(mode.value)
    if mode.changes and (writable or special):
        yield ctx.finding(
            RULE,
            mode.node,
            why=", ".join(writable + special),
            call=mode.call,
            mode=written,
            value=shown,
        )
        return
    if special:  # the umask never clears setuid, setgid or sticky
        yield ctx.finding(
            RULE,
            mode.node,
            why=", ".join(special),
            call=mode.call,
            mode=written,
            value=shown,
        )
        return
    cleared = umask_cleared(ctx) if mode.value & 0o002 else None
    if cleared is not None:
        yield ctx.finding(
            RULE,
            mode.node,
            related=(ctx.location(cleared, message="the umask is cleared here"),),
            why=", ".join(writable) + " after `Umask(0)`",
            call=mode.call,
            mode=written,
            value=shown,
        )
        return
    if ctx.scan_level is not Risk.HIGH:
        return  # a creating call's mode: the umask narrows it
    options = ctx.options(RULE)
    limit = int(options["dir_mode" if mode.target == "dir" else "file_mode"])
    if not mode.value & 0o777 & ~limit:
        return
    narrowed = "" if mode.changes else "; the umask narrows it"
    yield ctx.finding(
        RULE,
        mode.node,
        level=Level.NOTE,
        precision="medium",
        why=f"wider than {show_mode(limit)} for a {mode.target} (deep scan{narrowed})",
        call=mode.call,
        mode=written,
        value=shown,
    )


RULE = Rule(
    id="GSL208",
    name="weak-permissions",
    summary="A mode change to group/world-writable, a setuid/setgid/sticky bit, or a world-writable file created after `Umask(0)`.",
    description=(
        "What the umask does not narrow is reported at the default level: mode "
        "changes (`os.Chmod`, `(*os.File).Chmod`, `syscall.Chmod`/`Fchmod`/`Fchmodat` "
        "and `x/sys/unix`'s) that let the group or other users write (`mode & "
        "0o022`); setuid, setgid or sticky bits on any call; and world-writable modes "
        "of creating calls (`os.WriteFile`, `os.OpenFile` with `O_CREATE`, "
        "`os.Mkdir`, `os.MkdirAll`, `syscall.Open`, `syscall.Mkdir`) in a program "
        "that calls `syscall.Umask(0)`. A creating call's `0o666` or `0o777` is "
        "otherwise narrowed by the umask (typically to 0o644 / 0o755), exactly like "
        "`os.Create`'s implicit 0o666, so it is not reported by default. Modes are "
        "resolved from octal and `0o` literals, decimal numbers, named constants, "
        "`os.ModePerm`, `fs.FileMode(…)` and `|` combinations. The deep scan "
        "(`--risk-level high`) keeps the strict thresholds: any bit outside 0600 for "
        "files and 0750 for directories (options `file_mode` and `dir_mode`), with "
        '"the umask narrows it" in the message of creating calls.'
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
        "script.\n\n"
        "**Default:** creation modes such as `os.WriteFile(p, b, 0o666)` or "
        "`os.MkdirAll(d, 0o777)` are not reported at the default level: the umask "
        "narrows them, as it narrows `os.Create`'s 0o666, and on real code reviewers "
        "judged them not worth a look. They are reported when the program clears "
        "the umask (`syscall.Umask(0)`), and by the deep scan "
        "(`--risk-level high`)."
    ),
    options={"file_mode": 0o600, "dir_mode": 0o750},
    node_types=("call_expression",),
    check=check,
    call_names=MODE_CALL_NAMES,
    requires_imports=frozenset({"os", "io/ioutil", "io/fs"}),
    in_tests=False,
    foreign_ids={
        "gosec": ("G301", "G302", "G306"),
        "semgrep": ("bad-tmp-file-creation",),
    },
)
