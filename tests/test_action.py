"""The composite action as the runner reads it, and its run step executed locally."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.harness import ROOT
from tests.sarif_checks import check_sarif

DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\t//go-script-lint:ignore GSL203 -- ok\n\tos.RemoveAll(os.Args[1])\n\tos.Setenv("PATH", "x")\n}\n'


ACTION = ROOT / "action.yml"


def _run_step(tmp_path: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    launcher = bindir / "go-script-lint"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m go_script_lint "$@"\n')
    launcher.chmod(0o755)
    env = {
        **os.environ,
        "GO_SCRIPT_LINT": str(launcher),
        "PYTHONPATH": str(ROOT),
        "GITHUB_OUTPUT": str(tmp_path / "github_output"),
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "action-run.sh")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_action_yml_is_valid_for_the_runner() -> None:
    # The runner's own parser is YAML 1.2; PyYAML rejects what it would (": " in plain scalars).
    action = yaml.safe_load(ACTION.read_text())
    assert {"paths", "mode", "args", "sarif-file"} <= set(action["inputs"])
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-actions",
            str(ACTION),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_action_leaves_the_callers_python_alone() -> None:
    steps = yaml.safe_load(ACTION.read_text())["runs"]["steps"]
    (setup,) = [
        s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python")
    ]
    assert setup["with"]["update-environment"] is False
    scripts = " ".join(str(s.get("run", "")) for s in steps)
    scripts += (ROOT / "scripts" / "action-run.sh").read_text()
    assert "GITHUB_PATH" not in scripts and "GITHUB_ENV" not in scripts
    assert "-m venv" in scripts  # installed into its own environment


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_annotations_mode_and_args_passthrough(tmp_path: Path) -> None:
    (tmp_path / "m.go").write_text(DANGER)
    proc = _run_step(tmp_path, paths=".", mode="annotations", args="--select GSL204")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::error file=m.go,line=8,")
    assert "GSL301" not in proc.stdout  # --select reached the linter
    assert (tmp_path / "github_output").read_text() == "sarif-file=\n"
    bad = _run_step(tmp_path, mode="comments")
    assert bad.returncode == 2 and "mode must be sarif or annotations" in bad.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_run_step_writes_upload_ready_sarif(tmp_path: Path) -> None:
    (tmp_path / "m.go").write_text(DANGER)
    proc = _run_step(
        tmp_path,
        paths=".",
        risk_level="medium",
        category="scripts",
        fail_on="never",
        sarif_file="out.sarif",
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "github_output").read_text() == "sarif-file=out.sarif\n"
    log = json.loads((tmp_path / "out.sarif").read_text())
    run = log["runs"][0]
    assert run["automationDetails"]["id"] == "scripts"
    rule_ids = [r["ruleId"] for r in run["results"]]
    assert "GSL204" in rule_ids
    assert "GSL203" not in rule_ids  # suppressed: left out of uploads
    report = check_sarif((tmp_path / "out.sarif").read_text(), tmp_path)
    assert not report.problems, report.problems
