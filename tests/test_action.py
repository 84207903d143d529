"""The composite action's run step, executed locally (no network)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import ROOT

DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\t//go-script-lint:ignore GSL203 -- ok\n\tos.RemoveAll(os.Args[1])\n\tos.Setenv("PATH", "x")\n}\n'


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_run_step_writes_upload_ready_sarif(tmp_path: Path) -> None:
    (tmp_path / "m.go").write_text(DANGER)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    launcher = bindir / "go-script-lint"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m go_script_lint "$@"\n')
    launcher.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "INPUT_PATHS": ".",
        "INPUT_RISK_LEVEL": "medium",
        "INPUT_CATEGORY": "scripts",
        "INPUT_FAIL_ON": "never",
        "INPUT_SARIF_FILE": "out.sarif",
    }
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "action-run.sh")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    log = json.loads((tmp_path / "out.sarif").read_text())
    run = log["runs"][0]
    assert run["automationDetails"]["id"] == "scripts"
    rule_ids = [r["ruleId"] for r in run["results"]]
    assert "GSL204" in rule_ids
    assert "GSL203" not in rule_ids  # suppressed: left out of uploads
    checker = ROOT.parent / "shared" / "tools" / "check_sarif.py"
    if checker.is_file():
        out = subprocess.run(
            [sys.executable, str(checker), "out.sarif", "--srcroot", "."],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert "0 problems" in out.stdout, out.stdout
