"""The rule catalog, loaded for the command line (the one place outside ``rules/`` that imports it)."""

from __future__ import annotations

from go_script_lint.base.rule import Rule


def load_registry() -> tuple[Rule, ...]:
    """Every catalogued rule, sorted by id and validated."""
    from go_script_lint.rules import REGISTRY

    return REGISTRY
