"""The CLI's findings and the server's diagnostics in one comparable shape.

Both become ``(path, line, column, end line, end column, rule, level, message)``
tuples, 1-based, paths relative to the workspace root: the CLI's from its
JSON report (suppressed and baseline-known findings left out, as the text
report does), the server's from the published (or in-process) diagnostics.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from click.testing import CliRunner
from lsprotocol import types

from go_script_lint.cli.main import main

Row = tuple[str, int, int, int, int, str, str, str]

LEVELS = {
    types.DiagnosticSeverity.Error: "error",
    types.DiagnosticSeverity.Warning: "warning",
    types.DiagnosticSeverity.Information: "note",
}


def cli_rows(paths: Sequence[Path], root: Path, *args: str) -> list[Row]:
    """What ``go-script-lint PATHS --format json --srcroot ROOT ARGS`` reports."""
    result = CliRunner().invoke(
        main,
        [
            *map(str, paths),
            "--format",
            "json",
            "--no-cache",
            "--srcroot",
            str(root),
            *args,
        ],
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return sorted(
        (
            f["path"],
            f["line"],
            f["column"],
            f["endLine"],
            f["endColumn"],
            f["ruleId"],
            f["level"],
            f["message"],
        )
        for f in report["findings"]
        if not f["suppressed"] and f["baselineState"] in (None, "new")
    )


def diagnostic_rows(
    uri: str, diagnostics: Iterable[types.Diagnostic], root: Path
) -> list[Row]:
    """The published diagnostics of one document."""
    path = Path(unquote(urlparse(uri).path)).relative_to(root.resolve()).as_posix()
    rows = []
    for d in diagnostics:
        assert d.severity is not None
        rows.append(
            (
                path,
                d.range.start.line + 1,
                d.range.start.character + 1,
                d.range.end.line + 1,
                d.range.end.character + 1,
                str(d.code),
                LEVELS[d.severity],
                d.message,
            )
        )
    return sorted(rows)


def rows_of_file(rows: Iterable[Row], path: str) -> list[Row]:
    """The rows of one file."""
    return sorted(r for r in rows if r[0] == path)
