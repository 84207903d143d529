"""Baselines: report only what is new since a recorded run.

A baseline file lists findings keyed on (rule, path, fingerprint), where the
fingerprint (see :mod:`go_script_lint.base.fingerprint`) hashes the flagged code, not its
line number: moving code up or down or re-indenting it does not resurface
old findings, and no git history is needed (shallow CI clones work).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from go_script_lint.base.model import Finding, Level, Location, Region, RunResult
from go_script_lint.base.safe_io import Kind, read_regular
from go_script_lint.base.safe_json import JsonError, load_json

FORMAT_VERSION = 1
MAX_DEPTH = 4  # {"findings": [{"region": [..]}]}
# Each key of an entry and the types it may have (``None`` where it is optional).
_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "ruleId": (str,),
    "path": (str,),
    "message": (str,),
    "fingerprint": (str, type(None)),
    "level": (str, type(None)),
    "region": (list, type(None)),
}


class BaselineError(Exception):
    """The baseline file is unreadable or not a baseline."""


def _key(
    rule_id: str, path: str, fingerprint: str | None, message: str
) -> tuple[str, str, str]:
    return (rule_id, path, fingerprint or message)


def dump(run: RunResult) -> str:
    """The baseline text of a run (suppressed findings are not recorded)."""
    entries = [
        {
            "ruleId": f.rule_id,
            "path": f.location.path,
            "fingerprint": f.fingerprint,
            "level": f.level.value,
            "message": f.message,
            "region": [
                f.location.region.start_line,
                f.location.region.start_column,
                f.location.region.end_line,
                f.location.region.end_column,
            ],
        }
        for f in run.findings
        if f.suppression is None
    ]
    doc = {"version": FORMAT_VERSION, "tool": "go-script-lint", "findings": entries}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: Path) -> list[dict[str, Any]]:
    """Entries of a baseline file, checked for type, depth and size."""
    read = read_regular(path, Kind.BASELINE)
    if read.data is None:
        raise BaselineError(f"{path}: baseline {read.error}")
    try:
        doc = load_json(read.data, what="the baseline", max_depth=MAX_DEPTH)
    except JsonError as exc:
        raise BaselineError(f"{path}: {exc}") from None
    if (
        not isinstance(doc, dict)
        or doc.get("version") != FORMAT_VERSION
        or not isinstance(doc.get("findings"), list)
    ):
        raise BaselineError(
            f"{path}: not a go-script-lint baseline (version {FORMAT_VERSION})"
        )
    entries: list[dict[str, Any]] = doc["findings"]
    for number, entry in enumerate(entries, 1):
        problem = _entry_problem(entry)
        if problem is not None:
            raise BaselineError(f"{path}: baseline entry {number} {problem}")
    return entries


def _entry_problem(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return "is not an object"
    for key, types in _ENTRY_TYPES.items():
        if type(None) not in types and key not in entry:
            return f"has no `{key}`"
        if not isinstance(entry.get(key), types):
            return f"has a `{key}` of the wrong type"
    region = entry.get("region")
    if region is not None and not (
        len(region) == 4 and all(type(v) is int for v in region)
    ):
        return "has a `region` that is not four integers"
    return None


def apply(run: RunResult, entries: list[dict[str, Any]]) -> RunResult:
    """Mark findings ``new`` or ``unchanged``; add ``absent`` ones for fixed entries.

    Identical keys are matched by count, so two equal findings in the baseline
    hide at most two now.
    """
    pool: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for entry in entries:
        key = _key(
            entry["ruleId"], entry["path"], entry.get("fingerprint"), entry["message"]
        )
        pool.setdefault(key, []).append(entry)
    marked: list[Finding] = []
    for f in run.findings:
        key = _key(f.rule_id, f.location.path, f.fingerprint, f.message)
        if f.suppression is None and pool.get(key):
            pool[key].pop()
            marked.append(replace(f, baseline_state="unchanged"))
        else:
            marked.append(replace(f, baseline_state="new"))
    for leftovers in pool.values():
        marked.extend(_absent(entry) for entry in leftovers)
    ordered = tuple(sorted(marked, key=lambda f: f.sort_key))
    return replace(run, findings=ordered)


def _absent(entry: dict[str, Any]) -> Finding:
    region = entry.get("region") or [1, 1, 1, 1]
    try:
        level = Level(entry.get("level", "warning"))
        r = Region(*(int(v) for v in region[:4]))
    except (ValueError, TypeError):
        level, r = Level.WARNING, Region(1, 1, 1, 1)
    return Finding(
        rule_id=str(entry["ruleId"]),
        level=level,
        message=str(entry["message"]),
        location=Location(str(entry["path"]), r),
        fingerprint=entry.get("fingerprint"),
        baseline_state="absent",
    )
