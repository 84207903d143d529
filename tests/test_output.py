"""The reporters: text, JSON, SARIF and GitHub workflow commands."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from go_script_lint.base.fingerprint import fingerprint_findings, line_hashes
from go_script_lint.base.model import (
    Finding,
    Fix,
    Level,
    LineIndex,
    Location,
    Notification,
    Region,
    Replacement,
    Risk,
    RunResult,
    Suppression,
)
from go_script_lint.base.rule import Rule
from go_script_lint.output import FORMATS, github, sarif, sarif_limits, text
from go_script_lint.output import json as json_output
from go_script_lint.output.sarif_serialize import dumps, to_json_value
from tests.sarif_checks import check_sarif

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
JSON_SCHEMA = ROOT / "docs" / "json-output.schema.json"

# --- rules and a source tree -------------------------------------------------

SHELL = Rule(
    id="GSL201",
    name="shell-exec",
    summary="A command runs through a shell.",
    description="Passing a command line to `sh -c` lets shell syntax in the data run.",
    message="`{shell} -c` runs a command through a shell",
    level=Level.ERROR,
    risk=Risk.HIGH,
    tags=("security", "exec"),
    cwe=(78, 88),
    precision="very-high",
    help='Run the program directly:\n\n```go\nexec.Command("git", "status")\n```\n',
)
REQUIRES = Rule(
    id="GSL103",
    name="requires-mismatch",
    summary="A `//go:requires` line disagrees with go.mod.",
    description="The directive names another version than the go.mod require line.",
    message="`{module}` is {want} here but {have} in go.mod",
    level=Level.WARNING,
    risk=Risk.LOW,
    tags=("directives",),
)
TAG_STYLE = Rule(
    id="GSL406",
    name="tag-style",
    summary="A struct tag key does not follow the configured style.",
    description="D" * 1500,
    message="tag `{tag}` is not camelCase",
    level=Level.NOTE,
    risk=Risk.LOW,
    precision="medium",
)
RULES = (REQUIRES, SHELL, TAG_STYLE)

MAIN_GO = """//go:script
package main

import (
\t"os"
\t"os/exec"
)

type Params struct {
\tUserName string `json:"user_name"`
}

func main() {
\texec.Command("sh", "-c", os.Args[1]).Run()
\tmsg := "h\u00e9llo \U0001f600"; exec.Command("bash", "-c", msg).Run()
\t//go-script-lint:ignore GSL201 -- constant command
\texec.Command("sh", "-c", "ls").Run()
}
""".encode()
GO_MOD = b"module example.com/x\n\ngo 1.22\n\nrequire golang.org/x/sys v0.1.0\n"
OTHER_PATH = "sub dir/\u00fc.go"
OTHER_GO = (
    b'package main\r\n\r\nfunc f(x string) {\r\n\texec.Command("sh", "-c", x)\r\n}\r\n'
)
SOURCES = {"main.go": MAIN_GO, "go.mod": GO_MOD, OTHER_PATH: OTHER_GO}


def _span(path: str, needle: bytes, nth: int = 0) -> tuple[Region, int, int]:
    source = SOURCES[path]
    start = -1
    for _ in range(nth + 1):
        start = source.index(needle, start + 1)
    end = start + len(needle)
    return LineIndex(source).region(start, end), start, end


def _loc(
    path: str, needle: bytes, nth: int = 0, message: str | None = None
) -> Location:
    return Location(path, _span(path, needle, nth)[0], message)


def build_run(**options: str) -> RunResult:
    """Findings of several kinds over the tree, fingerprinted as the engine does."""
    call = b'exec.Command("sh", "-c", os.Args[1])'
    tag_region, tag_start, tag_end = _span("main.go", b"user_name")
    main = [
        Finding(
            "GSL201",
            Level.ERROR,
            "`sh -c` runs a command through a shell",
            _loc("main.go", call),
        ),
        Finding(
            "GSL201",
            Level.ERROR,
            "`bash -c` runs a command through a shell",
            _loc("main.go", b'exec.Command("bash", "-c", msg)'),
        ),
        Finding(
            "GSL201",
            Level.NOTE,
            "`sh -c` runs a constant command through a shell",
            _loc("main.go", b'exec.Command("sh", "-c", "ls")'),
            suppression=Suppression(
                "constant command", _loc("main.go", b"//go-script-lint:ignore GSL201")
            ),
        ),
        Finding(
            "GSL406",
            Level.NOTE,
            "tag `user_name` is not camelCase",
            Location("main.go", tag_region),
            fixes=(
                Fix(
                    "Rename the key to `userName`",
                    (
                        Replacement(
                            "main.go", tag_start, tag_end, tag_region, "userName"
                        ),
                    ),
                ),
            ),
            precision="medium",
        ),
        Finding(
            "GSL103",
            Level.WARNING,
            "`golang.org/x/sys` is v0.2.0 here but v0.1.0 in go.mod",
            _loc("main.go", b"//go:script"),
            related=(
                _loc(
                    "go.mod",
                    b"require golang.org/x/sys v0.1.0",
                    message="required here",
                ),
            ),
        ),
    ]
    other = [
        Finding(
            "GSL201",
            Level.ERROR,
            "`sh -c` runs a command through a shell",
            _loc(OTHER_PATH, b'exec.Command("sh", "-c", x)'),
            baseline_state="new",
        )
    ]
    findings = fingerprint_findings(main, MAIN_GO) + fingerprint_findings(
        other, OTHER_GO
    )
    notifications = (
        Notification(
            "cannot read: Permission denied", Level.ERROR, "locked.go", "GSL002"
        ),
        Notification(
            "rule raised KeyError: 'x'",
            Level.WARNING,
            "main.go",
            "GSL201",
            "rule-crash",
        ),
        Notification("no go.mod above scripts/; GSL103 skipped", Level.NOTE),
    )
    return RunResult(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        notifications=notifications,
        files=("main.go", OTHER_PATH),
        rule_ids=tuple(r.id for r in RULES),
        tool_version="0.1.0",
        options=dict(options),
    )


EMPTY = RunResult(
    findings=(), notifications=(), files=(), rule_ids=(), tool_version="0.1.0"
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for path, data in SOURCES.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return tmp_path


def sarif_of(run: RunResult, rules: tuple[Rule, ...] = RULES) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render(run, rules))
    return data


def validate_sarif(log: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, "\n".join(
        f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]
    )


def ingestion_problems(log_text: str, srcroot: Path, results: int) -> list[str]:
    """What GitHub's ingestion would reject (tests/sarif_checks.py); checks the count."""
    report = check_sarif(log_text, srcroot)
    assert report.results == results
    return report.problems


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in nested JSON data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


# --- SARIF: validity -----------------------------------------------------------


@pytest.mark.parametrize("category", ["", "go-script-lint/scripts"])
def test_sarif_validates_against_oasis_schema(category: str) -> None:
    options = {"category": category} if category else {}
    validate_sarif(sarif_of(build_run(**options)))
    validate_sarif(sarif_of(EMPTY))


def test_sarif_passes_check_sarif(tree: Path) -> None:
    log_text = sarif.render(build_run(category="ci"), RULES)
    assert ingestion_problems(log_text, tree, results=6) == []


def test_empty_sarif_passes_check_sarif(tree: Path) -> None:
    log = sarif_of(EMPTY, RULES)
    assert log["runs"][0]["results"] == []
    assert ingestion_problems(sarif.render(EMPTY, RULES), tree, results=0) == []


def test_sarif_without_any_rule_is_valid() -> None:
    log = sarif_of(EMPTY, ())
    validate_sarif(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert "taxonomies" not in run


def test_unknown_rule_gets_a_descriptor(tree: Path) -> None:
    run = build_run()
    log = sarif_of(run, (SHELL,))
    validate_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids[0] == "GSL201" and sorted(ids[1:]) == ["GSL103", "GSL406"]
    for result in log["runs"][0]["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    log_text = sarif.render(run, (SHELL,))
    assert ingestion_problems(log_text, tree, results=len(run.findings)) == []


def test_sarif_is_deterministic_and_has_no_placeholders() -> None:
    first = sarif.render(build_run(category="x"), RULES)
    assert first == sarif.render(build_run(category="x"), RULES)
    assert first.endswith("}\n") and not first.endswith("\n\n")
    log = json.loads(first)
    assert list(log) == ["$schema", "version", "runs"]
    assert log["version"] == "2.1.0"
    bad = [(k, v) for k, v in walk(log) if v == -1 or v == -1.0]
    assert bad == []
    for key in ("rank", 'byteOffset": -1', "charOffset", '"kind": "fail"', "en-US"):
        assert key not in first
    assert "timeUtc" not in first and "startTimeUtc" not in first


def test_sarif_has_no_absolute_paths(tree: Path) -> None:
    text_ = sarif.render(build_run(), RULES)
    assert str(tree) not in text_ and "file://" not in text_
    run = json.loads(text_)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"] == {
        "description": {
            "text": "The source root: the repository root in CI, or --srcroot."
        }
    }
    uris = {v["uri"] for k, v in walk(run) if k == "artifactLocation" and "uri" in v}
    assert uris == {"main.go", "go.mod", "sub%20dir/%C3%BC.go", "locked.go"}


# --- SARIF: content ------------------------------------------------------------


def test_sarif_driver_and_rules() -> None:
    run = sarif_of(build_run())["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "go-script-lint"
    assert driver["semanticVersion"] == "0.1.0"
    assert (
        driver["informationUri"] == "https://github.com/go-script-lint/go-script-lint"
    )
    rules = {r["id"]: r for r in driver["rules"]}
    assert [r["id"] for r in driver["rules"]] == ["GSL103", "GSL201", "GSL406"]
    shell = rules["GSL201"]
    assert shell["name"] == "ShellExec"
    assert shell["shortDescription"] == {"text": "A command runs through a shell."}
    assert shell["helpUri"].endswith("/blob/main/docs/rules/GSL201.md")
    assert shell["help"]["markdown"].startswith("Run the program directly:\n\n```go\n")
    assert "```" not in shell["help"]["text"]
    assert shell["defaultConfiguration"] == {"level": "error"}
    assert shell["properties"] == {
        "tags": ["security", "external/cwe/cwe-78", "external/cwe/cwe-88", "exec"],
        "precision": "very-high",
        "security-severity": "8.0",
    }
    assert shell["relationships"] == [
        {
            "target": {
                "id": "78",
                "index": 0,
                "toolComponent": {"name": "CWE", "index": 0},
            }
        },
        {
            "target": {
                "id": "88",
                "index": 1,
                "toolComponent": {"name": "CWE", "index": 0},
            }
        },
    ]
    requires = rules["GSL103"]
    assert requires["name"] == "RequiresMismatch"
    assert requires["defaultConfiguration"] == {"level": "warning"}
    assert requires["properties"] == {
        "tags": ["directives"],
        "precision": "high",
        "problem.severity": "warning",
    }
    assert "relationships" not in requires
    assert rules["GSL406"]["properties"]["problem.severity"] == "recommendation"
    full = rules["GSL406"]["fullDescription"]["text"]
    assert len(full) == 1024 and full.endswith("…")
    assert driver["supportedTaxonomies"] == [{"name": "CWE", "index": 0}]
    (cwe,) = run["taxonomies"]
    assert cwe["name"] == "CWE" and cwe["organization"] == "MITRE"
    assert [t["id"] for t in cwe["taxa"]] == ["78", "88"]
    assert cwe["taxa"][0]["helpUri"] == "https://cwe.mitre.org/data/definitions/78.html"


def test_sarif_run_properties() -> None:
    run = sarif_of(build_run(category="go-script-lint/scripts"))["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["automationDetails"] == {"id": "go-script-lint/scripts"}
    assert "automationDetails" not in sarif_of(build_run())["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "note",
            "message": {"text": "no go.mod above scripts/; GSL103 skipped"},
        },
        {
            "level": "error",
            "message": {"text": "cannot read: Permission denied"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "locked.go",
                            "uriBaseId": "%SRCROOT%",
                        }
                    }
                }
            ],
            "associatedRule": {"id": "GSL002"},
        },
        {
            "level": "warning",
            "message": {"text": "rule raised KeyError: 'x'"},
            "descriptor": {"id": "rule-crash"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "main.go", "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
            "associatedRule": {"id": "GSL201", "index": 1},
        },
    ]
    clean = sarif_of(EMPTY)["runs"][0]
    assert clean["invocations"] == [{"executionSuccessful": True}]


def results_by_line(log: dict[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    out = {}
    for result in log["runs"][0]["results"]:
        phys = result["locations"][0]["physicalLocation"]
        out[phys["artifactLocation"]["uri"], phys["region"]["startLine"]] = result
    return out


def test_sarif_results() -> None:
    run = build_run()
    log = sarif_of(run)
    results = log["runs"][0]["results"]
    assert len(results) == 6
    rule_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        assert len(result["locations"]) == 1
    by_line = results_by_line(log)
    first = by_line["main.go", 14]
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "main.go", "uriBaseId": "%SRCROOT%"},
        "region": {
            "startLine": 14,
            "startColumn": 2,
            "endLine": 14,
            "endColumn": 38,
            "snippet": {"text": 'exec.Command("sh", "-c", os.Args[1])'},
        },
    }
    finding = run.findings[
        [f.location.region.start_line for f in run.findings].index(14)
    ]
    assert first["partialFingerprints"] == {
        "primaryLocationLineHash": line_hashes(MAIN_GO)[14],
        "goScriptLint/v1": finding.fingerprint,
    }
    for key in (
        "suppressions",
        "fixes",
        "relatedLocations",
        "properties",
        "baselineState",
    ):
        assert key not in first


def test_sarif_non_ascii_columns_are_utf16() -> None:
    result = results_by_line(sarif_of(build_run()))["main.go", 15]
    region = result["locations"][0]["physicalLocation"]["region"]
    # \tmsg := "héllo 😀"; — the emoji is two UTF-16 units, é one.
    assert region["startColumn"] == len('\tmsg := "héllo ') + 2 + len('"; ') + 1
    assert region["endColumn"] - region["startColumn"] == len(
        'exec.Command("bash", "-c", msg)'
    )
    assert region["snippet"] == {"text": 'exec.Command("bash", "-c", msg)'}


def test_sarif_related_locations_are_linked() -> None:
    result = results_by_line(sarif_of(build_run()))["main.go", 1]
    assert result["message"]["text"] == (
        "`golang.org/x/sys` is v0.2.0 here but v0.1.0 in go.mod "
        "(see [required here](1))"
    )
    assert result["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "go.mod", "uriBaseId": "%SRCROOT%"},
                "region": {
                    "startLine": 5,
                    "startColumn": 1,
                    "endLine": 5,
                    "endColumn": 32,
                },
            },
            "message": {"text": "required here"},
        }
    ]


def test_sarif_suppressed_fix_and_baseline() -> None:
    by_line = results_by_line(sarif_of(build_run()))
    suppressed = by_line["main.go", 17]
    assert suppressed["level"] == "note"
    (suppression,) = suppressed["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == "constant command"
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == 16

    fixed = by_line["main.go", 10]
    assert fixed["properties"] == {"precision": "medium"}
    offset = MAIN_GO.index(b"user_name")
    assert fixed["fixes"] == [
        {
            "description": {"text": "Rename the key to `userName`"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "main.go", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "byteLength": 9,
                                "byteOffset": offset,
                                "endColumn": 34,
                                "endLine": 10,
                                "startColumn": 25,
                                "startLine": 10,
                            },
                            "insertedContent": {"text": "userName"},
                        }
                    ],
                }
            ],
        }
    ]
    other = by_line["sub%20dir/%C3%BC.go", 4]
    assert other["baselineState"] == "new"


def test_sarif_escapes_brackets_that_look_like_links() -> None:
    finding = Finding(
        "GSL201",
        Level.ERROR,
        "`f[x](1)` and []byte",
        Location("main.go", Region(1, 1, 1, 2)),
        related=(Location("go.mod", Region(1, 1, 1, 2)),),
    )
    run = dataclasses.replace(EMPTY, findings=(finding,))
    (result,) = sarif_of(run)["runs"][0]["results"]
    assert result["message"]["text"] == r"`f\[x\](1)` and \[\]byte (see [go.mod:1](1))"
    plain = dataclasses.replace(finding, related=())
    (result,) = sarif_of(dataclasses.replace(EMPTY, findings=(plain,)))["runs"][0][
        "results"
    ]
    assert result["message"]["text"] == r"`f\[x\](1)` and \[\]byte"
    harmless = dataclasses.replace(plain, message="`[]byte` and `m[k]`")
    (result,) = sarif_of(dataclasses.replace(EMPTY, findings=(harmless,)))["runs"][0][
        "results"
    ]
    assert result["message"]["text"] == "`[]byte` and `m[k]`"


# --- SARIF: limits and serialisation -------------------------------------------


def test_check_limits_accepts_a_normal_log() -> None:
    data = sarif.sarif_dict(build_run(), RULES)
    assert sarif.check_limits(data) == []
    assert sarif.dumps(data) == sarif.render(build_run(), RULES)


def test_check_limits_reports_each_limit() -> None:
    result = {
        "ruleId": "GSL201",
        "locations": [{}] * 1001,
        "relatedLocations": [{}] * 2,
    }
    log = {
        "runs": [
            {
                "tool": {
                    "driver": {
                        "rules": [{"id": "GSL201", "properties": {"tags": ["t"] * 21}}]
                        + [{"id": "x"}] * 25_000
                    }
                },
                "results": [{"ruleId": "GSL201"}] * 25_000 + [result],
            }
        ]
    }
    problems = sarif.check_limits(log)
    assert len(problems) == 4, problems
    assert problems[0].startswith("run 1: 25001 results; GitHub accepts 25000")
    assert "25001 rules" in problems[1]
    assert "rule GSL201 has 21 tags" in problems[2]
    assert "result 25001 (GSL201) has 1001 locations" in problems[3]


def test_check_limits_reports_size_and_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif_limits, "LIMIT_GZIP_BYTES", 10)
    problems = sarif.check_limits({"runs": [{"results": []}] * 21})
    assert problems[0] == "21 runs in one file; GitHub accepts 20"
    assert problems[-1].startswith("the log is ") and "gzipped" in problems[-1]


def test_serializer_drops_defaults_but_keeps_levels() -> None:
    import sarif_om as om

    result = om.Result(message=om.Message(text="m"), level="warning", rule_id="GSL201")
    assert to_json_value(result) == {
        "ruleId": "GSL201",
        "level": "warning",
        "message": {"text": "m"},
    }
    region = om.Region(start_line=1, byte_offset=0)
    assert to_json_value(region) == {"byteOffset": 0, "startLine": 1}
    bag = om.PropertyBag(tags=["a"])
    bag.__dict__["security-severity"] = "9.0"
    assert to_json_value(bag) == {"tags": ["a"], "security-severity": "9.0"}
    rel = om.ReportingDescriptorRelationship(
        target=om.ReportingDescriptorReference(id="1")
    )
    assert to_json_value(rel) == {"target": {"id": "1"}}
    assert dumps({"a": "é"}) == '{\n  "a": "é"\n}\n'
    with pytest.raises(TypeError):
        to_json_value(object())


# --- text ------------------------------------------------------------------------


def small_run() -> RunResult:
    source = b'package main\n\nfunc main() {\n\texec.Command("sh", "-c", x).Run()\n}\n'
    region = LineIndex(source).region(source.index(b"exec"), source.index(b".Run"))
    shown = Finding(
        "GSL201",
        Level.ERROR,
        "`sh -c` runs a command through a shell",
        Location("main.go", region),
        related=(Location("go.mod", Region(3, 1, 3, 9), "required here"),),
        fixes=(Fix("Call the program directly", ()),),
        snippet='\texec.Command("sh", "-c", x).Run()',
    )
    hidden = dataclasses.replace(
        shown,
        level=Level.NOTE,
        location=Location("main.go", Region(5, 1, 5, 2)),
        suppression=Suppression("reviewed"),
    )
    note = Notification(
        "cannot read: Permission denied", Level.ERROR, "locked.go", "GSL002"
    )
    return RunResult(
        findings=(shown, hidden),
        notifications=(note,),
        files=("main.go",),
        rule_ids=("GSL201",),
        tool_version="0.1.0",
    )


def test_text_output_exact() -> None:
    assert text.render(small_run(), RULES) == (
        "main.go:4:2: GSL201 [error] `sh -c` runs a command through a shell\n"
        '  4 | \texec.Command("sh", "-c", x).Run()\n'
        "    | \t^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "    = related: go.mod:3:1: required here\n"
        "    = fix: Call the program directly\n"
        "\n"
        "1 finding (1 error, 0 warnings, 0 notes), 1 suppressed, in 1 file\n"
        "locked.go: error: cannot read: Permission denied [GSL002]\n"
    )


def test_text_empty_run() -> None:
    assert text.render(EMPTY, RULES) == (
        "0 findings (0 errors, 0 warnings, 0 notes), 0 suppressed, in 0 files\n"
    )


def test_text_full_run_hides_suppressed() -> None:
    out = text.render(build_run(), RULES)
    assert "constant command" not in out and "main.go:17:" not in out
    assert "5 findings (3 errors, 1 warning, 1 note), 1 suppressed, in 2 files\n" in out
    assert "\x1b[" not in out
    assert (
        "sub dir/ü.go:4:2: GSL201 [error] `sh -c` runs a command through a shell\n"
        in out
    )
    # Carets under the emoji line start after a two-column emoji.
    lines = out.splitlines()
    frame = lines.index(
        '  15 | \tmsg := "héllo \U0001f600"; exec.Command("bash", "-c", msg).Run()'
    )
    assert lines[frame + 1] == "     | \t" + " " * 19 + "^" * 31
    assert out.rstrip("\n").splitlines()[-3:] == [
        "go-script-lint: note: no go.mod above scripts/; GSL103 skipped",
        "locked.go: error: cannot read: Permission denied [GSL002]",
        "main.go: warning: rule raised KeyError: 'x' [GSL201]",
    ]


def test_text_color_only_when_asked() -> None:
    plain = text.render(small_run(), RULES)
    colored = text.render(small_run(), RULES, color=True)
    assert "\x1b[1;31m[error]\x1b[0m" in colored
    assert "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_text_neutralises_control_characters() -> None:
    finding = Finding(
        "GSL201",
        Level.ERROR,
        "bad \x1b[2J name",
        Location("main.go", Region(1, 3, 1, 4)),
        snippet="x\x1b]0;pwned\x07y",
    )
    out = text.render(
        dataclasses.replace(EMPTY, findings=(finding,), files=("main.go",)), ()
    )
    assert "\x1b" not in out and "\x07" not in out
    assert "bad \ufffd[2J name" in out
    assert "  1 | x\ufffd]0;pwned\ufffdy\n    |   ^\n" in out


def test_caret_line_edge_cases() -> None:
    assert text.caret_line("abc", Region(1, 2, 1, 2)) == " ^"
    assert text.caret_line("abc", Region(1, 2, 3, 1)) == " ^^"
    assert text.caret_line("\t\tx", Region(1, 3, 1, 4)) == "\t\t^"
    assert text.caret_line("日本x", Region(1, 3, 1, 4)) == "    ^"
    assert text.caret_line("", Region(1, 1, 1, 1)) == "^"


# --- JSON ------------------------------------------------------------------------


def test_json_validates_against_documented_schema() -> None:
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for run in (build_run(), EMPTY, small_run()):
        data = json.loads(json_output.render(run, RULES))
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)
        ]
        assert errors == []


def test_json_content() -> None:
    out = json_output.render(small_run(), RULES)
    assert out.endswith("}\n")
    data = json.loads(out)
    assert out == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["version"] == 1
    assert data["tool"] == {
        "name": "go-script-lint",
        "version": "0.1.0",
        "informationUri": "https://github.com/go-script-lint/go-script-lint",
        "rules": ["GSL103", "GSL201", "GSL406"],
    }
    shown, hidden = data["findings"]
    assert shown == {
        "ruleId": "GSL201",
        "level": "error",
        "message": "`sh -c` runs a command through a shell",
        "path": "main.go",
        "line": 4,
        "column": 2,
        "endLine": 4,
        "endColumn": 29,
        "related": [
            {
                "path": "go.mod",
                "line": 3,
                "column": 1,
                "endLine": 3,
                "endColumn": 9,
                "message": "required here",
            }
        ],
        "fixes": [{"description": "Call the program directly", "replacements": []}],
        "suppressed": False,
        "justification": None,
        "fingerprint": None,
        "lineHash": None,
        "snippet": '\texec.Command("sh", "-c", x).Run()',
        "precision": None,
        "baselineState": None,
    }
    assert hidden["suppressed"] is True and hidden["justification"] == "reviewed"
    assert data["notifications"] == [
        {
            "level": "error",
            "message": "cannot read: Permission denied",
            "path": "locked.go",
            "ruleId": "GSL002",
            "descriptor": None,
        }
    ]
    assert data["summary"] == {
        "findings": 1,
        "errors": 1,
        "warnings": 0,
        "notes": 0,
        "suppressed": 1,
        "files": 1,
        "complete": False,
    }


def test_json_full_run_fixes_and_fingerprints() -> None:
    data = json.loads(json_output.render(build_run(), RULES))
    fixed = next(f for f in data["findings"] if f["fixes"])
    assert fixed["fixes"][0]["replacements"] == [
        {
            "path": "main.go",
            "line": 10,
            "column": 25,
            "endLine": 10,
            "endColumn": 34,
            "startByte": MAIN_GO.index(b"user_name"),
            "endByte": MAIN_GO.index(b"user_name") + 9,
            "text": "userName",
        }
    ]
    assert all(f["fingerprint"] and f["lineHash"] for f in data["findings"])
    assert len({f["fingerprint"] for f in data["findings"]}) == 6
    empty = json.loads(json_output.render(EMPTY, ()))
    assert empty["findings"] == [] and empty["summary"]["complete"] is True


# --- GitHub workflow commands ----------------------------------------------------


def test_github_escaping() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    finding = Finding(
        "GSL201",
        Level.ERROR,
        "50% done\nnext: a, b",
        Location("dir,x/a:b.go", Region(2, 3, 2, 7)),
    )
    run = dataclasses.replace(EMPTY, findings=(finding,))
    assert github.render(run, RULES) == (
        "::error file=dir%2Cx/a%3Ab.go,line=2,col=3,endLine=2,endColumn=7,"
        "title=GSL201 shell-exec::50%25 done%0Anext: a, b\n"
    )


def test_github_full_run() -> None:
    lines = github.render(build_run(), RULES).splitlines()
    assert lines == [
        "::warning file=main.go,line=1,col=1,endLine=1,endColumn=12,"
        "title=GSL103 requires-mismatch::`golang.org/x/sys` is v0.2.0 here but v0.1.0 "
        "in go.mod (related: go.mod:5)",
        "::notice file=main.go,line=10,col=25,endLine=10,endColumn=34,"
        "title=GSL406 tag-style::tag `user_name` is not camelCase",
        "::error file=main.go,line=14,col=2,endLine=14,endColumn=38,"
        "title=GSL201 shell-exec::`sh -c` runs a command through a shell",
        "::error file=main.go,line=15,col=21,endLine=15,endColumn=52,"
        "title=GSL201 shell-exec::`bash -c` runs a command through a shell",
        "::error file=sub dir/ü.go,line=4,col=2,endLine=4,endColumn=29,"
        "title=GSL201 shell-exec::`sh -c` runs a command through a shell",
        "::notice title=go-script-lint::no go.mod above scripts/; GSL103 skipped",
        "::error file=locked.go,title=go-script-lint GSL002::"
        "cannot read: Permission denied",
        "::warning file=main.go,title=go-script-lint GSL201::rule raised KeyError: 'x'",
    ]


def test_github_multiline_region_has_no_columns() -> None:
    finding = Finding("GSL999", Level.NOTE, "m", Location("a.go", Region(2, 3, 4, 1)))
    out = github.render(dataclasses.replace(EMPTY, findings=(finding,)), RULES)
    assert out == "::notice file=a.go,line=2,endLine=4,title=GSL999::m\n"
    assert github.render(EMPTY, RULES) == ""


# --- the registry of formats ---------------------------------------------------


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github"])
def test_formats_are_pure_and_deterministic(name: str) -> None:
    render = FORMATS[name]
    run = build_run(category="c")
    assert render(run, RULES) == render(build_run(category="c"), RULES)
    assert render(run, RULES, color=False) == render(run, RULES)
    assert render(EMPTY, RULES).endswith("\n") or render(EMPTY, RULES) == ""


def test_formats_names() -> None:
    assert sorted(FORMATS) == [
        "concise",
        "github",
        "gitlab",
        "json",
        "junit",
        "sarif",
        "text",
    ]
