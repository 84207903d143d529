"""GitHub Actions workflow commands: one annotation per finding.

``::error file=main.go,line=3,col=9,endLine=3,endColumn=38,title=GSL201
shell-exec::message`` (one line). Notes become ``::notice``, warnings
``::warning``; suppressed findings are left out. Inputs that could not be
analysed (notifications) are annotated too.
"""

from __future__ import annotations

from collections.abc import Sequence

from go_script_lint.base.model import Finding, Level, Notification, RunResult
from go_script_lint.base.rule import Rule

__all__ = ["escape_data", "escape_property", "render"]

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as @actions/core does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: Level, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{_COMMAND[level]} {props}::{escape_data(message)}"


def _annotation(finding: Finding, names: dict[str, str]) -> str:
    region = finding.location.region
    props: dict[str, str | int] = {
        "file": finding.location.path,
        "line": region.start_line,
    }
    # GitHub rejects columns on an annotation that spans several lines.
    if region.end_line == region.start_line:
        props["col"] = region.start_column
    props["endLine"] = region.end_line
    if region.end_line == region.start_line:
        props["endColumn"] = region.end_column
    name = names.get(finding.rule_id)
    props["title"] = f"{finding.rule_id} {name}" if name else finding.rule_id
    message = finding.message
    if finding.related:
        where = ", ".join(
            f"{loc.path}:{loc.region.start_line}" for loc in finding.related
        )
        message = f"{message} (related: {where})"
    return _command(finding.level, props, message)


def _notification(note: Notification) -> str:
    props: dict[str, str | int] = {}
    if note.path:
        props["file"] = note.path
    props["title"] = (
        f"go-script-lint {note.rule_id}" if note.rule_id else "go-script-lint"
    )
    return _command(note.level, props, note.message)


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """Workflow commands for ``run``, one per line (``color`` is ignored).

    Args:
        run: The run's findings and notifications.
        rules: The rules that ran; their names go into the titles.
        color: Unused; every renderer takes it.

    Returns:
        The commands, newline-terminated; empty when there is nothing to say.
    """
    names = {rule.id: rule.name for rule in rules}
    lines = [
        _annotation(f, names)
        for f in sorted(run.findings, key=lambda f: f.sort_key)
        if f.suppression is None
    ]
    lines.extend(
        _notification(n) for n in sorted(run.notifications, key=lambda n: n.sort_key)
    )
    return "".join(line + "\n" for line in lines)
