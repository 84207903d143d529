"""A go.mod parser with positions: every statement a finding can point at.

It follows ``golang.org/x/mod/modfile``: the lexer (identifiers, quoted and
raw strings, ``//`` comments, ``(``/``)`` blocks, ``[``/``]``/``,`` for
retract ranges) and the checks the go command makes on a main module's
go.mod. Problems come back as :class:`GoModError` records, never exceptions,
so a broken go.mod is a GSL101 at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from go_script_lint.base import overlay
from go_script_lint.base.model import LineIndex, Location, Region
from go_script_lint.golang import module_paths

if TYPE_CHECKING:
    from go_script_lint.analysis.context import PackageContext

_BLOCK_VERBS = frozenset(
    {"require", "replace", "exclude", "retract", "tool", "ignore", "godebug", "module"}
)
_TOOLCHAIN = re.compile(r"default|go1(?:\.[0-9A-Za-z.+-]*)?")
_GODEBUG = re.compile(r"[A-Za-z0-9_.-]+=[^\s,\"`]*")
_IDENT_STOP = frozenset(" \t\r\n()[]{},")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a go.mod line: its (unquoted) value and byte span."""

    value: str
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """One statement: the verb (also for lines inside a block), its arguments, its comment."""

    verb: str
    args: tuple[Token, ...]
    comment: str
    start: int  # byte offset of the first token (the verb, or the first argument in a block)
    end: int  # end of the last token or comment
    in_block: bool = False


@dataclass(frozen=True, slots=True)
class Requirement:
    """A ``require`` (or ``exclude``) entry."""

    path: str
    version: str
    indirect: bool
    line: Line


@dataclass(frozen=True, slots=True)
class Replacement:
    """``old [v] => new [v]``; ``new_version`` is empty for a file-path target."""

    old_path: str
    old_version: str
    new_path: str
    new_version: str
    line: Line

    @property
    def is_local(self) -> bool:
        """The target is a directory, not a module."""
        return is_file_path(self.new_path)


@dataclass(frozen=True, slots=True)
class Retraction:
    """A retracted version or ``[low, high]`` range."""

    low: str
    high: str
    rationale: str
    line: Line


@dataclass(frozen=True, slots=True)
class GoModError:
    """A problem the go command would report, with its byte span."""

    message: str
    start: int
    end: int


@dataclass
class GoMod:
    """A parsed go.mod."""

    path: Path
    source: bytes
    module: str | None = None
    module_line: Line | None = None
    go: str | None = None
    go_line: Line | None = None
    toolchain: str | None = None
    toolchain_line: Line | None = None
    godebug: list[tuple[str, str, Line]] = field(default_factory=list)
    requires: list[Requirement] = field(default_factory=list)
    excludes: list[Requirement] = field(default_factory=list)
    replaces: list[Replacement] = field(default_factory=list)
    retracts: list[Retraction] = field(default_factory=list)
    tools: list[tuple[str, Line]] = field(default_factory=list)
    ignores: list[tuple[str, Line]] = field(default_factory=list)
    errors: list[GoModError] = field(default_factory=list)
    lines: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        """Index the text for positions."""
        self.lines = LineIndex(self.source)

    def region(self, start: int, end: int) -> Region:
        """Region of a byte span of the go.mod."""
        return self.lines.region(start, end)

    def line_region(self, line: Line) -> Region:
        """Region of a whole statement."""
        return self.lines.region(line.start, line.end)

    def require(self, module: str) -> Requirement | None:
        """The first ``require`` entry of ``module``."""
        return next((r for r in self.requires if r.path == module), None)


def is_file_path(path: str) -> bool:
    """A replacement target that is a directory (``./x``, ``../x``, ``/abs``, ``C:\\x``)."""
    return (
        path.startswith(("./", "../", "/", ".\\", "..\\"))
        or path in (".", "..")
        or re.match(r"[A-Za-z]:[\\/]", path) is not None
    )


def _unquote(raw: str) -> str | None:
    if raw.startswith("`"):
        return raw[1:-1] if len(raw) >= 2 and raw.endswith("`") else None
    if len(raw) < 2 or not raw.endswith('"'):
        return None
    body = raw[1:-1]
    if "\\" not in body:
        return body
    try:
        # Go and Python agree on the escapes a path can need (\\, \", \t, \xNN).
        return (
            body.encode("utf-8")
            .decode("unicode_escape")
            .encode("latin-1")
            .decode("utf-8")
        )
    except (UnicodeError, ValueError):
        return None


class _Lexer:
    """Splits the text into logical lines of tokens (plus block brackets)."""

    def __init__(self, text: str, data: bytes, errors: list[GoModError]) -> None:
        self.text = text
        self.errors = errors
        # character index → byte offset, so positions match the file's bytes
        self.offsets: list[int] | None = None if text.isascii() else _char_offsets(text)

    def byte(self, index: int) -> int:
        return index if self.offsets is None else self.offsets[index]

    def lines(self) -> list[tuple[list[Token], str, int]]:
        """``(tokens, comment, comment_end)`` per physical line that has something."""
        out: list[tuple[list[Token], str, int]] = []
        text = self.text
        i = 0
        n = len(text)
        tokens: list[Token] = []
        comment = ""
        comment_end = -1
        while i < n:
            c = text[i]
            if c == "\n":
                out.append((tokens, comment, comment_end))
                tokens, comment, comment_end = [], "", -1
                i += 1
            elif c in " \t\r":
                i += 1
            elif text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j == -1 else j
                comment = text[i + 2 : j].strip()
                comment_end = self.byte(j if text[j - 1 : j] != "\r" else j - 1)
                i = j
            elif c in "()[],":
                tokens.append(Token(c, self.byte(i), self.byte(i + 1)))
                i += 1
            elif c in '"`':
                j = self._string_end(i)
                raw = text[i:j]
                value = _unquote(raw)
                if value is None:
                    self.errors.append(
                        GoModError(
                            "unterminated or invalid quoted string",
                            self.byte(i),
                            self.byte(j),
                        )
                    )
                    value = raw.strip('"`')
                tokens.append(Token(value, self.byte(i), self.byte(j), quoted=True))
                i = j
            else:
                j = i
                while (
                    j < n
                    and text[j] not in _IDENT_STOP
                    and not text.startswith("//", j)
                ):
                    j += 1
                if j == i:  # a stray brace: keep going rather than loop
                    self.errors.append(
                        GoModError(f"unexpected `{c}`", self.byte(i), self.byte(i + 1))
                    )
                    j = i + 1
                else:
                    tokens.append(Token(text[i:j], self.byte(i), self.byte(j)))
                i = j
        out.append((tokens, comment, comment_end))
        return out

    def _string_end(self, i: int) -> int:
        quote = self.text[i]
        j = i + 1
        n = len(self.text)
        while j < n:
            c = self.text[j]
            if c == "\\" and quote == '"':
                j += 2
                continue
            if c == quote:
                return j + 1
            if c == "\n" and quote == '"':
                return j
            j += 1
        return n


def _char_offsets(text: str) -> list[int]:
    offsets = [0] * (len(text) + 1)
    total = 0
    for idx, ch in enumerate(text):
        offsets[idx] = total
        total += len(ch.encode("utf-8", errors="surrogatepass"))
    offsets[len(text)] = total
    return offsets


def parse_gomod(source: bytes, path: Path = Path("go.mod")) -> GoMod:
    """Parse go.mod bytes; problems are collected in ``errors``."""
    mod = GoMod(path=path, source=source)
    text = source.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in source:
        mod.errors.append(GoModError("go.mod is not valid UTF-8", 0, 0))
    block: Token | None = None
    for tokens, comment, comment_end in _Lexer(text, source, mod.errors).lines():
        if not tokens:
            continue
        end = comment_end if comment_end >= 0 else tokens[-1].end
        if block is not None:
            if tokens[0].value == ")" and not tokens[0].quoted:
                if len(tokens) > 1:
                    mod.errors.append(
                        GoModError(
                            "unexpected text after `)`", tokens[1].start, tokens[-1].end
                        )
                    )
                block = None
                continue
            _statement(
                mod,
                Line(block.value, tuple(tokens), comment, tokens[0].start, end, True),
            )
            continue
        verb = tokens[0]
        if len(tokens) >= 2 and tokens[-1].value == "(" and not tokens[-1].quoted:
            if len(tokens) > 2:
                mod.errors.append(
                    GoModError(
                        "unexpected text before `(`", tokens[1].start, tokens[-2].end
                    )
                )
            if verb.value not in _BLOCK_VERBS:
                mod.errors.append(
                    GoModError(
                        f"unknown block type: {verb.value}", verb.start, verb.end
                    )
                )
            block = verb
            continue
        _statement(mod, Line(verb.value, tuple(tokens[1:]), comment, verb.start, end))
    if block is not None:
        mod.errors.append(
            GoModError(
                f"`{block.value}` block is not closed with `)`", block.start, block.end
            )
        )
    return mod


def _error(mod: GoMod, line: Line, message: str, token: Token | None = None) -> None:
    if token is None:
        mod.errors.append(GoModError(message, line.start, line.end))
    else:
        mod.errors.append(GoModError(message, token.start, token.end))


def _statement(mod: GoMod, line: Line) -> None:
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


def load_gomod(path: Path) -> GoMod:
    """Read and parse a go.mod; an unreadable file is a parsed file with one error."""
    try:
        data = overlay.read_file(path)
    except OSError as exc:
        mod = GoMod(path=path, source=b"")
        mod.errors.append(
            GoModError(f"cannot read go.mod: {exc.strerror or exc}", 0, 0)
        )
        return mod
    return parse_gomod(data, path)


def package_gomod(pkg: PackageContext) -> GoMod | None:
    """The go.mod of a package directory, parsed once per directory."""
    path = pkg.gomod_path
    if path is None:
        return None
    return pkg.memo("gomod", lambda: load_gomod(path))


def gomod_location(
    pkg: PackageContext, mod: GoMod, line: Line | None, message: str
) -> Location:
    """Location of a go.mod statement (line 1 when there is none), for related locations."""
    region = mod.line_region(line) if line is not None else Region(1, 1, 1, 1)
    return Location(pkg.display_path(mod.path), region, message)
