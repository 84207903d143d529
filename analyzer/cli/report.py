"""What the command line writes: the report in its format, the summary line, the exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import click

from go_script_lint.base.model import Level, RunResult
from go_script_lint.base.rule import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> None:
    click.echo(f"go-script-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def exit_code(run: RunResult, fail_on: str) -> int:
    """0, 1 or 2 for a finished run (suppressed findings never fail it)."""
    if not run.complete:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Level(fail_on).rank
    failing = any(
        f.suppression is None
        and f.baseline_state not in ("unchanged", "absent")
        and f.level.rank >= threshold
        for f in run.findings
    )
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def write_report(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def render_report(
    run: RunResult,
    registry: Sequence[Rule],
    fmt: str,
    output: Path | None,
    color: bool | None,
) -> str:
    from go_script_lint.output import FORMATS

    ran = [r for r in registry if r.id in set(run.rule_ids)]
    if fmt == "sarif":
        from go_script_lint.output.sarif import check_limits, dumps, sarif_dict

        log = sarif_dict(run, ran)
        problems = check_limits(log)
        if problems:
            fail("the SARIF log would exceed GitHub's limits: " + "; ".join(problems))
        return dumps(log)
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    hidden = sum(1 for f in run.findings if f.baseline_state in ("unchanged", "absent"))
    if hidden and fmt in ("text", "github"):
        shown = tuple(
            f for f in run.findings if f.baseline_state not in ("unchanged", "absent")
        )
        text = FORMATS[fmt](replace(run, findings=shown), ran, color=use_color)
        if fmt == "text":
            text += f"{hidden} findings hidden by the baseline\n"
        return text
    return FORMATS[fmt](run, ran, color=use_color)


def summary_line(run: RunResult) -> str:
    active = [f for f in run.findings if f.suppression is None]
    return f"go-script-lint: {len(active)} findings in {len(run.files)} files"
