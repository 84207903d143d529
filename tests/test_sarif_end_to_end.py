"""SARIF the real engine writes, on every fixture directory, as GitHub and viewers read it.

Runs once over all of ``fixtures/`` with every rule at ``--risk-level high``
(so suppressions, related locations and fixes all occur), then again with a
baseline, and checks each log against the OASIS schema, GitHub's ingestion
rules and fingerprints (tests/sarif_checks.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from go_script_lint.cli.main import main
from go_script_lint.rules import REGISTRY
from tests.harness import FIXTURES, ROOT
from tests.sarif_checks import check_sarif

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
ALL = ",".join(r.id for r in REGISTRY if r.implemented)


def _sarif(tmp_path: Path, *extra: str) -> tuple[Path, dict]:
    out = tmp_path / f"run{len(list(tmp_path.glob('*.sarif')))}.sarif"
    args = [
        str(FIXTURES),
        "--format",
        "sarif",
        "-o",
        str(out),
        "--risk-level",
        "high",
        "--select",
        ALL,
    ]
    args += ["--no-config", "--no-cache", "--srcroot", str(FIXTURES), *extra]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    return out, json.loads(out.read_text())


def _check(path: Path) -> None:
    report = check_sarif(path.read_text(encoding="utf-8"), FIXTURES)
    assert report.results > 0
    assert not report.problems, "\n".join(report.problems[:30])


@pytest.fixture(scope="module")
def fixture_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    return _sarif(tmp_path_factory.mktemp("sarif"))


def test_fixture_sarif_validates_against_the_schema(
    fixture_log: tuple[Path, dict],
) -> None:
    _, log = fixture_log
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert any("suppressions" in r for r in results), (
        "fixtures should exercise suppressions"
    )
    assert any("relatedLocations" in r for r in results)


def test_fixture_sarif_passes_check_sarif(fixture_log: tuple[Path, dict]) -> None:
    _check(fixture_log[0])


def test_fixture_sarif_with_baseline_passes(tmp_path: Path) -> None:
    baseline = tmp_path / "base.json"
    args = [
        str(FIXTURES),
        "--write-baseline",
        str(baseline),
        "--risk-level",
        "high",
        "--select",
        ALL,
    ]
    CliRunner().invoke(
        main, [*args, "--no-config", "--no-cache", "--srcroot", str(FIXTURES)]
    )
    path, log = _sarif(tmp_path, "--baseline", str(baseline))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    states = {r.get("baselineState") for r in log["runs"][0]["results"]}
    assert "unchanged" in states
    _check(path)
