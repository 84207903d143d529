"""One line per finding, as compilers and other linters print them.

``path:line:col: ID [level] message`` for each unsuppressed finding, then the
summary sentence of the text report and one line per notification. Editors'
and CI's problem matchers read this form; ``grep`` and ``sort`` work on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from go_script_lint.base.model import Finding, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.output.text import clean, notification_line, summarize

__all__ = ["finding_line", "render"]


def finding_line(finding: Finding) -> str:
    """``path:line:col: ID [level] message`` (control characters made visible)."""
    r = finding.location.region
    return (
        f"{finding.location.path}:{r.start_line}:{r.start_column}: "
        f"{finding.rule_id} [{finding.level.value}] {clean(finding.message)}"
    )


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The concise report of ``run``.

    Args:
        run: The run's findings and notifications.
        rules: The rules that ran (unused: messages are complete already).
        color: Unused; the lines are meant for tools.

    Returns:
        The report, newline-terminated.
    """
    lines = [
        finding_line(f)
        for f in sorted(run.findings, key=lambda f: f.sort_key)
        if f.suppression is None
    ]
    lines.append(summarize(run).sentence())
    lines.extend(
        notification_line(n)
        for n in sorted(run.notifications, key=lambda n: n.sort_key)
    )
    return "".join(line + "\n" for line in lines)
