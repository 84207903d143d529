"""Property tests for the inputs that are not Go: configs, baselines, cache entries, SARIF logs.

Whatever their bytes, a run ends with exit 0, 1 or 2 and no traceback; a bad
baseline or config is one line on stderr; a bad cache entry is ignored (the
findings equal a run without the cache) and rewritten; the merge tool returns
0 or 2. Examples are bounded (see ``tests/test_robustness.py``'s profile).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st

from go_script_lint.cli import merge_sarif
from go_script_lint.cli.main import main
from tests.test_robustness import _YAML_VALUES, PROFILE, scratch

PROGRAM = (
    'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'
)

_JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=8),
        st.sampled_from(["GSL203", "main.go", "error", 1]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "version",
                    "findings",
                    "ruleId",
                    "path",
                    "message",
                    "fingerprint",
                    "level",
                    "region",
                    "runs",
                    "tool",
                    "driver",
                    "name",
                    "rules",
                    "id",
                    "results",
                    "invocations",
                    "schema",
                    "notifications",
                    "files",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)
_BYTES_OR_JSON = st.one_of(
    _JSON.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
)


def run_cli(root: Path, *args: str, cache_home: Path | None = None) -> Any:
    env = {"XDG_CACHE_HOME": str(cache_home)} if cache_home else {}
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner(env=env).invoke(
            main, [".", "--format", "json", "--jobs", "1", *args]
        )
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    return result


@PROFILE
@given(config=_YAML_VALUES.map(lambda v: json.dumps(v)) | st.text(max_size=200))
def test_random_config(config: str) -> None:
    with scratch() as root:
        (root / "main.go").write_text(PROGRAM)
        (root / "cfg.yaml").write_text(config, encoding="utf-8", errors="replace")
        result = run_cli(root, "--no-cache", "--config", "cfg.yaml")
        if result.exit_code == 2 and not result.stdout:
            assert result.stderr.count("\n") == 1, result.stderr


@PROFILE
@given(
    baseline=st.one_of(
        _BYTES_OR_JSON,
        st.lists(_JSON, max_size=4).map(
            lambda entries: json.dumps({"version": 1, "findings": entries}).encode()
        ),
    )
)
def test_random_baseline(baseline: bytes) -> None:
    with scratch() as root:
        (root / "main.go").write_text(PROGRAM)
        (root / "base.json").write_bytes(baseline)
        result = run_cli(root, "--no-cache", "--no-config", "--baseline", "base.json")
        if result.exit_code == 2:
            assert result.stderr.count("\n") == 1, result.stderr


@PROFILE
@given(entry=_BYTES_OR_JSON)
def test_random_cache_entry_is_ignored_and_rewritten(entry: bytes) -> None:
    # A well-formed entry of the current schema is trusted (that is what a cache is).
    assume(b'"schema": 1' not in entry)
    with scratch() as root:
        (root / "main.go").write_text(PROGRAM)
        home = root / "home"
        fresh = run_cli(root, "--no-config", cache_home=home).stdout
        (path,) = (home / "go-script-lint").rglob("*.json")
        path.write_bytes(entry)
        assert run_cli(root, "--no-config", cache_home=home).stdout == fresh
        assert json.loads(path.read_bytes())["schema"] == 1  # rewritten
        assert run_cli(root, "--no-config", cache_home=home).stdout == fresh


@PROFILE
@given(logs=st.lists(_BYTES_OR_JSON, min_size=1, max_size=3))
def test_random_sarif_logs_to_merge(logs: list[bytes]) -> None:
    with scratch() as root:
        paths = []
        for n, data in enumerate(logs):
            paths.append(str(root / f"{n}.sarif"))
            Path(paths[-1]).write_bytes(data)
        status = merge_sarif.main(["-o", str(root / "out.sarif"), *paths])
        assert status in (0, 2)
        if status == 0:
            json.loads((root / "out.sarif").read_text(encoding="utf-8"))
