"""Result cache, shards and SARIF merging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from go_script_lint.cli.main import main
from go_script_lint.cli.merge_sarif import main as merge_main

DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'


def _cli(*args: str):
    return CliRunner().invoke(
        main, [*args, "--no-config", "--select", "GSL203"], catch_exceptions=False
    )


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for i in range(8):
        Path(f"p{i}").mkdir()
        Path(f"p{i}/m.go").write_text(DANGER)
    return tmp_path


def test_warm_cache_gives_identical_output_and_sees_changes(tree: Path) -> None:
    cold = _cli(".", "--format", "sarif", "--cache-dir", "c").output
    assert list(Path("c").rglob("*.json")), "the cache stored nothing"
    warm = _cli(".", "--format", "sarif", "--cache-dir", "c").output
    assert warm == cold
    Path("p3/m.go").write_text("package main\n\nfunc main() {}\n")
    changed = json.loads(_cli(".", "--format", "sarif", "--cache-dir", "c").output)
    assert len(changed["runs"][0]["results"]) == 7


def test_corrupt_cache_entry_is_ignored(tree: Path) -> None:
    cold = _cli(".", "--format", "json", "--cache-dir", "c").output
    for entry in Path("c").rglob("*.json"):
        entry.write_text('{"schema": 1, "findings": [{"bogus": true}]')
    assert _cli(".", "--format", "json", "--cache-dir", "c").output == cold


def test_shards_partition_the_directories_and_merge_back(tree: Path) -> None:
    whole = json.loads(_cli(".", "--format", "sarif", "--no-cache").output)
    paths = []
    for k in (1, 2, 3):
        result = _cli(
            ".",
            "--format",
            "sarif",
            "--no-cache",
            "--shard",
            f"{k}/3",
            "-o",
            f"s{k}.sarif",
        )
        assert result.exit_code in (0, 1)
        paths.append(f"s{k}.sarif")
    counts = [len(json.loads(Path(p).read_text())["runs"][0]["results"]) for p in paths]
    assert sum(counts) == 8
    assert merge_main([*paths, "-o", "merged.sarif"]) == 0
    merged = json.loads(Path("merged.sarif").read_text())
    assert merged["runs"][0]["results"] == whole["runs"][0]["results"]


def test_bad_shard_is_usage_error(tree: Path) -> None:
    assert _cli(".", "--shard", "4/3").exit_code == 2


def test_merge_tool_has_version_and_plain_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from go_script_lint import __version__

    for flag in ("--version", "--help"):
        with pytest.raises(SystemExit) as exit_info:
            merge_main([flag])
        assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"go-script-lint-merge-sarif {__version__}" in out
    assert "``" not in out and ":func:" not in out  # no reStructuredText markup
    assert "-o OUTPUT" in out


def test_cache_key_follows_the_openapi_file_the_manifest_names(tree: Path) -> None:
    # A quoted path with a space: the manifest as loaded names "api spec.yaml".
    Path("p0/go-script.yaml").write_text(
        'name: x\nversion: 1.0.0\nentrypoint: m.go\nopenapi: "api spec.yaml"\n'
    )
    Path("p0/api spec.yaml").write_text("openapi: 3.0.0\n")
    _cli("p0", "--format", "json", "--cache-dir", "c")
    assert len(list(Path("c").rglob("*.json"))) == 1
    Path("p0/api spec.yaml").write_text("openapi: 3.1.0\n")
    _cli("p0", "--format", "json", "--cache-dir", "c")
    assert len(list(Path("c").rglob("*.json"))) == 2, "a changed openapi file reused"
