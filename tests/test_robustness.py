"""Property tests: whatever the input, the run ends with a complete, valid report.

Invariants (issue 9): no exception escapes the engine or the CLI (conftest sets
``GSL_RAISE_INTERNAL=1``, so a crashing rule fails here instead of becoming a
notification), the exit code is 0, 1 or 2, the SARIF validates against the
2.1.0 schema, every region lies inside its file, and the output depends on
neither ``--jobs`` nor the order files were created or named in.

The normal run tries a bounded number of examples; set
``GSL_HYPOTHESIS_PROFILE=long`` for a longer search.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from go_script_lint import engine
from go_script_lint.base.model import LineIndex, Location, Risk, RunResult, utf16_length
from go_script_lint.cli.main import main
from go_script_lint.golang.parsing import error_regions
from go_script_lint.golang.recovery import (
    GENERIC_METHOD,
    NEW_EXPRESSION,
    SHADOWED_BUILTIN,
    parse_go,
)
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

settings.register_profile(
    "gsl-default",
    max_examples=int(os.environ.get("GSL_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "gsl-long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(
    "gsl-long" if os.environ.get("GSL_HYPOTHESIS_PROFILE") == "long" else "gsl-default"
)

CONFIG = Config(risk_level=Risk.HIGH)
RULES = CONFIG.enabled_rules(REGISTRY)
FIXTURE_FILES = sorted(
    p
    for p in FIXTURES.rglob("*")
    if p.is_file() and p.suffix in (".go", ".mod", ".yaml", ".yml", ".json")
)
GO_TOKENS = (
    "package main\n",
    "import",
    '"os"',
    '"os/exec"',
    "func",
    "main",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\n",
    ";",
    ",",
    ".",
    ":=",
    "=",
    "+",
    "os",
    "exec",
    "Command",
    "RemoveAll",
    "Args",
    "defer",
    "go",
    "return",
    "if",
    "for",
    "range",
    "type",
    "struct",
    "interface",
    "new",
    "make",
    "var",
    "const",
    '"sh"',
    '"-c"',
    "x",
    "err",
    "nil",
    "_",
    '`json:"a"`',
    "//go:requires go 1.21\n",
    "//go:script\n",
    "// ruleid: GSL201\n",
    "/*",
    "*/",
    "0o777",
    "1.5",
    "'a'",
    "...",
    "<-",
    "chan",
    "map",
    "switch",
    "case",
    "default:",
    "select",
    "*",
    "&",
)


# -- invariants -----------------------------------------------------------------


def analyse(root: Path, paths: list[str] | None = None, jobs: int = 1) -> RunResult:
    run = engine.run(paths or [str(root)], RULES, CONFIG, srcroot=root, jobs=jobs)
    check_run(run, root)
    return run


def check_run(run: RunResult, root: Path) -> None:
    internal = [n for n in run.notifications if n.descriptor == "internal-error"]
    assert not internal, internal
    for finding in run.findings:
        for location in (finding.location, *finding.related):
            check_inside(location, root)


def check_inside(location: Location, root: Path) -> None:
    """A region starts and ends on a line of its file, within that line's text."""
    path = root / location.path
    if not path.is_file():
        return  # directories named x.go, dangling links: reported at 1:1
    lines = LineIndex(path.read_bytes())
    r = location.region
    last = max(1, lines.line_count)
    for line, column in ((r.start_line, r.start_column), (r.end_line, r.end_column)):
        assert line >= 1 and column >= 1, location
        if line == last + 1:  # just past a final newline
            assert column == 1, location
            continue
        assert line <= last, location
        width = utf16_length(lines.line_bytes(line - 1)) if lines.line_count else 0
        assert column <= width + 1, location
    assert (r.start_line, r.start_column) <= (r.end_line, r.end_column), location


@cache
def sarif_validator() -> Any:
    try:
        import go_script_lint.output.sarif  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the output helper
        pytest.skip(f"go_script_lint.output is not importable yet: {exc}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def check_sarif(text: str) -> None:
    errors = sorted(sarif_validator().iter_errors(json.loads(text)), key=str)
    assert not errors, "\n".join(str(e.message) for e in errors[:5])


def cli(root: Path, *args: str) -> tuple[int, str]:
    """The real CLI, in-process, from ``root``; (exit code, stdout)."""
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = runner.invoke(
            main, [*args, "--no-cache", "--no-config", "--risk-level", "high"]
        )
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code, result.stdout


@contextmanager
def scratch() -> Iterator[Path]:
    # hypothesis reruns the test body; a function-scoped tmp_path would be shared.
    with tempfile.TemporaryDirectory(prefix="gsl-prop-") as name:
        yield Path(name)


# -- random input ---------------------------------------------------------------


@PROFILE
@given(data=st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    with scratch() as root:
        (root / "main.go").write_bytes(data)
        analyse(root)


@PROFILE
@given(tokens=st.lists(st.sampled_from(GO_TOKENS), max_size=300))
def test_random_go_token_soup(tokens: list[str]) -> None:
    with scratch() as root:
        (root / "main.go").write_text(" ".join(tokens), encoding="utf-8")
        analyse(root)


def _mutate(data: bytes, draw: Any) -> bytes:
    """Truncate, delete, duplicate, insert or flip bytes at random places."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        kind = draw(
            st.sampled_from(["truncate", "delete", "duplicate", "insert", "flip"])
        )
        if kind == "truncate":
            data = data[:at]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
        elif kind == "duplicate":
            data = data[:at] + data[at : at + draw(st.integers(1, 256))] + data[at:]
        elif kind == "insert":
            blob = draw(
                st.one_of(
                    st.binary(max_size=16), st.sampled_from(GO_TOKENS).map(str.encode)
                )
            )
            data = data[:at] + blob + data[at:]
        elif size:
            at = min(at, size - 1)
            data = (
                data[:at]
                + bytes([data[at] ^ draw(st.integers(1, 255))])
                + data[at + 1 :]
            )
    return data


@PROFILE
@given(fixture=st.sampled_from(FIXTURE_FILES), data=st.data())
def test_mutated_fixtures(fixture: Path, data: st.DataObject) -> None:
    with scratch() as root:
        copy = root / "case"
        shutil.copytree(fixture.parent, copy, symlinks=True)
        target = copy / fixture.name
        target.write_bytes(_mutate(target.read_bytes(), data.draw))
        analyse(root)


_GOMOD_LINES = st.sampled_from(
    [
        "module example.com/m",
        "module",
        "go 1.21",
        "go 1.27.3",
        "go",
        "go banana",
        "toolchain go1.22.0",
        "require (",
        ")",
        "require github.com/spf13/cobra v1.8.0",
        "\tgolang.org/x/sys v0.0.0-20240101000000-abcdefabcdef // indirect",
        "replace a => b v1.0.0",
        "exclude x v1",
        "retract [v1.0.0, v1.1.0]",
        "// comment",
        "require example.com/x v1.2.3+incompatible",
        '"quoted" v1',
        "",
    ]
)


@PROFILE
@given(
    lines=st.lists(st.one_of(_GOMOD_LINES, st.text(max_size=40)), max_size=20),
    script=st.sampled_from(
        [
            "//go:script\n//go:requires go 1.21\n//go:requires github.com/spf13/cobra v1.8.0\n",
            "//go:requires go 1.30\n",
            "",
        ]
    ),
)
def test_random_gomod(lines: list[str], script: str) -> None:
    with scratch() as root:
        (root / "go.mod").write_text(
            "\n".join(lines), encoding="utf-8", errors="replace"
        )
        (root / "main.go").write_text(
            script
            + 'package main\n\nimport "github.com/spf13/cobra"\n\nvar _ = cobra.Command{}\n\n'
            "func main() {}\n",
            encoding="utf-8",
        )
        analyse(root)
        _, out = cli(root, ".", "--format", "sarif", "--jobs", "1")
        check_sarif(out)


_YAML_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=12),
        st.sampled_from(["main.go", "string", "integer", "1.2.0", "read"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "version",
                    "entrypoint",
                    "openapi",
                    "parameters",
                    "type",
                    "required",
                    "enum",
                    "sandbox",
                    "gomaxprocs",
                    "syscalls",
                    "network",
                    "exec",
                    "extra",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


@PROFILE
@given(
    manifest=st.one_of(
        _YAML_VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
        st.text(max_size=300),
        st.builds(
            lambda extra: "name: x\nversion: 1.0.0\nentrypoint: main.go\n" + extra,
            st.text(max_size=100),
        ),
    )
)
def test_random_manifest(manifest: str) -> None:
    with scratch() as root:
        (root / "go-script.yaml").write_text(
            manifest, encoding="utf-8", errors="replace"
        )
        (root / "main.go").write_text(
            "package main\n\n// go-script:parameters\ntype Params struct {\n"
            '\tRegion string `json:"region"`\n}\n\nfunc main() {}\n',
            encoding="utf-8",
        )
        analyse(root)
        _, out = cli(root, ".", "--format", "sarif", "--jobs", "1")
        check_sarif(out)


# -- determinism ----------------------------------------------------------------


def test_fixtures_sarif_validates_and_does_not_depend_on_jobs(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "fixtures", symlinks=True)
    outputs = set()
    for jobs in ("1", "2", "1", "2"):
        code, out = cli(tmp_path, "fixtures", "--format", "sarif", "--jobs", jobs)
        assert code in (1, 2)
        outputs.add(out)
    assert len(outputs) == 1
    check_sarif(outputs.pop())


@PROFILE
@given(
    subset=st.lists(
        st.sampled_from(FIXTURE_FILES), unique=True, min_size=2, max_size=8
    ),
    data=st.data(),
)
def test_output_does_not_depend_on_file_order(
    subset: list[Path], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(subset))
    reports = []
    for files in (subset, shuffled):
        with scratch() as root:
            # Creation order decides directory listing order on most filesystems.
            for path in files:
                target = root / path.relative_to(FIXTURES)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            named = dict.fromkeys(
                str(root / p.parent.relative_to(FIXTURES)) for p in files
            )
            run = engine.run(list(named), RULES, CONFIG, srcroot=root)
            check_run(run, root)
            reports.append(run)
    first, second = reports
    assert first.findings == second.findings
    assert first.notifications == second.notifications
    assert first.files == second.files


# -- Go newer than the grammar --------------------------------------------------

NEWER_GO = b"""package main

import (
\t"os"
\t"os/exec"
)

type Rand struct{}

type intType interface{ ~int | ~int64 }

func (r *Rand) N[Int intType](n Int) Int {
\t_ = exec.Command("sh", "-c", os.Args[1])
\treturn n
}

func main() {
\tp := new(int64(300))
\tq := new([]int)
\ts := new(exec.Command("bash", "-c", os.Args[1]))
\tmake := func(a, b int) int { return a + b }
\t_ = make(1, 2)
\tnew := func(s string) *string { return &s }
\t_ = new("x")
\t_, _, _ = p, q, s
}
"""


def test_recovery_keeps_offsets_and_finds_each_construct() -> None:
    source = NEWER_GO
    parsed = parse_go(source)
    assert error_regions(parsed.tree.root_node) == []
    assert parsed.tree.root_node.end_byte == len(source)
    found = [
        (r.kind, source[r.start_byte : r.end_byte].decode()) for r in parsed.recovered
    ]
    assert found == [
        (GENERIC_METHOD, "N[Int intType]"),
        (NEW_EXPRESSION, "new(int64(300))"),
        (NEW_EXPRESSION, 'new(exec.Command("bash", "-c", os.Args[1]))'),
        (SHADOWED_BUILTIN, "make(1, 2)"),
        (SHADOWED_BUILTIN, 'new("x")'),  # the local `new` declared above it
    ]
    assert [r.go_version for r in parsed.recovered] == [
        "1.27",
        "1.26",
        "1.26",
        None,
        None,
    ]


def test_recovered_code_is_analysed_and_not_a_parse_error(tmp_path: Path) -> None:
    source = NEWER_GO
    (tmp_path / "main.go").write_bytes(source)
    run = analyse(tmp_path)
    lines = {(f.rule_id, f.location.region.start_line) for f in run.findings}
    assert not [f for f in run.findings if f.rule_id == "GSL001"]
    assert ("GSL201", 13) in lines  # inside the generic method
    assert ("GSL201", 20) in lines  # inside new(expr)


def test_recovery_leaves_real_syntax_errors_alone() -> None:
    source = b"package main\n\nfunc main() {\n\tx := new([]int)\n\ty := new(int64(3)\n\t_ = x\n}\n"
    parsed = parse_go(source)
    assert parsed.recovered == ()
    assert error_regions(parsed.tree.root_node)


def test_recovery_ignores_comments_and_strings() -> None:
    source = b'package main\n\n// new(3) make(1, 2)\nvar s = "new(3)"\n\nfunc main() { x := }\n'
    parsed = parse_go(source)
    assert parsed.recovered == ()


@PROFILE
@given(data=st.data())
def test_recovery_never_changes_a_clean_parse(data: st.DataObject) -> None:
    fixture = data.draw(
        st.sampled_from([p for p in FIXTURE_FILES if p.suffix == ".go"])
    )
    source = _mutate(fixture.read_bytes(), data.draw)
    parsed = parse_go(source)
    assert parsed.tree.root_node.end_byte <= len(source)
    for r in parsed.recovered:
        assert 0 <= r.start_byte < r.end_byte <= len(source)


# -- internal errors are contained ------------------------------------------------


def _crashing_check(node: Any, ctx: Any) -> Iterator[Any]:
    raise RuntimeError("boom")


def test_crashing_rule_is_a_notification_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from go_script_lint.cli.report import exit_code

    monkeypatch.delenv("GSL_RAISE_INTERNAL")
    broken = replace(
        next(r for r in REGISTRY if r.id == "GSL204"),
        node_types=("call_expression",),
        check=_crashing_check,
        call_names=frozenset(),  # offered every call
    )
    rules = [broken if r.id == "GSL204" else r for r in RULES]
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.go").write_text(
            'package main\n\nimport "os"\n\nfunc main() { os.RemoveAll(os.Args[1]) }\n'
        )
    for jobs in (1, 2):
        run = engine.run([str(tmp_path)], rules, CONFIG, srcroot=tmp_path, jobs=jobs)
        crashes = [n for n in run.notifications if n.descriptor == "internal-error"]
        assert {(n.rule_id, n.path) for n in crashes} == {
            ("GSL204", "a/main.go"),
            ("GSL204", "b/main.go"),
        }
        assert all("GSL204" in n.message and "boom" in n.message for n in crashes)
        assert {f.location.path for f in run.findings if f.rule_id == "GSL203"} == {
            "a/main.go",
            "b/main.go",
        }
        assert exit_code(run, "note") == 2
