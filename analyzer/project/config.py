"""Configuration: catalog defaults ← `.go-script-lint.yaml` ← command-line flags.

Everything merges into one frozen :class:`Config`; the engine and the rules
only read it. Reading and checking the file is
:mod:`go_script_lint.project.config_file`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from go_script_lint.base.model import Level, Risk
from go_script_lint.base.rule import Rule, matches_selector
from go_script_lint.base.safe_io import OUTSIDE, Roots
from go_script_lint.project.test_files import DEFAULT_TEST_PATHS

# The rule that reports suppression comments which matched nothing.
UNUSED_SUPPRESSION = "GSL003"
DEFAULT_FILE_TIME_BUDGET = 10.0
# The largest Go file in the standard library is 4 MB (generated); tree-sitter
# needs about 70 bytes of memory per source byte, so 10 MiB caps a file's tree
# near 700 MB. Bigger files are GSL002 + a notification (raise the key to lint them).
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

CONFIG_NAMES = (".go-script-lint.yaml", ".go-script-lint.yml")
FAIL_ON = ("error", "warning", "note", "never")


@dataclass(frozen=True)
class Config:
    """The effective configuration of a run."""

    risk_level: Risk = Risk.MEDIUM
    fail_on: str = "note"
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    include_generated: bool = False
    follow_symlinks: bool = False
    respect_gitignore: bool = True
    foreign_suppressions: bool = False
    require_reason: bool = False
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Seconds of rule dispatch per file before it is reported and skipped.
    file_time_budget: float = DEFAULT_FILE_TIME_BUDGET
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    test_ignore: tuple[str, ...] | None = None  # None: per rule (project/test_files.py)
    rule_levels: Mapping[str, str] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    schema_path: Path | None = None
    config_path: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)

    def level_for(self, rule: Rule) -> Level | None:
        """The configured level override of a rule, if any."""
        value = self.rule_levels.get(rule.id)
        return Level(value) if value in ("error", "warning", "note") else None

    def options_for(self, rule: Rule) -> Mapping[str, Any]:
        """Rule option defaults overlaid with configured values."""
        configured = self.rule_options.get(rule.id)
        if not configured:
            return rule.options
        return {**rule.options, **configured}

    def enabled_rules(self, registry: Sequence[Rule]) -> tuple[Rule, ...]:
        """The rules this run executes (engine rules GSL001/GSL002 included)."""
        chosen = []
        for rule in registry:
            if not rule.implemented or self.rule_levels.get(rule.id) == "off":
                continue
            picked = (
                self._picked(rule, self.select) if self.select else self._default(rule)
            )
            if not picked and not self._picked(rule, self.extend_select):
                continue
            if matches_selector(rule.id, self.ignore):
                continue
            chosen.append(rule)
        return tuple(chosen)

    def rules_to_run(self, registry: Sequence[Rule]) -> tuple[Rule, ...]:
        """The enabled rules plus, when GSL003 is selected, the default rules.

        An unused suppression is only provable when the rules it names ran, so
        ``--select GSL003`` alone also runs the default rules behind it; their
        findings are not reported (:meth:`reported`).
        """
        wanted = self.enabled_rules(registry)
        if not self.select or not any(r.id == UNUSED_SUPPRESSION for r in wanted):
            return wanted
        support = replace(self, select=()).enabled_rules(registry)
        return tuple({r.id: r for r in (*support, *wanted)}.values())

    def reported(self, registry: Sequence[Rule]) -> frozenset[str]:
        """Ids whose findings the run reports (those of :meth:`enabled_rules`)."""
        return frozenset(r.id for r in self.enabled_rules(registry))

    def _default(self, rule: Rule) -> bool:
        """Runs without a selector: on by default and within the scan depth."""
        return rule.default_enabled and rule.scan_level.rank <= self.risk_level.rank

    def _picked(self, rule: Rule, selectors: Sequence[str]) -> bool:
        """Chosen by ``selectors``: an exact id always, a prefix as by default."""
        if not matches_selector(rule.id, selectors):
            return False
        return rule.id in {s.strip().upper() for s in selectors} or self._default(rule)

    def ignored_at(self, rule_id: str, path: str) -> bool:
        """Whether ``per-path-ignores`` drops ``rule_id`` findings in ``path``."""
        return any(
            fnmatch.fnmatch(path, pattern) and matches_selector(rule_id, selectors)
            for pattern, selectors in self.per_path_ignores
        )

    def fingerprint(self) -> str:
        """A stable text of everything that changes results (for caches)."""
        parts = [
            self.risk_level.value,
            ",".join(self.select),
            ",".join(self.extend_select),
            ",".join(self.ignore),
            str(self.include_generated),
            str(self.max_file_bytes),
            str(self.foreign_suppressions),
            str(self.require_reason),
            repr(self.per_path_ignores),
            repr((self.test_paths, self.test_ignore)),
            repr(sorted(self.rule_levels.items())),
            repr(sorted((k, sorted(v.items())) for k, v in self.rule_options.items())),
            str(self.schema_path),
        ]
        return "\x1f".join(parts)


def config_link_problem(path: Path) -> str | None:
    """Why a config found by the upward search must not be read, if it must not.

    A link in the repository to a file outside its directory is not a config
    (its text would be quoted in error messages); ``--config`` names it instead.
    """
    if Roots.of([path.parent]).contains(path):
        return None
    return f"{path}: {OUTSIDE.replace('--follow-symlinks', '--config')}"


def find_config(start: Path) -> Path | None:
    """The nearest ``.go-script-lint.yaml`` at or above ``start``."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    while True:
        for name in CONFIG_NAMES:
            candidate = current / name
            if candidate.is_file() or candidate.is_symlink():
                return candidate
        if current.parent == current:
            return None
        current = current.parent
