"""From command-line flags and config files to the run's :class:`Config`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.cli.report import fail
from go_script_lint.project.config import Config, ConfigError, build_config, find_config


def split_values(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())


def parse_shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit()) or not 1 <= int(k) <= int(n):
        fail(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def make_config(
    registry: Sequence[Rule],
    targets: Sequence[str],
    *,
    config_file: Path | None,
    no_config: bool,
    flags: dict[str, Any],
) -> Config:
    path = config_file
    if path is None and not no_config:
        path = find_config(Path(targets[0]) if Path(targets[0]).exists() else Path("."))
    if path is not None and not path.is_file():
        fail(f"--config {path}: no such file")
    try:
        return build_config(registry, config_path=path, flags=flags)
    except ConfigError as exc:
        fail(str(exc))
        raise  # unreachable: _fail exits


def print_config(config: Config) -> None:
    for key in (
        "risk_level",
        "fail_on",
        "select",
        "ignore",
        "exclude",
        "include_generated",
        "follow_symlinks",
        "max_file_bytes",
        "file_time_budget",
        "foreign_suppressions",
        "require_reason",
        "rule_levels",
        "rule_options",
        "schema_path",
    ):
        value = getattr(config, key)
        if isinstance(value, Risk):
            value = value.value
        click.echo(
            f"{key.replace('_', '-')}: {value!r}  # {config.sources.get(key, 'default')}"
        )
