"""Inline suppressions: ``//go-script-lint:ignore GSL201,GSL3 -- reason``.

A suppression on a line covers findings that start on that line (trailing
comment) or on the next line (comment on its own line). The ``ignore-file``
form in the header (before ``package``) covers the whole file. gofmt rewrites
``//go-script-lint:`` doc comments to ``// go-script-lint:``; both count. In
``go.mod`` and ``go-script.yaml`` the same text works after ``//`` or ``#``.
Suppressed findings are marked, never dropped: SARIF keeps them.

With ``foreign-suppressions: true`` the comments of peer tools count too:
``#nosec [G204]`` (gosec), ``//nolint[:gosec,errcheck]`` (golangci-lint),
``//lint:ignore CHECK reason`` (staticcheck) and ``// nosemgrep[: rule-id]``.
What a peer's id means in our catalog is each rule's ``foreign_ids``
(:func:`foreign_id_map`); bare comments and whole linters are :data:`BARE` and
:data:`WHOLE_LINTERS`. With ``require-reason: true`` a suppression without a
justification suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from go_script_lint.base.model import Finding, LineIndex, Suppression
from go_script_lint.base.rule import Rule, matches_selector

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

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

# A bare `#nosec`, `//nolint` or `// nosemgrep` silences everything that tool reports.
BARE = {"nosec": ("GSL2",), "nolint": ("GSL",), "nosemgrep": ("GSL2",)}
# golangci-lint linters that cover a whole family rather than some rules.
WHOLE_LINTERS = {"gosec": ("GSL2",)}
# The comment each peer tool reads: its key in BARE, and the form naming an id.
PEER_COMMENTS: dict[str, tuple[str, str]] = {
    "gosec": ("nosec", "#nosec {id}"),
    "golangci-lint": ("nolint", "//nolint:{id}"),
    "staticcheck": ("lint", "//lint:ignore {id} reason"),
    "semgrep": ("nosemgrep", "// nosemgrep: {id}"),
}


def foreign_id_map(rules: Iterable[Rule]) -> dict[str, tuple[str, ...]]:
    """Peer id → the rules it names (in catalog order), from each rule's ``foreign_ids``."""
    mapping: dict[str, tuple[str, ...]] = dict(WHOLE_LINTERS)
    for rule in sorted(rules, key=lambda r: r.id):
        for ids in rule.foreign_ids.values():
            for peer_id in ids:
                if rule.id not in mapping.get(peer_id, ()):
                    mapping[peer_id] = (*mapping.get(peer_id, ()), rule.id)
    return mapping


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
    foreign: Mapping[str, tuple[str, ...]] | None = None,
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
        foreign: Also read gosec, golangci-lint, staticcheck and semgrep
            comments, with this peer id → rule ids map (:func:`foreign_id_map`).
        require_reason: Drop suppressions that give no justification.
    """
    found = _own_suppressions(source, lines, in_comment, header_end)
    if foreign is not None:
        found.extend(_foreign_suppressions(source, lines, in_comment, foreign))
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
    source: bytes,
    lines: LineIndex,
    in_comment: Callable[[int], bool] | None,
    foreign_ids: Mapping[str, tuple[str, ...]],
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
                sel for i in ids for sel in foreign_ids.get(i.rsplit(".", 1)[-1], ())
            )
        else:
            selectors = BARE.get(tool, ())
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


def file_suppressions(
    source: bytes,
    lines: LineIndex,
    ctx: FileContext | None,
    foreign: Mapping[str, tuple[str, ...]] | None,
    *,
    require_reason: bool,
) -> list[SuppressionComment]:
    """The suppression comments of one file; with its tree, only real comments count."""
    in_comment = None
    header_end = None
    if ctx is not None:
        root = ctx.root
        package = next(
            (c for c in root.named_children if c.type == "package_clause"), None
        )
        header_end = package.start_byte if package is not None else None

        def in_comment(offset: int) -> bool:
            node = root.descendant_for_byte_range(offset, offset + 1)
            return node is not None and node.type == "comment"

    return parse_suppressions(
        source,
        lines,
        in_comment=in_comment,
        header_end=header_end,
        foreign=foreign,
        require_reason=require_reason,
    )
