"""Inline suppressions: ``//go-script-lint:ignore GSL201,GSL3 -- reason``.

A suppression on a line covers findings that start on that line (trailing
comment) or on the next line (comment on its own line). The ``ignore-file``
form in the header (before ``package``) covers the whole file. gofmt rewrites
``//go-script-lint:`` doc comments to ``// go-script-lint:``; both count. In
``go.mod`` and ``go-script.yaml`` the same text works after ``//`` or ``#``.
Suppressed findings are marked, never dropped: SARIF keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from analyzer.model import Finding, LineIndex, Suppression
from analyzer.rule import matches_selector

_DIRECTIVE = re.compile(
    rb"(?://|#)[ \t]*go-script-lint:(?P<kind>ignore-file|ignore)\b(?P<rest>[^\r\n]*)"
)
_SELECTOR = re.compile(r"GSL\d{0,3}", re.I)


@dataclass(slots=True)
class SuppressionComment:
    """One suppression comment of a file."""

    line: int  # 1-based line of the comment
    selectors: tuple[str, ...]
    reason: str
    file_wide: bool
    start_byte: int
    end_byte: int
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        """Whether this comment suppresses ``finding``."""
        if not matches_selector(finding.rule_id, self.selectors):
            return False
        if self.file_wide:
            return True
        return finding.location.region.start_line in (self.line, self.line + 1)


def parse_suppressions(
    source: bytes,
    lines: LineIndex,
    *,
    in_comment: Callable[[int], bool] | None = None,
    header_end: int | None = None,
) -> list[SuppressionComment]:
    """Find suppression comments in a file's bytes.

    Args:
        source: The file's bytes.
        lines: Its line index.
        in_comment: For Go files, tells whether a byte offset lies in a
            comment (so the text inside a string literal does not count).
        header_end: Byte offset of the ``package`` clause; ``ignore-file``
            only counts before it.
    """
    if b"go-script-lint:" not in source:
        return []
    found: list[SuppressionComment] = []
    for match in _DIRECTIVE.finditer(source):
        if in_comment is not None and not in_comment(match.start()):
            continue
        rest = match.group("rest").decode("utf-8", errors="replace")
        ids_part, _, reason = rest.partition("--")
        selectors = tuple(s.upper() for s in _SELECTOR.findall(ids_part))
        file_wide = match.group("kind") == b"ignore-file"
        if file_wide and header_end is not None and match.start() > header_end:
            continue
        line, _ = lines.position(match.start())
        found.append(
            SuppressionComment(
                line=line,
                selectors=selectors or ("GSL",),
                reason=reason.strip(),
                file_wide=file_wide,
                start_byte=match.start(),
                end_byte=match.end(),
            )
        )
    return found


def apply_suppressions(
    findings: Iterable[Finding], comments: list[SuppressionComment]
) -> list[Finding]:
    """Mark each finding covered by a comment as suppressed (with its justification)."""
    out: list[Finding] = []
    for finding in findings:
        match = next((c for c in comments if c.covers(finding)), None)
        if match is None:
            out.append(finding)
            continue
        match.used.add(finding.rule_id)
        out.append(replace(finding, suppression=Suppression(match.reason)))
    return out
