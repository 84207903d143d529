"""Command-line interface: the only module that prints or exits.

``go-script-lint`` is a group whose default command is ``check`` (see
:mod:`go_script_lint.cli.dispatch`): ``go-script-lint PATH`` lints, and
``go-script-lint explain GSL201`` explains. Other subcommands are added with
``main.add_command``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings (or, with
``--diff``, something to change); 2 usage or configuration error, or an input
that could not be analysed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from go_script_lint import __version__, engine
from go_script_lint.base.model import Risk, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.cli import catalog
from go_script_lint.cli.dispatch import DefaultCommand, DefaultGroup
from go_script_lint.cli.flags import check_options
from go_script_lint.cli.registry import load_registry
from go_script_lint.cli.report import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    exit_code,
    fail,
    interruptible,
    render_report,
    statistics,
    summary_line,
    write_report,
    write_stdout,
)
from go_script_lint.cli.server import server
from go_script_lint.cli.setup import (
    make_config,
    parse_shard,
    print_config,
    split_values,
)
from go_script_lint.cli.stdin import lint_stdin
from go_script_lint.cli.terminal import Progress, show_progress, use_color
from go_script_lint.engine import baseline, fixes
from go_script_lint.engine.cache import ResultCache, default_cache_dir
from go_script_lint.project import vcs
from go_script_lint.project.config import Config

HELP = {"help_option_names": ["-h", "--help"]}


@click.group(cls=DefaultGroup, default_command="check", context_settings=HELP)
@click.version_option(__version__, prog_name="go-script-lint")
def main() -> None:
    """Lint Go scripts: directives, dangerous calls, unchecked errors, struct tags, manifests."""


@main.command("explain", context_settings=HELP)
@click.argument("rule_id", metavar="RULE")
def explain_command(rule_id: str) -> None:
    """Show a rule's documentation (by id or name) and exit."""
    _explain(load_registry(), rule_id)


main.add_command(server, "server")


def _explain(registry: Sequence[Rule], wanted: str) -> None:
    rule = catalog.find_rule(registry, wanted)
    if rule is None:
        fail(f"no rule {wanted!r}; see --list-rules")
    else:
        click.echo(catalog.explain(rule))


@dataclass(frozen=True)
class CheckOptions:
    """The ``check`` command's options, as click parsed them (see ``flags``)."""

    output_format: str
    output: Path | None
    risk_level: str | None
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    schema_path: Path | None
    config_file: Path | None
    no_config: bool
    exclude: tuple[str, ...]
    respect_gitignore: bool | None
    include_generated: bool | None
    follow_symlinks: bool | None
    jobs: int | None
    srcroot: Path | None
    category: str | None
    cache_dir: Path | None
    no_cache: bool
    shard: str | None
    baseline_file: Path | None
    include_absent: bool
    write_baseline: Path | None
    fix: bool
    show_diff: bool
    omit_suppressed: bool
    init_manifest: bool
    list_rules: bool
    explain_id: str | None
    show_config: bool
    statistics: bool
    stdin_filename: str | None
    color: str
    no_color: bool
    progress: str


@main.command("check", cls=DefaultCommand, context_settings=HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@check_options
@click.version_option(__version__, prog_name="go-script-lint")
@interruptible
def check(paths: tuple[str, ...], **flags: Any) -> None:
    """Lint Go scripts (the default command: `go-script-lint PATH` is `check PATH`).

    PATHS are files and directories (default: .); `-` reads one Go file from
    standard input, named by --stdin-filename.
    """
    opts = CheckOptions(**flags)
    registry = load_registry()
    if opts.list_rules:
        listing = catalog.rules_json if opts.output_format == "json" else None
        click.echo((listing or catalog.rules_text)(registry), nl=False)
        return
    if opts.explain_id:
        _explain(registry, opts.explain_id)
        return
    reading_stdin = paths == ("-",)
    if "-" in paths and not reading_stdin:
        fail("`-` (standard input) cannot be combined with other paths")
    if reading_stdin and (opts.fix or opts.show_diff or opts.write_baseline):
        fail("--fix, --diff and --write-baseline need files, not standard input")
    stdin_name = opts.stdin_filename or "stdin.go"
    targets = paths or (".",)
    config = _config(registry, (stdin_name,) if reading_stdin else targets, opts)
    if opts.show_config:
        print_config(config)
        return
    if opts.init_manifest:
        # Imported here: manifest inference is only needed by --init-manifest.
        from go_script_lint.cli.init_manifest import init_manifests

        sys.exit(init_manifests(targets, registry, config, opts.srcroot or Path(".")))
    if opts.schema_path is not None and not opts.schema_path.is_file():
        fail(f"--schema-path {opts.schema_path}: no such file")
    root = opts.srcroot or Path(".")
    if reading_stdin:
        data = sys.stdin.buffer.read()
        uncached = replace(opts, no_cache=True)  # temporary paths: nothing to reuse
        run = lint_stdin(
            data,
            stdin_name,
            root,
            lambda p, r: _analyse(registry, p, config, uncached, r, None),
        )
    else:
        run = _analyse(registry, targets, config, opts, root, _progress(opts))
    if not (run.files or run.findings or run.notifications):
        where = " ".join(targets)
        click.echo(f"go-script-lint: warning: no Go files found in {where}", err=True)
    if opts.show_diff:
        patch = fixes.diff(run.findings, root)
        click.echo(patch, nl=False)
        sys.exit(EXIT_FINDINGS if patch else EXIT_CLEAN)
    if opts.fix:
        changed = fixes.apply_fixes(run.findings, root)
        click.echo(f"go-script-lint: fixed {len(changed)} file(s)", err=True)
        if changed:
            run = _analyse(registry, targets, config, opts, root, None)
    _finish(run, registry, config, opts, root)


def _config(
    registry: Sequence[Rule], targets: tuple[str, ...], opts: CheckOptions
) -> Config:
    return make_config(
        registry,
        targets,
        config_file=opts.config_file,
        no_config=opts.no_config,
        flags={
            "risk_level": Risk(opts.risk_level) if opts.risk_level else None,
            "select": split_values(opts.select),
            "extend_select": split_values(opts.extend_select),
            "ignore": split_values(opts.ignore),
            "fail_on": opts.fail_on,
            "exclude": tuple(opts.exclude),
            "respect_gitignore": opts.respect_gitignore,
            "include_generated": opts.include_generated,
            "follow_symlinks": opts.follow_symlinks,
            "schema_path": opts.schema_path,
        },
    )


def _progress(opts: CheckOptions) -> Progress | None:
    stream = sys.stderr
    return Progress(stream) if show_progress(opts.progress, stream) else None


def _analyse(
    registry: Sequence[Rule],
    targets: tuple[str, ...] | list[str],
    config: Config,
    opts: CheckOptions,
    root: Path,
    progress: Progress | None,
) -> RunResult:
    """One engine run; GSL003 alone also runs the rules its suppressions name."""
    rules = config.rules_to_run(registry)
    workers = opts.jobs if opts.jobs not in (None, 0) else (os.cpu_count() or 1)
    store = (
        None if opts.no_cache else ResultCache(opts.cache_dir or default_cache_dir())
    )
    try:
        run = engine.run(
            list(targets),
            rules,
            config,
            srcroot=root,
            jobs=workers,
            cache=store,
            shard=parse_shard(opts.shard) if opts.shard else None,
            progress=progress,
            catalog=registry,
        )
    finally:
        if progress is not None:
            progress.close()
    ids = config.reported(registry)
    if len(ids) == len(rules):
        return run
    return replace(
        run,
        findings=tuple(f for f in run.findings if f.rule_id in ids),
        rule_ids=tuple(i for i in run.rule_ids if i in ids),
    )


def _finish(
    run: RunResult,
    registry: Sequence[Rule],
    config: Config,
    opts: CheckOptions,
    root: Path,
) -> None:
    """Baselines, filters, then the report where it belongs and the exit code."""
    if opts.write_baseline is not None:
        write_report(opts.write_baseline, baseline.dump(run))
        click.echo(
            f"go-script-lint: wrote {opts.write_baseline} with {len(run.findings)} findings",
            err=True,
        )
        sys.exit(EXIT_ERROR if not run.complete else EXIT_CLEAN)
    if opts.baseline_file is not None:
        try:
            run = baseline.apply(run, baseline.load(opts.baseline_file))
        except baseline.BaselineError as exc:
            fail(str(exc))
        if not opts.include_absent:
            kept = (f for f in run.findings if f.baseline_state != "absent")
            run = replace(run, findings=tuple(kept))
    if opts.omit_suppressed:
        run = replace(
            run, findings=tuple(f for f in run.findings if f.suppression is None)
        )
    if opts.category:
        run.options["category"] = opts.category
    if opts.output_format == "sarif":
        run.options.update(vcs.provenance(root))
    if opts.statistics:
        click.echo(statistics(run, registry), nl=False)
        sys.exit(exit_code(run, config.fail_on))
    choice = "never" if opts.no_color else opts.color
    to_terminal = opts.output is None and sys.stdout.isatty()
    color = use_color(choice, to_terminal=to_terminal)
    report, code = render_report(run, registry, opts.output_format, color=color)
    if opts.output is not None:
        write_report(opts.output, report)
        if opts.output_format != "text":
            click.echo(summary_line(run), err=True)
    else:
        write_stdout(report, color=color)
    sys.exit(code if code is not None else exit_code(run, config.fail_on))
