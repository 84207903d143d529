"""``go-script-lint --init-manifest PATH…``: write ``go-script.yaml`` from the code.

For each directory (or named Go file) the script's files are loaded as the
linter loads them, the manifest is inferred and validated against the
manifest schema, and written next to the entrypoint. An existing manifest is
never overwritten: a unified diff from it to the inferred one is printed
instead. Exit codes: 0 written or already in step; 1 an existing manifest
differs (the diff is on stdout); 2 no script found or the inferred manifest
does not validate (a bug: please report it).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

import click

from go_script_lint.analysis.context import PackageContext
from go_script_lint.analysis.manifest_writer import (
    entrypoints,
    manifest_problems,
    manifest_text,
    script_name,
)
from go_script_lint.base.rule import Rule
from go_script_lint.base.safe_io import UNBOUNDED, Kind, Roots, read_regular
from go_script_lint.engine.ruleset import RuleSet
from go_script_lint.engine.unit import UnitAnalysis
from go_script_lint.project.config import Config
from go_script_lint.project.discovery import MANIFEST_NAME, Unit, discover

EXIT_WRITTEN = 0
EXIT_DIFFERS = 1
EXIT_FAILED = 2
ENV_RULE = "GSL403"  # its `environment-allow` names reads that are not parameters


def load_package(
    unit: Unit, config: Config, srcroot: Path, roots: Roots = UNBOUNDED
) -> PackageContext:
    """The unit's files read and parsed as a lint run does, without running rules."""
    analysis = UnitAnalysis(unit, RuleSet(()), config, srcroot, roots)
    for go_file in unit.go_files:
        analysis.load(go_file)
    return analysis.package


def _skip_env(registry: Sequence[Rule], config: Config) -> frozenset[str]:
    rule = next((r for r in registry if r.id == ENV_RULE), None)
    if rule is None:
        return frozenset()
    return frozenset(config.options_for(rule).get("environment-allow", ()))


def init_manifests(
    targets: Sequence[str], registry: Sequence[Rule], config: Config, srcroot: Path
) -> int:
    """Write (or diff) a manifest for every target; the exit code."""
    found = discover(targets, srcroot=srcroot, excludes=config.exclude)
    for problem in found.problems:
        click.echo(f"go-script-lint: {problem.display}: {problem.message}", err=True)
    named = {Path(t).resolve() for t in targets if Path(t).is_file()}
    asked = {Path(t).resolve() for t in targets} | {p.parent for p in named}
    codes = [EXIT_FAILED if not found.units else EXIT_WRITTEN]
    for unit in found.units:
        if not any(f.report for f in unit.go_files):
            continue
        loud = (
            unit.directory.resolve() in asked
        )  # walked library directories stay quiet
        codes.append(_one(unit, named, loud, registry, config, srcroot, found.roots))
    return max(codes)


def _one(
    unit: Unit,
    named: set[Path],
    loud: bool,
    registry: Sequence[Rule],
    config: Config,
    srcroot: Path,
    roots: Roots,
) -> int:
    pkg = load_package(unit, config, srcroot, roots)
    mains = entrypoints(pkg)
    chosen = [f for f in mains if f.abspath.resolve() in named] or mains
    if not chosen:
        if loud:
            click.echo(
                f"go-script-lint: {unit.display}: no `func main` in package main; skipped",
                err=True,
            )
        return EXIT_WRITTEN
    entry = chosen[0]
    if len(chosen) > 1:
        others = ", ".join(f.abspath.name for f in chosen[1:])
        click.echo(
            f"go-script-lint: {unit.display}: several `func main` ({others}); "
            f"using {entry.abspath.name} (name one file to choose)",
            err=True,
        )
    raw = (
        entry.abspath.stem if entry.abspath.resolve() in named else unit.directory.name
    )
    target = unit.directory / MANIFEST_NAME
    display = pkg.display_path(target)
    text = manifest_text(pkg, entry, script_name(raw), _skip_env(registry, config))
    problems = manifest_problems(text, target, display)
    if problems:
        for problem in problems:
            click.echo(
                f"go-script-lint: {display}: invalid inferred manifest: {problem.message}",
                err=True,
            )
        return EXIT_FAILED
    if os.path.lexists(target):  # a dangling link too: never written through
        return _diff(target, display, text, roots)
    try:
        fd = os.open(
            target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666
        )
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        click.echo(f"go-script-lint: {display}: cannot write: {exc.strerror}", err=True)
        return EXIT_FAILED
    click.echo(f"go-script-lint: wrote {display}", err=True)
    return EXIT_WRITTEN


def _diff(target: Path, display: str, text: str, roots: Roots) -> int:
    read = read_regular(target, Kind.MANIFEST, roots=roots)
    if read.data is None:
        click.echo(f"go-script-lint: {display}: {read.error}", err=True)
        return EXIT_FAILED
    old = read.data.decode("utf-8", errors="replace")
    if old == text:
        click.echo(f"go-script-lint: {display} is up to date", err=True)
        return EXIT_WRITTEN
    click.echo(
        f"go-script-lint: {display} exists; not overwritten. Inferred changes:",
        err=True,
    )
    diff = difflib.unified_diff(
        old.splitlines(keepends=True),
        text.splitlines(keepends=True),
        f"a/{display}",
        f"b/{display} (inferred)",
    )
    click.echo("".join(diff), nl=False)
    return EXIT_DIFFERS
