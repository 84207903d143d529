"""Fixture annotations and helpers to run the engine on them.

A fixture marks expected findings in comments, semgrep style:

    // ruleid: GSL201          the next code line must have a GSL201 finding
    // ok: GSL201              the next code line must not
    x := f() // ruleid: GSL301 a trailing marker applies to its own line
    # ruleid: GSL401           the same in YAML (and `//` in go.mod)

``todo-ruleid`` / ``todo-ok`` record known false negatives / positives with
a reason after the ids; the comparison does not look at those lines, and
`tests/test_registry.py` lists them so the gaps stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from go_script_lint import engine
from go_script_lint.base.model import RunResult
from go_script_lint.project.config import Config
from go_script_lint.project.config_file import load_config_file
from go_script_lint.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
# fixtures/rules/GSLNNN/examples/{bad,good}/: the rule's documented examples,
# checked on their own (tests/test_registry.py), never part of the fixture run.
EXAMPLES_DIR = "examples"
ANNOTATED_SUFFIXES = (".go", ".mod", ".yaml", ".yml", ".json")

_MARK = re.compile(
    r"(?://|#)\s*(?P<kind>todo-ruleid|todo-ok|ruleid|ok):\s*(?P<ids>GSL\d{3}(?:\s*,\s*GSL\d{3})*)"
)


@dataclass
class Expectations:
    """Expected (path, line, rule) triples of a fixture tree."""

    must: set[tuple[str, int, str]] = field(default_factory=set)
    must_not: set[tuple[str, int, str]] = field(default_factory=set)
    todo: set[tuple[str, int, str, str]] = field(default_factory=set)


def _target_line(lines: list[str], index: int, match: re.Match[str]) -> int:
    """1-based line an annotation on 0-based line ``index`` applies to."""
    before = lines[index][: match.start()].strip()
    if before:
        return index + 1  # trailing marker: its own line
    for j in range(index + 1, len(lines)):
        if (
            not _MARK.search(lines[j])
            or lines[j][: _MARK.search(lines[j]).start()].strip()
        ):  # type: ignore[union-attr]
            return j + 1
    return index + 2


def read_expectations(root: Path, display_root: Path) -> Expectations:
    """Collect every annotation below ``root``; paths relative to ``display_root``."""
    out = Expectations()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or not path.name.endswith(ANNOTATED_SUFFIXES):
            continue
        if EXAMPLES_DIR in path.relative_to(root).parts[:1]:
            continue  # the rule's documented examples are not annotated
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        rel = path.relative_to(display_root).as_posix()
        for index, line in enumerate(lines):
            for match in _MARK.finditer(line):
                target = _target_line(lines, index, match)
                for rule_id in re.split(r"\s*,\s*", match.group("ids")):
                    kind = match.group("kind")
                    key = (rel, target, rule_id)
                    if kind == "ruleid":
                        out.must.add(key)
                    elif kind == "ok":
                        out.must_not.add(key)
                    else:
                        out.todo.add((*key, kind))
    return out


def config_for(directory: Path, rule_ids: list[str]) -> Config:
    """Select ``rule_ids``; overlay ``config.yaml`` of the fixture directory if present.

    A ``select`` in ``config.yaml`` adds rules that must run alongside (GSL003
    needs the rules its suppressions name); only ``rule_ids`` are compared.
    """
    values = {}
    config_file = directory / "config.yaml"
    if config_file.is_file():
        values = load_config_file(config_file, REGISTRY)
    values["select"] = tuple(rule_ids) + tuple(values.get("select", ()))
    values["exclude"] = (f"*/{directory.name}/{EXAMPLES_DIR}",)
    return Config(**values)


def run_fixture(directory: Path, rule_ids: list[str], display_root: Path) -> RunResult:
    """Run the engine on a fixture directory with only ``rule_ids`` enabled."""
    config = config_for(directory, rule_ids)
    rules = config.enabled_rules(REGISTRY)
    return engine.run([str(directory)], rules, config, srcroot=display_root, jobs=1)


def compare(run: RunResult, expected: Expectations, rule_ids: list[str]) -> list[str]:
    """Differences between findings and annotations, as readable lines."""
    actual: dict[tuple[str, int, str], str] = {}
    for f in run.findings:
        if f.rule_id in rule_ids and f.suppression is None:
            actual.setdefault(
                (f.location.path, f.location.region.start_line, f.rule_id), f.message
            )
    todo = {t[:3] for t in expected.todo}
    actual = {k: v for k, v in actual.items() if k not in todo}
    problems = [
        f"missing    {key[0]}:{key[1]} {key[2]}"
        for key in sorted(expected.must - set(actual))
    ]
    for key in sorted(set(actual) - expected.must):
        if key in expected.must_not:
            problems.append(
                f"unexpected {key[0]}:{key[1]} {key[2]} (marked ok): {actual[key]}"
            )
        else:
            problems.append(f"unexpected {key[0]}:{key[1]} {key[2]}: {actual[key]}")
    return problems
