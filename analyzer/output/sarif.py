"""SARIF 2.1.0 for GitHub code scanning and SARIF viewers (DESIGN.md §5).

The log is built from sarif-om classes and written by
:mod:`go_script_lint.output.sarif_serialize`. It has one run; paths are URI
references relative to ``%SRCROOT%`` (the source root), whose absolute
location is deliberately not recorded, so logs carry no machine paths.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import sarif_om as om

from go_script_lint.base.model import (
    Finding,
    Fix,
    Level,
    Location,
    Notification,
    Region,
    RunResult,
)
from go_script_lint.base.rule import Rule
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

TOOL_NAME = "go-script-lint"
INFORMATION_URI = "https://github.com/go-script-lint/go-script-lint"
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules/{id}.md"
SRCROOT = "%SRCROOT%"
#: Our own line-move-proof fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "goScriptLint/v1"

MAX_DESCRIPTION = 1024
MAX_TAGS = 10
_PROBLEM_SEVERITY = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.NOTE: "recommendation",
}
_CWE_URI = "https://cwe.mitre.org/data/definitions/{n}.html"

# GitHub's ingestion limits (docs: "SARIF support for code scanning").
LIMIT_RUNS = 20
LIMIT_RESULTS = 25_000
LIMIT_RULES = 25_000
LIMIT_LOCATIONS = 1_000
LIMIT_TAGS = 20
LIMIT_GZIP_BYTES = 10 * 1024 * 1024


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


def check_limits(sarif: Mapping[str, Any]) -> list[str]:
    """Problems that would make GitHub code scanning reject or trim the log.

    Checks GitHub's limits: runs per file, results and rules per run, tags
    per rule, locations per result and the gzipped size of the file.

    Args:
        sarif: A SARIF log as plain JSON data (:func:`sarif_dict`).

    Returns:
        One sentence per exceeded limit; empty when the upload fits.
    """
    problems: list[str] = []
    runs = sarif.get("runs") or []
    if len(runs) > LIMIT_RUNS:
        problems.append(f"{len(runs)} runs in one file; GitHub accepts {LIMIT_RUNS}")
    for r, run in enumerate(runs, start=1):
        problems.extend(f"run {r}: {p}" for p in _run_limits(run))
    size = len(gzip.compress(dumps(sarif).encode("utf-8"), mtime=0))
    if size > LIMIT_GZIP_BYTES:
        problems.append(
            f"the log is {size / 1_048_576:.1f} MB gzipped; GitHub accepts "
            f"{LIMIT_GZIP_BYTES // 1_048_576} MB"
        )
    return problems


def _run_limits(run: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    results = run.get("results") or []
    if len(results) > LIMIT_RESULTS:
        problems.append(
            f"{len(results)} results; GitHub accepts {LIMIT_RESULTS} per run "
            "(narrow the scan with --select or --risk-level, or use a baseline)"
        )
    tool = run.get("tool") or {}
    descriptors = list((tool.get("driver") or {}).get("rules") or [])
    for extension in tool.get("extensions") or []:
        descriptors.extend(extension.get("rules") or [])
    if len(descriptors) > LIMIT_RULES:
        problems.append(f"{len(descriptors)} rules; GitHub accepts {LIMIT_RULES}")
    for descriptor in descriptors:
        tags = (descriptor.get("properties") or {}).get("tags") or []
        if len(tags) > LIMIT_TAGS:
            problems.append(
                f"rule {descriptor.get('id')} has {len(tags)} tags; "
                f"GitHub accepts {LIMIT_TAGS}"
            )
    for i, result in enumerate(results, start=1):
        for key in ("locations", "relatedLocations"):
            count = len(result.get(key) or [])
            if count > LIMIT_LOCATIONS:
                problems.append(
                    f"result {i} ({result.get('ruleId')}) has {count} {key}; "
                    f"GitHub accepts {LIMIT_LOCATIONS}"
                )
    return problems


# --- building ----------------------------------------------------------------


def artifact_uri(path: str) -> str:
    """``path`` (POSIX, relative) as a URI reference: percent-encoded UTF-8.

    ``:`` is encoded too, so a first segment such as ``a:b.go`` is not read
    as a URI scheme.
    """
    return quote(path, safe="/")


def _truncate(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FENCE = re.compile(r"^[ \t]*```.*\n?", re.MULTILINE)


def _plain(markdown: str) -> str:
    """Help text for viewers without Markdown: the source minus code fences."""
    return _FENCE.sub("", markdown).strip()


def _bag(
    tags: Sequence[str] | None = None, extra: Mapping[str, object] | None = None
) -> om.PropertyBag | None:
    """A property bag with ``tags`` and extra named entries; None when empty."""
    items = {k: v for k, v in (extra or {}).items() if v is not None}
    if not tags and not items:
        return None
    bag = om.PropertyBag(tags=list(tags) if tags else None)
    for key, value in items.items():
        setattr(bag, key, value)
    return bag


def _rule_tags(rule: Rule) -> list[str]:
    """``security`` and the CWE tags first, so the cap of ten never drops them."""
    tags: list[str] = []
    if rule.is_security:
        tags.append("security")
    tags.extend(f"external/cwe/cwe-{n}" for n in rule.cwe)
    tags.extend(t for t in rule.tags if t not in tags)
    return tags[:MAX_TAGS]


def _region(region: Region, snippet: str | None = None) -> om.Region:
    return om.Region(
        start_line=region.start_line,
        start_column=region.start_column,
        end_line=region.end_line,
        end_column=region.end_column,
        snippet=om.ArtifactContent(text=snippet) if snippet else None,
    )


def region_text(snippet: str, region: Region) -> str:
    """The text of ``region`` cut out of a finding's ``snippet``.

    The snippet holds whole lines starting at ``region.start_line`` (see
    :func:`go_script_lint.base.fingerprint.snippet`); columns are UTF-16 code units.
    When the snippet stops before the region does, what it has is returned.
    """
    lines = snippet.split("\n")
    count = region.end_line - region.start_line + 1
    picked = [line.encode("utf-16-le") for line in lines[:count]]
    if not picked:
        return ""
    start = 2 * max(region.start_column - 1, 0)
    if len(picked) == count:
        picked[-1] = picked[-1][: 2 * max(region.end_column - 1, 0)]
    picked[0] = picked[0][start:]
    return "\n".join(p.decode("utf-16-le", errors="replace") for p in picked)


_LINKISH = re.compile(r"\[[^\]]*\]\(\d+\)")


def _escape_links(text: str) -> str:
    """Escape brackets that SARIF viewers would take for an embedded link."""
    if not _LINKISH.search(text):
        return text
    return text.replace("[", "\\[").replace("]", "\\]")


class _Builder:
    """Builds one run; keeps the rule index and the CWE taxonomy as it goes."""

    def __init__(self, run: RunResult, rules: Sequence[Rule]) -> None:
        self.run = run
        self.rules = list(rules)
        self.descriptors = [self._descriptor(rule) for rule in self.rules]
        self.index = {rule.id: i for i, rule in enumerate(self.rules)}
        self.cwes = sorted({n for rule in self.rules for n in rule.cwe})
        self._relate_cwes()

    def log(self) -> om.SarifLog:
        results = [
            self._result(f) for f in sorted(self.run.findings, key=lambda f: f.sort_key)
        ]
        notifications = [
            self._notification(n)
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
            taxonomies=[self._cwe_taxonomy()] if self.cwes else None,
            version_control_provenance=self._provenance(),
        )
        return om.SarifLog(
            runs=[run], version=SARIF_VERSION, schema_uri=SARIF_SCHEMA_URI
        )

    # -- rules --------------------------------------------------------------

    def _descriptor(self, rule: Rule) -> om.ReportingDescriptor:
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
            full_description=om.MultiformatMessageString(
                text=_truncate(rule.description)
            ),
            help=om.MultiformatMessageString(text=_plain(markdown), markdown=markdown),
            help_uri=HELP_URI.format(id=rule.id),
            default_configuration=om.ReportingConfiguration(level=rule.level.value),
            properties=_bag(_rule_tags(rule), extra),
        )

    def _stub_descriptor(self, rule_id: str) -> int:
        """Describe a rule that reported but was not passed in; keeps the log valid."""
        text = f"Finding reported by {TOOL_NAME}."
        self.descriptors.append(
            om.ReportingDescriptor(
                id=rule_id,
                name=f"Rule{rule_id}",
                short_description=om.MultiformatMessageString(text=text),
                full_description=om.MultiformatMessageString(text=text),
                help=om.MultiformatMessageString(text=text, markdown=text),
                help_uri=HELP_URI.format(id=rule_id),
            )
        )
        self.index[rule_id] = len(self.descriptors) - 1
        return self.index[rule_id]

    def _relate_cwes(self) -> None:
        taxon_index = {n: i for i, n in enumerate(self.cwes)}
        for rule, descriptor in zip(self.rules, self.descriptors, strict=True):
            if rule.cwe:
                descriptor.relationships = [
                    om.ReportingDescriptorRelationship(
                        target=om.ReportingDescriptorReference(
                            id=str(n),
                            index=taxon_index[n],
                            tool_component=om.ToolComponentReference(
                                name="CWE", index=0
                            ),
                        )
                    )
                    for n in rule.cwe
                ]

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

    def _cwe_taxonomy(self) -> om.ToolComponent:
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
                for n in self.cwes
            ],
        )

    # -- results ------------------------------------------------------------

    def _physical(
        self, location: Location, snippet: str | None = None
    ) -> om.PhysicalLocation:
        return om.PhysicalLocation(
            artifact_location=om.ArtifactLocation(
                uri=artifact_uri(location.path), uri_base_id=SRCROOT
            ),
            region=_region(location.region, snippet),
        )

    def _message(self, finding: Finding) -> str:
        text = _escape_links(finding.message.strip() or finding.rule_id)
        if not finding.related:
            return text
        links = ", ".join(
            f"[{_link_label(loc)}]({i})"
            for i, loc in enumerate(finding.related, start=1)
        )
        return f"{text} (see {links})"

    def _result(self, finding: Finding) -> om.Result:
        rule_index = self.index.get(finding.rule_id)
        if rule_index is None:
            rule_index = self._stub_descriptor(finding.rule_id)
        snippet = (
            region_text(finding.snippet, finding.location.region)
            if finding.snippet
            else None
        )
        related = [
            om.Location(
                id=i,
                physical_location=self._physical(loc),
                message=om.Message(text=loc.message) if loc.message else None,
            )
            for i, loc in enumerate(finding.related, start=1)
        ]
        fingerprints = {
            key: value
            for key, value in (
                ("primaryLocationLineHash", finding.line_hash),
                (FINGERPRINT_KEY, finding.fingerprint),
            )
            if value
        }
        suppression = finding.suppression
        return om.Result(
            rule_id=finding.rule_id,
            rule_index=rule_index,
            level=finding.level.value,
            message=om.Message(text=self._message(finding)),
            locations=[
                om.Location(physical_location=self._physical(finding.location, snippet))
            ],
            related_locations=related or None,
            partial_fingerprints=fingerprints or None,
            suppressions=(
                [
                    om.Suppression(
                        kind="inSource",
                        justification=suppression.justification or None,
                        location=(
                            om.Location(
                                physical_location=self._physical(suppression.location)
                            )
                            if suppression.location
                            else None
                        ),
                    )
                ]
                if suppression is not None
                else None
            ),
            baseline_state=finding.baseline_state,
            fixes=[self._fix(fix) for fix in finding.fixes] or None,
            properties=_bag(extra={"precision": finding.precision}),
        )

    def _fix(self, fix: Fix) -> om.Fix:
        by_path: dict[str, list[om.Replacement]] = {}
        for rep in fix.replacements:
            by_path.setdefault(rep.path, []).append(
                om.Replacement(
                    deleted_region=om.Region(
                        start_line=rep.region.start_line,
                        start_column=rep.region.start_column,
                        end_line=rep.region.end_line,
                        end_column=rep.region.end_column,
                        byte_offset=rep.start_byte,
                        byte_length=rep.end_byte - rep.start_byte,
                    ),
                    inserted_content=om.ArtifactContent(text=rep.text)
                    if rep.text
                    else None,
                )
            )
        return om.Fix(
            description=om.Message(text=fix.description),
            artifact_changes=[
                om.ArtifactChange(
                    artifact_location=om.ArtifactLocation(
                        uri=artifact_uri(path), uri_base_id=SRCROOT
                    ),
                    replacements=replacements,
                )
                for path, replacements in by_path.items()
            ],
        )

    def _notification(self, note: Notification) -> om.Notification:
        rule_ref = None
        if note.rule_id:
            index = self.index.get(note.rule_id)
            rule_ref = om.ReportingDescriptorReference(
                id=note.rule_id, index=index if index is not None else -1
            )
        locations = None
        if note.path:
            locations = [
                om.Location(
                    physical_location=om.PhysicalLocation(
                        artifact_location=om.ArtifactLocation(
                            uri=artifact_uri(note.path), uri_base_id=SRCROOT
                        )
                    )
                )
            ]
        return om.Notification(
            message=om.Message(text=note.message),
            level=note.level.value,
            locations=locations,
            associated_rule=rule_ref,
            descriptor=(
                om.ReportingDescriptorReference(id=note.descriptor)
                if note.descriptor
                else None
            ),
        )


def _link_label(location: Location) -> str:
    label = location.message or f"{location.path}:{location.region.start_line}"
    return label.replace("[", "(").replace("]", ")")
