"""The default profile on findings a reviewer judged on real repositories (issue 15).

`tests/data/judged_findings.json` records each judged finding (repository,
commit, path, line, rule, verdict, reason, whether the default profile
reported it before and after the issue's changes) and the `judged: ID` of the
excerpt under `fixtures/judged/` that reproduces its code shape. CI cannot
fetch the repositories, so the excerpts stand in for them: worth-a-look shapes
must be reported, not-worth-it shapes must not (known exceptions are
`todo-ok` / `todo-ruleid` lines with their reason).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import _MARK, FIXTURES, _target_line, compare, read_expectations

JUDGED = FIXTURES / "judged"
DATA = Path(__file__).parent / "data" / "judged_findings.json"
_SHAPE = re.compile(r"judged:\s*(?P<id>\w+)")
ENTRIES: list[dict[str, object]] = json.loads(DATA.read_text(encoding="utf-8"))
RULES = sorted({str(e["rule"]) for e in ENTRIES})


@cache
def _shapes() -> dict[str, set[tuple[str, str]]]:
    """``judged: ID`` → {(annotation kind, rule id)} over the excerpts."""
    shapes: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in sorted(JUDGED.rglob("*.go")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines):
            mark, shape = _MARK.search(line), _SHAPE.search(line)
            if mark and shape:
                _target_line(lines, index, mark)  # the marker must point at code
                for rule in re.split(r"\s*,\s*", mark.group("ids")):
                    shapes[shape.group("id")].add((mark.group("kind"), rule))
    return shapes


def _expected_kind(entry: dict[str, object]) -> str:
    worth = entry["verdict"] == "worth-a-look"
    if entry["reported_after"]:
        return "ruleid" if worth else "todo-ok"
    return "todo-ruleid" if worth else "ok"


def test_default_profile_on_the_excerpts() -> None:
    """Worth-a-look shapes are reported, not-worth-it ones are not (default level)."""
    config = Config()
    run = engine.run(
        [str(JUDGED)], config.enabled_rules(REGISTRY), config, srcroot=FIXTURES, jobs=1
    )
    problems = compare(run, read_expectations(JUDGED, FIXTURES), RULES)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e['path']}:{e['line']}:{e['rule']}" for e in ENTRIES]
)
def test_every_judged_finding_has_its_excerpt(entry: dict[str, object]) -> None:
    kinds = _shapes().get(str(entry["fixture"]), set())
    assert (_expected_kind(entry), entry["rule"]) in kinds, (
        f"{entry['fixture']}: want a `{_expected_kind(entry)}: {entry['rule']}` excerpt"
    )


def test_judged_samples_meet_the_target() -> None:
    """>= 80 % of the judged default-level findings are worth a look, none worth it lost
    without an argued `todo-ruleid` excerpt."""
    reported = [e for e in ENTRIES if e["reported_after"]]
    worth = [e for e in reported if e["verdict"] == "worth-a-look"]
    assert len(worth) >= 0.8 * len(reported)
    lost = [
        e
        for e in ENTRIES
        if e["verdict"] == "worth-a-look"
        and e["reported_before"]
        and not e["reported_after"]
    ]
    assert all(_expected_kind(e) == "todo-ruleid" for e in lost)
    assert {e["verdict"] for e in ENTRIES} <= {"worth-a-look", "not-worth-it", "wrong"}
