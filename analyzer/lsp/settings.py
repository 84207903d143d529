"""The server's settings: the client's ``initializationOptions``, checked once.

They are the command line's flags under camelCase names (``riskLevel``,
``select``, ``ignore``, ``config``, ``noConfig``, ``schemaPath``,
``baseline``) plus two of the server's own (``debounce`` in milliseconds,
``lintWorkspace``). Relative paths are taken from the first workspace folder.
A bad value is reported and left at its default; it never stops the server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.project.config_file import ConfigError, check_selectors

DEFAULT_DEBOUNCE_MS = 200


@dataclass(frozen=True)
class Settings:
    """What the client asked for; ``None`` and ``()`` mean "as the config file says"."""

    risk_level: Risk | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config_path: Path | None = None
    no_config: bool = False
    schema_path: Path | None = None
    baseline_path: Path | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    lint_workspace: bool = False

    def flags(self) -> dict[str, Any]:
        """The settings as the command line's flags, for ``build_config``."""
        return {
            "risk_level": self.risk_level,
            "select": self.select,
            "ignore": self.ignore,
            "schema_path": self.schema_path,
        }


def parse_settings(
    options: object, registry: Sequence[Rule], base: Path
) -> tuple[Settings, list[str]]:
    """Settings from ``initializationOptions``, and a message per value ignored."""
    if options is None:
        return Settings(), []
    if not isinstance(options, Mapping):
        return Settings(), ["initializationOptions must be an object; ignored"]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in options.items():
        try:
            values.update(_setting(str(key), value, registry, base))
        except ValueError as exc:
            problems.append(f"initializationOptions.{key}: {exc}; ignored")
    return Settings(**values), problems


def _setting(
    key: str, value: Any, registry: Sequence[Rule], base: Path
) -> dict[str, Any]:
    if key == "riskLevel":
        if value not in ("low", "medium", "high"):
            raise ValueError("expected low, medium or high")
        return {"risk_level": Risk(value)}
    if key in ("select", "ignore"):
        items = _selectors(value)
        try:
            check_selectors(items, registry, key)
        except ConfigError as exc:
            raise ValueError(str(exc)) from None
        return {key: items}
    if key in ("config", "schemaPath", "baseline"):
        if not isinstance(value, str) or not value:
            raise ValueError("expected a path")
        name = {"config": "config_path", "schemaPath": "schema_path"}.get(
            key, "baseline_path"
        )
        return {name: base / Path(value).expanduser()}
    if key in ("noConfig", "lintWorkspace"):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return {"no_config" if key == "noConfig" else "lint_workspace": value}
    if key == "debounce":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("expected milliseconds (a whole number >= 0)")
        return {"debounce_ms": value}
    raise ValueError("unknown setting")


def _selectors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected rule ids or prefixes (GSL2, GSL301)")
    return tuple(v.strip() for v in value if v.strip())
