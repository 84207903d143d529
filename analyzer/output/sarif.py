"""SARIF 2.1.0 for GitHub code scanning and SARIF viewers (DESIGN.md §5).

The log is built from sarif-om classes: rule descriptors and the CWE taxonomy
by :mod:`.sarif_rules`, results and notifications by :mod:`.sarif_results`,
and this module puts them into one run. It is written by
:mod:`go_script_lint.output.sarif_serialize` and checked against GitHub's
limits by :mod:`.sarif_limits`. Paths are URI references relative to
``%SRCROOT%`` (the source root), whose absolute location is deliberately not
recorded, so logs carry no machine paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sarif_om as om

from go_script_lint.base.model import RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.output.sarif_limits import check_limits
from go_script_lint.output.sarif_results import (
    FINGERPRINT_KEY,
    SRCROOT,
    artifact_uri,
    notification,
    region_text,
    result,
)
from go_script_lint.output.sarif_rules import (
    HELP_URI,
    INFORMATION_URI,
    TOOL_NAME,
    cwe_taxonomy,
    descriptor,
    relate_cwes,
    stub_descriptor,
)
from go_script_lint.output.sarif_serialize import (
    SARIF_SCHEMA_URI,
    SARIF_VERSION,
    dumps,
    to_json_value,
)

__all__ = [
    "FINGERPRINT_KEY",
    "HELP_URI",
    "INFORMATION_URI",
    "SRCROOT",
    "TOOL_NAME",
    "artifact_uri",
    "build_log",
    "check_limits",
    "dumps",
    "region_text",
    "render",
    "sarif_dict",
]


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The SARIF log of ``run`` as JSON text (``color`` is ignored).

    The CLI, which must not write a log GitHub would reject, does instead::

        data = sarif_dict(run, rules)
        problems = check_limits(data)  # say so and stop when not empty
        text = dumps(data)  # the same text render() returns

    Args:
        run: The run's findings and notifications.
        rules: The rules that ran, in ``tool.driver.rules`` order.
        color: Unused; every renderer takes it.

    Returns:
        Indented JSON with a trailing newline; the same input gives the same
        text.
    """
    return dumps(build_log(run, rules))


def sarif_dict(run: RunResult, rules: Sequence[Rule]) -> dict[str, Any]:
    """The SARIF log as plain JSON data (what :func:`check_limits` inspects)."""
    value: dict[str, Any] = to_json_value(build_log(run, rules))
    return value


def build_log(run: RunResult, rules: Sequence[Rule]) -> om.SarifLog:
    """The SARIF log of ``run`` as sarif-om objects."""
    return _Builder(run, rules).log()


class _Builder:
    """Builds one run; keeps the rule index and the CWE taxonomy as it goes."""

    def __init__(self, run: RunResult, rules: Sequence[Rule]) -> None:
        self.run = run
        self.rules = list(rules)
        self.descriptors = [descriptor(rule) for rule in self.rules]
        self.index = {rule.id: i for i, rule in enumerate(self.rules)}
        self.cwes = sorted({n for rule in self.rules for n in rule.cwe})
        relate_cwes(self.rules, self.descriptors, self.cwes)

    def log(self) -> om.SarifLog:
        results = [
            result(f, self._rule_index(f.rule_id))
            for f in sorted(self.run.findings, key=lambda f: f.sort_key)
        ]
        notifications = [
            notification(n, self.index)
            for n in sorted(self.run.notifications, key=lambda n: n.sort_key)
        ]
        driver = om.ToolComponent(
            name=TOOL_NAME,
            full_name=f"{TOOL_NAME} {self.run.tool_version}",
            semantic_version=self.run.tool_version,
            information_uri=INFORMATION_URI,
            rules=self.descriptors,
            supported_taxonomies=(
                [om.ToolComponentReference(name="CWE", index=0)] if self.cwes else None
            ),
        )
        category = self.run.options.get("category")
        run = om.Run(
            tool=om.Tool(driver=driver),
            results=results,
            invocations=[
                om.Invocation(
                    execution_successful=self.run.complete,
                    tool_execution_notifications=notifications or None,
                )
            ],
            column_kind="utf16CodeUnits",
            # Our lines end at CRLF, LF and a lone CR, as GitHub reads them.
            newline_sequences=["\r\n", "\n", "\r"],
            original_uri_base_ids={
                SRCROOT: om.ArtifactLocation(
                    description=om.Message(
                        text="The source root: the repository root in CI, or --srcroot."
                    )
                )
            },
            automation_details=om.RunAutomationDetails(id=category)
            if category
            else None,
            taxonomies=[cwe_taxonomy(self.cwes)] if self.cwes else None,
            version_control_provenance=self._provenance(),
        )
        return om.SarifLog(
            runs=[run], version=SARIF_VERSION, schema_uri=SARIF_SCHEMA_URI
        )

    def _provenance(self) -> list[om.VersionControlDetails] | None:
        """The git checkout the run analysed (set by the CLI; no network)."""
        uri = self.run.options.get("vcs_uri")
        if not uri:
            return None
        return [
            om.VersionControlDetails(
                repository_uri=uri,
                revision_id=self.run.options.get("vcs_revision") or None,
                branch=self.run.options.get("vcs_branch") or None,
                mapped_to=om.ArtifactLocation(uri_base_id=SRCROOT),
            )
        ]

    def _rule_index(self, rule_id: str) -> int:
        """Index of the rule's descriptor; a rule not passed in gets a stub."""
        index = self.index.get(rule_id)
        if index is None:
            self.descriptors.append(stub_descriptor(rule_id))
            index = self.index[rule_id] = len(self.descriptors) - 1
        return index
