"""SARIF rule metadata: ``tool.driver.rules`` descriptors and the CWE taxonomy.

A descriptor carries what GitHub shows next to an alert (summary, help,
tags, severity); rules with CWE numbers are related to the taxa of a CWE
taxonomy component, so viewers can group alerts by weakness.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import sarif_om as om

from go_script_lint.base.model import Level
from go_script_lint.base.rule import Rule

TOOL_NAME = "go-script-lint"
INFORMATION_URI = "https://github.com/go-script-lint/go-script-lint"
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules/{id}.md"

MAX_DESCRIPTION = 1024
MAX_TAGS = 10
_PROBLEM_SEVERITY = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.NOTE: "recommendation",
}
_CWE_URI = "https://cwe.mitre.org/data/definitions/{n}.html"


def _truncate(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FENCE = re.compile(r"^[ \t]*```.*\n?", re.MULTILINE)


def _plain(markdown: str) -> str:
    """Help text for viewers without Markdown: the source minus code fences."""
    return _FENCE.sub("", markdown).strip()


def bag(
    tags: Sequence[str] | None = None, extra: Mapping[str, object] | None = None
) -> om.PropertyBag | None:
    """A property bag with ``tags`` and extra named entries; None when empty."""
    items = {k: v for k, v in (extra or {}).items() if v is not None}
    if not tags and not items:
        return None
    properties = om.PropertyBag(tags=list(tags) if tags else None)
    for key, value in items.items():
        setattr(properties, key, value)
    return properties


def _rule_tags(rule: Rule) -> list[str]:
    """``security`` and the CWE tags first, so the cap of ten never drops them."""
    tags: list[str] = []
    if rule.is_security:
        tags.append("security")
    tags.extend(f"external/cwe/cwe-{n}" for n in rule.cwe)
    tags.extend(t for t in rule.tags if t not in tags)
    return tags[:MAX_TAGS]


def descriptor(rule: Rule) -> om.ReportingDescriptor:
    """The ``reportingDescriptor`` of a rule (without its CWE relationships)."""
    markdown = rule.help.strip() or rule.description.strip()
    extra = {"precision": rule.precision}
    if rule.is_security:
        extra["security-severity"] = rule.security_severity
    else:
        extra["problem.severity"] = _PROBLEM_SEVERITY[rule.level]
    return om.ReportingDescriptor(
        id=rule.id,
        name=rule.pascal_name,
        short_description=om.MultiformatMessageString(text=_truncate(rule.summary)),
        full_description=om.MultiformatMessageString(text=_truncate(rule.description)),
        help=om.MultiformatMessageString(text=_plain(markdown), markdown=markdown),
        help_uri=HELP_URI.format(id=rule.id),
        default_configuration=om.ReportingConfiguration(level=rule.level.value),
        properties=bag(_rule_tags(rule), extra),
    )


def stub_descriptor(rule_id: str) -> om.ReportingDescriptor:
    """Describe a rule that reported but was not passed in; keeps the log valid."""
    text = f"Finding reported by {TOOL_NAME}."
    return om.ReportingDescriptor(
        id=rule_id,
        name=f"Rule{rule_id}",
        short_description=om.MultiformatMessageString(text=text),
        full_description=om.MultiformatMessageString(text=text),
        help=om.MultiformatMessageString(text=text, markdown=text),
        help_uri=HELP_URI.format(id=rule_id),
    )


def relate_cwes(
    rules: Sequence[Rule],
    descriptors: Sequence[om.ReportingDescriptor],
    cwes: Sequence[int],
) -> None:
    """Point each rule's descriptor at its taxa in the CWE taxonomy (``cwes``)."""
    taxon_index = {n: i for i, n in enumerate(cwes)}
    for rule, described in zip(rules, descriptors, strict=True):
        if rule.cwe:
            described.relationships = [
                om.ReportingDescriptorRelationship(
                    target=om.ReportingDescriptorReference(
                        id=str(n),
                        index=taxon_index[n],
                        tool_component=om.ToolComponentReference(name="CWE", index=0),
                    )
                )
                for n in rule.cwe
            ]


def cwe_taxonomy(cwes: Sequence[int]) -> om.ToolComponent:
    """The CWE taxonomy component with one taxon per CWE number in ``cwes``."""
    return om.ToolComponent(
        name="CWE",
        organization="MITRE",
        information_uri="https://cwe.mitre.org/",
        short_description=om.MultiformatMessageString(
            text="The MITRE Common Weakness Enumeration"
        ),
        taxa=[
            om.ReportingDescriptor(
                id=str(n),
                name=f"CWE-{n}",
                help_uri=_CWE_URI.format(n=n),
            )
            for n in cwes
        ],
    )
