"""Message templates: every finding passes exactly its rule's placeholders.

Two checks that do not depend on a fixture happening to reach a call:

* statically, every call in a rule module that builds a finding of ``RULE``
  (any :class:`FileContext` / :class:`PackageContext` method taking
  ``**message_args``) passes as keywords exactly the template's placeholders;
* at run time :meth:`Rule.format_message` raises on a missing or unused
  argument, so a fixture run that reaches a wrong call fails (the goldens run
  every fixture directory with every rule; see tests/test_golden.py).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from go_script_lint import api, engine
from go_script_lint.base.rule import MessageError, Rule, validate_registry
from go_script_lint.cli.rule_examples import load_examples
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import ROOT, RULE_FIXTURES


def finding_builders() -> dict[str, frozenset[str]]:
    """Context method name → its keyword parameters that are not message arguments."""
    builders: dict[str, frozenset[str]] = {}
    for context in (api.FileContext, api.PackageContext):
        for name, method in inspect.getmembers(context, inspect.isfunction):
            params = inspect.signature(method).parameters.values()
            if any(p.kind is p.VAR_KEYWORD for p in params):
                builders[name] = frozenset(
                    p.name for p in params if p.kind is not p.VAR_KEYWORD
                )
    return builders


BUILDERS = finding_builders()


def rule_module_of(rule: Rule) -> Path:
    return next((ROOT / "rules").glob(f"*/{rule.id.lower()}_*.py"))


def finding_calls(source: str) -> Iterator[tuple[int, set[str] | None]]:
    """``(line, message keywords)`` of each call building a ``RULE`` finding
    (``None`` when it passes ``**`` arguments, which cannot be checked)."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        fixed = BUILDERS.get(node.func.attr)
        passes_rule = any(isinstance(a, ast.Name) and a.id == "RULE" for a in node.args)
        if fixed is None or not passes_rule:
            continue
        if any(k.arg is None for k in node.keywords):
            yield node.lineno, None
        else:
            yield node.lineno, {k.arg for k in node.keywords if k.arg} - fixed


def call_site_problems(source: str, rule: Rule) -> Iterator[str]:
    """Calls building a ``RULE`` finding whose keywords differ from the template."""
    want = rule.message_fields
    for line, given in finding_calls(source):
        if given is None:
            yield f"line {line}: `**` arguments cannot be checked; name them"
        elif given != want:
            missing, unused = sorted(want - given), sorted(given - want)
            yield f"line {line}: missing {missing}, unused {unused}"


def test_finding_builders_are_found() -> None:
    # The API's finding constructors; if they are renamed this test still
    # finds them (any method taking **message_args).
    assert BUILDERS, "no FileContext/PackageContext method takes **message_args"


# Engine rules' (GSL001-GSL003) findings are built by the engine; their
# fixtures and goldens run those calls through the strict format.
CHECKED = [r for r in REGISTRY if r.implemented and not r.engine_rule]


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.id)
def test_every_call_site_passes_exactly_the_placeholders(rule: Rule) -> None:
    source = rule_module_of(rule).read_text(encoding="utf-8")
    assert list(finding_calls(source)), f"{rule.id}: its module builds no finding"
    problems = list(call_site_problems(source, rule))
    assert not problems, f"{rule.id} {rule.message!r}:\n" + "\n".join(problems)


def test_a_misspelt_placeholder_fails_statically_and_at_run_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shell = next(r for r in REGISTRY if r.id == "GSL201")
    typo = dataclasses.replace(shell, message=shell.message.replace("callee", "calee"))
    source = rule_module_of(shell).read_text(encoding="utf-8")
    assert list(call_site_problems(source, typo))
    with pytest.raises(MessageError, match=r"missing: calee; unused: callee"):
        typo.format_message(callee="exec.Command", shell="sh -c", what="x")
    # The engine runs the rule on its bad example: the wrong template raises
    # (tests set GSL_RAISE_INTERNAL; users would get an internal-error exit 2).
    assert shell.check is not None
    monkeypatch.setattr(sys.modules[shell.check.__module__], "RULE", typo)
    bad = load_examples(RULE_FIXTURES, shell.id).bad_dir
    config = Config(select=("GSL201",))
    with pytest.raises(MessageError):
        engine.run([str(bad)], [typo], config, srcroot=bad)


def test_format_message_rejects_missing_and_unused_arguments() -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL401")
    assert rule.format_message(detail="missing key `name`") == "Missing key `name`"
    with pytest.raises(MessageError, match="missing: detail"):
        rule.format_message()
    with pytest.raises(MessageError, match="unused: extra"):
        rule.format_message(detail="x", extra="y")


@pytest.mark.parametrize(
    "template", ["{}", "{0}", "{a.b}", "{a[0]}", "{a!r}", "{a", "}"]
)
def test_registry_rejects_templates_that_are_not_plain_names(template: str) -> None:
    rule = next(r for r in REGISTRY if r.id == "GSL401")
    with pytest.raises(ValueError, match="message template"):
        validate_registry([dataclasses.replace(rule, message=template)])
