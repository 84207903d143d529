"""One parametrised test over every annotated fixture directory.

`fixtures/rules/GSLNNN/` is run with rule GSLNNN only (plus the directory's
optional `config.yaml`); findings must equal the `ruleid` annotations, both
ways, by (path, line, rule).
"""

from __future__ import annotations

import pytest

from tests.harness import (
    FIXTURES,
    RULE_FIXTURES,
    compare,
    read_expectations,
    run_fixture,
)

CASES = (
    sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())
    if RULE_FIXTURES.is_dir()
    else []
)


def test_fixture_cases_exist() -> None:
    assert len(CASES) >= 3, "no fixture directories found under fixtures/rules"


@pytest.mark.parametrize("directory", CASES, ids=[c.name for c in CASES])
def test_rule_fixture(directory) -> None:
    rule_id = directory.name
    expected = read_expectations(directory, FIXTURES)
    assert expected.must, f"{directory} has no `ruleid: {rule_id}` annotation"
    run = run_fixture(directory, [rule_id], FIXTURES)
    problems = compare(run, expected, [rule_id])
    assert not problems, "\n".join(problems)
    internal = [n for n in run.notifications if n.descriptor == "internal-error"]
    assert not internal, internal
