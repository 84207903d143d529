"""SARIF results: findings, their locations and fixes, and notifications.

Paths are URI references relative to ``%SRCROOT%``; columns are UTF-16 code
units, as the run's ``columnKind`` says.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import quote

import sarif_om as om

from go_script_lint.base.model import Finding, Fix, Location, Notification, Region
from go_script_lint.output.sarif_rules import bag

SRCROOT = "%SRCROOT%"
#: Our own line-move-proof fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "goScriptLint/v1"


def artifact_uri(path: str) -> str:
    """``path`` (POSIX, relative) as a URI reference: percent-encoded UTF-8.

    ``:`` is encoded too, so a first segment such as ``a:b.go`` is not read
    as a URI scheme; bytes of a file name that is not UTF-8 are encoded as
    they are (``caf%E9.go``).
    """
    return quote(os.fsencode(path), safe="/")


def _region(region: Region, snippet: str | None = None) -> om.Region:
    return om.Region(
        start_line=region.start_line,
        start_column=region.start_column,
        end_line=region.end_line,
        end_column=region.end_column,
        snippet=om.ArtifactContent(text=snippet) if snippet else None,
    )


def region_text(snippet: str, region: Region) -> str:
    """The text of ``region`` cut out of a finding's ``snippet``.

    The snippet holds whole lines starting at ``region.start_line`` (see
    :func:`go_script_lint.base.fingerprint.snippet`); columns are UTF-16 code units.
    When the snippet stops before the region does, what it has is returned.
    """
    lines = snippet.split("\n")
    count = region.end_line - region.start_line + 1
    picked = [line.encode("utf-16-le") for line in lines[:count]]
    if not picked:
        return ""
    start = 2 * max(region.start_column - 1, 0)
    if len(picked) == count:
        picked[-1] = picked[-1][: 2 * max(region.end_column - 1, 0)]
    picked[0] = picked[0][start:]
    return "\n".join(p.decode("utf-16-le", errors="replace") for p in picked)


_LINKISH = re.compile(r"\[[^\]]*\]\(\d+\)")


def _escape_links(text: str) -> str:
    """Escape brackets that SARIF viewers would take for an embedded link."""
    if not _LINKISH.search(text):
        return text
    return text.replace("[", "\\[").replace("]", "\\]")


def _physical(location: Location, snippet: str | None = None) -> om.PhysicalLocation:
    return om.PhysicalLocation(
        artifact_location=om.ArtifactLocation(
            uri=artifact_uri(location.path), uri_base_id=SRCROOT
        ),
        region=_region(location.region, snippet),
    )


def _message(finding: Finding) -> str:
    text = _escape_links(finding.message.strip() or finding.rule_id)
    if not finding.related:
        return text
    links = ", ".join(
        f"[{_link_label(loc)}]({i})" for i, loc in enumerate(finding.related, start=1)
    )
    return f"{text} (see {links})"


def result(finding: Finding, rule_index: int) -> om.Result:
    """The SARIF result of a finding of the rule at ``rule_index``."""
    snippet = (
        region_text(finding.snippet, finding.location.region)
        if finding.snippet
        else None
    )
    related = [
        om.Location(
            id=i,
            physical_location=_physical(loc),
            message=om.Message(text=loc.message) if loc.message else None,
        )
        for i, loc in enumerate(finding.related, start=1)
    ]
    fingerprints = {
        key: value
        for key, value in (
            ("primaryLocationLineHash", finding.line_hash),
            (FINGERPRINT_KEY, finding.fingerprint),
        )
        if value
    }
    suppression = finding.suppression
    return om.Result(
        rule_id=finding.rule_id,
        rule_index=rule_index,
        level=finding.level.value,
        message=om.Message(text=_message(finding)),
        locations=[om.Location(physical_location=_physical(finding.location, snippet))],
        related_locations=related or None,
        partial_fingerprints=fingerprints or None,
        suppressions=(
            [
                om.Suppression(
                    kind="inSource",
                    justification=suppression.justification or None,
                    location=(
                        om.Location(physical_location=_physical(suppression.location))
                        if suppression.location
                        else None
                    ),
                )
            ]
            if suppression is not None
            else None
        ),
        baseline_state=finding.baseline_state,
        fixes=[_fix(fix) for fix in finding.fixes] or None,
        properties=bag(extra={"precision": finding.precision}),
    )


def _fix(fix: Fix) -> om.Fix:
    by_path: dict[str, list[om.Replacement]] = {}
    for rep in fix.replacements:
        by_path.setdefault(rep.path, []).append(
            om.Replacement(
                deleted_region=om.Region(
                    start_line=rep.region.start_line,
                    start_column=rep.region.start_column,
                    end_line=rep.region.end_line,
                    end_column=rep.region.end_column,
                    byte_offset=rep.start_byte,
                    byte_length=rep.end_byte - rep.start_byte,
                ),
                inserted_content=om.ArtifactContent(text=rep.text)
                if rep.text
                else None,
            )
        )
    return om.Fix(
        description=om.Message(text=fix.description),
        artifact_changes=[
            om.ArtifactChange(
                artifact_location=om.ArtifactLocation(
                    uri=artifact_uri(path), uri_base_id=SRCROOT
                ),
                replacements=replacements,
            )
            for path, replacements in by_path.items()
        ],
    )


def notification(note: Notification, rule_index: Mapping[str, int]) -> om.Notification:
    """A tool execution notification; ``rule_index`` maps rule ids to descriptors."""
    rule_ref = None
    if note.rule_id:
        index = rule_index.get(note.rule_id)
        rule_ref = om.ReportingDescriptorReference(
            id=note.rule_id, index=index if index is not None else -1
        )
    locations = None
    if note.path:
        locations = [
            om.Location(
                physical_location=om.PhysicalLocation(
                    artifact_location=om.ArtifactLocation(
                        uri=artifact_uri(note.path), uri_base_id=SRCROOT
                    )
                )
            )
        ]
    return om.Notification(
        message=om.Message(text=note.message),
        level=note.level.value,
        locations=locations,
        associated_rule=rule_ref,
        descriptor=(
            om.ReportingDescriptorReference(id=note.descriptor)
            if note.descriptor
            else None
        ),
    )


def _link_label(location: Location) -> str:
    label = location.message or f"{location.path}:{location.region.start_line}"
    return label.replace("[", "(").replace("]", ")")
