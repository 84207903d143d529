"""Every documented integration, checked as its consumer reads it.

GitHub workflows against GitHub's workflow schema, the GitLab pipeline against
GitLab's CI schema (both shipped with check-jsonschema, offline), the
pre-commit config with pre-commit's own validator and the hook through
``pre-commit try-repo``, the Tekton Task by running its script.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.harness import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCED_YAML = re.compile(r"^```ya?ml\n(.*?)^```", re.M | re.S)


def _yaml_blocks(first_line: str) -> list[tuple[Path, str]]:
    """YAML blocks of the docs whose first line is ``first_line`` (a file-name comment)."""
    return [
        (doc, body)
        for doc in DOCS
        for body in FENCED_YAML.findall(doc.read_text(encoding="utf-8"))
        if body.startswith(first_line)
    ]


def _workflows() -> list[tuple[Path, str]]:
    return _yaml_blocks("# .github/workflows/")


def _check_jsonschema(
    schema: str, files: list[Path]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_workflow_in_the_docs_is_a_valid_github_workflow(tmp_path: Path) -> None:
    workflows = _workflows()
    assert len(workflows) >= 3  # code scanning, annotations, shards
    files = []
    for i, (_, body) in enumerate(workflows):
        path = tmp_path / f"workflow{i}.yml"
        path.write_text(body)
        files.append(path)
        for name, job in yaml.safe_load(body)["jobs"].items():
            assert "runs-on" in job, f"job {name} has no runs-on"
    check = _check_jsonschema("vendor.github-workflows", files)
    assert check.returncode == 0, check.stdout + check.stderr


def test_workflows_use_the_actions_inputs() -> None:
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    for doc, body in _workflows():
        for job in yaml.safe_load(body)["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith(
                    "go-script-lint/go-script-lint@"
                ):
                    assert set(step.get("with", {})) <= inputs, doc


def test_gitlab_pipeline_is_valid_and_its_script_runs(tmp_path: Path) -> None:
    ((_doc, body),) = _yaml_blocks("# .gitlab-ci.yml")
    pipeline = tmp_path / ".gitlab-ci.yml"
    pipeline.write_text(body)
    check = _check_jsonschema("vendor.gitlab-ci", [pipeline])
    assert check.returncode == 0, check.stdout + check.stderr
    job = yaml.safe_load(body)["go-script-lint"]
    shutil.copytree(ROOT / "examples", tmp_path / "scripts")
    for command in job["script"]:
        proc = _shell(command, tmp_path)
        assert proc.returncode in (0, 1), proc.stdout
    reports = job["artifacts"]["reports"]
    quality = json.loads((tmp_path / reports["codequality"]).read_text())
    assert quality and all(issue["fingerprint"] for issue in quality)
    assert (tmp_path / reports["junit"]).read_text().startswith("<?xml")


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        ["sh", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_tekton_task_runs_its_script_on_an_example(tmp_path: Path) -> None:
    ((_doc, body),) = _yaml_blocks("# tekton/")
    task = yaml.safe_load(body)
    assert (task["apiVersion"], task["kind"]) == ("tekton.dev/v1", "Task")
    params = {p["name"]: p.get("default", "") for p in task["spec"]["params"]}
    assert {"path", "schema-path", "risk-level"} <= set(params)
    (step,) = task["spec"]["steps"]
    workspace = tmp_path / "source"
    shutil.copytree(ROOT / "examples" / "sync-users", workspace)
    (workspace / "params.schema.json").write_text(
        json.dumps({"type": "object", "properties": {"batchSize": {"type": "integer"}}})
    )
    result = tmp_path / "findings"
    script = step["script"]
    for name, value in params.items():
        script = script.replace(f"$(params.{name})", str(value))
    script = script.replace("$(workspaces.source.path)", str(workspace))
    script = script.replace("$(results.findings.path)", str(result))
    assert "$(" not in script, "a Tekton variable the test does not know"
    script = "\n".join(
        ": installed already" if line.lstrip().startswith("pip install") else line
        for line in script.splitlines()
    )
    assert step["workingDir"] == "$(workspaces.source.path)"
    proc = _shell(script, workspace)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # sync-users has errors
    log = json.loads((workspace / "go-script-lint.sarif").read_text())
    assert int(result.read_text()) == len(log["runs"][0]["results"]) > 0
    assert any(r["ruleId"].startswith("GSL4") for r in log["runs"][0]["results"])


def test_pre_commit_configs_in_the_docs_are_valid(tmp_path: Path) -> None:
    blocks = _yaml_blocks("# .pre-commit-config.yaml")
    assert blocks
    for i, (_, body) in enumerate(blocks):
        config = tmp_path / f"config{i}.yaml"
        config.write_text(body)
        proc = subprocess.run(
            [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout (pre-commit try-repo clones it)",
)
def test_pre_commit_hook_sees_root_and_nested_go_mod_and_manifest(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "user-repo"
    (repo / "sub").mkdir(parents=True)
    # Each file alone yields a finding, so the output shows which files the hook got.
    broken_mod = "module example.com/x\n\ngo 1.22\nrequire (\n"
    bad_manifest = "name: x\nbogus: 1\n"
    for where in (repo, repo / "sub"):
        (where / "go.mod").write_text(broken_mod)
        (where / "go-script.yaml").write_text(bad_manifest)
    (repo / "README.md").write_text("not Go\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PRE_COMMIT_COLOR", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "go-script-lint",
            "--all-files",
            "--verbose",
            "--color",
            "never",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out  # the hook ran and failed on the findings
    for path in ("go.mod:4:1: GSL101", "sub/go.mod:4:1: GSL101"):
        assert re.search(rf"^{re.escape(path)}", out, re.M), out
    for path in ("go-script.yaml:2:1: GSL401", "sub/go-script.yaml:2:1: GSL401"):
        assert re.search(rf"^{re.escape(path)}", out, re.M), out
    assert "README.md" not in out.split("go-script-lint....")[-1]
