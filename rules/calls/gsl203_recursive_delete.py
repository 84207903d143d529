"""GSL203 recursive-delete: `os.RemoveAll` of a dangerous or input-controlled path."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    constant_strings,
    go_ast,
    is_constant,
    last_identifiers,
    sources_of,
)

REMOVE_ALL = frozenset({"os.RemoveAll"})
DANGEROUS = frozenset(
    {"/", ".", "..", "", "~", "$HOME", "${HOME}", "/*", "*", "C:\\", "C:/"}
)


def dangerous_constant(path: str) -> bool:
    """``/``, ``.``, ``""``, the home directory and top-level system directories."""
    stripped = path.strip()
    if stripped in DANGEROUS:
        return True
    if stripped.startswith(("~", "$HOME", "${HOME}")) and stripped.rstrip("/") in (
        "~",
        "$HOME",
        "${HOME}",
    ):
        return True
    normal = posixpath.normpath(stripped) if stripped else ""
    return normal in ("/", ".", "..") or (
        normal.count("/") == 1 and normal.startswith("/") and normal[1:] in _SYSTEM_DIRS
    )


_SYSTEM_DIRS = frozenset(
    {
        "bin",
        "boot",
        "dev",
        "etc",
        "home",
        "lib",
        "opt",
        "root",
        "sbin",
        "usr",
        "var",
        "Users",
    }
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node)
    if callee not in REMOVE_ALL:
        return
    args = go_ast.call_args(node)
    if not args:
        return
    path = args[0]
    value = ctx.string_value(path)
    if value is None:
        # A variable assigned only constants: judge the worst value it may hold.
        candidates = constant_strings(ctx, path)
        value = next((c for c in candidates if dangerous_constant(c)), None)
        if value is None and (candidates or is_constant(ctx, path)):
            return
    if value is not None:
        if dangerous_constant(value):
            shown = value or '""'
            yield ctx.finding(
                RULE,
                node,
                precision="very-high",
                callee=callee,
                what=f"the constant path `{shown}`",
            )
        return
    sources = sources_of(ctx, path)
    if any(s.kind == "temp" for s in sources):
        return  # defer os.RemoveAll(tmp) is how temporary directories are cleaned up
    home = next((s for s in sources if s.kind == "home"), None)
    tainted = next((s for s in sources if s.is_input), None)
    if tainted is not None or home is not None:
        origin = tainted or home
        assert origin is not None
        yield ctx.finding(
            RULE,
            node,
            related=(origin.location("the path comes from here"),),
            precision="high",
            callee=callee,
            what=f"a path {origin.description}",
        )
        return
    if ctx.scan_level is Risk.HIGH:
        yield ctx.finding(
            RULE,
            node,
            level=Level.WARNING,
            precision="low",
            callee=callee,
            what=f"the non-constant path `{ctx.text(path)[:60]}` (deep scan)",
        )


RULE = Rule(
    id="GSL203",
    name="recursive-delete",
    summary='`os.RemoveAll` of `/`, `.`, `""`, the home directory, or a path taken from input.',
    description=(
        "`os.RemoveAll` deletes a whole tree without asking. Called with `/`, `.`, an "
        "empty string, the home directory, or a path that comes from command-line "
        "arguments, flags or the environment, one wrong value wipes the machine or the "
        "checkout. Paths under `os.MkdirTemp`, `os.CreateTemp`, `os.TempDir()` and "
        "`t.TempDir()` are never reported: `defer os.RemoveAll(tmp)` is idiomatic. The "
        "deep scan (`--risk-level high`) also reports any non-constant path of unknown origin."
    ),
    message="`{callee}` deletes {what}",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    tags=("security", "filesystem"),
    cwe=(22, 73),
    precision="high",
    help=(
        "**Why:** a recursive delete of a path you do not control can destroy data "
        "outside the script's working area.\n\n"
        "**Fix:** validate the path first — make it absolute with `filepath.Abs`, check "
        'it lies under a directory the script owns (`strings.HasPrefix(abs, root+"/")`), '
        "and refuse `/`, `.` and the home directory. For scratch space use `os.MkdirTemp`."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(REMOVE_ALL),
    requires_imports=frozenset({"os"}),
    in_tests=False,
)
