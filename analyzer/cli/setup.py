"""From command-line flags and config files to the run's :class:`Config`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import yaml

from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.cli.report import fail
from go_script_lint.project.config import Config, config_link_problem, find_config
from go_script_lint.project.config_file import ConfigError, build_config


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
    try:
        if path is None and not no_config:
            start = Path(targets[0]) if Path(targets[0]).exists() else Path(".")
            path = find_config(start)
            problem = config_link_problem(path) if path is not None else None
            if problem is not None:
                fail(problem)
        if path is not None and not path.is_file():
            fail(f"--config {path}: no such file")
        return build_config(registry, config_path=path, flags=flags)
    except ConfigError as exc:
        fail(str(exc))
        raise  # unreachable: _fail exits


#: Config attributes in the order ``--show-config`` prints them, as file keys.
_SHOWN_KEYS = (
    "risk_level",
    "fail_on",
    "select",
    "extend_select",
    "ignore",
    "exclude",
    "include_generated",
    "follow_symlinks",
    "respect_gitignore",
    "max_file_bytes",
    "file_time_budget",
    "foreign_suppressions",
    "require_reason",
    "per_path_ignores",
)


def _file_value(value: Any) -> Any:
    if isinstance(value, Risk):
        return value.value
    if isinstance(value, tuple):
        return [_file_value(v) for v in value]
    return value


def config_yaml(config: Config) -> str:
    """The effective configuration as a ``.go-script-lint.yaml`` that ``--config`` accepts.

    Each key's line ends with a comment saying where its value came from.
    """
    lines = ["# go-script-lint effective configuration (--show-config)"]
    entries: list[tuple[str, Any, str]] = []
    for attr in _SHOWN_KEYS:
        value = _file_value(getattr(config, attr))
        if attr == "per_path_ignores":
            value = {pattern: list(ids) for pattern, ids in value}
        entries.append((attr, value, config.sources.get(attr, "default")))
    rules: dict[str, dict[str, Any]] = {}
    for rule_id, level in config.rule_levels.items():
        rules.setdefault(rule_id, {})["level"] = level
    for rule_id, options in config.rule_options.items():
        rules.setdefault(rule_id, {})["options"] = dict(options)
    origin = config.sources.get("rule_levels") or config.sources.get("rule_options")
    # `tests:` (which files are tests; `ignore` only when set: else each rule decides)
    tests: dict[str, Any] = {"paths": list(config.test_paths)}
    if config.test_ignore is not None:
        tests["ignore"] = list(config.test_ignore)
    tests_origin = config.sources.get("test_paths") or config.sources.get("test_ignore")
    entries.append(("tests", tests, tests_origin or "default"))
    entries.append(("rules", dict(sorted(rules.items())), origin or "default"))
    for attr, value, source in entries:
        key = attr.replace("_", "-")
        if isinstance(value, dict) and value:
            block = yaml.safe_dump({key: value}, sort_keys=False, width=1000)
            first, _, rest = block.partition("\n")
            lines.append(f"{first}  # {source}")
            lines.extend(line for line in rest.split("\n") if line)
            continue
        flow = yaml.safe_dump(value, default_flow_style=True, width=1000)
        flow = flow.removesuffix("\n").removesuffix("\n...")
        lines.append(f"{key}: {flow}  # {source}")
    if config.schema_path is not None:
        lines.append(f"# --schema-path {config.schema_path} (command line only)")
    return "\n".join(lines) + "\n"


def print_config(config: Config) -> None:
    """Print :func:`config_yaml`."""
    click.echo(config_yaml(config), nl=False)
