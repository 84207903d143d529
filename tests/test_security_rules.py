"""GSL211-GSL218 beyond their fixtures: secrets masked in every output, valid SARIF,
the script's Go version, and values followed into parameters across call sites."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.base.model import Risk, RunResult
from go_script_lint.output import FORMATS
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import FIXTURES, RULE_FIXTURES
from tests.sarif_checks import check_sarif
from tests.test_output import validate_sarif

SECURITY_IDS = [f"GSL21{n}" for n in range(1, 9)]
SECRETS_DIR = RULE_FIXTURES / "GSL216"
# Every string literal of the GSL216 fixtures that is reported (ruleid lines).
_LITERAL = re.compile(r'"([^"]{8,})"|`([^`]{8,})`')


def _fixture_secrets() -> list[str]:
    secrets: list[str] = []
    for path in sorted(SECRETS_DIR.glob("*.go")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            if "ruleid: GSL216" not in line:
                continue
            target = "\n".join(lines[i + 1 : i + 4])
            for match in _LITERAL.finditer(target):
                value = match.group(1) or match.group(2)
                # Everything past the four characters an output may show.
                secrets.extend(part for part in value[4:].split("\n") if len(part) >= 6)
    return secrets


def _run(
    paths: list[Path], level: Risk = Risk.HIGH, select: tuple[str, ...] = ()
) -> RunResult:
    config = (
        Config(risk_level=level, select=select) if select else Config(risk_level=level)
    )
    return engine.run(
        [str(p) for p in paths],
        config.enabled_rules(REGISTRY),
        config,
        srcroot=FIXTURES,
        jobs=1,
    )


def test_fixture_secrets_are_found() -> None:
    secrets = _fixture_secrets()
    assert len(secrets) >= 8, secrets


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_renderer_prints_a_secret(fmt: str) -> None:
    run = _run([SECRETS_DIR])  # every default rule, deep scan: the most output
    assert any(f.rule_id == "GSL216" for f in run.findings)
    out = FORMATS[fmt](run, REGISTRY)
    leaked = [s for s in _fixture_secrets() if s in out]
    assert not leaked, f"{fmt} output shows {leaked}"


def test_masked_snippet_keeps_its_shape() -> None:
    run = _run([SECRETS_DIR], select=("GSL216",))
    finding = next(f for f in run.findings if "awsKeyID" in (f.snippet or ""))
    assert finding.snippet == 'const awsKeyID = "AKIA****************"'
    assert "`AKIA" in finding.message and "*" in finding.message


def test_security_sarif_is_valid(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    shutil.copytree(
        RULE_FIXTURES,
        tree / "rules",
        ignore=shutil.ignore_patterns("GSL[0-13-9]*", "GSL20*"),
    )
    config = Config(risk_level=Risk.HIGH, select=tuple(SECURITY_IDS))
    run = engine.run(
        [str(tree)], config.enabled_rules(REGISTRY), config, srcroot=tree, jobs=1
    )
    assert {f.rule_id for f in run.findings} == set(SECURITY_IDS)
    text = FORMATS["sarif"](run, REGISTRY)
    log = json.loads(text)
    validate_sarif(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    for rule_id in SECURITY_IDS:
        assert "security-severity" in rules[rule_id]["properties"], rule_id
    report = check_sarif(text, tree)
    assert not report.problems, report.problems
    assert report.results == len(run.findings)


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def _messages(tmp_path: Path, rule_id: str, level: Risk = Risk.MEDIUM) -> list[str]:
    config = Config(risk_level=level, select=(rule_id,))
    run = engine.run(
        [str(tmp_path)],
        config.enabled_rules(REGISTRY),
        config,
        srcroot=tmp_path,
        jobs=1,
    )
    return [f.message for f in run.findings if f.rule_id == rule_id]


CALLER = """package main

import (
\t"os"
\t"os/exec"
)

func run(name string, args ...string) error {
\treturn exec.Command(name, args...).Run()
}
"""


def test_parameter_with_only_constant_callers_is_constant(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "run.go": CALLER,
            "main.go": 'package main\n\nfunc main() {\n\t_ = run("go", "vet")\n\t_ = run("gofmt", "-l", ".")\n}\n',
        },
    )
    assert _messages(tmp_path, "GSL202", Risk.HIGH) == []


def test_parameter_takes_the_origin_of_its_callers(tmp_path: Path) -> None:
    main = 'package main\n\nfunc main() {\n\t_ = run("go")\n\t_ = run(os.Getenv("TOOL"))\n}\n'
    _write(
        tmp_path,
        {
            "run.go": CALLER,
            "main.go": main.replace("package main\n", 'package main\n\nimport "os"\n'),
        },
    )
    messages = _messages(tmp_path, "GSL202")
    assert len(messages) == 1 and "from the environment" in messages[0], messages


def test_parameter_used_as_a_value_stays_unknown(tmp_path: Path) -> None:
    main = 'package main\n\nfunc main() {\n\t_ = run("go")\n\tf := run\n\t_ = f\n}\n'
    _write(tmp_path, {"run.go": CALLER, "main.go": main})
    messages = _messages(tmp_path, "GSL202", Risk.HIGH)
    assert len(messages) == 1 and "function parameter" in messages[0], messages


def test_http_request_field_is_named(tmp_path: Path) -> None:
    handler = (
        'package main\n\nimport (\n\t"net/http"\n\t"os"\n\t"path/filepath"\n)\n\n'
        "func h(w http.ResponseWriter, r *http.Request) {\n"
        '\t_, _ = os.Open(filepath.Join("/srv", r.FormValue("f")))\n'
        '\t_, _ = os.Open(filepath.Join("/srv", r.Method))\n'
        "}\n"
    )
    _write(tmp_path, {"main.go": handler})
    messages = _messages(tmp_path, "GSL211")
    assert len(messages) == 1 and '`r.FormValue("f")`' in messages[0], messages


@pytest.mark.parametrize(("version", "root"), [("1.24", True), ("1.21", False)])
def test_path_advice_follows_the_go_version(
    tmp_path: Path, version: str, root: bool
) -> None:
    _write(
        tmp_path,
        {
            "go.mod": f"module example.com/x\n\ngo {version}\n",
            "main.go": 'package main\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\n'
            'func main() {\n\t_, _ = os.Open(filepath.Join("data", os.Args[1]))\n}\n',
        },
    )
    messages = _messages(tmp_path, "GSL211")
    assert len(messages) == 1
    assert ("os.OpenInRoot" in messages[0]) is root, messages


@pytest.mark.parametrize(
    ("directive", "found"), [("1.21", True), ("1.22", False), (None, False)]
)
def test_server_default_depends_on_the_go_version(
    tmp_path: Path, directive: str | None, found: bool
) -> None:
    header = f"//go:requires go {directive}\n\n" if directive else ""
    _write(
        tmp_path,
        {
            "main.go": header + 'package main\n\nimport "crypto/tls"\n\n'
            "func main() {\n\tvar c tls.Certificate\n"
            "\t_ = &tls.Config{Certificates: []tls.Certificate{c}}\n}\n"
        },
    )
    assert bool(_messages(tmp_path, "GSL213")) is found


def test_default_level_leaves_the_scripts_own_input_alone(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "main.go": 'package main\n\nimport "os"\n\nfunc main() {\n\t_, _ = os.ReadFile(os.Args[1])\n}\n'
        },
    )
    assert _messages(tmp_path, "GSL211", Risk.LOW) == []
    assert _messages(tmp_path, "GSL211", Risk.MEDIUM) == []
    assert len(_messages(tmp_path, "GSL211", Risk.HIGH)) == 1


JUDGED = Path(__file__).parent / "data" / "security_judged.tsv"
VERDICTS = {"true", "false", "debatable", "fixed"}


def _judged() -> list[list[str]]:
    lines = [
        line
        for line in JUDGED.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [line.split("\t") for line in lines[1:]]


def test_judged_samples_are_well_formed() -> None:
    rows = _judged()
    assert all(
        len(r) in (5, 6) and r[0] in SECURITY_IDS and r[1] in ("default", "deep")
        for r in rows
    )
    assert {r[4] for r in rows} <= VERDICTS


@pytest.mark.parametrize("rule_id", SECURITY_IDS)
def test_default_precision_by_judgement(rule_id: str) -> None:
    """At least ten judged findings per rule, and >= 90% of the default ones true (debatable left out)."""
    rows = [r for r in _judged() if r[0] == rule_id]
    assert len(rows) >= 10, rule_id
    verdicts = [r[4] for r in rows if r[1] == "default"]
    true, false = verdicts.count("true"), verdicts.count("false")
    assert true and true / (true + false) >= 0.9, (rule_id, true, false)


def test_gsl216_first_looks_pass_every_format() -> None:
    """The cheap searches before GSL216's format patterns let every credential through."""
    from go_script_lint.rules.calls import gsl216_hardcoded_secret as gsl216

    examples = [
        *(prefix + "ABCDEFGH23456789" for prefix in ("AKIA", "ASIA")),
        *(f"gh{c}_" + "a1" * 18 for c in "pousr"),
        "github_pat_" + "a1_" * 14,
        "glpat-" + "a1-_" * 5,
        *(f"xox{c}-1234567890" for c in "abposr"),
        *(f"{c}k_live_" + "a1" * 10 for c in "sr"),
        "AIza" + "a1-_b" * 7,
        "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl",
    ]
    for kind, pattern in gsl216.FORMATS:
        assert any(pattern.search(e) for e in examples), kind  # each format tried
    for example in [*examples, "postgres://user:hunter2@db"]:
        raw = example.encode()
        assert gsl216.QUICK_PIECES.search(raw), example
        assert gsl216.QUICK_FORMAT.search(raw), example
    for example in examples:
        assert gsl216.FORMAT_MARKS.search(example), example
