"""JUnit XML for CI test tabs (GitLab ``artifacts:reports:junit``, Jenkins, Tekton).

``<testsuites>`` holds one ``<testsuite>`` per analysed file (name = path).
Each unsuppressed finding is a ``<testcase>`` with a ``<failure>`` (type =
level, message = the finding's line); a file without findings gets one
passing test case, so the tab lists every file checked. Inputs that could not
be analysed are test cases with an ``<error>``. No timestamps or host names:
the same run gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from go_script_lint.base.model import Finding, Notification, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.output.concise import finding_line
from go_script_lint.output.text import clean

__all__ = ["render"]

_SUITE = "go-script-lint"


def _finding_case(finding: Finding) -> ET.Element:
    r = finding.location.region
    case = ET.Element(
        "testcase",
        name=f"{finding.rule_id} {finding.location.path}:{r.start_line}:{r.start_column}",
        classname=finding.location.path,
        time="0",
    )
    failure = ET.SubElement(
        case, "failure", type=finding.level.value, message=clean(finding.message)
    )
    details = [finding_line(finding)]
    if finding.snippet:
        details.append(finding.snippet)
    details.extend(
        f"related: {loc.path}:{loc.region.start_line}: {loc.message or ''}".rstrip(": ")
        for loc in finding.related
    )
    # XML 1.0 cannot hold control characters: clean() shows them as U+FFFD.
    failure.text = "\n".join(clean(line) for d in details for line in d.split("\n"))
    return case


def _notification_case(note: Notification) -> ET.Element:
    where = note.path or _SUITE
    case = ET.Element("testcase", name=f"analyse {where}", classname=where, time="0")
    message = clean(note.message)
    error = ET.SubElement(case, "error", type=note.level.value, message=message)
    error.text = message
    return case


def _suite(name: str, cases: list[ET.Element]) -> ET.Element:
    failures = sum(1 for c in cases if c.find("failure") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    suite = ET.Element(
        "testsuite",
        name=name,
        tests=str(len(cases)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
        time="0",
    )
    suite.extend(cases)
    return suite


def render(run: RunResult, rules: Sequence[Rule], *, color: bool = False) -> str:
    """The JUnit XML of ``run`` (``color`` is ignored).

    Args:
        run: The run's findings, files and notifications.
        rules: The rules that ran (unused: messages are complete already).
        color: Unused; every renderer takes it.

    Returns:
        An XML document with declaration, two-space indent, newline-terminated.
    """
    cases: dict[str, list[ET.Element]] = defaultdict(list)
    for finding in sorted(run.findings, key=lambda f: f.sort_key):
        if finding.suppression is None:
            cases[finding.location.path].append(_finding_case(finding))
    for note in sorted(run.notifications, key=lambda n: n.sort_key):
        if note.level.rank >= 3:  # errors only: an input was not analysed
            cases[note.path or _SUITE].append(_notification_case(note))
    for path in run.files:
        if path not in cases:
            ok = ET.Element("testcase", name=f"lint {path}", classname=path, time="0")
            cases[path].append(ok)
    suites = [_suite(name, cases[name]) for name in sorted(cases)]
    root = ET.Element(
        "testsuites",
        name=_SUITE,
        tests=str(sum(int(s.get("tests", "0")) for s in suites)),
        failures=str(sum(int(s.get("failures", "0")) for s in suites)),
        errors=str(sum(int(s.get("errors", "0")) for s in suites)),
        time="0",
    )
    root.extend(suites)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
