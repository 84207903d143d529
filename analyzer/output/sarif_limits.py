"""GitHub code scanning's ingestion limits, checked on a SARIF log's data.

The CLI checks them before it writes a log, so it never writes one GitHub
would reject or trim (docs: "SARIF support for code scanning").
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from typing import Any

from go_script_lint.output.sarif_serialize import dumps

LIMIT_RUNS = 20
LIMIT_RESULTS = 25_000
LIMIT_RULES = 25_000
LIMIT_LOCATIONS = 1_000
LIMIT_TAGS = 20
LIMIT_GZIP_BYTES = 10 * 1024 * 1024


def check_limits(sarif: Mapping[str, Any]) -> list[str]:
    """Problems that would make GitHub code scanning reject or trim the log.

    Checks GitHub's limits: runs per file, results and rules per run, tags
    per rule, locations per result and the gzipped size of the file.

    Args:
        sarif: A SARIF log as plain JSON data
            (:func:`go_script_lint.output.sarif.sarif_dict`).

    Returns:
        One sentence per exceeded limit; empty when the upload fits.
    """
    problems: list[str] = []
    runs = sarif.get("runs") or []
    if len(runs) > LIMIT_RUNS:
        problems.append(f"{len(runs)} runs in one file; GitHub accepts {LIMIT_RUNS}")
    for r, run in enumerate(runs, start=1):
        problems.extend(f"run {r}: {p}" for p in _run_limits(run))
    size = len(gzip.compress(dumps(sarif).encode("utf-8", "surrogateescape"), mtime=0))
    if size > LIMIT_GZIP_BYTES:
        problems.append(
            f"the log is {size / 1_048_576:.1f} MB gzipped; GitHub accepts "
            f"{LIMIT_GZIP_BYTES // 1_048_576} MB"
        )
    return problems


def _run_limits(run: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    results = run.get("results") or []
    if len(results) > LIMIT_RESULTS:
        problems.append(
            f"{len(results)} results; GitHub accepts {LIMIT_RESULTS} per run "
            "(narrow the scan with --select or --risk-level, or use a baseline)"
        )
    tool = run.get("tool") or {}
    descriptors = list((tool.get("driver") or {}).get("rules") or [])
    for extension in tool.get("extensions") or []:
        descriptors.extend(extension.get("rules") or [])
    if len(descriptors) > LIMIT_RULES:
        problems.append(f"{len(descriptors)} rules; GitHub accepts {LIMIT_RULES}")
    for descriptor in descriptors:
        tags = (descriptor.get("properties") or {}).get("tags") or []
        if len(tags) > LIMIT_TAGS:
            problems.append(
                f"rule {descriptor.get('id')} has {len(tags)} tags; "
                f"GitHub accepts {LIMIT_TAGS}"
            )
    for i, result in enumerate(results, start=1):
        for key in ("locations", "relatedLocations"):
            count = len(result.get(key) or [])
            if count > LIMIT_LOCATIONS:
                problems.append(
                    f"result {i} ({result.get('ruleId')}) has {count} {key}; "
                    f"GitHub accepts {LIMIT_LOCATIONS}"
                )
    return problems
