"""`--init-manifest` writes a manifest that validates and that the linter finds in step with the code.

Run on every `examples/` script and on every GSL4xx/GSL5xx fixture directory
with a `func main`: each directory is copied without its manifest, the
manifest is written, and linting with the GSL4xx/GSL5xx rules must find
nothing that linting without a manifest does not (a written manifest never
disagrees with its script).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from go_script_lint import engine
from go_script_lint.base.model import Finding
from go_script_lint.cli.main import main
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import ROOT, RULE_FIXTURES

MANIFEST = "go-script.yaml"


def _script_dirs() -> list[Path]:
    dirs = {p.parent for p in (ROOT / "examples").rglob("*.go")}
    for family in ("GSL4", "GSL5"):
        for rule_dir in RULE_FIXTURES.glob(f"{family}*"):
            dirs |= {p.parent for p in rule_dir.rglob("*.go")}
    return sorted(d for d in dirs if any(_has_main(p) for p in d.glob("*.go")))


def _has_main(path: Path) -> bool:
    text = path.read_text("utf-8", errors="replace")
    return "package main" in text and "func main()" in text


def _keys(findings: tuple[Finding, ...]) -> set[tuple[str, int, str]]:
    return {
        (f.location.path, f.location.region.start_line, f.rule_id) for f in findings
    }


def _lint(directory: Path) -> tuple[Finding, ...]:
    config = Config(select=("GSL4", "GSL5"))
    rules = config.enabled_rules(REGISTRY)
    return engine.run(
        [str(directory)], rules, config, srcroot=directory, jobs=1
    ).findings


SCRIPTS = _script_dirs()


def test_there_are_scripts_to_try() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize(
    "source", SCRIPTS, ids=[str(d.relative_to(ROOT)) for d in SCRIPTS]
)
def test_written_manifest_is_in_step(source: Path, tmp_path: Path) -> None:
    work = tmp_path / source.name
    shutil.copytree(
        source, work, ignore=shutil.ignore_patterns(MANIFEST, "config.yaml")
    )
    without = _keys(_lint(work))
    result = CliRunner().invoke(main, ["--no-config", "--init-manifest", str(work)])
    assert result.exit_code == 0, result.output
    written = (work / MANIFEST).read_text("utf-8")
    assert written.startswith("# go-script.yaml written by")
    added = _keys(_lint(work)) - without - _declared_conflicts(written)
    assert not added, f"{sorted(added)}\n{written}"


def _declared_conflicts(written: str) -> set[tuple[str, int, str]]:
    """GSL405 where the code binds a parameter twice with disagreeing types.

    No manifest can agree with both bindings; the writer says so in a comment
    and the finding is the linter doing its job.
    """
    found = re.findall(r"conflict: flag `[^`]+` \((\S+):(\d+)\)", written)
    return {(path, int(line), "GSL405") for path, line in found}


def test_existing_manifest_is_never_overwritten(tmp_path: Path) -> None:
    work = tmp_path / "sync-users"
    shutil.copytree(ROOT / "examples" / "sync-users", work)
    before = (work / MANIFEST).read_bytes()
    result = CliRunner().invoke(main, ["--no-config", "--init-manifest", str(work)])
    assert result.exit_code == 1
    assert (work / MANIFEST).read_bytes() == before
    assert "+++ b/" in result.output and "-version: 1.2.0" in result.output


INFERRED = """package main

import (
	"flag"
	"log"
	"os"
	"runtime"
)

var host = flag.String("host", "", "host name")
var format = flag.String("format", "json", "output format")
var level int

func main() {
	flag.IntVar(&level, "level", 1, "verbosity")
	flag.Parse()
	if *host == "" {
		log.Fatal("-host is required")
	}
	switch *format {
	case "json", "text":
	default:
		log.Fatalf("unknown format %q", *format)
	}
	token := os.Getenv("API_TOKEN")
	if token == "" {
		os.Exit(2)
	}
	proxy := os.Getenv("http_proxy")
	runtime.GOMAXPROCS(2)
	_, _ = os.Getenv("HOME"), proxy
}
"""


def test_types_required_enum_and_sandbox_are_inferred(tmp_path: Path) -> None:
    work = tmp_path / "report tool"
    work.mkdir()
    (work / "main.go").write_text(INFERRED)
    result = CliRunner().invoke(
        main, ["--no-config", "--init-manifest", str(work / "main.go")]
    )
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((work / MANIFEST).read_text("utf-8"))
    assert (written["name"], written["version"], written["entrypoint"]) == (
        "main",
        "0.1.0",
        "main.go",
    )
    params = {p.pop("name"): p for p in written["parameters"]}
    assert params == {
        "host": {"type": "string", "required": True},
        "format": {"type": "string", "enum": ["json", "text"], "default": "json"},
        "level": {"type": "integer", "default": 1},
        "api_token": {"type": "string", "required": True},
        "http_proxy": {"type": "string", "env": "http_proxy"},
    }  # HOME is in GSL403's `environment-allow`: not a parameter
    assert written["sandbox"] == {
        "network": False,
        "exec": False,
        "syscalls": [],
        "gomaxprocs": 2,
    }
