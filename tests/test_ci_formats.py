"""CI homes read our reports: GitLab Code Quality, JUnit XML, SARIF within GitHub's limits."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from click.testing import CliRunner
from junitparser import Error, Failure, JUnitXml

from go_script_lint.cli.main import main
from go_script_lint.output import sarif_limits
from tests.harness import ROOT

DATA = ROOT / "tests" / "data"
DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\tif err := os.RemoveAll(os.Args[1]); err != nil {\n\t\tpanic(err)\n\t}\n\tos.Setenv("PATH", "x")\n\tos.Setenv("PATH", "x")\n}\n'
CLEAN = "package main\n\nfunc main() {}\n"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, [*args, "--no-config", "--no-cache"], catch_exceptions=False
    )
    return result.exit_code, result.stdout


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.go").write_text(DANGER)
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "b.go").write_text(CLEAN)
    (tmp_path / "bad.go").write_bytes(b"package main\n\x00\x01\x02 binary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_gitlab_report_validates_and_has_unique_fingerprints(project: Path) -> None:
    code, out = _run(".", "--format", "gitlab")
    issues = json.loads(out)
    schema = json.loads((DATA / "gitlab-codequality.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(issues)
    assert code in (1, 2)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab drops duplicates
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["GSL203"] == "critical" and severities["GSL301"] == "major"


def test_gitlab_fingerprints_survive_moving_code(project: Path) -> None:
    _, before = _run("a.go", "--format", "gitlab")
    Path("a.go").write_text(DANGER.replace("func main", "// moved down\n\nfunc main"))
    _, after = _run("a.go", "--format", "gitlab")
    lines = [
        (i["location"]["lines"]["begin"], i["fingerprint"]) for i in json.loads(before)
    ]
    moved = [
        (i["location"]["lines"]["begin"], i["fingerprint"]) for i in json.loads(after)
    ]
    assert [f for _, f in lines] == [f for _, f in moved]
    assert [n + 2 for n, _ in lines] == [n for n, _ in moved]


def test_junit_report_validates_against_jenkins_xsd_and_parses(
    project: Path, tmp_path: Path
) -> None:
    code, out = _run(".", "--format", "junit")
    assert code == 2  # bad.go could not be analysed
    xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(out)
    report = tmp_path / "junit.xml"
    report.write_text(out)
    suites = {suite.name: suite for suite in JUnitXml.fromfile(str(report))}
    assert {"a.go", "ok/b.go", "bad.go"} <= set(suites)
    outcomes = [type(r).__name__ for case in suites["a.go"] for r in case.result]
    assert outcomes == ["Failure"] * 5
    assert suites["a.go"].failures == 5
    (passing,) = list(suites["ok/b.go"])
    assert passing.is_passed
    bad = [r for case in suites["bad.go"] for r in case.result]
    assert any(isinstance(r, Error) for r in bad)
    first = next(iter(suites["a.go"]))
    assert isinstance(first.result[0], Failure)
    assert first.result[0].message.startswith("`os.RemoveAll` deletes")


def test_junit_and_gitlab_are_deterministic(project: Path) -> None:
    for fmt in ("junit", "gitlab", "concise"):
        assert _run(".", "--format", fmt) == _run(".", "--format", fmt, "-j", "2")


def test_sarif_names_the_tool_in_full(project: Path) -> None:
    _, out = _run("a.go", "--format", "sarif")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["fullName"] == f"go-script-lint {driver['semanticVersion']}"


def test_sarif_over_githubs_limits_is_cut_to_the_most_severe(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sarif_limits, "LIMIT_RESULTS", 3)
    result = CliRunner().invoke(
        main,
        ["a.go", "--no-config", "--no-cache", "--format", "sarif", "-o", "out.sarif"],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert "cut to fit GitHub's limits" in result.stderr
    log = json.loads(Path("out.sarif").read_text())
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error"] * 3  # 5 found, errors kept
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    text = note["message"]["text"]
    assert "kept the 3 most severe of 5 results" in text and "--select" in text
    assert note["descriptor"]["id"] == "sarif-truncated"
