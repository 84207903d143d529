"""GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of Code Climate issues, the subset GitLab reads: ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location.path`` /
``location.lines.begin``, plus ``categories`` and ``content``. Suppressed
findings are left out. GitLab compares fingerprints between the source and
target branch to say what a merge request introduced or fixed, so they must
not change when unrelated lines move: each is the MD5 of the rule id, the
path and our line-move-proof fingerprint, with an occurrence number for
identical findings in one file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from go_script_lint.base.model import Finding, Level, RunResult
from go_script_lint.base.rule import Rule

__all__ = ["SEVERITY", "render", "to_data"]

#: Our levels → GitLab severities (info, minor, major, critical, blocker).
SEVERITY = {Level.ERROR: "critical", Level.WARNING: "major", Level.NOTE: "minor"}


def _fingerprint(finding: Finding, occurrence: int) -> str:
    key = "\x1f".join(
        (
            finding.rule_id,
            finding.location.path,
            finding.fingerprint or finding.message,
            str(occurrence),
        )
    )
    return hashlib.md5(
        key.encode("utf-8", "surrogateescape"), usedforsecurity=False
    ).hexdigest()


def _categories(rule: Rule | None) -> list[str]:
    if rule is None:
        return ["Bug Risk"]
    if rule.is_security:
        return ["Security"]
    return ["Style"] if "style" in rule.tags else ["Bug Risk"]


def to_data(run: RunResult, rules: Sequence[Rule]) -> list[dict[str, Any]]:
    """The report as plain JSON data: one issue per unsuppressed finding."""
    by_id = {r.id: r for r in rules}
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for finding in sorted(run.findings, key=lambda f: f.sort_key):
        if finding.suppression is not None:
            continue
        key = (finding.rule_id, finding.location.path, finding.fingerprint or "")
        seen[key] += 1
        rule = by_id.get(finding.rule_id)
        region = finding.location.region
        issue: dict[str, Any] = {
            "type": "issue",
            "check_name": finding.rule_id,
            "description": f"{finding.rule_id} {finding.message}",
            "categories": _categories(rule),
            "severity": SEVERITY[finding.level],
            "fingerprint": _fingerprint(finding, seen[key]),
            "location": {
                "path": finding.location.path,
                "lines": {"begin": region.start_line, "end": region.end_line},
            },
        }
        if rule is not None:
            issue["content"] = {"body": rule.summary}
        issues.append(issue)
    return issues


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The Code Quality JSON of ``run`` (``color`` is ignored).

    Args:
        run: The run's findings.
        rules: The rules that ran (their summaries and tags).
        color: Unused; every renderer takes it.

    Returns:
        A JSON array, two-space indent, sorted keys, newline-terminated.
    """
    data = to_data(run, rules)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
