"""The command-line contract: formats, selection, config layering, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from go_script_lint.cli.main import main
from tests.harness import ROOT

SHELL = 'package main\n\nimport "os/exec"\n\nfunc main() {\n\tif err := exec.Command("sh", "-c", "ls").Run(); err != nil {\n\t\tpanic(err)\n\t}\n}\n'
DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\tif err := os.RemoveAll(os.Args[1]); err != nil {\n\t\tpanic(err)\n\t}\n}\n'
CLEAN = "package main\n\nfunc main() {}\n"


def _invoke(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), catch_exceptions=False)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.go").write_text(DANGER)
    (tmp_path / "b.go").write_text(SHELL)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_findings_exit_1_and_text_shows_location(project: Path) -> None:
    result = _invoke(".", "--no-config")
    assert result.exit_code == 1
    assert "a.go:6:12: GSL203 [error]" in result.output
    assert "b.go:6:12: GSL201 [note]" in result.output


def test_clean_exit_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.go").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    result = _invoke(".", "--no-config")
    assert result.exit_code == 0
    assert "0 findings" in result.output


def test_fail_on_error_ignores_notes(project: Path) -> None:
    (project / "a.go").unlink()
    assert _invoke(".", "--no-config").exit_code == 1
    assert _invoke(".", "--no-config", "--fail-on", "error").exit_code == 0
    assert _invoke(".", "--no-config", "--fail-on", "never").exit_code == 0


def test_select_and_ignore_by_prefix(project: Path) -> None:
    out = json.loads(
        _invoke(".", "--no-config", "--format", "json", "--select", "GSL203").output
    )
    assert {f["ruleId"] for f in out["findings"]} == {"GSL203"}
    out = json.loads(
        _invoke(".", "--no-config", "--format", "json", "--ignore", "GSL2").output
    )
    assert out["findings"] == []


def test_unknown_selector_is_a_usage_error(project: Path) -> None:
    result = _invoke(".", "--no-config", "--select", "GSL999")
    assert result.exit_code == 2
    assert "matches no rule id" in result.output


def test_config_file_is_layered_under_flags(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text("ignore: [GSL203]\nfail-on: error\n")
    out = json.loads(_invoke(".", "--format", "json").output)
    assert {f["ruleId"] for f in out["findings"]} == {"GSL201"}
    # The flag wins over the file's fail-on.
    assert _invoke(".", "--fail-on", "note").exit_code == 1
    assert _invoke(".").exit_code == 0


def test_bad_config_is_one_line_exit_2(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text("risk-level: extreme\nbogus: 1\n")
    result = _invoke(".")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "risk-level" in result.output or "bogus" in result.output


def test_rule_option_type_is_checked(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text(
        "rules:\n  GSL204:\n    options:\n      variables: PATH\n"
    )
    result = _invoke(".")
    assert result.exit_code == 2
    assert "must be a list" in result.output


def test_level_override_and_off(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text(
        "rules:\n  GSL203: {level: note}\n  GSL201: {level: 'off'}\n"
    )
    out = json.loads(_invoke(".", "--format", "json").output)
    assert [(f["ruleId"], f["level"]) for f in out["findings"]] == [("GSL203", "note")]


def test_inline_suppression_is_kept_but_does_not_fail(project: Path) -> None:
    (project / "b.go").unlink()
    (project / "a.go").write_text(
        DANGER.replace(
            "\tif err", "\t//go-script-lint:ignore GSL203 -- reviewed\n\tif err"
        )
    )
    result = _invoke(".", "--no-config", "--format", "sarif")
    assert result.exit_code == 0
    sarif = json.loads(result.output)
    (res,) = sarif["runs"][0]["results"]
    assert res["suppressions"] == [{"kind": "inSource", "justification": "reviewed"}]


def test_list_rules_and_explain() -> None:
    listing = _invoke("--list-rules").output
    assert "GSL201  shell-exec" in listing
    assert (
        "GSL504" in listing and "reserved" in listing.lower()
    ) or "GSL504" in listing
    page = _invoke("--explain", "GSL201").output
    assert page.startswith("# GSL201 shell-exec")
    assert _invoke("--explain", "GSL999").exit_code == 2


def test_output_file_and_formats(project: Path) -> None:
    for fmt in ("text", "json", "sarif", "github"):
        result = _invoke(".", "--no-config", "--format", fmt, "-o", f"out.{fmt}")
        assert result.exit_code == 1
        assert (project / f"out.{fmt}").read_text()
    assert "::error file=a.go,line=6" in (project / "out.github").read_text()


def test_missing_path_exit_2(project: Path) -> None:
    result = _invoke("does-not-exist.go", "--no-config")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_jobs_do_not_change_output(project: Path) -> None:
    for i in range(6):
        (project / f"pkg{i}").mkdir()
        (project / f"pkg{i}" / "m.go").write_text(DANGER)
    one = _invoke(".", "--no-config", "--format", "sarif", "--jobs", "1").output
    two = _invoke(".", "--no-config", "--format", "sarif", "--jobs", "2").output
    assert one == two


def test_real_subprocess_on_examples() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer",
            "examples",
            "--format",
            "json",
            "--no-config",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    rules = {f["ruleId"] for f in data["findings"]}
    assert {"GSL201", "GSL203", "GSL204"} <= rules


def test_config_schema_documents_every_key() -> None:
    from go_script_lint.project.config_file import _TOP_KEYS

    schema = json.loads(
        (ROOT / "docs" / "go-script-lint.config.schema.json").read_text()
    )
    assert set(schema["properties"]) == set(_TOP_KEYS)


def test_config_errors_name_the_line(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text("fail-on: error\n\nbogus: 1\n")
    result = _invoke(".")
    assert result.exit_code == 2
    assert ".go-script-lint.yaml:3:1: unknown key `bogus`" in result.output
    (project / ".go-script-lint.yaml").write_text("rules:\n  GSL204: {level: loud}\n")
    assert ".go-script-lint.yaml:2:3: rules.GSL204.level" in _invoke(".").output
    (project / ".go-script-lint.yaml").write_text("ignore: [GSL2]\nignore: [GSL3]\n")
    result = _invoke(".")
    assert result.exit_code == 2 and ":2:1:" in result.output


def test_per_path_ignores(project: Path) -> None:
    (project / ".go-script-lint.yaml").write_text(
        'per-path-ignores:\n  "a.go": [GSL203]\n'
    )
    out = json.loads(_invoke(".", "--format", "json").output)
    assert {(f["path"], f["ruleId"]) for f in out["findings"]} == {("b.go", "GSL201")}
