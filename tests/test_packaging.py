"""The built wheel and sdist: one top-level package, and they run from a clean venv.

Marked ``slow`` (they build and install with dependencies): plain ``pytest``
skips them; ``.ci/run`` and ``pytest --run-slow`` (or ``-m slow``) run them.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.harness import ROOT


@pytest.mark.slow
def test_wheel_installs_into_clean_venv_and_finds_every_rule(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("go_script_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "go_script_lint/rules/__init__.py" in names
    assert "go_script_lint/rules/calls/gsl201_shell_exec.py" in names
    assert "go_script_lint/data/stdlib_signatures.json" in names
    assert "go_script_lint/data/stdlib_error_names.json" in names
    top_level = {n.split("/")[0] for n in names}
    top_level = {n for n in top_level if not n.endswith(".dist-info")}
    assert top_level == {"go_script_lint"}, "must not claim `analyzer` or `rules`"

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stderr
    count = subprocess.run(
        [
            str(python),
            "-c",
            "from go_script_lint.rules import REGISTRY; print(len(REGISTRY))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    from go_script_lint.rules import REGISTRY

    assert int(count.stdout) == len(REGISTRY)
    examples = [str(ROOT / "examples"), "--format", "json", "--no-config"]
    entry_points = (
        [str(env_dir / "bin" / "go-script-lint")],
        [str(python), "-m", "go_script_lint"],
    )
    for command in entry_points:
        run = subprocess.run(
            [*command, *examples],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=300,
        )
        assert run.returncode == 1, run.stderr
        assert '"GSL201"' in run.stdout
    for name in ("analyzer", "rules"):
        probe = subprocess.run(
            [str(python), "-c", f"import {name}"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert "ModuleNotFoundError" in probe.stderr, f"`{name}` is importable"


@pytest.mark.slow
def test_sdist_has_license_and_fixtures_and_runs_its_tests(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (sdist,) = dist.glob("go_script_lint-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "src", filter="data")
    (top,) = (tmp_path / "src").iterdir()
    assert "MIT License" in (top / "LICENSE").read_text()
    assert (top / "fixtures" / "rules" / "GSL201").is_dir()
    # The unpacked tests find their fixtures beside them (ROOT is the sdist).
    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_fixtures.py",
            "tests/test_registry.py",
        ],
        cwd=top,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert tests.returncode == 0, tests.stdout[-2000:]
    assert "[100%]" in tests.stdout
