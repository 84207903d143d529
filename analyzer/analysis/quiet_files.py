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

from collections.abc import Iterable

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.rule import Rule, matches_selector
from go_script_lint.project.config import Config
from go_script_lint.project.test_files import is_test_path, test_ignores

# Text every inline suppression contains, ours or a peer tool's (the comments
# engine/suppress.py reads: `go-script-lint:`, `nolint`, `lint:ignore`, `#nosec`,
# `nosemgrep`); searched with `bytes.find`, far faster than one regex.
_SUPPRESSION_MARKS = (b"lint", b"#nosec", b"nosemgrep")
_CLEAN_TEST_FILE: MemoKey[bool] = MemoKey("quiet-files.clean-test-file")


def clean_test_file(ctx: FileContext) -> bool:
    """A test file without any suppression comment (read once per file)."""
    return ctx.memo(
        _CLEAN_TEST_FILE,
        lambda: (
            is_test_path(ctx.config.test_paths, ctx.path)
            and not any(mark in ctx.source for mark in _SUPPRESSION_MARKS)
        ),
    )


def dropped_in_tests(config: Config, rules: Iterable[Rule]) -> frozenset[str]:
    """Ids of ``rules`` whose findings a clean test file's report drops.

    The test-file half of :func:`go_script_lint.engine.scheduler.without_ignored`
    (same :func:`~go_script_lint.project.test_files.test_ignores`). Depends on
    the configuration only, so the engine computes it once a run (see
    :meth:`~go_script_lint.engine.ruleset.RuleSet.dispatch_for`).
    """
    rules = tuple(rules)
    quiet = test_ignores(config.test_ignore, config.risk_level, rules)
    return frozenset(rule.id for rule in rules if matches_selector(rule.id, quiet))
