"""Whether a rule's findings in a file are dropped from every report anyway.

A rule that stays quiet in tests (``Rule.in_tests``, or the config's ``tests:``
section) still used to run there: its findings were dropped after the run
(:func:`go_script_lint.engine.scheduler.without_ignored`). In the standard
library that was half of what the error rules cost. The engine no longer
dispatches such a rule in such a file
(:meth:`go_script_lint.engine.ruleset.RuleSet.dispatch_for`), except where a
suppression comment could have matched one of its findings: an unmatched
comment is what GSL003 reports, so the file is then checked as before.
"""

from __future__ import annotations

from collections.abc import Callable

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule, matches_selector
from go_script_lint.project.test_files import is_test_path

# Text every inline suppression contains, ours or a peer tool's (the comments
# engine/suppress.py reads: `go-script-lint:`, `nolint`, `lint:ignore`, `#nosec`,
# `nosemgrep`); searched with `bytes.find`, far faster than one regex.
_SUPPRESSION_MARKS = (b"lint", b"#nosec", b"nosemgrep")
_QUIET: MemoKey[Callable[[Rule], bool] | None] = MemoKey("quiet-files.test")


def _quiet_rules(ctx: FileContext) -> Callable[[Rule], bool] | None:
    """Which rules' findings the report drops in ``ctx`` (None: no rule's)."""
    config = ctx.config
    if not is_test_path(config.test_paths, ctx.path):
        return None
    if any(mark in ctx.source for mark in _SUPPRESSION_MARKS):
        return None
    configured = config.test_ignore
    if configured is not None:
        return lambda rule: matches_selector(rule.id, configured)
    if config.risk_level is Risk.HIGH:
        return None
    return lambda rule: not rule.in_tests


def findings_dropped(ctx: FileContext, rule: Rule) -> bool:
    """True when whatever ``rule`` finds in ``ctx`` is left out of the report.

    Mirrors :func:`go_script_lint.project.test_files.test_ignores` for a rule
    that runs (so is enabled); false in a file with any suppression comment.
    """
    quiet = ctx.memo(_QUIET, lambda: _quiet_rules(ctx))
    return quiet is not None and quiet(rule)
