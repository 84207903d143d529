"""The enabled rules of a run, indexed for dispatch by node kind and called name.

Built once per process and shared by every unit; a file's dispatch index
holds only the rules that can fire in it (see :meth:`RuleSet.dispatch_for`).
Call rules that declare ``call_names`` are offered only the calls of those
names (:class:`Dispatch`): most calls are then offered to no rule at all and
are never resolved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.file_pass import CALL, Dispatch
from go_script_lint.analysis.quiet_files import clean_test_file, dropped_in_tests
from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.project.config import Config


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules, indexed for dispatch (built once per process).

    ``foreign_ids`` maps peer tools' ids to rule ids over the whole catalog
    (not only the enabled rules), so a peer's comment reads the same in
    every run (see :func:`~go_script_lint.engine.suppress.foreign_id_map`).
    """

    rules: tuple[Rule, ...]
    foreign_ids: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, compare=False
    )
    _dispatch_cache: dict[tuple[str, ...], Dispatch] = field(
        default_factory=dict, compare=False, repr=False
    )
    # (tests: ignore, risk level) → ids a clean test file's report drops.
    _dropped_cache: dict[tuple[tuple[str, ...] | None, Risk], frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def ids(self) -> frozenset[str]:
        """Ids of the enabled rules."""
        return frozenset(r.id for r in self.rules)

    def by_node_type(
        self, rules: Iterable[Rule] | None = None
    ) -> dict[str, list[Rule]]:
        """Node kind → the rules that asked for it (every call, for call rules)."""
        index: dict[str, list[Rule]] = defaultdict(list)
        for rule in self.rules if rules is None else rules:
            if rule.check is not None:
                for kind in rule.node_types:
                    index[kind].append(rule)
        return dict(index)

    def dispatch(self, rules: Iterable[Rule]) -> Dispatch:
        """The dispatch index of ``rules``: call rules with ``call_names`` by name."""
        by_kind = self.by_node_type(rules)
        call_rules = by_kind.get(CALL, [])
        by_name = {
            name.encode(): [
                r for r in call_rules if not r.call_names or name in r.call_names
            ]
            for rule in call_rules
            for name in rule.call_names
        }
        if by_name:
            by_kind[CALL] = [r for r in call_rules if not r.call_names]
        return Dispatch(by_kind, by_name)

    def dispatch_for(self, ctx: FileContext) -> Dispatch:
        """The node-kind index of the rules that can fire in this file.

        A rule that names ``requires_imports`` is dropped from files importing
        none of those packages, and one with an ``applies`` predicate from files
        it rejects, so the single query pass does not even capture the nodes
        only they wanted; so is a rule whose findings in this file the report
        drops anyway (a test file, see :mod:`~go_script_lint.analysis.quiet_files`).
        Indexes are shared by files with the same rule set.
        """
        imports = ctx.imports.paths
        dropped = self._dropped_in_tests(ctx.config) if clean_test_file(ctx) else ()
        active = tuple(
            r
            for r in self.rules
            if r.check is not None
            and (not r.requires_imports or not r.requires_imports.isdisjoint(imports))
            and (r.applies is None or r.applies(ctx))
            and r.id not in dropped
        )
        key = tuple(r.id for r in active)
        cached = self._dispatch_cache.get(key)
        if cached is None:
            cached = self._dispatch_cache[key] = self.dispatch(active)
        return cached

    def _dropped_in_tests(self, config: Config) -> frozenset[str]:
        """:func:`dropped_in_tests` of these rules, once per configuration."""
        key = (config.test_ignore, config.risk_level)
        dropped = self._dropped_cache.get(key)
        if dropped is None:
            dropped = self._dropped_cache[key] = dropped_in_tests(config, self.rules)
        return dropped

    def package_rules(self) -> list[Rule]:
        """Rules that run once per directory."""
        return [r for r in self.rules if r.package_check is not None]

    def get(self, rule_id: str) -> Rule | None:
        """The enabled rule with that id."""
        return next((r for r in self.rules if r.id == rule_id), None)
