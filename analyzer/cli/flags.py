"""The ``check`` command's options (the default command of ``go-script-lint``).

Kept apart from the command's body so the list reads as the manual does;
:func:`check_options` applies them all, in the order ``--help`` shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from go_script_lint.cli.terminal import COLOR_CHOICES

#: ``--format`` names, in the order ``--help`` lists them.
FORMAT_NAMES = ("text", "concise", "json", "sarif", "github", "gitlab", "junit")

_OPTIONS = [
    click.option(
        "--format",
        "output_format",
        type=click.Choice(list(FORMAT_NAMES)),
        default="text",
        show_default=True,
        help="Output format (concise: one line per finding; github: workflow annotations; "
        "gitlab: Code Quality JSON; junit: JUnit XML). With --list-rules: text or json.",
    ),
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report to FILE.",
    ),
    click.option(
        "--risk-level",
        type=click.Choice(["low", "medium", "high"]),
        default=None,
        help="Scan depth: low = high-confidence rules only, high adds the deep scan.  [default: medium]",
    ),
    click.option(
        "--select",
        multiple=True,
        help="Only these rule ids or prefixes (GSL2, GSL301); repeatable or comma-separated.",
    ),
    click.option(
        "--extend-select",
        multiple=True,
        help="Also run these rule ids or prefixes, on top of the selected or default rules.",
    ),
    click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes."),
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "note", "never"]),
        default=None,
        help="Lowest level that makes the exit code 1.  [default: note]",
    ),
    click.option(
        "--schema-path",
        type=click.Path(path_type=Path),
        help="JSON Schema describing the script's parameters.",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path),
        help="Config file (default: nearest .go-script-lint.yaml).",
    ),
    click.option(
        "--no-config", is_flag=True, help="Ignore .go-script-lint.yaml files."
    ),
    click.option("--exclude", multiple=True, help="Glob of paths to skip; repeatable."),
    click.option(
        "--respect-gitignore/--no-respect-gitignore",
        default=None,
        help="Skip what .gitignore and .git/info/exclude ignore.  [default: respect]",
    ),
    click.option(
        "--include-generated",
        is_flag=True,
        default=None,
        help="Also analyse files marked `// Code generated ... DO NOT EDIT.`",
    ),
    click.option(
        "--follow-symlinks",
        is_flag=True,
        default=None,
        help="Follow symbolic links that point outside the scanned paths.",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (0 = one per CPU).  [default: CPUs]",
    ),
    click.option(
        "--srcroot",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Root that reported paths are relative to.  [default: .]",
    ),
    click.option(
        "--category",
        default=None,
        help="SARIF automationDetails.id, for several uploads per commit.",
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Result cache directory.  [default: ~/.cache/go-script-lint]",
    ),
    click.option(
        "--no-cache", is_flag=True, help="Neither read nor write the result cache."
    ),
    click.option(
        "--shard",
        default=None,
        metavar="K/N",
        help="Analyse only the K-th of N deterministic slices of the directories (CI matrix).",
    ),
    click.option(
        "--baseline",
        "baseline_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Report only findings not in this baseline file.",
    ),
    click.option(
        "--include-absent",
        is_flag=True,
        help="With --baseline: keep baseline entries no longer found "
        "(baselineState absent) in the report; code scanning would show them as open.",
    ),
    click.option(
        "--write-baseline",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Record the current findings as the baseline and exit 0.",
    ),
    click.option(
        "--fix",
        is_flag=True,
        help="Apply the certain rewrites (the SARIF `fixes`) in place, then report what remains.",
    ),
    click.option(
        "--diff",
        "show_diff",
        is_flag=True,
        help="Print the rewrites --fix would apply as a unified diff, change nothing; "
        "exit 1 when there is something to change.",
    ),
    click.option(
        "--omit-suppressed",
        is_flag=True,
        help="Leave suppressed findings out of the report (for GitHub uploads).",
    ),
    click.option(
        "--init-manifest",
        is_flag=True,
        help="Write go-script.yaml for each script from its code instead of linting "
        "(an existing one is never overwritten: the differences are printed).",
    ),
    click.option("--list-rules", is_flag=True, help="List the rule catalog and exit."),
    click.option(
        "--explain",
        "explain_id",
        metavar="RULE",
        help="Show a rule's documentation and exit.",
    ),
    click.option(
        "--show-config",
        is_flag=True,
        help="Print the effective configuration as YAML that --config accepts, "
        "each value's source in a comment.",
    ),
    click.option(
        "--statistics",
        is_flag=True,
        help="Print the number of findings per rule, most frequent first, "
        "instead of the findings.",
    ),
    click.option(
        "--stdin-filename",
        metavar="PATH",
        help="With `-` as the path: the name of the Go file read from standard input.",
    ),
    click.option(
        "--color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Colour text output; auto = on a terminal, honouring NO_COLOR and FORCE_COLOR.",
    ),
    click.option(
        "--no-color", is_flag=True, hidden=True, help="Same as --color never."
    ),
    click.option(
        "--progress",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Progress on standard error for runs over 2 s; auto = when it is a "
        "terminal and CI is not set.",
    ),
]


def check_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Apply every option of ``check`` to ``command``."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command
