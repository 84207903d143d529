"""Each reproducer of issue 14 as a test: the CLI in a subprocess, bounded in time and memory.

The cases live in :mod:`tests.hostile_cases` (``python -m tests.hostile_cases``
prints the same verdicts as a table, with peak RSS). A case passes when it
reads nothing outside the root, finishes well inside its deadline, stays
under 1 GB, prints no traceback and loses no finding without a diagnostic.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile_cases import CASES, LAST_STDERR, MEMORY_LIMIT, PEAK_RSS_KB

# Each CLI run gets this long (most take one or two seconds): a regression
# that hangs fails the test instead of stalling the suite.
DEADLINE = 25.0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    _, case = CASES[name]
    PEAK_RSS_KB[0] = 0
    assert case(tmp_path, DEADLINE) == "ok", LAST_STDERR[0].decode(errors="replace")[
        -3000:
    ]
    assert PEAK_RSS_KB[0] * 1024 < MEMORY_LIMIT
