"""The parsed go.mod: its statements and entries, each with its byte span.

:mod:`go_script_lint.golang.gomod` builds a :class:`GoMod`; rules read it
(through ``package_gomod``) and point findings at a :class:`Line`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from go_script_lint.base.model import LineIndex, Region


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
