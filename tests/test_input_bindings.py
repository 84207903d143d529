"""Script inputs: flag forms, name matching, the `flag:`/`env:` keys, shebang files, the writer's scalars."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.analysis.flag_kinds import split_method
from go_script_lint.analysis.input_names import normalise, upper_snake
from go_script_lint.analysis.manifest_writer import scalar, script_name
from go_script_lint.base import yamlpos
from go_script_lint.golang.shebang import mask_shebang, shebang_end
from go_script_lint.project.config import Config
from go_script_lint.project.manifest import load_manifest
from go_script_lint.rules import REGISTRY
from tests.harness import RULE_FIXTURES


@pytest.mark.parametrize(
    ("name", "key", "env"),
    [
        ("batch-size", "batchsize", "BATCH_SIZE"),
        ("batch_size", "batchsize", "BATCH_SIZE"),
        ("batchSize", "batchsize", "BATCH_SIZE"),
        ("userID", "userid", "USER_ID"),
        ("HTTPProxy", "httpproxy", "HTTP_PROXY"),
        ("GITHUB_TOKEN", "githubtoken", "GITHUB_TOKEN"),
        ("log.level", "loglevel", "LOG_LEVEL"),
    ],
)
def test_names_normalise(name: str, key: str, env: str) -> None:
    assert normalise(name) == key
    assert upper_snake(name) == env


@pytest.mark.parametrize(
    ("method", "library", "expected"),
    [
        ("String", "flag", ("String", False, False)),
        ("StringVar", "flag", ("String", True, False)),
        ("Var", "flag", ("Var", True, False)),
        ("TextVar", "flag", ("TextVar", True, False)),
        ("BoolFunc", "flag", ("BoolFunc", False, False)),
        ("StringP", "flag", None),  # the standard library has no shorthand forms
        ("StringVarP", "pflag", ("String", True, True)),
        ("IP", "pflag", ("IP", False, False)),
        ("IPP", "pflag", ("IP", False, True)),
        ("IPVarP", "pflag", ("IP", True, True)),
        ("VarP", "pflag", ("Var", True, True)),
        ("CountVarP", "pflag", ("Count", True, True)),
        ("StringSliceVar", "pflag", ("StringSlice", True, False)),
        ("Parse", "flag", None),
        ("Lookup", "pflag", None),
        ("Set", "pflag", None),
    ],
)
def test_flag_methods_fold_to_kinds(
    method: str, library: str, expected: tuple[str, bool, bool] | None
) -> None:
    assert split_method(method, library) == expected


def test_manifest_schema_takes_flag_and_env_and_still_rejects_unknown_keys(
    tmp_path: Path,
) -> None:
    path = tmp_path / "go-script.yaml"
    head = "name: s\nversion: 1.0.0\nentrypoint: main.go\nparameters:\n  - name: batch\n    type: integer\n"
    path.write_text(head + "    flag: batch-size\n    env: BATCH\n")
    loaded = load_manifest(path, "go-script.yaml")
    assert not loaded.problems
    assert loaded.schema is not None
    param = loaded.schema.parameters[0]
    assert (param.flag, param.env) == ("batch-size", "BATCH")
    path.write_text(head + "    flags: batch-size\n    env: 9LIVES\n")
    messages = [p.message for p in load_manifest(path, "go-script.yaml").problems]
    assert any("unknown key `flags`" in m for m in messages), messages
    assert any("env" in m for m in messages), messages


def test_environment_reads_are_not_reported_by_default(tmp_path: Path) -> None:
    work = tmp_path / "environment"
    shutil.copytree(RULE_FIXTURES / "GSL403" / "environment", work)
    config = Config(select=("GSL403",))
    run = engine.run(
        [str(work)], config.enabled_rules(REGISTRY), config, srcroot=tmp_path, jobs=1
    )
    assert [f.message for f in run.findings] == []
    enabled = Config(select=("GSL403",), rule_options={"GSL403": {"environment": True}})
    run = engine.run(
        [str(work)], enabled.enabled_rules(REGISTRY), enabled, srcroot=tmp_path, jobs=1
    )
    assert {f.location.region.start_line for f in run.findings} == {16}


def test_shebang_is_masked_in_place() -> None:
    source = b"#!/usr/bin/env gorun\r\n//go:script\r\npackage main\r\n"
    masked = mask_shebang(source)
    assert len(masked) == len(source) and masked[2:] == source[2:]
    assert masked.startswith(b"//")
    assert shebang_end(source) == source.index(b"\r")
    assert mask_shebang(b"package main\n") == b"package main\n"


def test_shebang_file_keeps_columns_and_header(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(
        "#!/usr/bin/env gorun\n//go:script\n//go:requires go 1.21\npackage main\n\n"
        'import "os"\n\nfunc main() { os.Remove("x") }\n'
    )
    config = Config(select=("GSL0", "GSL1", "GSL301"))
    run = engine.run(
        [str(tmp_path)],
        config.enabled_rules(REGISTRY),
        config,
        srcroot=tmp_path,
        jobs=1,
    )
    found = {
        (f.rule_id, f.location.region.start_line, f.location.region.start_column)
        for f in run.findings
    }
    assert found == {("GSL108", 1, 1), ("GSL301", 8, 15)}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("GET", "GET"),
        ("/var/log/app", '"/var/log/app"'),
        ("true", '"true"'),
        ("n", '"n"'),
        ("2048", '"2048"'),
        ("a: b", '"a: b"'),
        (2048, "2048"),
        (0.5, "0.5"),
        (False, "false"),
    ],
)
def test_scalars_read_back_as_written(value: object, text: str) -> None:
    assert scalar(value) == text
    loaded = yamlpos.load(f"k: {text}\n".encode())
    assert loaded.root is not None
    assert loaded.root.plain() == {"k": value}


def test_script_names_fit_the_schema() -> None:
    assert script_name("generate_cert") == "generate_cert"
    assert script_name("my tool!") == "my-tool"
    assert script_name("...") == "script"


def test_crlf_directive_spans_end_before_the_cr(tmp_path: Path) -> None:
    # A damaged shebang line: the directives below it are misplaced (GSL107).
    (tmp_path / "main.go").write_bytes(
        b"!/usr/bin/env gorun\r\n//go:script\r\npackage main\r\n"
    )
    config = Config(select=("GSL107",))
    run = engine.run(
        [str(tmp_path)],
        config.enabled_rules(REGISTRY),
        config,
        srcroot=tmp_path,
        jobs=1,
    )
    spans = [
        (f.location.region.start_column, f.location.region.end_column)
        for f in run.findings
    ]
    assert spans == [(1, 12)]
