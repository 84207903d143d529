"""Baselines survive moved code; fixes rewrite bytes exactly and atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from go_script_lint.base.model import Finding, Fix, Level, Location, Region, Replacement
from go_script_lint.cli.main import main
from go_script_lint.engine.fixes import apply_fixes, planned_edits, rewrite

DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'


def _cli(*args: str):
    return CliRunner().invoke(
        main, [*args, "--no-config", "--select", "GSL203"], catch_exceptions=False
    )


def test_baseline_hides_old_findings_even_after_moving_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.go").write_text(DANGER)
    assert _cli(".", "--write-baseline", "base.json").exit_code == 0
    moved = DANGER.replace(
        "func main() {\n", "// a new comment\n\nfunc main() {\n\n\t"
    ).replace("\tos.Remove", "    os.Remove")
    Path("m.go").write_text(moved)
    result = _cli(".", "--baseline", "base.json")
    assert result.exit_code == 0, result.output
    assert "1 findings hidden by the baseline" in result.output
    Path("m.go").write_text(moved + "\nfunc g() {\n\tos.RemoveAll(os.Args[2])\n}\n")
    result = _cli(".", "--baseline", "base.json", "--format", "sarif")
    assert result.exit_code == 1
    states = sorted(
        r["baselineState"] for r in json.loads(result.output)["runs"][0]["results"]
    )
    assert states == ["new", "unchanged"]


@pytest.fixture
def fixed_since_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A baseline with one GSL203 finding, and the code fixed since."""
    monkeypatch.chdir(tmp_path)
    Path("m.go").write_text(DANGER)
    _cli(".", "--write-baseline", "base.json")
    Path("m.go").write_text("package main\n\nfunc main() {}\n")
    return tmp_path


def test_baseline_marks_fixed_findings_absent(fixed_since_baseline: Path) -> None:
    result = _cli(
        ".", "--baseline", "base.json", "--format", "json", "--include-absent"
    )
    assert result.exit_code == 0
    (finding,) = json.loads(result.output)["findings"]
    assert finding["ruleId"] == "GSL203"
    assert finding["baselineState"] == "absent"


def test_absent_findings_left_out_of_sarif_unless_asked(
    fixed_since_baseline: Path,
) -> None:
    # Code scanning shows every uploaded result as an open alert, absent or not.
    plain = _cli(".", "--baseline", "base.json", "--format", "sarif")
    assert plain.exit_code == 0
    assert json.loads(plain.output)["runs"][0]["results"] == []
    asked = _cli(
        ".", "--baseline", "base.json", "--format", "sarif", "--include-absent"
    )
    states = [
        r["baselineState"] for r in json.loads(asked.output)["runs"][0]["results"]
    ]
    assert states == ["absent"]


def test_bad_baseline_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.go").write_text(DANGER)
    Path("base.json").write_text("[1, 2]")
    result = _cli(".", "--baseline", "base.json")
    assert result.exit_code == 2 and "not a go-script-lint baseline" in result.output


def _finding(path: str, start: int, end: int, text: str) -> Finding:
    region = Region(1, start + 1, 1, end + 1)
    rep = Replacement(path, start, end, region, text)
    return Finding(
        "GSL101", Level.ERROR, "m", Location(path, region), fixes=(Fix("f", (rep,)),)
    )


def test_rewrite_keeps_crlf_and_skips_overlaps(tmp_path: Path) -> None:
    data = b"abc\r\ndef\r\n"
    f1 = _finding("x", 0, 3, "A\nB")
    f2 = _finding("x", 1, 2, "zz")  # overlaps f1: left for the next run
    (reps,) = planned_edits([f1, f2]).values()
    assert rewrite(data, reps) == b"A\r\nB\r\ndef\r\n"


def test_apply_fixes_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.go"
    target.write_bytes(b"//go:require go 1.21\npackage main\n")
    os.chmod(target, 0o640)
    changed = apply_fixes([_finding("x.go", 0, 12, "//go:requires")], tmp_path)
    assert changed == ["x.go"]
    assert target.read_bytes() == b"//go:requires go 1.21\npackage main\n"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["x.go"]


FIXABLE = """//go:script
//go:require go 1.21

package main

import "os"

// Params are the parameters.
//
//go-script:parameters
type Params struct {
	Region string `json:"region,omitempty"`
	DryRun bool   `json:"dry_run"`
}

func main() {
	os.Setenv("PATH", "/x")
}
"""
MANIFEST = """name: demo
version: 1.0.0
entrypoint: main.go
parameters:
  - name: region
    type: string
    required: true
  - name: dryRun
    type: boolean
"""


def _findings(path: Path) -> set[tuple[str, str, int]]:
    result = CliRunner().invoke(
        main, [str(path), "--no-config", "--no-cache", "--format", "json"]
    )
    return {
        (f["ruleId"], Path(f["path"]).name, f["line"])
        for f in json.loads(result.output)["findings"]
    }


def test_fix_removes_the_fixed_findings_and_changes_nothing_else(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.go").write_text(FIXABLE)
    (tmp_path / "go-script.yaml").write_text(MANIFEST)
    before = _findings(tmp_path)
    fixed_rules = {"GSL101", "GSL404", "GSL406"}
    assert {r for r, _, _ in before} >= fixed_rules
    diff = (
        CliRunner()
        .invoke(main, [str(tmp_path), "--no-config", "--no-cache", "--diff"])
        .output
    )
    assert (
        "+//go:requires go 1.21" in diff and '+\tDryRun bool   `json:"dryRun"`' in diff
    )
    result = CliRunner().invoke(
        main, [str(tmp_path), "--no-config", "--no-cache", "--fix"]
    )
    assert result.exit_code == 1  # GSL204 and GSL301 have no certain rewrite
    after = _findings(tmp_path)
    # The renamed tag also settles GSL402/GSL403 (the manifest's `dryRun` now has its field).
    assert after == {f for f in before if f[0] in ("GSL204", "GSL301")}
    expected = (
        FIXABLE.replace("//go:require go", "//go:requires go")
        .replace('json:"region,omitempty"', 'json:"region"')
        .replace('json:"dry_run"', 'json:"dryRun"')
    )
    assert (tmp_path / "main.go").read_text() == expected
    assert (tmp_path / "go-script.yaml").read_text() == MANIFEST
