"""Golden outputs: what a user sees, byte for byte, for every fixture directory.

Each fixture directory ``fixtures/rules/GSLNNN/`` (its rule selected, plus the
directory's ``config.yaml``) and the bundled ``examples/`` (default rules) are
run through the command line in every output format; the output must equal
``tests/golden/<case>.<format>``. Paths are relative to the repository root,
and the run is made machine-independent by leaving out SARIF's
``versionControlProvenance`` (it names the checkout's remote and commit).

After a deliberate change of output, regenerate and review the diff:

    python -m pytest tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from go_script_lint.cli import main as cli_main
from go_script_lint.output import FORMATS
from go_script_lint.project.config_file import load_config_file
from go_script_lint.rules import REGISTRY
from tests.harness import EXAMPLE_EXCLUDES, ROOT, RULE_FIXTURES

GOLDEN = ROOT / "tests" / "golden"
CASES = [*sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()), "examples"]


def cli_args(case: str) -> list[str]:
    """The command line of a case (run from the repository root)."""
    if case == "examples":
        return ["examples", "--no-config"]
    directory = RULE_FIXTURES / case
    selected = [case]
    args = [directory.relative_to(ROOT).as_posix()]
    config_file = directory / "config.yaml"
    if config_file.is_file():
        # The directory's config may select rules that must run alongside (GSL003).
        selected += load_config_file(config_file, REGISTRY).get("select", ())
        args += ["--config", config_file.relative_to(ROOT).as_posix()]
    else:
        args += ["--no-config"]
    # The examples are rendered into the docs and tested on their own.
    args += [arg for glob in EXAMPLE_EXCLUDES for arg in ("--exclude", glob)]
    return [*args, "--select", ",".join(selected)]


def render(case: str, output_format: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(cli_main.vcs, "provenance", lambda root: {})
    args = [*cli_args(case), "--format", output_format]
    args += ["--no-cache", "--jobs", "1", "--srcroot", "."]
    result = CliRunner().invoke(cli_main.main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_every_case_has_every_format(request: pytest.FixtureRequest) -> None:
    expected = {f"{case}.{fmt}" for case in CASES for fmt in FORMATS}
    present = {p.name for p in GOLDEN.iterdir()} if GOLDEN.is_dir() else set()
    if request.config.getoption("--update-goldens"):
        for stale in present - expected:
            (GOLDEN / stale).unlink()
        return  # the cases below write the missing ones
    assert present == expected, (
        f"missing {sorted(expected - present)}, stale {sorted(present - expected)}; "
        "run `python -m pytest tests/test_golden.py --update-goldens`"
    )


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_output_matches_golden(
    case: str,
    output_format: str,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    actual = render(case, output_format, monkeypatch)
    golden = GOLDEN / f"{case}.{output_format}"
    if request.config.getoption("--update-goldens"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.is_file(), f"no {golden.name}; run with --update-goldens"
    assert actual == golden.read_bytes().decode("utf-8"), (
        f"{case} {output_format} output changed; if intended, run "
        "`python -m pytest tests/test_golden.py --update-goldens` and review the diff"
    )


def test_goldens_show_every_rule_with_a_formatted_message() -> None:
    """Every implemented rule fires in its golden, and no template is left unfilled."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.text")}
    for rule in REGISTRY:
        if not rule.implemented:
            continue
        assert f" {rule.id} [" in texts[f"{rule.id}.text"], rule.id
    placeholders = {f"{{{name}}}" for r in REGISTRY for name in r.message_fields}
    for name, text in texts.items():
        left = [p for p in placeholders if p in text]
        assert not left, f"{name} shows unfilled placeholders {left}"
