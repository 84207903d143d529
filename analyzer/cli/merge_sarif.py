"""Merge SARIF logs of several shards into one run: ``go-script-lint-merge-sarif``.

Usage: ``python -m go_script_lint.cli.merge_sarif -o merged.sarif shard1.sarif shard2.sarif …``.
The logs must come from go-script-lint runs with the same options; rules are
united by id (``ruleIndex`` rewritten), results concatenated in a stable
order, notifications kept, and the run is successful only if all were.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from go_script_lint import __version__
from go_script_lint.base.safe_io import Kind, read_regular, write_atomic
from go_script_lint.base.safe_json import JsonError, load_json

PROG = "go-script-lint-merge-sarif"
#: ``--help`` text: plain words, no reStructuredText markup.
DESCRIPTION = (
    "Merge the SARIF logs of several go-script-lint shards (--shard K/N) into one "
    "run: rules united by id, results in a stable order, notifications kept."
)

MAX_DEPTH = 64  # SARIF nests about 10 levels; code flows and properties add some


class MergeError(Exception):
    """The inputs cannot be merged."""


def merge_logs(logs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One SARIF log with one run holding every input run's results."""
    runs = [run for log in logs for run in log.get("runs", [])]
    if not runs:
        raise MergeError("no runs to merge")
    names = {run["tool"]["driver"].get("name") for run in runs}
    if len(names) != 1:
        raise MergeError(f"logs come from different tools: {sorted(map(str, names))}")
    merged = json.loads(json.dumps(runs[0]))
    rules: dict[str, dict[str, Any]] = {}
    for run in runs:
        for rule in run["tool"]["driver"].get("rules", []):
            rules.setdefault(rule["id"], rule)
    ordered = [rules[k] for k in sorted(rules)]
    index = {rule["id"]: i for i, rule in enumerate(ordered)}
    results = []
    for run in runs:
        for result in run.get("results", []):
            result = dict(result)
            if "ruleId" in result:
                result["ruleIndex"] = index[result["ruleId"]]
            results.append(result)
    results.sort(key=_result_key)
    merged["tool"]["driver"]["rules"] = ordered
    merged["results"] = results
    invocations = [inv for run in runs for inv in run.get("invocations", [])]
    if invocations:
        notes = [
            n for inv in invocations for n in inv.get("toolExecutionNotifications", [])
        ]
        first = dict(invocations[0])
        first["executionSuccessful"] = all(
            inv.get("executionSuccessful", True) for inv in invocations
        )
        if notes:
            first["toolExecutionNotifications"] = notes
        merged["invocations"] = [first]
    return {k: v for k, v in logs[0].items() if k != "runs"} | {"runs": [merged]}


def load_log(path: Path) -> dict[str, Any]:
    """A SARIF log from ``path``: bounded in size and depth, checked in shape."""
    read = read_regular(path, Kind.SARIF)
    if read.data is None:
        raise MergeError(f"{path}: {read.error}")
    try:
        log = load_json(read.data, what=str(path), max_depth=MAX_DEPTH)
    except JsonError as exc:
        raise MergeError(str(exc)) from None
    problem = _shape_problem(log)
    if problem is not None:
        raise MergeError(f"{path}: not a SARIF log ({problem})")
    return dict(log)


def _shape_problem(log: Any) -> str | None:
    """What the merge would trip over: the types of the parts it reads."""
    if not isinstance(log, dict):
        return "not an object"
    runs = log.get("runs", [])
    if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
        return "`runs` is not a list of objects"
    for run in runs:
        tool = run.get("tool")
        driver = tool.get("driver") if isinstance(tool, dict) else None
        if not isinstance(driver, dict):
            return "a run has no `tool.driver` object"
        for key, parent in (
            ("rules", driver),
            ("results", run),
            ("invocations", run),
        ):
            items = parent.get(key, [])
            if not isinstance(items, list) or not all(
                isinstance(i, dict) for i in items
            ):
                return f"`{key}` is not a list of objects"
        if not all(isinstance(r.get("id"), str) for r in driver.get("rules", [])):
            return "a rule has no string `id`"
        for inv in run.get("invocations", []):
            notes = inv.get("toolExecutionNotifications", [])
            if not isinstance(notes, list):
                return "`toolExecutionNotifications` is not a list"
    return None


def _result_key(result: dict[str, Any]) -> tuple[str, int, int, str]:
    loc = (result.get("locations") or [{}])[0].get("physicalLocation", {})
    region = loc.get("region", {})
    uri = loc.get("artifactLocation", {}).get("uri", "")
    return (
        uri,
        region.get("startLine", 0),
        region.get("startColumn", 0),
        result.get("ruleId", ""),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    parser.add_argument(
        "logs", nargs="+", type=Path, metavar="LOG", help="SARIF logs of the shards"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="where to write the merged log"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    args = parser.parse_args(argv)
    try:
        merged = merge_logs([load_log(p) for p in args.logs])
        text = json.dumps(merged, indent=2, ensure_ascii=False) + "\n"
        write_atomic(args.output, text.encode("utf-8", "surrogateescape"))
    except (MergeError, KeyError, TypeError, AttributeError, ValueError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        reason = exc.strerror or exc
        print(
            f"{PROG}: error: cannot write {args.output}: {reason}",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
