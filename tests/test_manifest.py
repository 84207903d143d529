"""The manifest schema, manifest loading with positions, and `--schema-path`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from go_script_lint import engine
from go_script_lint.project.config import Config
from go_script_lint.project.manifest import load_manifest, manifest_json_schema
from go_script_lint.project.schemafile import load_schema_file
from go_script_lint.rules import REGISTRY
from tests.harness import ROOT

SCHEMA_DATA = ROOT / "analyzer" / "data" / "go-script.schema.json"
SCHEMA_DOCS = ROOT / "docs" / "go-script.schema.json"


def test_shipped_schema_is_copied_to_docs() -> None:
    assert SCHEMA_DATA.read_bytes() == SCHEMA_DOCS.read_bytes(), (
        "cp analyzer/data/go-script.schema.json docs/"
    )


def test_schema_is_valid_2020_12_and_documents_every_property() -> None:
    schema = manifest_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, f"{path}.{name} has no description"
            for key, sub in node.items():
                if key != "allOf":  # if/then branches restate typed properties
                    walk(sub, f"{path}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}[{i}]")

    walk(schema, "$")


def _manifests() -> list[Path]:
    roots = [ROOT / "examples", ROOT / "fixtures"]
    found = [p for r in roots if r.is_dir() for p in r.rglob("go-script.yaml")]
    return [p for p in found if "GSL401" not in p.parts]


@pytest.mark.parametrize("path", _manifests(), ids=lambda p: str(p.relative_to(ROOT)))
def test_example_and_fixture_manifests_are_valid(path: Path) -> None:
    manifest = load_manifest(path, path.name)
    assert manifest.problems == (), [p.message for p in manifest.problems]
    validator = jsonschema.Draft202012Validator(manifest_json_schema())
    assert not list(validator.iter_errors(yaml.safe_load(path.read_text()))), path


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "go-script.yaml"
    path.write_text(text)
    return path


def test_problems_point_at_lines(tmp_path: Path) -> None:
    text = (
        "version: 1\n"  # 1: wrong type; the missing `name` is reported here too (parent's first line)
        "entrypoint: /abs/main.go\n"  # 2: not relative
        "extra: 1\n"  # 3: unknown key
        "parameters:\n"
        "  - name: a\n"  # 5
        "    type: integer\n"
        "    enum: [1, x]\n"  # 7: item of the wrong type
    )
    manifest = load_manifest(_write(tmp_path, text), "go-script.yaml")
    got = sorted((p.location.region.start_line, p.message) for p in manifest.problems)
    lines = [line for line, _ in got]
    assert lines == [1, 1, 2, 3, 7], got
    messages = " | ".join(m for _, m in got)
    assert "missing required key `name`" in messages
    assert "unknown key `extra`" in messages
    assert "`version` must be a string" in messages
    assert "`parameters[0].enum[1]` must be an integer" in messages


def test_parameters_become_one_schema(tmp_path: Path) -> None:
    text = "name: a\nversion: 1.0.0\nentrypoint: main.go\nparameters:\n  - {name: r, type: string, required: true, enum: [x]}\n"
    manifest = load_manifest(_write(tmp_path, text), "go-script.yaml")
    assert manifest.schema is not None
    (param,) = manifest.schema.parameters
    assert (param.name, param.types, param.required, param.enum) == (
        "r",
        ("string",),
        True,
        ("x",),
    )
    assert param.location.region.start_line == 5


def test_schema_path_file(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["region"],
        "properties": {
            "region": {"$ref": "#/$defs/region"},
            "limit": {"type": ["integer", "null"]},
            "mode": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "kind": {"oneOf": [{"const": "a"}]},
        },
        "$defs": {"region": {"type": "string", "enum": ["us", "eu"]}},
    }
    path = tmp_path / "params.json"
    path.write_text(json.dumps(schema, indent="\t"))
    loaded = load_schema_file(path, "params.json")
    assert loaded.schema is not None
    params = loaded.schema.by_name()
    assert params["region"].types == ("string",) and params["region"].required
    assert params["region"].enum == ("us", "eu")
    assert params["limit"].types == ("integer",) and params["limit"].nullable
    notes = [p.message for p in loaded.problems]
    assert (
        len([n for n in notes if "`anyOf`" in n]) == 1
        and len([n for n in notes if "`oneOf`" in n]) == 1
    )


def test_bad_schema_file_is_a_finding_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "params.json"
    path.write_text('{\n  "properties": {\n    "a": {"type": "string"},\n  }\n}\n')
    loaded = load_schema_file(path, "params.json")
    assert loaded.schema is None
    assert loaded.problems[0].location.region.start_line == 4
    assert loaded.problems[0].message.startswith("JSON syntax error")


def _run(
    tmp_path: Path, schema_path: Path | None, select: tuple[str, ...]
) -> list[tuple[str, int, str]]:
    config = Config(select=select, schema_path=schema_path)
    run = engine.run(
        [str(tmp_path)], config.enabled_rules(REGISTRY), config, srcroot=tmp_path
    )
    assert not [n for n in run.notifications if n.descriptor == "internal-error"]
    return sorted(
        (f.location.path, f.location.region.start_line, f.rule_id) for f in run.findings
    )


def test_schema_path_cross_checks_the_struct(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(
        "package main\n\n"
        "type Params struct {\n"
        '\tRegion int    `json:"region"`\n'  # 4: GSL405
        '\tToken  string `json:"token"`\n'  # 5: GSL403
        '\tLimit  *int   `json:"limit,omitempty"`\n'
        "}\n\n"
        "func main() { _ = Params{} }\n"
    )
    schema = tmp_path / "schema" / "params.json"
    schema.parent.mkdir()
    schema.write_text(
        json.dumps(
            {
                "type": "object",
                "required": ["limit"],
                "properties": {
                    "region": {"type": "string"},
                    "limit": {"type": ["integer", "null"]},
                    "zone": {"type": "string"},
                    "x": {"allOf": []},
                },
            },
            indent=2,
        )
    )
    lines = schema.read_text().splitlines()
    zone = next(i for i, line in enumerate(lines, 1) if '"zone"' in line)
    all_of = next(i for i, line in enumerate(lines, 1) if '"allOf"' in line)
    got = _run(tmp_path, schema, ("GSL401", "GSL402", "GSL403", "GSL404", "GSL405"))
    assert ("main.go", 4, "GSL405") in got
    assert ("main.go", 5, "GSL403") in got
    assert ("main.go", 6, "GSL404") in got
    assert ("schema/params.json", zone, "GSL402") in got  # no field carries it
    assert [g for g in got if g[2] == "GSL401"] == [
        ("schema/params.json", all_of, "GSL401")
    ]


def test_broken_manifest_exit_code(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from go_script_lint.cli.main import main

    (tmp_path / "go-script.yaml").write_text(
        "name: x\nversion: 1.0.0\nentrypoint: main.go\nname: y\n"
    )
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    result = CliRunner().invoke(
        main, [str(tmp_path), "--no-config", "--select", "GSL4"]
    )
    assert result.exit_code == 1, result.output
    assert (
        "go-script.yaml:4:1" in result.output
        and "Duplicate key `name`" in result.output
    )


def test_syscall_enum_is_the_capability_tables_names() -> None:
    caps = json.loads((ROOT / "analyzer" / "data" / "capabilities.json").read_text())
    schema = json.loads(SCHEMA_DATA.read_text())
    items = schema["properties"]["sandbox"]["properties"]["syscalls"]["items"]
    assert items["enum"] == sorted(caps["linux_amd64_syscalls"])
    assert len(items["enum"]) == 362


def test_misspelt_syscall_gets_a_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "go-script.yaml"
    path.write_text(
        "name: x\nversion: 1.0.0\nentrypoint: main.go\nsandbox:\n  syscalls: [fchwnat]\n"
    )
    (problem,) = load_manifest(path, "go-script.yaml").problems
    assert problem.message == (
        "`sandbox.syscalls[0]`: `fchwnat` is not a Linux syscall; "
        "did you mean `fchownat` or `fchown` or `fcntl`?"
    )
    assert problem.location.region.start_line == 5
