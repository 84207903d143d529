"""Test files: which files are tests, and which rules stay quiet there.

Each rule says whether its findings are worth a look in tests
(``Rule.in_tests``); the deep scan keeps every rule there; the config's
``tests:`` section (``paths``, ``ignore``) replaces both.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence

from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule

DEFAULT_TEST_PATHS = ("*_test.go",)


def test_ignores(
    configured: Sequence[str] | None, risk_level: Risk, rules: Iterable[Rule]
) -> tuple[str, ...]:
    """Rule ids or prefixes whose findings are dropped in test files."""
    if configured is not None:
        return tuple(configured)
    if risk_level is Risk.HIGH:
        return ()
    return tuple(r.id for r in rules if not r.in_tests)


def is_test_path(patterns: Sequence[str], path: str) -> bool:
    """Whether ``path`` (display path) or its file name matches one of ``patterns``."""
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in patterns)
