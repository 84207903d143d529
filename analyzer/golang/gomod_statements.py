"""The go.mod statement handlers: one per verb, with the go command's checks.

Each handler reads one :class:`Line` (a statement, or a line inside a block)
into the :class:`GoMod` it fills, or records a :class:`GoModError` at the
statement or the offending token.
"""

from __future__ import annotations

import re

from go_script_lint.golang import module_paths
from go_script_lint.golang.gomod_model import (
    GoMod,
    GoModError,
    Line,
    Replacement,
    Requirement,
    Retraction,
    Token,
    is_file_path,
)

_TOOLCHAIN = re.compile(r"default|go1(?:\.[0-9A-Za-z.+-]*)?")
_GODEBUG = re.compile(r"[A-Za-z0-9_.-]+=[^\s,\"`]*")


def _error(mod: GoMod, line: Line, message: str, token: Token | None = None) -> None:
    if token is None:
        mod.errors.append(GoModError(message, line.start, line.end))
    else:
        mod.errors.append(GoModError(message, token.start, token.end))


def statement(mod: GoMod, line: Line) -> None:
    handler = _HANDLERS.get(line.verb)
    if handler is None:
        _error(mod, line, f"unknown directive: {line.verb}")
        return
    if any(t.value in ("(", ")") and not t.quoted for t in line.args):
        _error(mod, line, f"unexpected parenthesis in `{line.verb}`")
        return
    handler(mod, line)


def _want_args(mod: GoMod, line: Line, count: int, usage: str) -> bool:
    if len(line.args) != count:
        _error(mod, line, f"usage: {usage}")
        return False
    return True


def _module(mod: GoMod, line: Line) -> None:
    if mod.module_line is not None:
        _error(mod, line, "repeated module statement")
        return
    mod.module_line = line
    if not _want_args(mod, line, 1, "module module/path"):
        return
    mod.module = line.args[0].value


def _go(mod: GoMod, line: Line) -> None:
    if mod.go_line is not None:
        _error(mod, line, "repeated go statement")
        return
    mod.go_line = line
    if not _want_args(mod, line, 1, "go 1.23"):
        return
    value = line.args[0].value
    if module_paths.parse_go_version(value) is None:
        _error(
            mod,
            line,
            f"invalid go version `{value}`: must match format 1.23.0",
            line.args[0],
        )
        return
    mod.go = value


def _toolchain(mod: GoMod, line: Line) -> None:
    if mod.toolchain_line is not None:
        _error(mod, line, "repeated toolchain statement")
        return
    mod.toolchain_line = line
    if not _want_args(mod, line, 1, "toolchain go1.23.0"):
        return
    value = line.args[0].value
    if not _TOOLCHAIN.fullmatch(value):
        _error(
            mod,
            line,
            f"invalid toolchain version `{value}`: must match format go1.23.0 or default",
            line.args[0],
        )
        return
    mod.toolchain = value


def _godebug(mod: GoMod, line: Line) -> None:
    if not _want_args(mod, line, 1, "godebug key=value"):
        return
    arg = line.args[0]
    if not _GODEBUG.fullmatch(arg.value):
        _error(mod, line, f"usage: godebug key=value, not `{arg.value}`", arg)
        return
    key, _, value = arg.value.partition("=")
    mod.godebug.append((key, value, line))


def _path_version(mod: GoMod, line: Line, path: Token, version: Token) -> bool:
    problem = module_paths.check_path(path.value)
    if problem is not None:
        _error(mod, line, problem, path)
        return False
    problem = module_paths.check_version(
        version.value
    ) or module_paths.check_path_major(path.value, version.value)
    if problem is not None:
        _error(mod, line, problem, version)
        return False
    return True


def _require(mod: GoMod, line: Line) -> None:
    verb = line.verb
    if not _want_args(mod, line, 2, f"{verb} module/path v1.2.3"):
        return
    path, version = line.args
    if not _path_version(mod, line, path, version):
        return
    indirect = line.comment == "indirect" or line.comment.startswith("indirect;")
    entry = Requirement(path.value, version.value, indirect, line)
    (mod.requires if verb == "require" else mod.excludes).append(entry)


def _replace(mod: GoMod, line: Line) -> None:
    args = line.args
    arrow = next(
        (i for i, t in enumerate(args) if t.value == "=>" and not t.quoted), -1
    )
    if arrow not in (1, 2) or len(args) - arrow - 1 not in (1, 2):
        _error(
            mod,
            line,
            "usage: replace module/path [v1.2.3] => other/module v1.4 | ../directory",
        )
        return
    old = args[0]
    old_version = args[1].value if arrow == 2 else ""
    new = args[arrow + 1]
    new_version = args[arrow + 2].value if len(args) - arrow - 1 == 2 else ""
    problem = module_paths.check_path(old.value)
    if problem is not None:
        _error(mod, line, problem, old)
        return
    if old_version and (problem := module_paths.check_version(old_version)) is not None:
        _error(mod, line, problem, args[1])
        return
    if is_file_path(new.value):
        if new_version:
            _error(
                mod,
                line,
                "replacement directory cannot have a version",
                args[arrow + 2],
            )
            return
    else:
        if not new_version:
            _error(
                mod,
                line,
                "replacement module without version must be a directory path (rooted or starting with ./ or ../)",
                new,
            )
            return
        if not _path_version(mod, line, new, args[arrow + 2]):
            return
    mod.replaces.append(
        Replacement(old.value, old_version, new.value, new_version, line)
    )


def _retract(mod: GoMod, line: Line) -> None:
    values = [t.value for t in line.args]
    if len(values) == 1:
        low = high = values[0]
    elif (
        len(values) == 5 and values[0] == "[" and values[2] == "," and values[4] == "]"
    ):
        low, high = values[1], values[3]
    else:
        _error(mod, line, "usage: retract v1.2.3 or retract [v1.2.3, v1.3.0]")
        return
    for value in (low, high):
        problem = module_paths.check_version(value)
        if problem is not None:
            _error(mod, line, problem)
            return
    lo, hi = module_paths.parse_semver(low), module_paths.parse_semver(high)
    if lo is not None and hi is not None and _order(lo) > _order(hi):
        _error(
            mod, line, f"version range is backwards: `{low}` is higher than `{high}`"
        )
        return
    mod.retracts.append(Retraction(low, high, line.comment, line))


def _order(
    v: module_paths.Semver,
) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
    pre = (
        tuple((0, int(p)) if p.isdigit() else (1, p) for p in v.prerelease.split("."))
        if v.prerelease
        else ()
    )
    return (v.major, v.minor, v.patch, 0 if v.prerelease else 1, pre)


def _single_path(mod: GoMod, line: Line, target: list[tuple[str, Line]]) -> None:
    if _want_args(mod, line, 1, f"{line.verb} path") and line.args[0].value:
        target.append((line.args[0].value, line))


def _tool(mod: GoMod, line: Line) -> None:
    _single_path(mod, line, mod.tools)


def _ignore(mod: GoMod, line: Line) -> None:
    _single_path(mod, line, mod.ignores)


_HANDLERS = {
    "module": _module,
    "go": _go,
    "toolchain": _toolchain,
    "godebug": _godebug,
    "require": _require,
    "exclude": _require,
    "replace": _replace,
    "retract": _retract,
    "tool": _tool,
    "ignore": _ignore,
}
