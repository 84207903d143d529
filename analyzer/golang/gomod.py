"""A go.mod parser with positions: every statement a finding can point at.

It follows ``golang.org/x/mod/modfile``: :mod:`.gomod_lexer` splits the text
into lines of tokens, this module groups them into statements and blocks,
:mod:`.gomod_statements` makes the checks the go command makes on a main
module's go.mod, and :mod:`.gomod_model` holds the result. Problems come back
as :class:`GoModError` records, never exceptions, so a broken go.mod is a
GSL101 at its line.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Location, Region
from go_script_lint.base.safe_io import Kind, ReadResult
from go_script_lint.golang.gomod_lexer import Lexer
from go_script_lint.golang.gomod_model import GoMod, GoModError, Line, Token
from go_script_lint.golang.gomod_statements import statement

if TYPE_CHECKING:
    from go_script_lint.analysis.context import PackageContext

_BLOCK_VERBS = frozenset(
    {"require", "replace", "exclude", "retract", "tool", "ignore", "godebug", "module"}
)


def parse_gomod(source: bytes, path: Path = Path("go.mod")) -> GoMod:
    """Parse go.mod bytes; problems are collected in ``errors``."""
    mod = GoMod(path=path, source=source)
    text = source.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in source:
        mod.errors.append(GoModError("go.mod is not valid UTF-8", 0, 0))
    block: Token | None = None
    for tokens, comment, comment_end in Lexer(text, source, mod.errors).lines():
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
            statement(
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
        statement(mod, Line(verb.value, tuple(tokens[1:]), comment, verb.start, end))
    if block is not None:
        mod.errors.append(
            GoModError(
                f"`{block.value}` block is not closed with `)`", block.start, block.end
            )
        )
    return mod


#: Recently parsed go.mod files by path and bytes. Every package directory of a
#: module reads the same go.mod; parsing it again for each one was 30 % of a
#: run on a 250-package repository. Nothing mutates a :class:`GoMod` once built.
_RECENT: OrderedDict[tuple[Path, bytes], GoMod] = OrderedDict()
_RECENT_SIZE = 8


def gomod_from(path: Path, result: ReadResult) -> GoMod:
    """A go.mod from the outcome of a bounded read (an unreadable one has one error)."""
    if result.data is None:
        mod = GoMod(path=path, source=b"")
        mod.errors.append(GoModError(result.error or "cannot read go.mod", 0, 0))
        return mod
    key = (path, result.data)
    known = _RECENT.get(key)
    if known is not None:
        _RECENT.move_to_end(key)
        return known
    mod = _RECENT[key] = parse_gomod(result.data, path)
    if len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)
    return mod


GOMOD: MemoKey[GoMod] = MemoKey("golang.gomod")


def package_gomod(pkg: PackageContext) -> GoMod | None:
    """The go.mod of a package directory, parsed once per directory."""
    path = pkg.gomod_path
    if path is None:
        return None
    return pkg.memo(GOMOD, lambda: gomod_from(path, pkg.read_input(path, Kind.GOMOD)))


def gomod_location(
    pkg: PackageContext, mod: GoMod, line: Line | None, message: str
) -> Location:
    """Location of a go.mod statement (line 1 when there is none), for related locations."""
    region = mod.line_region(line) if line is not None else Region(1, 1, 1, 1)
    return Location(pkg.display_path(mod.path), region, message)
