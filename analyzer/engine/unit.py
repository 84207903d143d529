"""Analysis of one unit of work: a directory's Go files, go.mod and manifest.

Each file is read and parsed once (GSL001/GSL002 come from here), node rules
are served by one query pass per file with dispatch by node kind, package
rules run once per directory, and findings leave with their suppressions,
snippets and fingerprints attached. Trees stay inside the unit.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.file_pass import Dispatch, offered_nodes
from go_script_lint.base import fingerprint
from go_script_lint.base.model import (
    FileResult,
    Finding,
    Level,
    LineIndex,
    Location,
    Notification,
    Region,
)
from go_script_lint.base.rule import Rule, matches_selector
from go_script_lint.base.safe_io import UNBOUNDED, Roots
from go_script_lint.base.source import (
    Encoding,
    classify,
    first_invalid_utf8,
    is_generated,
    read_bytes,
)
from go_script_lint.engine.file_checks import (
    budget_message,
    deadline_for,
    depth_message,
    printable,
    top_level_problems,
)
from go_script_lint.engine.masking import mask_secrets, masked_snippets
from go_script_lint.engine.ruleset import RuleSet
from go_script_lint.engine.suppress import (
    SuppressionComment,
    apply_suppressions,
    file_suppressions,
)
from go_script_lint.golang import limits
from go_script_lint.golang.parsing import error_regions, package_clause_problems
from go_script_lint.golang.recovery import RECOVERED, parse_go, recovered_syntax
from go_script_lint.golang.shebang import mask_shebang
from go_script_lint.golang.source_scan import line_end
from go_script_lint.project.config import UNUSED_SUPPRESSION, Config
from go_script_lint.project.discovery import GoFile, Unit, make_display

log = logging.getLogger(__name__)

PARSE_ERROR = "GSL001"
UNREADABLE = "GSL002"

SNIPPET_LINES = 5  # lines of code frame kept with each finding


def raise_internal_errors() -> bool:
    """Tests set ``GSL_RAISE_INTERNAL=1`` so a crashing rule fails loudly."""
    return os.environ.get("GSL_RAISE_INTERNAL") == "1"


# Generated files up to this size are parsed for their declarations (see load).
GENERATED_CONTEXT_BYTES = 256 * 1024


class UnitAnalysis:
    """Analysis of one directory; collects findings and notifications."""

    def __init__(
        self,
        unit: Unit,
        ruleset: RuleSet,
        config: Config,
        srcroot: Path,
        roots: Roots = UNBOUNDED,
    ) -> None:
        """Prepare to analyse ``unit``."""
        self.unit = unit
        self.ruleset = ruleset
        self.enabled = ruleset.ids
        self.config = config
        self.srcroot = srcroot
        self.display = make_display(srcroot)
        self.findings: list[Finding] = []
        self.notifications: list[Notification] = []
        self.sources: dict[str, bytes] = {}
        self.reported: set[str] = set()
        self.contexts: dict[str, FileContext] = {}
        self.roots = roots
        # Parse time counts against each file's time budget.
        self.parse_seconds: dict[str, float] = {}
        self.package = PackageContext(
            unit.display,
            unit.directory,
            config,
            gomod_path=unit.gomod,
            manifest_path=unit.manifest,
            owns_gomod=unit.owns_gomod,
            display=self.display,
            roots=roots,
        )

    # -- reading and parsing -------------------------------------------------

    def unreadable(self, path: str, message: str, level: Level = Level.ERROR) -> None:
        """A file that could not be (fully) analysed: GSL002 plus a notification."""
        if level is Level.ERROR:
            self.notifications.append(
                Notification(message, Level.ERROR, path=path, rule_id=UNREADABLE)
            )
        rule = self.ruleset.get(UNREADABLE)
        if rule is not None:
            loc = Location(path, Region(1, 1, 1, 1))
            self.findings.append(
                self.package.finding(rule, loc, level=level, problem=message)
            )

    def load(self, go_file: GoFile) -> None:
        """Read, classify and parse one Go file; report GSL001/GSL002."""
        path = go_file.display
        result = read_bytes(go_file.abspath, self.config.max_file_bytes, self.roots)
        if result.data is None:
            if go_file.report:
                self.unreadable(path, result.error or "cannot read")
            return
        data = result.data
        encoding = classify(data)
        if encoding in (Encoding.UTF16, Encoding.BINARY):
            if go_file.report:
                what = "UTF-16 text" if encoding is Encoding.UTF16 else "binary data"
                self.unreadable(path, f"not UTF-8 Go source ({what}); not analysed")
            return
        skip_generated = go_file.report and not (
            go_file.explicit or self.config.include_generated
        )
        # A skipped generated file still declares names the package uses
        # (`helper() error`): read it for context only, unless it is a huge table.
        context_only = skip_generated and is_generated(data)
        if context_only and len(data) > GENERATED_CONTEXT_BYTES:
            return
        # parse_go also recovers Go newer than the grammar (golang/recovery.py).
        started = time.monotonic()
        try:
            with limits.deadline(deadline_for(self.config)):
                parsed = parse_go(mask_shebang(data))  # `#!` line: GSL108, not GSL001
        except limits.BudgetExceeded as exc:
            msg = budget_message(self.config, exc)
            return self.unreadable(path, msg) if go_file.report else None
        self.parse_seconds[path] = time.monotonic() - started
        if limits.deeper_than(parsed.tree.root_node):  # queries cannot see that deep
            return self.unreadable(path, depth_message()) if go_file.report else None
        ctx = FileContext(
            path, go_file.abspath, data, parsed.tree, self.package, self.config
        )
        ctx.memo(RECOVERED, lambda: parsed.recovered)
        self.package.files.append(ctx)
        self.contexts[path] = ctx
        self.sources[path] = data
        if not go_file.report or context_only:
            # Its trees would be most of the unit's memory (a generated
            # sibling is large): the facts other files ask for stay, as data.
            ctx.keep_facts_only(lambda: parse_go(mask_shebang(data)).tree)
            return
        self.reported.add(path)
        if encoding is Encoding.INVALID_UTF8:
            self.invalid_utf8(ctx)
        if PARSE_ERROR in self.enabled:
            self.parse_errors(ctx)

    def invalid_utf8(self, ctx: FileContext) -> None:
        """GSL002 (warning) at the first invalid byte; the file is still analysed."""
        rule = self.ruleset.get(UNREADABLE)
        if rule is None:
            return
        offset = max(0, first_invalid_utf8(ctx.source))
        loc = Location(ctx.path, ctx.region(offset, offset + 1))
        self.findings.append(
            ctx.finding(
                rule,
                loc,
                level=Level.WARNING,
                problem="invalid UTF-8; analysed with replacement characters",
            )
        )

    def parse_errors(self, ctx: FileContext) -> None:
        """GSL001 at the start of each region the parser could not read."""
        rule = self.ruleset.get(PARSE_ERROR)
        if rule is None:
            return
        recovered = recovered_syntax(ctx)
        for region in error_regions(ctx.root):
            # Valid Go the grammar could not read (and recovery could) is never GSL001.
            if any(r.start_byte <= region.start_byte < r.end_byte for r in recovered):
                continue
            end = region.end_byte if region.missing is None else region.start_byte
            if region.missing is None:
                # Point at the first line of the error region only (CR ends a line too).
                end = min(line_end(ctx.source, region.start_byte), end)
                shown = printable(ctx.source[region.start_byte : end].strip())
                detail = (
                    f"unexpected `{shown[:40]}`" if shown else "unexpected end of input"
                )
            else:
                detail = f"missing `{region.missing}`"
            loc = Location(ctx.path, ctx.region(region.start_byte, end))
            self.findings.append(ctx.finding(rule, loc, detail=detail))
        strays = top_level_problems(ctx.source, ctx.root)
        for start, end, detail in (*strays, *package_clause_problems(ctx.root)):
            loc = Location(ctx.path, ctx.region(start, end))
            self.findings.append(ctx.finding(rule, loc, detail=detail))

    # -- rules ---------------------------------------------------------------

    def internal_error(self, rule: Rule, path: str, exc: BaseException) -> None:
        """A rule crashed: tell the user which rule and file, keep going."""
        log.debug("rule %s failed on %s:\n%s", rule.id, path, traceback.format_exc())
        self.notifications.append(
            Notification(
                f"internal error in rule {rule.id} on {path}: {type(exc).__name__}: {exc}",
                Level.ERROR,
                path=path,
                rule_id=rule.id,
                descriptor="internal-error",
            )
        )

    def run_rules(self) -> None:
        """One query pass per file for node rules, then the package rules."""
        for path in sorted(self.reported):
            ctx = self.contexts[path]
            dispatch = self.ruleset.dispatch_for(ctx)
            # The per-file time budget (parse time included) is checked between
            # nodes and inside queries; package facts are not charged to it.
            spent = self.parse_seconds.get(path, 0.0)
            first = len(self.findings)
            try:
                with limits.deadline(deadline_for(self.config, spent)):
                    self.dispatch_nodes(ctx, dispatch)
            except limits.BudgetExceeded as exc:
                del self.findings[first:]
                self.unreadable(path, budget_message(self.config, exc))
        for rule in self.ruleset.package_rules():
            assert rule.package_check is not None
            try:
                self.findings.extend(rule.package_check(self.package))
            except Exception as exc:
                if raise_internal_errors():
                    raise
                self.internal_error(rule, self.unit.display, exc)

    def dispatch_nodes(self, ctx: FileContext, dispatch: Dispatch) -> None:
        """Offer each node of the asked-for kinds to its rules (inside a deadline)."""
        check_budget = limits.check
        add = self.findings.extend
        for node, rules in offered_nodes(ctx, dispatch):
            check_budget("the rules")
            for rule in rules:
                assert rule.check is not None
                try:
                    add(rule.check(node, ctx))
                except limits.BudgetExceeded:
                    raise
                except Exception as exc:
                    if raise_internal_errors():
                        raise
                    self.internal_error(rule, ctx.path, exc)

    def source_of(self, path: str) -> bytes | None:
        """Bytes the analysis read (never a second read through the path)."""
        return self.sources.get(path) or self.package.sources.get(path) or None

    def input_problems(
        self,
    ) -> None:  # GSL002 for unreadable inputs, a note for refused
        for p in self.package.input_problems:
            if p.outside:
                self.notifications.append(Notification(p.message, Level.NOTE, p.path))
            else:
                self.unreadable(p.path, p.message)

    def finish(self) -> FileResult:
        """Suppressions, snippets and fingerprints; then the unit's result."""
        self.input_problems()
        by_path: dict[str, list[Finding]] = defaultdict(list)
        known = {f.display for f in self.unit.go_files}
        for finding in self.findings:
            path = finding.location.path
            if (
                path in known
                and path not in self.reported
                and finding.rule_id != UNREADABLE
            ):
                continue  # a context-only sibling: its own run reports it
            by_path[path].append(finding)
        if UNUSED_SUPPRESSION in self.enabled:
            for path in self.reported:
                by_path.setdefault(path, [])
        finished: list[Finding] = []
        for path, items in sorted(by_path.items()):
            finished.extend(self.finish_file(path, items))
        return FileResult(
            findings=tuple(finished),
            notifications=tuple(self.notifications),
            files=tuple(sorted(self.reported)),
        )

    def release(self) -> None:
        """Drop the unit's trees and facts now, not at the next full collection.

        Contexts, their memos and the package refer to each other in cycles
        that only the cyclic collector frees, so without this a unit's trees
        (allocated outside what the collector counts) outlive it by many units.
        """
        for ctx in self.package.files:
            resolver = vars(ctx).get("resolver")  # its definitions point back at it
            if resolver is not None:
                vars(resolver).clear()
            vars(ctx).clear()
        vars(self.package).clear()
        self.contexts.clear()
        self.sources.clear()

    def finish_file(self, path: str, items: list[Finding]) -> list[Finding]:
        """Suppressions, then snippets and fingerprints, for one file's findings."""
        source = self.source_of(path)
        if source is None:
            return items
        ctx = self.contexts.get(path)
        lines = ctx.lines if ctx is not None else LineIndex(source)
        foreign = self.ruleset.foreign_ids if self.config.foreign_suppressions else None
        comments = file_suppressions(
            source, lines, ctx, foreign, require_reason=self.config.require_reason
        )
        items = apply_suppressions(items, comments)
        unused = self.ruleset.get(UNUSED_SUPPRESSION)
        if unused is not None:
            items.extend(self.unused_suppressions(unused, path, comments, lines))
        masked = mask_secrets(source, lines, items, self.ruleset.get)
        if masked is not source:
            # Hashes and fingerprints describe the real file; snippets never show secrets.
            items = masked_snippets(items, masked, SNIPPET_LINES)
        return fingerprint.fingerprint_findings(
            items, source, snippet_lines=SNIPPET_LINES, index=lines
        )

    def unused_suppressions(
        self,
        rule: Rule,
        path: str,
        comments: list[SuppressionComment],
        lines: LineIndex,
    ) -> Iterator[Finding]:
        """GSL003 for suppression comments that matched nothing (opt-in)."""
        others = [r for r in self.enabled if r != rule.id]
        for comment in comments:
            # A suppression of rules that did not run this time proves nothing.
            if comment.used or not any(
                matches_selector(r, comment.selectors) for r in others
            ):
                continue
            region = lines.region(comment.start_byte, comment.end_byte)
            yield self.package.finding(
                rule, Location(path, region), selectors=",".join(comment.selectors)
            )


def analyse_unit(
    unit: Unit,
    ruleset: RuleSet,
    config: Config,
    srcroot: Path,
    roots: Roots = UNBOUNDED,
) -> FileResult:
    """Analyse one directory; never raises for bad input."""
    analysis = UnitAnalysis(unit, ruleset, config, srcroot, roots)
    try:
        for go_file in unit.go_files:
            analysis.load(go_file)
        analysis.run_rules()
        return analysis.finish()
    finally:
        analysis.release()
