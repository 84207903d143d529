"""The server's diagnostics equal the CLI's findings on every rule fixture directory.

In process for speed: the server's lint of each directory of
``fixtures/rules/GSLNNN`` (the same code the protocol handlers call), turned
into LSP diagnostics, against ``go-script-lint fixtures/rules/GSLNNN --format
json`` with the same rule selection and config file. ``test_lsp_protocol``
repeats this for a few fixtures over the real protocol.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from go_script_lint.lsp.diagnostics import to_diagnostic, uri_of
from go_script_lint.lsp.linting import WorkspaceLinter
from go_script_lint.lsp.settings import Settings
from go_script_lint.project.config_file import load_config_file
from go_script_lint.rules import REGISTRY
from tests.harness import FIXTURES, RULE_FIXTURES
from tests.lsp_compare import Row, cli_rows, diagnostic_rows

CASES = sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())


def fixture_selection(directory: Path) -> tuple[tuple[str, ...], Path | None]:
    """The fixture's rule plus its config's ``select``, and the config file."""
    config = directory / "config.yaml"
    if not config.is_file():
        return (directory.name,), None
    extra = load_config_file(config, REGISTRY).get("select", ())
    return (directory.name, *extra), config


def server_rows(linter: WorkspaceLinter, top: Path) -> list[Row]:
    """Diagnostics of every file under ``top``, linting each directory in turn."""
    rows: list[Row] = []
    directories = sorted({p.parent for p in top.rglob("*") if p.is_file()})
    for directory in directories:
        result = linter.lint(directory)
        for path, findings in result.findings.items():
            diagnostics = [to_diagnostic(f, result.root) for f in findings]
            rows.extend(diagnostic_rows(uri_of(path), diagnostics, FIXTURES))
    return sorted(rows)


@pytest.mark.parametrize("directory", CASES, ids=[c.name for c in CASES])
def test_server_diagnostics_equal_cli_findings(directory: Path) -> None:
    select, config = fixture_selection(directory)
    config_args = ["--config", str(config)] if config else ["--no-config"]
    expected = cli_rows(
        [directory], FIXTURES, "--select", ",".join(select), *config_args
    )
    settings = Settings(select=select, config_path=config, no_config=config is None)
    linter = WorkspaceLinter(REGISTRY, settings, [FIXTURES.resolve()])
    assert expected, f"{directory.name}: the CLI reports nothing to compare"
    assert server_rows(linter, directory) == expected
