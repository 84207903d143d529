"""Fixture annotations and helpers to run the engine on them.

A fixture marks expected findings in comments, semgrep style:

    // ruleid: GSL201          the next code line must have a GSL201 finding
    // ok: GSL201              the next code line must not
    x := f() // ruleid: GSL301 a trailing marker applies to its own line
    # ruleid: GSL401           the same in YAML (and `//` in go.mod)
    // ruleid: GSL206 col=16   ... and the finding starts in column 16

``col=N`` (1-based, UTF-16 units: the column the text output shows) pins the
start column; when any annotation of a (line, rule) gives one, the findings'
columns there must be exactly the annotated ones, so two findings of a rule on
one line take two annotations. Without ``col=`` only the line is compared.

``todo-ruleid`` / ``todo-ok`` record known false negatives / positives with
a reason after the ids; the comparison does not look at those lines, and the
pytest summary lists them (tests/conftest.py) so the gaps stay visible.
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
# `--exclude` globs leaving them out of a run over fixtures (any source root).
EXAMPLE_EXCLUDES = (f"*rules/GSL*/{EXAMPLES_DIR}",)
ANNOTATED_SUFFIXES = (".go", ".mod", ".yaml", ".yml", ".json")

_MARK = re.compile(
    r"(?://|#)\s*(?P<kind>todo-ruleid|todo-ok|ruleid|ok):\s*"
    r"(?P<ids>GSL\d{3}(?:\s*,\s*GSL\d{3})*)(?:\s+col=(?P<col>\d+)\b)?"
)

Key = tuple[str, int, str]  # (path, line, rule id)


@dataclass(frozen=True)
class Todo:
    """A known gap: a ``todo-ruleid`` (false negative) or ``todo-ok`` (false positive)."""

    path: str
    line: int
    rule_id: str
    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.kind}: {self.rule_id} {self.reason}"


@dataclass
class Expectations:
    """Expected (path, line, rule) triples of a fixture tree, and pinned columns."""

    must: set[Key] = field(default_factory=set)
    must_not: set[Key] = field(default_factory=set)
    columns: dict[Key, set[int]] = field(default_factory=dict)
    todo: set[Todo] = field(default_factory=set)


def is_example(path: Path) -> bool:
    """Whether ``path`` lies in a rule's ``fixtures/rules/GSLNNN/examples/``."""
    return path.is_relative_to(RULE_FIXTURES) and path.relative_to(RULE_FIXTURES).parts[
        1:2
    ] == (EXAMPLES_DIR,)


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
        if is_example(path):
            continue  # the rule's documented examples are not annotated
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        rel = path.relative_to(display_root).as_posix()
        for index, line in enumerate(lines):
            for match in _MARK.finditer(line):
                _add(out, rel, _target_line(lines, index, match), match)
    return out


def _add(out: Expectations, path: str, target: int, match: re.Match[str]) -> None:
    kind = match.group("kind")
    column = match.group("col")
    for rule_id in re.split(r"\s*,\s*", match.group("ids")):
        key = (path, target, rule_id)
        if kind == "ruleid":
            out.must.add(key)
            if column is not None:
                out.columns.setdefault(key, set()).add(int(column))
        elif kind == "ok":
            out.must_not.add(key)
        else:
            reason = match.string[match.end() :].strip()
            out.todo.add(Todo(path, target, rule_id, kind, reason))


def todo_markers(root: Path = RULE_FIXTURES) -> list[Todo]:
    """Every ``todo-*`` annotation below ``root``, for the test summary."""
    found = read_expectations(root, FIXTURES).todo
    return sorted(found, key=lambda t: (t.path, t.line, t.rule_id))


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
    values["exclude"] = EXAMPLE_EXCLUDES
    return Config(**values)


def run_fixture(directory: Path, rule_ids: list[str], display_root: Path) -> RunResult:
    """Run the engine on a fixture directory with only ``rule_ids`` enabled."""
    config = config_for(directory, rule_ids)
    rules = config.enabled_rules(REGISTRY)
    return engine.run(
        [str(directory)], rules, config, srcroot=display_root, jobs=1, catalog=REGISTRY
    )


def compare(run: RunResult, expected: Expectations, rule_ids: list[str]) -> list[str]:
    """Differences between findings and annotations, as readable lines."""
    actual: dict[Key, str] = {}
    columns: dict[Key, set[int]] = {}
    for f in run.findings:
        if f.rule_id in rule_ids and f.suppression is None:
            key = (f.location.path, f.location.region.start_line, f.rule_id)
            actual.setdefault(key, f.message)
            columns.setdefault(key, set()).add(f.location.region.start_column)
    todo = {(t.path, t.line, t.rule_id) for t in expected.todo}
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
    for key, wanted in sorted(expected.columns.items()):
        got = columns.get(key, set())
        if key in actual and got != wanted:
            problems.append(
                f"columns    {key[0]}:{key[1]} {key[2]}: "
                f"annotated {sorted(wanted)}, found {sorted(got)}"
            )
    return problems
