"""A SARIF log checked the way its consumers read it, with nothing outside the repo.

1. JSON Schema: the OASIS SARIF 2.1.0 errata01 schema, copied into
   ``tests/data/sarif-schema-2.1.0.json``.
2. GitHub code scanning's ingestion rules and limits (rule metadata, result
   counts, relative URIs, declared ``uriBaseId``s, regions).
3. Given the source root: every region lies inside its file, columns are
   UTF-16 code units, and ``primaryLocationLineHash`` equals GitHub's value.
   That value comes from :func:`line_hashes`, which tests/test_fingerprint.py
   proves equal to reference values computed by GitHub's algorithm
   (``tests/data/line_hashes_reference.json``).

The checks follow the project's reference validator (``check_sarif.py``), so the
tests need neither it nor anything else beside the repository.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jsonschema

from go_script_lint.base.fingerprint import line_hashes

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
MAX_RUNS = 20
MAX_RESULTS = 25_000
MAX_RULES = 25_000
MAX_LOCATIONS = 1_000
MAX_TAGS = 20
MAX_DESCRIPTION = 1024
MAX_NAME = 255
MAX_GZIP_BYTES = 10 * 1024 * 1024
PRECISIONS = {"very-high", "high", "medium", "low"}
LEVELS = {"none", "note", "warning", "error"}


@dataclass
class Report:
    """Problems (GitHub would reject or misread the log) and the results seen."""

    problems: list[str] = field(default_factory=list)
    results: int = 0

    def bad(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def schema_errors(log: object) -> list[str]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft4Validator(schema).iter_errors(log),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    return [f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors]


def check_sarif(log_text: str, srcroot: Path | None = None) -> Report:
    """Everything the reference validator checks, for one serialised log."""
    report = Report()
    raw = log_text.encode("utf-8")
    if len(gzip.compress(raw)) > MAX_GZIP_BYTES:
        report.bad("file", "over 10 MB gzipped: GitHub rejects it")
    log = json.loads(raw)
    for error in schema_errors(log):
        report.bad("schema", error)
    if log.get("version") != "2.1.0":
        report.bad("log", f"version {log.get('version')!r} is not 2.1.0")
    runs = log.get("runs") or []
    if len(runs) > MAX_RUNS:
        report.bad("log", f"{len(runs)} runs > {MAX_RUNS}")
    for r, run in enumerate(runs):
        rules = _check_rules(run, f"run[{r}]", report)
        _check_results(run, rules, f"run[{r}]", srcroot, report)
    return report


def _text(obj: object) -> str | None:
    text = obj.get("text") if isinstance(obj, dict) else None
    return text if isinstance(text, str) else None


def _check_rules(run: dict[str, Any], where: str, report: Report) -> list[Any]:
    rules = (run.get("tool") or {}).get("driver", {}).get("rules")
    if not isinstance(rules, list):
        report.bad(where, "tool.driver.rules missing: GitHub needs rule metadata")
        return []
    if len(rules) > MAX_RULES:
        report.bad(where, f"{len(rules)} rules > {MAX_RULES}")
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        rid = rule.get("id")
        w = f"{where} rule {rid or i}"
        if not isinstance(rid, str) or not rid:
            report.bad(w, "no id")
            continue
        if rid in seen:
            report.bad(w, "duplicate rule id")
        seen.add(rid)
        name = rule.get("name")
        if name == rid or (isinstance(name, str) and len(name) > MAX_NAME):
            report.bad(w, "name equals id or is too long")
        for key in ("shortDescription", "fullDescription"):
            text = _text(rule.get(key))
            if not text or len(text) > MAX_DESCRIPTION:
                report.bad(w, f"{key}.text missing or longer than {MAX_DESCRIPTION}")
        if not _text(rule.get("help")):
            report.bad(w, "help.text missing")
        props = rule.get("properties") or {}
        if len(props.get("tags") or []) > MAX_TAGS:
            report.bad(w, f"more than {MAX_TAGS} tags")
        severity = props.get("security-severity")
        if severity is not None and not (
            isinstance(severity, str)
            and re.fullmatch(r"\d+(\.\d+)?", severity)
            and 0.0 < float(severity) <= 10.0
        ):
            report.bad(w, f"security-severity {severity!r} is not a string 0.1-10.0")
        if props.get("precision", "high") not in PRECISIONS:
            report.bad(w, f"precision {props.get('precision')!r}")
        level = (rule.get("defaultConfiguration") or {}).get("level")
        if level is not None and level not in LEVELS:
            report.bad(w, f"defaultConfiguration.level {level!r}")
    return rules


def _check_results(
    run: dict[str, Any],
    rules: list[Any],
    where: str,
    srcroot: Path | None,
    report: Report,
) -> None:
    results = run.get("results")
    if not isinstance(results, list):
        report.bad(where, "results array missing (GitHub's upload rejects the run)")
        return
    if len(results) > MAX_RESULTS:
        report.bad(where, f"{len(results)} results > {MAX_RESULTS}")
    report.results += len(results)
    rule_ids = [r.get("id") for r in rules]
    base_ids = run.get("originalUriBaseIds") or {}
    sources: dict[Path, bytes | None] = {}
    for i, result in enumerate(results):
        w = f"{where} result[{i}]"
        rid = result.get("ruleId")
        if not rid or (rule_ids and rid not in rule_ids):
            report.bad(w, f"ruleId {rid!r} not among driver rules")
        index = result.get("ruleIndex")
        if index is not None and (
            not isinstance(index, int)
            or index >= len(rule_ids)
            or rule_ids[index] != rid
        ):
            report.bad(w, f"ruleIndex {index} does not point at {rid}")
        if not _text(result.get("message")):
            report.bad(w, "empty message.text")
        if result.get("level", "warning") not in LEVELS:
            report.bad(w, f"level {result.get('level')!r}")
        locations = result.get("locations") or []
        if not locations or len(locations) > MAX_LOCATIONS:
            report.bad(w, f"{len(locations)} locations")
            continue
        physical = locations[0].get("physicalLocation") or {}
        artifact = physical.get("artifactLocation") or {}
        uri = artifact.get("uri")
        if not isinstance(uri, str):
            report.bad(w, "primary location has no artifactLocation.uri")
            continue
        if uri.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", uri):
            report.bad(w, f"uri {uri!r} is an absolute path, not a URI")
        if urlparse(uri).scheme == "file":
            report.bad(w, f"absolute file URI {uri!r} leaks a machine path")
        base = artifact.get("uriBaseId")
        if base and base not in base_ids:
            report.bad(w, f"uriBaseId {base} not declared in run.originalUriBaseIds")
        fingerprint = (result.get("partialFingerprints") or {}).get(
            "primaryLocationLineHash"
        )
        if fingerprint is not None and not re.fullmatch(
            r"[0-9a-f]+:\d+", str(fingerprint)
        ):
            report.bad(w, f"primaryLocationLineHash {fingerprint!r} malformed")
        region = physical.get("region") or {}
        if not _region_is_sane(region, w, report) or srcroot is None:
            continue
        path = srcroot / unquote(uri)
        if path not in sources:
            sources[path] = path.read_bytes() if path.is_file() else None
        source = sources[path]
        if source is None:
            report.bad(w, f"{uri}: file not found under the source root")
            continue
        _check_against_source(source, region, fingerprint, f"{w} {uri}", report)


def _region_is_sane(region: dict[str, Any], where: str, report: Report) -> bool:
    start_line = region.get("startLine")
    if not isinstance(start_line, int) or start_line < 1:
        report.bad(where, f"region.startLine {start_line!r} < 1")
        return False
    end_line = region.get("endLine", start_line)
    start_col = region.get("startColumn", 1)
    end_col = region.get("endColumn")
    if end_line < start_line:
        report.bad(where, "endLine before startLine")
    if start_col < 1 or (end_col is not None and end_col < 1):
        report.bad(where, "column < 1")
    if end_line == start_line and end_col is not None and end_col < start_col:
        report.bad(where, "endColumn before startColumn")
    return True


def _check_against_source(
    source: bytes,
    region: dict[str, Any],
    fingerprint: object,
    where: str,
    report: Report,
) -> None:
    text = source.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start_line = region["startLine"]
    end_line = region.get("endLine", start_line)
    if max(start_line, end_line) > len(lines):
        report.bad(where, f"line {max(start_line, end_line)} beyond end of file")
        return
    end_col = region.get("endColumn")
    if end_col is not None:
        limit = len(lines[end_line - 1].encode("utf-16-le")) // 2 + 1
        if end_col > limit + 1:
            report.bad(where, f"endColumn {end_col} past end of line (max {limit})")
    if fingerprint is not None:
        expected = line_hashes(source, [start_line]).get(start_line)
        if fingerprint != expected:
            report.bad(where, f"primaryLocationLineHash {fingerprint} != {expected}")
