"""Machine-readable report with a small, stable shape (``docs/json-output.md``).

The shape is versioned by the top-level ``"version"``: fields may be added
within a version, never removed or renamed. Every documented key is always
present (``null`` when empty). Keys are sorted, the text is indented by two
spaces and ends with a newline, so the same run gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from go_script_lint.base.model import (
    Finding,
    Fix,
    Location,
    Notification,
    Region,
    RunResult,
)
from go_script_lint.base.rule import Rule
from go_script_lint.output.text import summarize

__all__ = ["JSON_VERSION", "render", "to_data"]

#: Bumped only when a field is removed or changes meaning.
JSON_VERSION = 1
_TOOL = "go-script-lint"
_INFORMATION_URI = "https://github.com/go-script-lint/go-script-lint"


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The JSON report of ``run`` (``color`` is ignored).

    Args:
        run: The run's findings (suppressed ones included, flagged) and
            notifications.
        rules: The rules that ran; their ids are listed under ``tool.rules``.
        color: Unused; every renderer takes it.

    Returns:
        JSON text with sorted keys, two-space indent and a trailing newline.
    """
    # The same bytes as dumping to_data() whole, built a finding at a time:
    # json's indenting encoder makes a string per token, and for a whole
    # corpus's findings that was several times the report's size at once.
    head = _dumps({**_header(run, rules), "findings": []})
    empty = '{\n  "findings": []'
    assert head.startswith(empty)  # "findings" sorts first
    parts = ['{\n  "findings": [']
    for i, finding in enumerate(sorted(run.findings, key=lambda f: f.sort_key)):
        parts.append(",\n    " if i else "\n    ")
        parts.append(_dumps(_finding(finding)).replace("\n", "\n    "))
    parts.append("\n  ]" if run.findings else "]")
    parts.append(head[len(empty) :])
    parts.append("\n")
    return "".join(parts)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def to_data(run: RunResult, rules: Sequence[Rule]) -> dict[str, Any]:
    """The report as plain JSON data."""
    return {
        **_header(run, rules),
        "findings": [
            _finding(f) for f in sorted(run.findings, key=lambda f: f.sort_key)
        ],
    }


def _header(run: RunResult, rules: Sequence[Rule]) -> dict[str, Any]:
    """Everything in the report but the findings."""
    summary = summarize(run)
    return {
        "version": JSON_VERSION,
        "tool": {
            "name": _TOOL,
            "version": run.tool_version,
            "informationUri": _INFORMATION_URI,
            "rules": sorted(rule.id for rule in rules),
        },
        "notifications": [
            _notification(n)
            for n in sorted(run.notifications, key=lambda n: n.sort_key)
        ],
        "summary": {
            "findings": summary.findings,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "notes": summary.notes,
            "suppressed": summary.suppressed,
            "files": summary.files,
            "complete": run.complete,
        },
    }


def _span(region: Region) -> dict[str, int]:
    return {
        "line": region.start_line,
        "column": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
    }


def _location(location: Location) -> dict[str, Any]:
    return {
        "path": location.path,
        **_span(location.region),
        "message": location.message,
    }


def _fix(fix: Fix) -> dict[str, Any]:
    return {
        "description": fix.description,
        "replacements": [
            {
                "path": r.path,
                **_span(r.region),
                "startByte": r.start_byte,
                "endByte": r.end_byte,
                "text": r.text,
            }
            for r in fix.replacements
        ],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    suppression = finding.suppression
    return {
        "ruleId": finding.rule_id,
        "level": finding.level.value,
        "message": finding.message,
        "path": finding.location.path,
        **_span(finding.location.region),
        "related": [_location(loc) for loc in finding.related],
        "fixes": [_fix(fix) for fix in finding.fixes],
        "suppressed": suppression is not None,
        "justification": (suppression.justification or None) if suppression else None,
        "fingerprint": finding.fingerprint,
        "lineHash": finding.line_hash,
        "snippet": finding.snippet,
        "precision": finding.precision,
        "baselineState": finding.baseline_state,
    }


def _notification(note: Notification) -> dict[str, Any]:
    return {
        "level": note.level.value,
        "message": note.message,
        "path": note.path,
        "ruleId": note.rule_id,
        "descriptor": note.descriptor,
    }
