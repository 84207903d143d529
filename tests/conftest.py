"""Test-wide settings: rules that crash must fail the tests, not become notifications.

Options: ``--update-goldens`` rewrites tests/golden/ (see tests/test_golden.py);
``--run-slow`` runs the tests marked ``slow`` too, which plain ``pytest`` skips.
"""

from __future__ import annotations

import os

import pytest

os.environ["GSL_RAISE_INTERNAL"] = "1"

# Keep the result cache of test runs out of the user's cache directory.
if "GSL_TEST_CACHE" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["GSL_TEST_CACHE"] = tempfile.mkdtemp(prefix="gsl-test-cache-")
    os.environ["XDG_CACHE_HOME"] = os.environ["GSL_TEST_CACHE"]
    # Each run made a new directory and left it behind (hundreds piled up in /tmp).
    atexit.register(shutil.rmtree, os.environ["GSL_TEST_CACHE"], ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output (then review the diff)",
    )
    parser.addoption(
        "--run-slow",
        action="store_true",
        help="also run tests marked `slow` (wheel builds); .ci/run passes it",
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    # `-m slow` (or any -m naming it) asks for them too.
    if config.getoption("--run-slow") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (as .ci/run does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the fixtures' known gaps (``todo-ruleid`` / ``todo-ok``) after every run."""
    from tests.harness import todo_markers

    todos = todo_markers()
    if todos:
        terminalreporter.section(f"known gaps: {len(todos)} todo-* fixture markers")
        for todo in todos:
            terminalreporter.line(str(todo))
