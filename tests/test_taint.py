"""Value tracking (go_script_lint.analysis.taint / constness / dataflow) and the scan levels of GSL2xx.

The GSL2xx fixture directories run at ``--risk-level high`` (their
``config.yaml``); a ``ruleid`` marker followed by ``(deep)`` is a finding only
the deep scan reports. Here the same fixtures run at medium and low, where
deep-only findings and deep-only rules must disappear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.analysis.constness import is_constant
from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.taint import sources_of
from go_script_lint.base.model import Risk
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import parse, walk
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import (
    _MARK,
    EXAMPLE_EXCLUDES,
    FIXTURES,
    RULE_FIXTURES,
    _target_line,
    compare,
    read_expectations,
)

GSL2 = sorted(p for p in RULE_FIXTURES.glob("GSL2*") if p.is_dir())
_DEEP = re.compile(r"ruleid:\s*(GSL\d{3})\s*\(deep\)")


def _deep_lines(directory: Path) -> set[tuple[str, int, str]]:
    out = set()
    for path in sorted(directory.rglob("*.go")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        rel = path.relative_to(FIXTURES).as_posix()
        for index, line in enumerate(lines):
            deep = _DEEP.search(line)
            mark = _MARK.search(line)
            if deep and mark:
                out.add((rel, _target_line(lines, index, mark), deep.group(1)))
    return out


@pytest.mark.parametrize("level", [Risk.MEDIUM, Risk.LOW], ids=["medium", "low"])
@pytest.mark.parametrize("directory", GSL2, ids=[p.name for p in GSL2])
def test_lower_scan_levels_drop_deep_findings(directory: Path, level: Risk) -> None:
    rule_id = directory.name
    rule = next(r for r in REGISTRY if r.id == rule_id)
    expected = read_expectations(directory, FIXTURES)
    # Deep-scan rules (scan level high) report nothing below it.
    if rule.scan_level.rank > level.rank and rule.scan_level is Risk.HIGH:
        expected.must = set()
    else:
        expected.must -= _deep_lines(directory)
    config = Config(select=(rule_id,), risk_level=level, exclude=EXAMPLE_EXCLUDES)
    run = engine.run(
        [str(directory)], config.enabled_rules(REGISTRY), config, srcroot=FIXTURES
    )
    problems = [
        p for p in compare(run, expected, [rule_id]) if p.startswith("unexpected")
    ]
    missing = [p for p in compare(run, expected, [rule_id]) if p.startswith("missing")]
    assert not problems, "\n".join(problems)
    assert not missing, "\n".join(missing)


def _context(source: str) -> FileContext:
    data = source.encode()
    config = Config()
    package = PackageContext(".", Path("."), config)
    ctx = FileContext("main.go", Path("main.go"), data, parse(data), package, config)
    package.files.append(ctx)
    return ctx


def _argument_of(ctx: FileContext, callee: str) -> object:
    for node in walk(ctx.root):
        if node.type == "call_expression" and ctx.callee(node) == callee:
            return go_ast.call_args(node)[0]
    raise AssertionError(f"no call to {callee}")


PRELUDE = 'package main\n\nimport (\n\t"bufio"\n\t"flag"\n\t"fmt"\n\t"net/http"\n\t"os"\n\t"os/exec"\n\t"runtime"\n)\n\n'


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("func main() { exec.Command(os.Args[1]) }", "args"),
        ('func main() { p := flag.String("p", "", ""); exec.Command(*p) }', "flag"),
        (
            'var p string\nfunc main() { flag.StringVar(&p, "p", "", ""); exec.Command(p) }',
            "flag",
        ),
        ('func main() { v, _ := os.LookupEnv("X"); exec.Command(v) }', "env"),
        (
            "func main() { r := bufio.NewReader(os.Stdin); l, _ := r.ReadString(10); exec.Command(l) }",
            "stdin",
        ),
        ("func main() { var s string; fmt.Scan(&s); exec.Command(s) }", "stdin"),
        (
            'func h(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("c")) }',
            "http",
        ),
        ("func run(name string) { exec.Command(name) }", "param"),
        ('func main() { p := "ls"; p = os.Getenv("P"); exec.Command(p) }', "env"),
        ("func main() { a := []string{os.Args[1]}; exec.Command(a[0]) }", "args"),
    ],
)
def test_sources(body: str, kind: str) -> None:
    ctx = _context(PRELUDE + body + "\nvar _ = runtime.GOOS\n")
    found = sources_of(ctx, _argument_of(ctx, "os/exec.Command"))  # type: ignore[arg-type]
    assert kind in [s.kind for s in found], [s.description for s in found]
    assert all(s.description.startswith("from ") for s in found)


@pytest.mark.parametrize(
    ("body", "constant"),
    [
        ('func main() { exec.Command("git") }', True),
        ('func main() { exec.Command(fmt.Sprintf("%s-%d", "go", 1)) }', True),
        (
            'func main() { s := "sh"; if runtime.GOOS == "windows" { s = "cmd" }; exec.Command(s) }',
            True,
        ),
        (
            'func main() { m := map[string]string{"a": "b"}; exec.Command(m[os.Args[1]]) }',
            True,
        ),
        ('func main() { p, _ := exec.LookPath("git"); exec.Command(p) }', True),
        ('func main() { s := "x"; s = s + "y"; exec.Command(s) }', False),
        ('func main() { s := "sh"; p := &s; *p = os.Args[1]; exec.Command(s) }', False),
        ('func main() { exec.Command(fmt.Sprintf("%s", os.Args[1])) }', False),
        ("func run(n string) { exec.Command(n) }", False),
    ],
)
def test_constness(body: str, constant: bool) -> None:
    ctx = _context(
        PRELUDE
        + body
        + "\nvar _ = runtime.GOOS\nvar _ = flag.Parse\nvar _ = bufio.NewReader\nvar _ http.Request\n"
    )
    assert is_constant(ctx, _argument_of(ctx, "os/exec.Command")) is constant  # type: ignore[arg-type]
