"""What every context builds findings with: rule levels, messages, options, memo.

:class:`~.context.FileContext` and :class:`~.context.PackageContext` both
are a :class:`FindingFactory`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Finding, Fix, Level, Location, Risk

if TYPE_CHECKING:
    from go_script_lint.base.rule import Rule
    from go_script_lint.project.config import Config

T = TypeVar("T")


class FindingFactory:
    """Builds findings for rules, applying the configured level overrides."""

    config: Config
    _memo: dict[MemoKey[Any], Any]

    def memo(self, key: MemoKey[T], factory: Callable[[], T]) -> T:
        """Compute a per-file (or per-package) fact once: ``ctx.memo(DIRECTIVES, parse)``.

        Analyses that several rules share (header directives, the go.mod, the
        manifest, type facts) live in their own modules, each with its typed
        :class:`MemoKey`, and cache here, so the context class does not grow
        with every analysis.
        """
        try:
            memo = self._memo
        except AttributeError:
            memo = self._memo = {}
        try:
            value: T = memo[key]  # the key's type parameter is the value's type
        except KeyError:
            value = memo[key] = factory()
        return value

    def finding(
        self,
        rule: Rule,
        location: Location,
        *,
        related: Iterable[Location] = (),
        fixes: Iterable[Fix] = (),
        level: Level | None = None,
        precision: str | None = None,
        **message_args: object,
    ) -> Finding:
        """A finding of ``rule`` at ``location``: the one place findings are made.

        The configured level of the rule wins over ``level``, which wins over
        the rule's default; the message is the rule's template filled with
        ``message_args``. A file context also takes a node for ``location``.
        """
        configured = self.config.level_for(rule)
        return Finding(
            rule_id=rule.id,
            level=configured if configured is not None else (level or rule.level),
            message=rule.format_message(**message_args),
            location=location,
            related=tuple(related),
            fixes=tuple(fixes),
            precision=precision,
        )

    def options(self, rule: Rule) -> Mapping[str, Any]:
        """The rule's options: catalog defaults overlaid with the configuration."""
        return self.config.options_for(rule)

    @property
    def scan_level(self) -> Risk:
        """The ``--risk-level`` of this run."""
        return self.config.risk_level
