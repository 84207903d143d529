"""The rule type: everything the catalog says about a rule, and its check."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from go_script_lint.base.model import Finding, Level, Risk

if TYPE_CHECKING:
    from tree_sitter import Node

    from go_script_lint.analysis.context import FileContext, PackageContext

NodeCheck = Callable[["Node", "FileContext"], Iterable[Finding]]
FilePredicate = Callable[["FileContext"], bool]
PackageCheck = Callable[["PackageContext"], Iterable[Finding]]

_ID = re.compile(r"GSL[0-5]\d\d")
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PRECISIONS = ("very-high", "high", "medium", "low")
# Peer tools whose suppression comments can count (``foreign-suppressions``).
PEER_TOOLS = ("gosec", "golangci-lint", "staticcheck", "semgrep")


@dataclass(frozen=True)
class Rule:
    """One catalog entry.

    Attributes:
        id: Stable id, ``GSL`` + family digit + two digits; never reused.
        name: kebab-case name of the flagged pattern.
        summary: One line (SARIF ``shortDescription``).
        description: A paragraph (SARIF ``fullDescription``).
        message: Result message template; its ``{placeholders}`` (plain names)
            are the keyword arguments every finding of the rule must pass,
            no more and no fewer (:meth:`format_message` raises otherwise).
        level: Default level.
        risk: Harm the pattern can do; drives ``security-severity``.
        scan_level: Lowest ``--risk-level`` at which the rule runs.
        help: Markdown: why it matters and how to fix it.
        (examples): not here but in ``fixtures/rules/GSLNNN/examples/bad/``
            and ``good/``, real directories the docs show and the tests run.
        options: Option defaults; the config may override them, same types.
        node_types: tree-sitter node kinds the check is offered.
        check: Called by the engine for each node of those kinds.
        call_names: Last identifiers of the calls the check looks at
            (``Command`` for ``exec.Command``, ``Chmod`` for ``f.Chmod``); the
            engine then offers it only the ``call_expression`` nodes whose called
            function (parentheses removed) is a name or selector ending in one
            of them (other node kinds as usual). An import alias or a dot import
            keeps the identifier; a call through a function value
            (``run := exec.Command; run(…)``) does not, and ``ctx.callee`` does
            not resolve it either. Empty: every call (a check that recognises
            calls some other way). :func:`last_identifiers` builds the set
            from qualified names.
        requires_imports: The rule can only fire in files importing one of
            these packages; other files skip it (a speed-up, not a semantic).
        applies: Per-file predicate with the same purpose (e.g. "the
            directory's manifest has a sandbox section"); module-level function.
        package_check: Called once per analysed directory (cross-file rules).
        engine_rule: Findings come from the engine itself (GSL001/GSL002).
        implemented: False reserves and documents the id; the rule never runs.
        default_enabled: False for opt-in rules (enable with ``--select``).
        in_tests: Reported in test files (``*_test.go``) at the default levels;
            False when its findings there are rarely worth a look (the config's
            ``tests:`` section and the deep scan override it).
        foreign_ids: Peer tool (one of :data:`PEER_TOOLS`) → its ids for the
            same pattern (gosec ``G204``, golangci-lint linter ``errcheck``,
            staticcheck ``SA9005``, a semgrep rule name). With
            ``foreign-suppressions: true`` a peer's comment naming one of them
            (``#nosec G204``) suppresses this rule too; the table in
            docs/configuration.md is generated from these.
        masks_region: A finding's region is a secret: the engine masks it (all but
            the first four characters) in the file text every snippet is cut from.
    """

    id: str
    name: str
    summary: str
    description: str
    message: str
    level: Level
    risk: Risk
    scan_level: Risk = Risk.MEDIUM
    tags: tuple[str, ...] = ()
    cwe: tuple[int, ...] = ()
    precision: str = "high"
    help: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    node_types: tuple[str, ...] = ()
    check: NodeCheck | None = None
    call_names: frozenset[str] = frozenset()
    requires_imports: frozenset[str] = frozenset()
    applies: FilePredicate | None = None
    package_check: PackageCheck | None = None
    engine_rule: bool = False
    implemented: bool = True
    default_enabled: bool = True
    in_tests: bool = True
    aliases: tuple[str, ...] = ()
    foreign_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    masks_region: bool = False

    @property
    def pascal_name(self) -> str:
        """The catalog name in PascalCase (SARIF ``reportingDescriptor.name``)."""
        return "".join(part.capitalize() for part in self.name.split("-"))

    @property
    def is_security(self) -> bool:
        """Security rules get ``security-severity`` in SARIF."""
        return "security" in self.tags

    @property
    def security_severity(self) -> str:
        """Numeric severity string GitHub maps to critical/high/medium/low."""
        return {Risk.HIGH: "8.0", Risk.MEDIUM: "5.5", Risk.LOW: "3.0"}[self.risk]

    @property
    def message_fields(self) -> frozenset[str]:
        """The placeholder names of the message template."""
        return _field_set(self.message)

    def format_message(self, **kwargs: object) -> str:
        """Fill the message template with exactly its placeholders.

        Raises:
            MessageError: a placeholder has no argument, or an argument no
                placeholder (a misspelt ``{calee}`` fails here, not in a
                user's report).
        """
        fields = self.message_fields
        if fields != kwargs.keys():
            raise MessageError(self.id, self.message, fields, frozenset(kwargs))
        text = self.message.format(**kwargs)
        # Sentence case even when the message starts with a filled-in detail.
        return text[:1].upper() + text[1:] if text[:1].islower() else text


class MessageError(ValueError):
    """A finding's message arguments do not match its rule's template."""

    def __init__(
        self, rule_id: str, template: str, fields: frozenset[str], given: frozenset[str]
    ) -> None:
        missing = ", ".join(sorted(fields - given)) or "none"
        unused = ", ".join(sorted(given - fields)) or "none"
        super().__init__(
            f"{rule_id}: message {template!r} got wrong arguments "
            f"(missing: {missing}; unused: {unused})"
        )


@functools.cache
def _field_set(template: str) -> frozenset[str]:
    # Parsed once per template: every finding's message is checked against it.
    return frozenset(message_fields(template))


def last_identifiers(*qualified: Iterable[str]) -> frozenset[str]:
    """``"os/exec.Command"``, ``"File.Chmod"`` → ``"Command"``, ``"Chmod"`` (see ``call_names``)."""
    return frozenset(name.rsplit(".", 1)[-1] for group in qualified for name in group)


def message_fields(template: str) -> list[str]:
    """Placeholder names of a message template, in order.

    Raises:
        ValueError: on malformed braces or a placeholder that is not a plain
            name (``{}``, ``{0}``, ``{a.b}``, ``{a[0]}``, ``{a!r}``, ``{a:>5}``).
    """
    names: list[str] = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must be a plain name")
        names.append(name)
    return names


def validate_registry(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """Check the catalog once at start-up and return it sorted by id.

    Raises:
        ValueError: on a duplicate id or name, a malformed id or name, a
            message template that is not plain ``{name}`` placeholders, or an
            implemented rule with nothing for the engine to call.
    """
    seen_ids: set[str] = set()
    seen_names: set[str] = set()
    problems: list[str] = []
    given = list(rules)
    strays = [r for r in given if not isinstance(r, Rule)]
    if strays:
        raise ValueError(f"invalid rule registry: not rules: {strays!r}")
    ordered = sorted(given, key=lambda r: r.id)
    for rule in ordered:
        if not _ID.fullmatch(rule.id):
            problems.append(f"{rule.id}: id must look like GSL201")
        if not _NAME.fullmatch(rule.name):
            problems.append(f"{rule.id}: name {rule.name!r} must be kebab-case")
        for key in (rule.id, *rule.aliases):
            if key in seen_ids:
                problems.append(f"{key}: duplicate id")
            seen_ids.add(key)
        if rule.name in seen_names:
            problems.append(f"{rule.id}: duplicate name {rule.name!r}")
        seen_names.add(rule.name)
        if rule.precision not in PRECISIONS:
            problems.append(f"{rule.id}: precision must be one of {PRECISIONS}")
        if not rule.summary or not rule.description or not rule.message:
            problems.append(f"{rule.id}: summary, description and message are required")
        unknown_tools = set(rule.foreign_ids) - set(PEER_TOOLS)
        if unknown_tools:
            problems.append(f"{rule.id}: foreign_ids of unknown tools {unknown_tools}")
        try:
            message_fields(rule.message)
        except ValueError as exc:
            problems.append(f"{rule.id}: message template: {exc}")
        if rule.call_names and "call_expression" not in rule.node_types:
            problems.append(
                f"{rule.id}: call_names without call_expression in node_types"
            )
        if not all(name.isidentifier() for name in rule.call_names):
            problems.append(f"{rule.id}: call_names must be identifiers")
        if rule.implemented and not rule.engine_rule:
            has_node_check = bool(rule.node_types) and rule.check is not None
            if not has_node_check and rule.package_check is None:
                problems.append(
                    f"{rule.id}: implemented rule needs node_types+check or package_check"
                )
    if problems:
        raise ValueError("invalid rule registry:\n  " + "\n  ".join(problems))
    return tuple(ordered)


def matches_selector(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when ``rule_id`` equals or starts with one of ``selectors`` (``GSL2``, ``GSL301``)."""
    return any(rule_id.startswith(s.strip().upper()) for s in selectors if s.strip())
