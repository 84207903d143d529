"""Findings as LSP diagnostics, and the hover text of a rule.

Positions need no conversion beyond 0-basing: the engine counts columns in
UTF-16 code units and ends regions just past the last character, which is
the protocol's default ``positionEncoding`` and its exclusive range end.
The certain fixes ride along in ``Diagnostic.data`` so code actions need no
server-side lookup (and never apply to a buffer they were not computed for).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path

from go_script_lint.base.model import Finding, Level, Region
from go_script_lint.base.rule import Rule
from go_script_lint.lsp.linting import ConfigProblem, norm
from go_script_lint.output.sarif import HELP_URI

SOURCE = "go-script-lint"
UNUSED_SUPPRESSION = "GSL003"
CONFIG_CODE = "config"

SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.NOTE: types.DiagnosticSeverity.Information,
}


def uri_of(path: Path) -> str:
    """``file:`` URI of an absolute path."""
    uri = from_fs_path(str(path))
    return uri if uri is not None else path.as_uri()


def to_range(region: Region) -> types.Range:
    """A 1-based, end-exclusive region as a 0-based LSP range."""
    return types.Range(
        start=types.Position(
            line=max(region.start_line - 1, 0),
            character=max(region.start_column - 1, 0),
        ),
        end=types.Position(
            line=max(region.end_line - 1, 0), character=max(region.end_column - 1, 0)
        ),
    )


def _edit_data(path: Path, region: Region, text: str) -> dict[str, Any]:
    rng = to_range(region)
    return {
        "uri": uri_of(path),
        "range": [rng.start.line, rng.start.character, rng.end.line, rng.end.character],
        "newText": text,
    }


def to_diagnostic(finding: Finding, root: Path) -> types.Diagnostic:
    """The diagnostic of one finding; related locations resolve against ``root``."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=uri_of(norm(root / loc.path)), range=to_range(loc.region)
            ),
            message=loc.message or "related location",
        )
        for loc in finding.related
    ]
    fixes = [
        {
            "title": fix.description,
            "edits": [
                _edit_data(norm(root / r.path), r.region, r.text)
                for r in fix.replacements
            ],
        }
        for fix in finding.fixes
    ]
    return types.Diagnostic(
        range=to_range(finding.location.region),
        message=finding.message,
        severity=SEVERITY[finding.level],
        code=finding.rule_id,
        code_description=types.CodeDescription(
            href=HELP_URI.format(id=finding.rule_id)
        ),
        source=SOURCE,
        tags=(
            [types.DiagnosticTag.Unnecessary]
            if finding.rule_id == UNUSED_SUPPRESSION
            else None
        ),
        related_information=related or None,
        data={"fixes": fixes} if fixes else None,
    )


def config_diagnostic(problem: ConfigProblem) -> types.Diagnostic:
    """The one diagnostic of a config file the CLI would refuse (exit code 2)."""
    return types.Diagnostic(
        range=to_range(problem.region),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        code=CONFIG_CODE,
        source=SOURCE,
    )


def fixes_of(
    diagnostic: types.Diagnostic,
) -> list[tuple[str, dict[str, list[types.TextEdit]]]]:
    """The ``(title, {uri: edits})`` fixes a diagnostic of ours carries."""
    data = diagnostic.data
    if not isinstance(data, dict) or not isinstance(data.get("fixes"), list):
        return []
    out = []
    for fix in data["fixes"]:
        try:
            changes: dict[str, list[types.TextEdit]] = {}
            for edit in fix["edits"]:
                sl, sc, el, ec = (int(v) for v in edit["range"])
                changes.setdefault(str(edit["uri"]), []).append(
                    types.TextEdit(
                        range=types.Range(
                            start=types.Position(line=sl, character=sc),
                            end=types.Position(line=el, character=ec),
                        ),
                        new_text=str(edit["newText"]),
                    )
                )
            out.append((str(fix["title"]), changes))
        except (KeyError, TypeError, ValueError):
            continue  # not data we wrote: a client may echo anything back
    return out


def hover_text(rules: Sequence[Rule]) -> str:
    """Markdown for a hover: per rule, its id, name, summary, first help paragraph, link."""
    parts = []
    for rule in rules:
        body = [f"**{rule.id}** `{rule.name}`: {rule.summary}"]
        first_help = rule.help.strip().split("\n\n", 1)[0].strip()
        if first_help:
            body.append(first_help)
        body.append(f"[{rule.id} documentation]({HELP_URI.format(id=rule.id)})")
        parts.append("\n\n".join(body))
    return "\n\n---\n\n".join(parts)
