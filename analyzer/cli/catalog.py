"""The rule catalog on the command line: ``--list-rules`` (text or JSON) and ``explain``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from go_script_lint.base.rule import Rule


def rules_text(registry: Sequence[Rule]) -> str:
    """One line per rule: id, name, level, scan depth, summary, status."""
    lines = []
    for rule in registry:
        status = "" if rule.implemented else "  (reserved, not implemented)"
        opt_in = "  (opt-in)" if rule.implemented and not rule.default_enabled else ""
        lines.append(
            f"{rule.id}  {rule.name:<28} {rule.level.value:<7} scan:{rule.scan_level.value:<6} "
            f"{rule.summary}{status}{opt_in}"
        )
    return "".join(line + "\n" for line in lines)


def _rule_entry(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "summary": rule.summary,
        "level": rule.level.value,
        "risk": rule.risk.value,
        "scanLevel": rule.scan_level.value,
        "precision": rule.precision,
        "tags": list(rule.tags),
        "cwe": list(rule.cwe),
        "implemented": rule.implemented,
        "defaultEnabled": rule.default_enabled,
        "options": dict(rule.options),
    }


def rules_json(registry: Sequence[Rule]) -> str:
    """The catalog as a JSON array (sorted keys, two-space indent, newline-ended)."""
    entries = [_rule_entry(rule) for rule in registry]
    return json.dumps(entries, indent=2, sort_keys=True, default=_plain) + "\n"


def _plain(value: object) -> object:
    """Option values that JSON has no type for (tuples, sets) as lists."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def find_rule(registry: Sequence[Rule], wanted: str) -> Rule | None:
    """The rule with id (any case) or name ``wanted``."""
    key = wanted.strip()
    return next(
        (r for r in registry if r.id == key.upper() or r.name == key.lower()), None
    )


def explain(rule: Rule) -> str:
    """A rule's catalog entry as terminal text (its generated Markdown page)."""
    from go_script_lint.cli.rule_docs import rule_markdown

    return rule_markdown(rule)
