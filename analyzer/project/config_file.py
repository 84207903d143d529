"""The `.go-script-lint.yaml` file: read it, check every key, merge it into a :class:`Config`.

Errors are :class:`ConfigError` with a one-line message naming the file, the
line and the key (the CLI prints it and exits 2).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from go_script_lint.base import yamlpos
from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.base.safe_io import Kind, read_regular
from go_script_lint.base.yamlpos import YNode
from go_script_lint.project.config import FAIL_ON, Config

_TOP_KEYS = {
    "risk-level": "low, medium or high",
    "fail-on": "error, warning, note or never",
    "select": "a list of rule ids or prefixes",
    "extend-select": "a list of rule ids or prefixes",
    "ignore": "a list of rule ids or prefixes",
    "exclude": "a list of glob patterns",
    "include-generated": "true or false",
    "follow-symlinks": "true or false",
    "respect-gitignore": "true or false",
    "max-file-bytes": "a positive integer",
    "foreign-suppressions": "true or false",
    "require-reason": "true or false",
    "file-time-budget": "a number of seconds (0 = no limit)",
    "rules": "a mapping of rule id to {level, options}",
    "per-path-ignores": "a mapping of path glob to a list of rule ids or prefixes",
    "tests": "a mapping with `paths` (globs of test files) and `ignore` (rule ids or prefixes)",
}


class ConfigError(Exception):
    """A configuration problem the user must fix (exit code 2, no traceback)."""


def _as_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: `{key}` must be {_TOP_KEYS[key]}")


def _where(path: Path, node: YNode | None) -> str:
    """``file:line:col`` of a config entry (its key when it has one)."""
    if node is None:
        return os.fspath(path)
    region = node.key_region or node.region
    return f"{os.fspath(path)}:{region.start_line}:{region.start_column}"


def _blank_yaml(data: bytes) -> bool:
    """No content but whitespace, comments and document markers."""
    for line in data.decode("utf-8", errors="replace").splitlines():
        text = line.strip()
        if text and not text.startswith("#") and text not in ("---", "..."):
            return False
    return True


def load_config_file(path: Path, registry: Sequence[Rule]) -> dict[str, Any]:
    """Read and validate a config file into keyword arguments for :class:`Config`.

    Every error names the file, line and column of the offending key.
    """
    where = os.fspath(path)
    read = read_regular(path, Kind.CONFIG)  # bounded, regular only; overlays first
    if read.data is None:
        raise ConfigError(f"{where}: config {read.error}")
    data = read.data
    if _blank_yaml(data):
        return {}  # an empty file (or only comments) means the defaults
    loaded = yamlpos.load(data)
    if loaded.errors:
        error = loaded.errors[0]
        line = f":{error.region.start_line}:{error.region.start_column}"
        raise ConfigError(f"{where}{line}: {error.message}")
    root = loaded.root
    if root is None or root.value is None:
        return {}
    if not root.is_mapping:
        raise ConfigError(
            f"{_where(path, root)}: the config must be a mapping of settings"
        )
    out: dict[str, Any] = {}
    for key, node in root.value.items():
        at = _where(path, node)
        if key not in _TOP_KEYS:
            known = ", ".join(sorted(_TOP_KEYS))
            raise ConfigError(f"{at}: unknown key `{key}` (known: {known})")
        if key == "rules" and node.is_mapping:
            entries = {k: (v.plain(), _where(path, v)) for k, v in node.value.items()}
            out.update(_convert_rules(entries, registry))
        else:
            out.update(_convert(key, node.plain(), at, registry))
    return out


def _convert(
    key: str, value: Any, where: str, registry: Sequence[Rule]
) -> dict[str, Any]:
    if key == "risk-level":
        if value not in ("low", "medium", "high"):
            raise ConfigError(f"{where}: `risk-level` must be {_TOP_KEYS[key]}")
        return {"risk_level": Risk(value)}
    if key == "fail-on":
        if value not in FAIL_ON:
            raise ConfigError(f"{where}: `fail-on` must be {_TOP_KEYS[key]}")
        return {"fail_on": value}
    if key == "extend-select":
        items = _as_list(value, key, where)
        check_selectors(items, registry, where)
        return {"extend_select": items}
    if key in ("select", "ignore", "exclude"):
        items = _as_list(value, key, where)
        if key != "exclude":
            check_selectors(items, registry, where)
        return {key: items}
    if key in (
        "include-generated",
        "follow-symlinks",
        "respect-gitignore",
        "foreign-suppressions",
        "require-reason",
    ):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: `{key}` must be true or false")
        return {key.replace("-", "_"): value}
    if key == "max-file-bytes":
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{where}: `max-file-bytes` must be a positive integer")
        return {"max_file_bytes": value}
    if key == "file-time-budget":
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: `file-time-budget` must be {_TOP_KEYS[key]}")
        return {"file_time_budget": float(value)}
    if key == "tests":
        if not isinstance(value, dict) or set(value) - {"paths", "ignore"}:
            raise ConfigError(f"{where}: `tests` must be {_TOP_KEYS['tests']}")
        tests = {
            f"test_{k}": _as_list(v or [], "tests", where) for k, v in value.items()
        }
        check_selectors(tests.get("test_ignore", ()), registry, where)
        return tests
    if key == "per-path-ignores":
        return {"per_path_ignores": _per_path_ignores(value, where, registry)}
    raise ConfigError(f"{where}: `rules` must be {_TOP_KEYS['rules']}")


def _per_path_ignores(
    value: Any, where: str, registry: Sequence[Rule]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: `per-path-ignores` must be {_TOP_KEYS['per-path-ignores']}"
        )
    out = []
    for pattern, selectors in value.items():
        items = _as_list(selectors, "per-path-ignores", where)
        check_selectors(items, registry, where)
        out.append((str(pattern), items))
    return tuple(out)


def _convert_rules(
    entries: dict[str, tuple[Any, str]], registry: Sequence[Rule]
) -> dict[str, Any]:
    """``rules:`` entries (value and ``file:line:col`` per rule id) → levels and options."""
    by_id = {r.id: r for r in registry}
    levels: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    for rule_id, (settings, where) in entries.items():
        rule = by_id.get(str(rule_id).upper())
        if rule is None:
            raise ConfigError(f"{where}: rules: unknown rule id `{rule_id}`")
        if not isinstance(settings, dict):
            raise ConfigError(
                f"{where}: rules.{rule.id} must be a mapping with `level` and/or `options`"
            )
        for sub, sub_value in settings.items():
            if sub == "level":
                if sub_value not in ("error", "warning", "note", "off"):
                    raise ConfigError(
                        f"{where}: rules.{rule.id}.level must be error, warning, note or off"
                    )
                levels[rule.id] = sub_value
            elif sub == "options":
                options[rule.id] = validate_rule_options(rule, sub_value, where)
            else:
                raise ConfigError(
                    f"{where}: rules.{rule.id}: unknown key `{sub}` (known: level, options)"
                )
    return {"rule_levels": levels, "rule_options": options}


def validate_rule_options(rule: Rule, value: Any, where: str) -> dict[str, Any]:
    """Check option names and types against the rule's defaults."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: rules.{rule.id}.options must be a mapping")
    out: dict[str, Any] = {}
    for name, option in value.items():
        if name not in rule.options:
            known = ", ".join(sorted(rule.options)) or "none"
            raise ConfigError(
                f"{where}: rules.{rule.id}.options: unknown option `{name}` (known: {known})"
            )
        default = rule.options[name]
        if isinstance(default, tuple | list):
            if not isinstance(option, list):
                raise ConfigError(
                    f"{where}: rules.{rule.id}.options.{name} must be a list"
                )
            option = tuple(option)
        elif isinstance(default, bool):
            if not isinstance(option, bool):
                raise ConfigError(
                    f"{where}: rules.{rule.id}.options.{name} must be true or false"
                )
        elif isinstance(default, int | float):
            if isinstance(option, bool) or not isinstance(option, int | float):
                raise ConfigError(
                    f"{where}: rules.{rule.id}.options.{name} must be a number"
                )
        elif isinstance(default, Mapping):
            if not isinstance(option, dict):
                raise ConfigError(
                    f"{where}: rules.{rule.id}.options.{name} must be a mapping"
                )
        elif default is not None and not isinstance(option, type(default)):
            raise ConfigError(
                f"{where}: rules.{rule.id}.options.{name} must be a {type(default).__name__}"
            )
        out[name] = option
    return out


def check_selectors(items: Iterable[str], registry: Sequence[Rule], where: str) -> None:
    """Every selector must name or prefix at least one catalogued rule."""
    ids = [r.id for r in registry]
    for item in items:
        sel = item.strip().upper()
        if not sel.startswith("GSL") or not any(i.startswith(sel) for i in ids):
            raise ConfigError(
                f"{where}: `{item}` matches no rule id (expected e.g. GSL201 or GSL2)"
            )


def build_config(
    registry: Sequence[Rule],
    *,
    config_path: Path | None,
    flags: Mapping[str, Any],
) -> Config:
    """Layer the config file (if any) under command-line ``flags`` (None = not given)."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if config_path is not None:
        from_file = load_config_file(config_path, registry)
        values.update(from_file)
        sources.update({k: os.fspath(config_path) for k in from_file})
    for key, value in flags.items():
        if value is None or value == ():
            continue
        if key in ("select", "ignore", "extend_select"):
            check_selectors(value, registry, "command line")
        if key == "exclude":
            value = tuple(values.get("exclude", ())) + tuple(value)
        values[key] = value
        sources[key] = "command line"
    config = Config(**values)
    return replace(config, config_path=config_path, sources=sources)
