"""Human-readable report: one block per finding with a code frame, then a summary.

Example (``color=False``)::

    main.go:3:9: GSL201 [error] `sh -c` runs a command through a shell
      3 | 	exec.Command("sh", "-c", cmd)
        | 	^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        = related: go.mod:3:1: required here
        = fix: Use exec.Command with separate arguments

    1 finding (1 error, 0 warnings, 0 notes), 0 suppressed, in 1 file
    broken.go: error: cannot read: Permission denied [GSL002]

Suppressed findings are counted but not shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from go_script_lint.base.model import (
    Finding,
    Level,
    Location,
    Notification,
    Region,
    RunResult,
)
from go_script_lint.base.rule import Rule

__all__ = ["Summary", "caret_line", "clean", "notification_line", "render", "summarize"]

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_LEVEL_COLOR = {
    Level.ERROR: "\x1b[1;31m",
    Level.WARNING: "\x1b[1;33m",
    Level.NOTE: "\x1b[1;36m",
}
# Control characters from a file would drive the terminal: show U+FFFD instead
# (one column wide, so carets stay aligned). Tabs are kept for alignment.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts shown at the end of the text report and in the JSON ``summary``."""

    findings: int
    errors: int
    warnings: int
    notes: int
    suppressed: int
    files: int

    def sentence(self) -> str:
        """E.g. ``2 findings (1 error, 1 warning, 0 notes), 0 suppressed, in 1 file``.

        Nouns are singular for a count of one.
        """
        return (
            f"{_count(self.findings, 'finding')} ({_count(self.errors, 'error')}, "
            f"{_count(self.warnings, 'warning')}, {_count(self.notes, 'note')}), "
            f"{self.suppressed} suppressed, in {_count(self.files, 'file')}"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summarize(run: RunResult) -> Summary:
    """Count the shown (unsuppressed) findings by level, and the suppressed ones."""
    shown = [f for f in run.findings if f.suppression is None]
    return Summary(
        findings=len(shown),
        errors=sum(1 for f in shown if f.level is Level.ERROR),
        warnings=sum(1 for f in shown if f.level is Level.WARNING),
        notes=sum(1 for f in shown if f.level is Level.NOTE),
        suppressed=len(run.findings) - len(shown),
        files=len(run.files),
    )


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The text report of ``run``.

    Args:
        run: The run's findings and notifications.
        rules: The rules that ran (unused: messages are complete already).
        color: Add ANSI colours (the CLI decides: a terminal, no ``NO_COLOR``).

    Returns:
        The report, newline-terminated.
    """
    paint = _Painter(color)
    out: list[str] = []
    for finding in sorted(run.findings, key=lambda f: f.sort_key):
        if finding.suppression is None:
            out.extend(_finding_block(finding, paint))
            out.append("")
    out.append(paint(_BOLD, summarize(run).sentence()))
    out.extend(
        _notification_line(n, paint)
        for n in sorted(run.notifications, key=lambda n: n.sort_key)
    )
    return "\n".join(out) + "\n"


class _Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{_RESET}" if self.enabled and text else text


def clean(text: str) -> str:
    """``text`` with control characters (but tabs) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def notification_line(note: Notification) -> str:
    """``path: level: message [ID]`` for a notification, without colour."""
    return _notification_line(note, _Painter(False))


def _position(location: Location) -> str:
    r = location.region
    return f"{location.path}:{r.start_line}:{r.start_column}"


def _finding_block(finding: Finding, paint: _Painter) -> list[str]:
    level_style = _LEVEL_COLOR[finding.level]
    head = (
        f"{paint(_BOLD, _position(finding.location))}: {paint(_BOLD, finding.rule_id)} "
        f"{paint(level_style, f'[{finding.level.value}]')} {clean(finding.message)}"
    )
    lines = [head]
    region = finding.location.region
    gutter = len(str(region.start_line))
    pad = " " * gutter
    if finding.snippet is not None:
        source = clean(finding.snippet.split("\n", 1)[0])
        lines.append(f"  {region.start_line} | {source}".rstrip())
        lines.append(f"  {pad} | {paint(level_style, caret_line(source, region))}")
    for loc in finding.related:
        note = f": {clean(loc.message)}" if loc.message else ""
        lines.append(f"  {pad} = related: {_position(loc)}{note}")
    lines.extend(f"  {pad} = fix: {clean(fix.description)}" for fix in finding.fixes)
    return lines


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def caret_line(line: str, region: Region) -> str:
    """Carets under ``region`` on ``line`` (the region's first line).

    Columns are UTF-16 code units. Tabs before the region are copied so the
    carets line up whatever the tab width; wide characters take two columns.
    A region running past the line is underlined to the line's end; an empty
    one gets a single caret.
    """
    start = region.start_column
    end = region.end_column if region.end_line == region.start_line else None
    prefix: list[str] = []
    carets = 0
    unit = 1
    for ch in line:
        if unit >= start and (end is None or unit < end):
            carets += max(_width(ch), 1)
        elif unit < start:
            prefix.append("\t" if ch == "\t" else " " * _width(ch))
        unit += 2 if ord(ch) > 0xFFFF else 1
    return "".join(prefix) + "^" * max(carets, 1)


def _notification_line(note: Notification, paint: _Painter) -> str:
    where = note.path or "go-script-lint"
    rule = f" [{note.rule_id}]" if note.rule_id else ""
    level = paint(_LEVEL_COLOR[note.level], note.level.value)
    return f"{paint(_BOLD, where)}: {level}: {clean(note.message)}{rule}"
