"""Struct tag parsing, field encoding names, naming styles and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.analysis.struct_types import struct_fields
from go_script_lint.analysis.structtags import parse_tag, source_tag
from go_script_lint.golang.parsing import nodes_of_types, parse
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from go_script_lint.rules.manifest.gsl406_tag_naming import INITIALISMS, expected, words
from tests.harness import ROOT, compare, config_for, read_expectations

WIDE = ROOT / "tests" / "data" / "gsl406_wide"


@pytest.mark.parametrize(
    ("tag", "error"),
    [
        ('json:"a,omitempty" yaml:"a"', None),
        ("", None),
        ('json:"name with spaces"', None),
        ('json:"a",yaml:"b"', "not separated by spaces"),
        ("json:a", "bad syntax for struct tag value"),
        ('json:"a', "unterminated"),
        ('json:"a\\q"', "bad syntax for struct tag value"),
        (' "x"', "bad syntax for struct tag key"),
        ("json", "bad syntax for struct tag pair"),
        ('json:"a, omitempty"', "suspicious space"),
        ('xml:" a"', "suspicious space"),
    ],
)
def test_parse_tag_like_go_vet(tag: str, error: str | None) -> None:
    parsed = parse_tag(tag)
    if error is None:
        assert parsed.error is None
    else:
        assert parsed.error is not None and error in parsed.error


def test_lookup_and_options() -> None:
    tag = parse_tag('json:"id,omitempty,string" json:"other"')
    pair = tag.get("json")
    assert (
        pair is not None
        and pair.name == "id"
        and pair.options == ("omitempty", "string")
    )


def _fields(src: str) -> list:
    tree = parse(src.encode())
    (fl,) = nodes_of_types(tree.root_node, ["field_declaration_list"])[:1]
    return struct_fields(fl)


def test_interpreted_literal_offsets_map_back_to_source() -> None:
    src = 'package p\n\ntype T struct {\n\tA int "json:\\"user_id\\""\n}\n'
    (field,) = _fields(src)
    tag = source_tag(field.decl)
    assert tag is not None and tag.tag.get("json") is not None
    pair = tag.tag.get("json")
    assert pair is not None
    start, end = tag.byte_span(
        pair.value_start + 1, pair.value_start + 1 + len(pair.name)
    )
    assert src.encode()[start:end] == b"user_id"


def test_encoding_names() -> None:
    src = (
        "package p\n\ntype T struct {\n"
        '\tA int `json:"a"`\n\tB int\n\tc int\n\tD int `json:"-"`\n\tE int `json:"-,"`\n'
        '\tF int `json:",omitempty"`\n\tG, H int\n\tEmbedded\n}\n'
    )
    names = [(f.name, f.encoding_name(), f.embedded) for f in _fields(src)]
    assert names == [
        ("A", "a", False), ("B", "B", False), ("c", None, False), ("D", None, False),
        ("E", "-", False), ("F", "F", False), ("G", "G", False), ("H", "H", False),
        ("Embedded", "Embedded", True),
    ]  # fmt: skip


def test_words_and_styles() -> None:
    init = frozenset(INITIALISMS)
    assert words("userID") == ["user", "ID"] and words("HTTPServer") == [
        "HTTP",
        "Server",
    ]
    assert words("user_ids") == ["user", "ids"] and words("userIDs") == ["user", "IDs"]
    assert expected("userID", "camel", "any", init) is None
    assert expected("userId", "camel", "any", init) is None
    assert expected("userId", "camel", "upper", init) == "userID"
    assert expected("userID", "camel", "lower", init) == "userId"
    assert expected("user_id", "camel", "any", init) == "userId"
    assert expected("userId", "goCamel", "any", init) == "userID"
    assert expected("userID", "snake", "any", init) == "user_id"
    assert expected("UserID", "kebab", "any", init) == "user-id"
    assert expected("userID", "pascal", "any", init) == "UserId"
    assert expected("UserID", "pascal", "any", init) is None


def test_wide_config_checks_every_struct() -> None:
    rule_ids = ["GSL406"]
    config = config_for(WIDE, rule_ids)
    run = engine.run([str(WIDE)], config.enabled_rules(REGISTRY), config, srcroot=ROOT)
    problems = compare(run, read_expectations(WIDE, ROOT), rule_ids)
    assert not problems, "\n".join(problems)


def _run(tmp_path: Path, files: dict[str, str], select: str):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    config = Config(select=(select,))
    return engine.run(
        [str(tmp_path)], config.enabled_rules(REGISTRY), config, srcroot=tmp_path
    )


def test_tag_rename_and_omitempty_fixes(tmp_path: Path) -> None:
    src = (
        "package main\n\n// go-script:parameters\ntype P struct {\n"
        '\tDryRun bool `json:"dry_run,omitempty"`\n}\n\nfunc main() { _ = P{} }\n'
    )
    manifest = (
        "name: a\nversion: 1.0.0\nentrypoint: main.go\n"
        "parameters:\n  - {name: dry_run, type: boolean, required: true}\n"
    )
    data = src.encode()
    for rule, want in (
        ("GSL406", 'json:"dryRun,omitempty"'),
        ("GSL404", 'json:"dry_run"'),
    ):
        run = _run(tmp_path, {"main.go": src, "go-script.yaml": manifest}, rule)
        (finding,) = [f for f in run.findings if f.rule_id == rule]
        (fix,) = finding.fixes
        (rep,) = fix.replacements
        fixed = data[: rep.start_byte] + rep.text.encode() + data[rep.end_byte :]
        assert want.encode() in fixed, fixed


def test_no_binding_is_one_note(tmp_path: Path) -> None:
    files = {
        "main.go": "package main\n\ntype A struct{ X int }\n\nfunc main() { _ = A{} }\n",
        "go-script.yaml": "name: a\nversion: 1.0.0\nentrypoint: main.go\nparameters:\n  - {name: q, type: string}\n",
    }
    run = _run(tmp_path, files, "GSL402")
    notes = [f for f in run.findings if f.rule_id == "GSL402"]
    assert len(notes) == 1 and notes[0].level.value == "note"
    assert (
        notes[0].location.path == "go-script.yaml"
        and notes[0].location.region.start_line == 4
    )
