"""Keeps "one rule = one place" honest: catalog, fixtures, examples and docs agree."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.base.model import Level, Risk
from go_script_lint.base.rule import Rule, validate_registry
from go_script_lint.cli import rule_docs as docs
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import FIXTURES, ROOT, RULE_FIXTURES, read_expectations

IMPLEMENTED = [r for r in REGISTRY if r.implemented]
WITH_EXAMPLES = [r for r in IMPLEMENTED if r.bad]


FAMILY_FOLDERS = {
    "0": "tool",
    "1": "directives",
    "2": "calls",
    "3": "errors",
    "4": "manifest",
    "5": "sandbox",
}


def test_every_rule_module_is_registered_once() -> None:
    modules = sorted((ROOT / "rules").rglob("gsl*.py"))
    registered = {
        f"{FAMILY_FOLDERS[r.id[3]]}/{r.id.lower()}_{r.name.replace('-', '_')}"
        for r in REGISTRY
    }
    assert {f"{p.parent.name}/{p.stem}" for p in modules} == registered
    assert len(modules) == len(REGISTRY)


def test_rule_ids_are_unique_and_families_match_their_folder() -> None:
    ids = [r.id for r in REGISTRY]
    assert len(ids) == len(set(ids))
    families = {p.name for p in (ROOT / "rules").iterdir() if p.is_dir()}
    assert families - {"__pycache__"} == set(FAMILY_FOLDERS.values())


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.id)
def test_implemented_rule_has_fixtures_both_ways(rule: Rule) -> None:
    directory = RULE_FIXTURES / rule.id
    assert directory.is_dir(), f"missing fixtures/rules/{rule.id}/"
    expected = read_expectations(directory, FIXTURES)
    assert any(k[2] == rule.id for k in expected.must), "no `ruleid` annotation"
    assert any(k[2] == rule.id for k in expected.must_not), "no `ok` annotation"


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.id)
def test_implemented_rule_documents_itself(rule: Rule) -> None:
    assert rule.help, "help (why + how to fix) is empty"
    assert rule.bad and rule.good, "bad/good examples are empty"
    assert len(rule.summary) <= 1024 and len(rule.description) <= 1024


def _findings_for(
    rule: Rule, source: str, tmp_path: Path, good: bool = False
) -> list[str]:
    (tmp_path / "main.go").write_bytes(source.encode("utf-8", errors="surrogateescape"))
    files = {**rule.example_files, **rule.good_files} if good else rule.example_files
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    # Every rule runs (GSL003 needs the rules its suppressions name); only
    # ``rule``'s findings are asserted on.
    config = Config(select=tuple(r.id for r in REGISTRY), risk_level=Risk.HIGH)
    run = engine.run(
        [str(tmp_path)], config.enabled_rules(REGISTRY), config, srcroot=tmp_path
    )
    return [f.rule_id for f in run.findings if f.suppression is None]


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=lambda r: r.id)
def test_bad_example_triggers(rule: Rule, tmp_path: Path) -> None:
    assert rule.id in _findings_for(rule, rule.bad, tmp_path)


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=lambda r: r.id)
def test_good_example_is_clean(rule: Rule, tmp_path: Path) -> None:
    assert rule.id not in _findings_for(rule, rule.good, tmp_path, good=True)


def test_docs_are_current() -> None:
    assert docs.main(["--check", str(ROOT / "docs" / "rules")]) == 0, (
        "run `python -m go_script_lint.cli.rule_docs`"
    )


def test_registry_rejects_duplicates_and_bad_ids() -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL201")
    with pytest.raises(ValueError, match="duplicate id"):
        validate_registry([rule, dataclasses.replace(rule, name="other-name")])
    with pytest.raises(ValueError, match="id must look like"):
        validate_registry([dataclasses.replace(rule, id="X1")])
    with pytest.raises(ValueError, match="needs node_types"):
        validate_registry([dataclasses.replace(rule, node_types=(), check=None)])


def test_node_types_exist_in_the_grammar() -> None:
    from go_script_lint.golang.parsing import known_node_kinds

    kinds = known_node_kinds()
    for rule in IMPLEMENTED:
        assert set(rule.node_types) <= kinds, rule.id


def test_sarif_names_are_pascal_case() -> None:
    assert next(r for r in REGISTRY if r.id == "GSL201").pascal_name == "ShellExec"
    assert all(r.pascal_name != r.id for r in REGISTRY)
    assert {r.level for r in REGISTRY} <= set(Level)


def test_messages_are_sentence_case() -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL401")
    assert rule.format_message(detail="missing key `name`") == "Missing key `name`"
    shell = next(r for r in REGISTRY if r.id == "GSL201")
    assert shell.format_message(
        callee="exec.Command", shell="sh -c", what="x"
    ).startswith("`")
