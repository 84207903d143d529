"""A SARIF log that fits GitHub's upload limits, cut down when it would not.

Over the limits (25,000 results per run, 1,000 locations per result, 10 MB
gzipped) GitHub rejects the whole file, and a CI job that uploads ``if:
always()`` then has nothing. So instead of writing nothing, :func:`fit_log`
keeps the most severe results that fit (errors before warnings before notes,
then in report order), trims related locations to the limit, and adds an
error ``toolExecutionNotification`` saying what was cut and how to narrow the
scan; the run is then incomplete, which the CLI turns into exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from go_script_lint.base.model import Finding, Level, Notification, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.output import sarif_limits
from go_script_lint.output.sarif import check_limits, sarif_dict

__all__ = ["TRUNCATED_DESCRIPTOR", "fit_log"]

TRUNCATED_DESCRIPTOR = "sarif-truncated"
NARROW_HINT = (
    "narrow the scan with --select/--ignore, a lower --risk-level, --baseline "
    "(only new findings) or --shard K/N with one upload category per shard"
)


def _severity_order(finding: Finding) -> tuple[int, tuple[str, int, int, str, str]]:
    return (-finding.level.rank, finding.sort_key)


def _trim_related(finding: Finding) -> Finding:
    limit = sarif_limits.LIMIT_LOCATIONS
    if len(finding.related) < limit:
        return finding
    return replace(finding, related=finding.related[: limit - 1])


def fit_log(run: RunResult, rules: Sequence[Rule]) -> tuple[dict[str, Any], list[str]]:
    """The SARIF log of ``run`` within GitHub's limits, and what was over them.

    Returns:
        The log as plain JSON data and the exceeded limits (empty when the
        full log fits and nothing was cut).
    """
    log = sarif_dict(run, rules)
    problems = check_limits(log)
    if not problems:
        return log, []
    ranked = sorted((_trim_related(f) for f in run.findings), key=_severity_order)
    keep = min(len(ranked), sarif_limits.LIMIT_RESULTS)
    while True:
        kept = ranked[:keep]
        note = Notification(
            f"the SARIF log was cut to fit GitHub's limits ({'; '.join(problems)}): "
            f"kept the {len(kept)} most severe of {len(ranked)} results; "
            + NARROW_HINT,
            Level.ERROR,
            descriptor=TRUNCATED_DESCRIPTOR,
        )
        trimmed = replace(
            run,
            findings=tuple(sorted(kept, key=lambda f: f.sort_key)),
            notifications=(*run.notifications, note),
        )
        log = sarif_dict(trimmed, rules)
        if keep == 0 or not check_limits(log):
            return log, problems
        keep //= 2
