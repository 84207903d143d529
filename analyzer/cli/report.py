"""What the command line writes: the report in its format, the summary line, the exit code."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from go_script_lint.base.model import Level, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.base.safe_io import write_atomic
from go_script_lint.engine.interrupt import Interrupted, install_handlers
from go_script_lint.output.escape import escape_undecodable

F = TypeVar("F", bound=Callable[..., Any])

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
    """Write ``-o``: atomically, so a failure leaves the previous file as it was."""
    try:
        write_atomic(path, text.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def write_stdout(text: str, *, color: bool) -> None:
    """Print the report; a write error (full disk, closed pipe) is one line, exit 2."""
    try:
        click.echo(text, nl=False, color=color)
        sys.stdout.flush()
    except OSError as exc:
        # Later flushes of the same buffer would fail again at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        fail(f"cannot write the report to standard output: {exc.strerror or exc}")


def interruptible(command: F) -> F:
    """SIGINT/SIGTERM end ``command`` with one line and exit 130/143, writing nothing."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        install_handlers()
        try:
            return command(*args, **kwargs)
        except Interrupted as exc:
            click.echo(
                f"go-script-lint: interrupted by {exc.name}; no report written",
                err=True,
            )
            sys.exit(exc.exit_code)
        finally:
            for signum, handler in previous.items():
                if handler is not None:
                    signal.signal(signum, handler)

    return run  # type: ignore[return-value]


def render_report(
    run: RunResult,
    registry: Sequence[Rule],
    fmt: str,
    *,
    color: bool,
) -> tuple[str, int | None]:
    """The report text and, when the format forces one, the exit code.

    SARIF over GitHub's limits is cut to fit (:mod:`go_script_lint.output.sarif_fit`)
    and forces exit code 2, so an upload step still has a valid file. File
    names that are not UTF-8 come out escaped (:mod:`go_script_lint.output.escape`).
    """
    text, code = _render(run, registry, fmt, color=color)
    return escape_undecodable(text, fmt), code


def _render(
    run: RunResult, registry: Sequence[Rule], fmt: str, *, color: bool
) -> tuple[str, int | None]:
    from go_script_lint.output import FORMATS

    ran = [r for r in registry if r.id in set(run.rule_ids)]
    if fmt == "sarif":
        from go_script_lint.output.sarif import dumps
        from go_script_lint.output.sarif_fit import fit_log

        log, problems = fit_log(run, ran)
        if problems:
            click.echo(
                "go-script-lint: error: the SARIF log was cut to fit GitHub's limits: "
                + "; ".join(problems),
                err=True,
            )
            return dumps(log), EXIT_ERROR
        return dumps(log), None
    hidden = sum(1 for f in run.findings if f.baseline_state in ("unchanged", "absent"))
    if hidden and fmt in ("text", "concise", "github", "junit", "gitlab"):
        shown = tuple(
            f for f in run.findings if f.baseline_state not in ("unchanged", "absent")
        )
        text = FORMATS[fmt](replace(run, findings=shown), ran, color=color)
        if fmt in ("text", "concise"):
            text += f"{hidden} findings hidden by the baseline\n"
        return text, None
    return FORMATS[fmt](run, ran, color=color), None


def statistics(run: RunResult, registry: Sequence[Rule]) -> str:
    """``--statistics``: unsuppressed findings per rule, most frequent first.

    Lines are ``count  id  name  [level]``, ties in rule id order, then a total.
    """
    counts = Counter(
        f.rule_id
        for f in run.findings
        if f.suppression is None and f.baseline_state not in ("unchanged", "absent")
    )
    by_id = {r.id: r for r in registry}
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for rule_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = by_id.get(rule_id)
        name = rule.name if rule else ""
        level = f"[{rule.level.value}]" if rule else ""
        lines.append(f"{count:>{width}}  {rule_id}  {name:<28} {level}".rstrip())
    lines.append(f"{sum(counts.values())} findings in {len(run.files)} files")
    return "".join(line + "\n" for line in lines)


def summary_line(run: RunResult) -> str:
    active = [f for f in run.findings if f.suppression is None]
    return f"go-script-lint: {len(active)} findings in {len(run.files)} files"
