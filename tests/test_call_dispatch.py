"""Call rules that declare ``call_names`` see only the calls of those names.

The filter is a speed-up and must never cost a finding: the fixtures give the
same findings with every declaration dropped (every rule offered every call).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.analysis.context import FileContext
from go_script_lint.base.model import Finding, Level, Risk, RunResult
from go_script_lint.base.rule import Rule, last_identifiers, validate_registry
from go_script_lint.golang.go_ast import called_name
from go_script_lint.golang.parsing import Node, nodes_of_types, parse
from go_script_lint.golang.source_scan import word_pattern
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import RULE_FIXTURES

CALLS = """package main

import (
\t"os"
\t"os/exec"
\tx "os/exec"
\t. "os/exec"
)

func main() {
\texec.Command("a")
\tx.Command("b")
\tCommand("c")
\t(exec.Command)("d")
\trun := exec.Command
\trun("e")
\tos.Exit(1)
\tfuncs[0]()
}
"""


def _calls_of(source: str) -> list[Node]:
    root = parse(source.encode()).root_node
    return sorted(
        nodes_of_types(root, ("call_expression",)), key=lambda n: n.start_byte
    )


def test_called_name_is_the_last_identifier_of_the_function() -> None:
    names = [called_name(c) for c in _calls_of(CALLS)]
    assert names == [
        b"Command",
        b"Command",
        b"Command",
        b"Command",
        b"run",
        b"Exit",
        None,
    ]


def test_last_identifiers_of_qualified_names() -> None:
    assert last_identifiers(["os/exec.Command", "File.Chmod"], {"Exit"}) == {
        "Command",
        "Chmod",
        "Exit",
    }


def _recording_rule(rule_id: str, seen: list[str], names: frozenset[str]) -> Rule:
    def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
        seen.append(ctx.text(node))
        return iter(())

    return Rule(
        id=rule_id,
        name=f"records-{rule_id.lower()}",
        summary="s",
        description="d",
        message="m",
        level=Level.NOTE,
        risk=Risk.LOW,
        node_types=("call_expression",),
        check=check,
        call_names=names,
    )


def test_a_named_rule_is_offered_the_calls_of_its_names_only(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(CALLS)
    named: list[str] = []
    every: list[str] = []
    rules = [
        _recording_rule("GSL290", named, frozenset({"Command"})),
        _recording_rule("GSL291", every, frozenset()),
    ]
    engine.run([str(tmp_path)], rules, Config(), srcroot=tmp_path, jobs=1)
    # Aliases, dot imports and parentheses keep the name; a function value does not.
    assert named == [
        'exec.Command("a")',
        'x.Command("b")',
        'Command("c")',
        '(exec.Command)("d")',
    ]
    assert len(every) == 7


def test_call_names_need_call_expression_and_identifiers() -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL203")
    with pytest.raises(ValueError, match="call_names without call_expression"):
        validate_registry(
            [dataclasses.replace(rule, node_types=("selector_expression",))]
        )
    with pytest.raises(ValueError, match="call_names must be identifiers"):
        validate_registry(
            [dataclasses.replace(rule, call_names=frozenset({"os.Remove"}))]
        )


def _fixture_run(rules: list[Rule], config: Config) -> RunResult:
    return engine.run(
        [str(RULE_FIXTURES)],
        rules,
        config,
        srcroot=RULE_FIXTURES,
        jobs=1,
        catalog=REGISTRY,
    )


def _shown(run: RunResult) -> list[tuple[str, str, int, int, str]]:
    return [
        (
            f.rule_id,
            f.location.path,
            f.location.region.start_line,
            f.location.region.start_column,
            f.message,
        )
        for f in run.findings
    ]


@pytest.mark.parametrize("risk_level", [Risk.MEDIUM, Risk.HIGH])
def test_fixtures_find_the_same_with_every_call_offered(risk_level: Risk) -> None:
    named = [r for r in REGISTRY if r.call_names]
    assert len(named) >= 10  # the exec, file, exit, env and HTTP call rules
    config = Config(risk_level=risk_level, select=tuple(r.id for r in named))
    rules = list(config.enabled_rules(REGISTRY))
    filtered = _fixture_run(rules, config)
    unfiltered = _fixture_run(
        [dataclasses.replace(r, call_names=frozenset()) for r in rules], config
    )
    assert filtered.findings  # the fixtures exercise these rules
    assert _shown(filtered) == _shown(unfiltered)


@pytest.mark.parametrize(
    ("source", "spans"),
    [
        (b"run(x); x.run(y); rerun(z); run (w)", [(0, 4), (28, 33)]),
        (b"run", []),
        (b"(run(", [(1, 5)]),
    ],
)
def test_word_pattern_matches_as_a_leading_lookbehind_would(
    source: bytes, spans: list[tuple[int, int]]
) -> None:
    fast = word_pattern("run", rb"[\w.]", rb"\s*\(")
    slow = re.compile(rb"(?<![\w.])run\s*\(")
    assert [m.span() for m in fast.finditer(source)] == spans
    assert [m.span() for m in slow.finditer(source)] == spans


def test_insecure_random_names_every_callable_member_of_the_index() -> None:
    # GSL215 declares math/rand's members by name; a regenerated signature
    # index (a newer Go) with a new function must not slip past the filter.
    from go_script_lint.analysis.signatures import stdlib
    from go_script_lint.rules.calls.gsl215_insecure_random import RAND_MEMBERS

    for path in ("math/rand", "math/rand/v2"):
        decls = stdlib().package(path)
        assert decls is not None, path
        exported = {n for n in (*decls.funcs, *decls.types) if n[:1].isupper()}
        assert exported <= RAND_MEMBERS, (path, sorted(exported - RAND_MEMBERS))
