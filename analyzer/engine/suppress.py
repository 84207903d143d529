"""Inline suppressions: ``//go-script-lint:ignore GSL201,GSL3 -- reason``.

A suppression on a line covers findings that start on that line (trailing
comment) or on the next line (comment on its own line). The ``ignore-file``
form in the header (before ``package``) covers the whole file. gofmt rewrites
``//go-script-lint:`` doc comments to ``// go-script-lint:``; both count. In
``go.mod`` and ``go-script.yaml`` the same text works after ``//`` or ``#``.
Suppressed findings are marked, never dropped: SARIF keeps them.

With ``foreign-suppressions: true`` the comments of peer tools count too,
through :data:`FOREIGN_IDS`: ``#nosec [G204]`` (gosec), ``//nolint[:gosec,errcheck]``
(golangci-lint), ``//lint:ignore CHECK reason`` (staticcheck) and
``// nosemgrep[: rule-id]``. With ``require-reason: true`` a suppression
without a justification suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from go_script_lint.base.model import Finding, LineIndex, Suppression
from go_script_lint.base.rule import matches_selector

_DIRECTIVE = re.compile(
    rb"(?://|#)[ \t]*go-script-lint:(?P<kind>ignore-file|ignore)\b(?P<rest>[^\r\n]*)"
)
_SELECTOR = re.compile(r"GSL\d{0,3}", re.I)
_FOREIGN = re.compile(
    rb"(?://|/\*)[ \t]*(?:"
    rb"(?P<nosec>#nosec)(?P<nosec_ids>(?:[ \t]+G\d{3})*)"
    rb"|(?P<nolint>nolint)(?::(?P<nolint_ids>[\w,-]+))?"
    rb"|(?P<lint>lint:(?:file-)?ignore)[ \t]+(?P<lint_ids>[\w,-]+)"
    rb"|(?P<nosemgrep>nosemgrep)(?:[ \t]*:[ \t]*(?P<semgrep_ids>[\w.,-]+))?"
    rb")(?P<rest>[^\r\n]*)"
)

# What the peers' ids mean in our catalog (documented in docs/configuration.md).
FOREIGN_IDS: dict[str, tuple[str, ...]] = {
    # gosec
    "G103": ("GSL206",),
    "G104": ("GSL301", "GSL302"),
    "G204": ("GSL201", "GSL202"),
    "G301": ("GSL208",),
    "G302": ("GSL208",),
    "G306": ("GSL208",),
    "G307": ("GSL303",),
    "G402": ("GSL209",),
    # golangci-lint linters
    "gosec": ("GSL2",),
    "errcheck": ("GSL301", "GSL302", "GSL303"),
    "govet": ("GSL407",),
    "staticcheck": ("GSL407",),
    "tagliatelle": ("GSL406",),
    "musttag": ("GSL406",),
    "gocritic": ("GSL210",),
    "revive": ("GSL210",),
    # staticcheck checks
    "SA5011": (),
    "SA9005": ("GSL407",),
    # semgrep-rules (go.lang.security.audit.*)
    "dangerous-exec-command": ("GSL201", "GSL202"),
    "dangerous-syscall-exec": ("GSL201", "GSL202"),
    "bad-tmp-file-creation": ("GSL208",),
    "avoid-ssh-insecure-ignore-host-key": ("GSL209",),
    "use-of-unsafe-block": ("GSL206",),
}
# A bare `#nosec`, `//nolint` or `// nosemgrep` silences everything that tool reports.
_BARE = {"nosec": ("GSL2",), "nolint": ("GSL",), "nosemgrep": ("GSL2",)}


def suppression_comment(
    rule_id: str, *, file_wide: bool = False, prefix: str = "//"
) -> str:
    """The comment that suppresses ``rule_id``, with a reason to fill in (editors insert it).

    ``prefix`` is ``//`` in Go, ``// `` in go.mod and ``# `` in YAML.
    """
    kind = "ignore-file" if file_wide else "ignore"
    return f"{prefix}go-script-lint:{kind} {rule_id} -- reason"


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
    foreign: bool = False,
    require_reason: bool = False,
) -> list[SuppressionComment]:
    """Find suppression comments in a file's bytes.

    Args:
        source: The file's bytes.
        lines: Its line index.
        in_comment: For Go files, tells whether a byte offset lies in a
            comment (so the text inside a string literal does not count).
        header_end: Byte offset of the ``package`` clause; ``ignore-file``
            only counts before it.
        foreign: Also read gosec, golangci-lint, staticcheck and semgrep comments.
        require_reason: Drop suppressions that give no justification.
    """
    found = _own_suppressions(source, lines, in_comment, header_end)
    if foreign:
        found.extend(_foreign_suppressions(source, lines, in_comment))
        found.sort(key=lambda c: c.start_byte)
    if require_reason:
        found = [c for c in found if c.reason]
    return found


def _own_suppressions(
    source: bytes,
    lines: LineIndex,
    in_comment: Callable[[int], bool] | None,
    header_end: int | None,
) -> list[SuppressionComment]:
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


def _foreign_suppressions(
    source: bytes, lines: LineIndex, in_comment: Callable[[int], bool] | None
) -> list[SuppressionComment]:
    if not any(
        marker in source for marker in (b"nosec", b"nolint", b"lint:", b"nosemgrep")
    ):
        return []
    found: list[SuppressionComment] = []
    for match in _FOREIGN.finditer(source):
        if in_comment is not None and not in_comment(match.start()):
            continue
        tool = next(
            k for k in ("nosec", "nolint", "lint", "nosemgrep") if match.group(k)
        )
        raw_ids = {
            "nosec": match.group("nosec_ids"),
            "nolint": match.group("nolint_ids"),
            "lint": match.group("lint_ids"),
            "nosemgrep": match.group("semgrep_ids"),
        }[tool]
        ids = [
            i
            for i in re.split(r"[\s,]+", (raw_ids or b"").decode("ascii", "replace"))
            if i
        ]
        if ids:
            selectors = tuple(
                sel for i in ids for sel in FOREIGN_IDS.get(i.rsplit(".", 1)[-1], ())
            )
        else:
            selectors = _BARE.get(tool, ())
        if not selectors:
            continue  # names nothing we report
        rest = match.group("rest").decode("utf-8", errors="replace")
        reason = rest.split("--", 1)[-1] if "--" in rest else rest.lstrip(" /")
        line, _ = lines.position(match.start())
        found.append(
            SuppressionComment(
                line=line,
                selectors=selectors,
                reason=reason.strip(),
                file_wide=tool == "lint" and b"file-ignore" in match.group("lint"),
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
