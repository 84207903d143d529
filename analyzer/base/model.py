"""Plain data types that flow from the engine to the reporters.

Positions are 1-based. Columns are counted in UTF-16 code units (what SARIF
declares with ``columnKind: utf16CodeUnits`` and what editors use); the end
column points just past the last character. tree-sitter reports 0-based rows
and byte columns, so every conversion goes through :class:`LineIndex`.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate


class Level(StrEnum):
    """Severity of a finding, as SARIF names it."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for ``--fail-on`` comparisons."""
        return {"note": 1, "warning": 2, "error": 3}[self.value]


class Risk(StrEnum):
    """How much harm a pattern can do, and also the scan depth (`--risk-level`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """Ordering low < medium < high."""
        return {"low": 1, "medium": 2, "high": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Region:
    """A span of text: 1-based lines, 1-based UTF-16 columns, end exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Location:
    """A region in a file; ``path`` is POSIX-style, relative to the source root."""

    path: str
    region: Region
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Replacement:
    """Replace the bytes ``[start_byte, end_byte)`` of ``path`` with ``text``."""

    path: str
    start_byte: int
    end_byte: int
    region: Region
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A certain rewrite: what `--fix` applies and what SARIF carries as `fixes`."""

    description: str
    replacements: tuple[Replacement, ...]


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline suppression that matched a finding."""

    justification: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of one rule.

    ``line_hash`` is GitHub's ``primaryLocationLineHash`` and ``fingerprint``
    our own line-move-proof key used by baselines; the engine fills both (and
    ``snippet``) once the rule has run, because they need the file's text.
    """

    rule_id: str
    level: Level
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    fixes: tuple[Fix, ...] = ()
    precision: str | None = None
    snippet: str | None = None
    line_hash: str | None = None
    fingerprint: str | None = None
    suppression: Suppression | None = None
    baseline_state: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Deterministic report order: path, line, column, rule, message."""
        r = self.location.region
        return (
            self.location.path,
            r.start_line,
            r.start_column,
            self.rule_id,
            self.message,
        )


@dataclass(frozen=True, slots=True)
class Notification:
    """Something the tool could not do (SARIF ``toolExecutionNotifications``).

    Level ``error`` means an input was not (fully) analysed: the run exits 2.
    """

    message: str
    level: Level
    path: str | None = None
    rule_id: str | None = None
    descriptor: str | None = None

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        """Deterministic report order."""
        return (
            self.path or "",
            self.rule_id or "",
            self.descriptor or "",
            self.message,
        )


@dataclass(frozen=True, slots=True)
class FileResult:
    """What the analysis of one unit (a directory's files) produced."""

    findings: tuple[Finding, ...] = ()
    notifications: tuple[Notification, ...] = ()
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunResult:
    """The whole run, sorted and ready for the reporters."""

    findings: tuple[Finding, ...]
    notifications: tuple[Notification, ...]
    files: tuple[str, ...]
    rule_ids: tuple[str, ...]
    tool_version: str
    srcroot: str = "."
    options: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """False when some input could not be analysed (exit code 2)."""
        return not any(n.level is Level.ERROR for n in self.notifications)


_NEWLINE = re.compile(rb"\r\n|\r|\n")
_PLUS_ONE = (1).__add__


class LineIndex:
    """Maps byte offsets of one file to SARIF line/column positions.

    CR, LF and CRLF all end a line, as SARIF (§3.30.2) and GitHub's
    fingerprinting read them; tree-sitter's own rows only count LF.
    """

    __slots__ = ("_source", "_starts")

    def __init__(self, source: bytes) -> None:
        """Index ``source`` (the file's bytes)."""
        self._source = source
        # An array, not a list: 8 bytes a line instead of an int object each
        # (a unit keeps the index of every file it reports until it ends).
        self._starts = array("q", (0,))
        if b"\r" in source:
            self._starts.extend(m.end() for m in _NEWLINE.finditer(source))
        else:
            # LF only (almost every file): line lengths from split(), summed in C.
            lengths = map(_PLUS_ONE, map(len, source.split(b"\n")))
            self._starts.extend(accumulate(lengths))
            self._starts.pop()

    @property
    def line_count(self) -> int:
        """Number of lines (a trailing newline does not open a new line)."""
        n = len(self._starts)
        if n > 1 and self._starts[-1] == len(self._source):
            return n - 1
        return n

    def line_of(self, offset: int) -> int:
        """0-based line that contains byte ``offset``."""
        return bisect.bisect_right(self._starts, offset) - 1

    def offset(self, line: int, column: int) -> int:
        """Byte offset of 1-based ``line`` and UTF-16 ``column`` (inverse of :meth:`position`)."""
        line0 = max(0, min(line - 1, len(self._starts) - 1))
        start = self._starts[line0]
        raw = self.line_bytes(line0)
        if raw.isascii():
            return start + min(column - 1, len(raw))
        units = 0
        text = raw.decode("utf-8", errors="replace")
        for i, ch in enumerate(text):
            if units >= column - 1:
                return start + len(text[:i].encode("utf-8"))
            units += 2 if ord(ch) > 0xFFFF else 1
        return start + len(raw)

    def line_bytes(self, line0: int) -> bytes:
        """The bytes of 0-based line ``line0`` without its terminator."""
        start = self._starts[line0]
        end = (
            self._starts[line0 + 1]
            if line0 + 1 < len(self._starts)
            else len(self._source)
        )
        return self._source[start:end].rstrip(b"\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, UTF-16 column) of byte ``offset``."""
        offset = max(0, min(offset, len(self._source)))
        line0 = self.line_of(offset)
        prefix = self._source[self._starts[line0] : offset]
        return line0 + 1, utf16_length(prefix) + 1

    def region(self, start: int, end: int) -> Region:
        """Region spanning bytes ``[start, end)``; empty spans stay empty."""
        sl, sc = self.position(start)
        el, ec = self.position(max(start, end))
        return Region(sl, sc, el, ec)

    def line_region(self, line0: int) -> Region:
        """Region covering the whole text of 0-based line ``line0``."""
        start = self._starts[line0]
        return self.region(start, start + len(self.line_bytes(line0)))


def utf16_length(data: bytes) -> int:
    """Length in UTF-16 code units of UTF-8 ``data`` (invalid bytes count as one)."""
    if data.isascii():
        return len(data)
    text = data.decode("utf-8", errors="replace")
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
