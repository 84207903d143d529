"""Command-line interface: the only module that prints or exits.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage or
configuration error, or an input that could not be analysed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import click

from go_script_lint import __version__, engine
from go_script_lint.base.model import Risk
from go_script_lint.base.rule import Rule
from go_script_lint.cli.init_manifest import init_manifests
from go_script_lint.cli.registry import load_registry
from go_script_lint.cli.report import (
    EXIT_CLEAN,
    EXIT_ERROR,
    exit_code,
    fail,
    render_report,
    summary_line,
    write_report,
)
from go_script_lint.cli.setup import (
    make_config,
    parse_shard,
    print_config,
    split_values,
)
from go_script_lint.engine import baseline, fixes
from go_script_lint.engine.cache import ResultCache, default_cache_dir
from go_script_lint.project import vcs


def _list_rules(registry: Sequence[Rule]) -> None:
    for rule in registry:
        status = "" if rule.implemented else "  (reserved, not implemented)"
        opt_in = "  (opt-in)" if rule.implemented and not rule.default_enabled else ""
        click.echo(
            f"{rule.id}  {rule.name:<28} {rule.level.value:<7} scan:{rule.scan_level.value:<6} "
            f"{rule.summary}{status}{opt_in}"
        )


def explain(rule: Rule) -> str:
    """A rule's catalog entry as terminal text."""
    from go_script_lint.cli.rule_docs import rule_markdown

    return rule_markdown(rule)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE.",
)
@click.option(
    "--risk-level",
    type=click.Choice(["low", "medium", "high"]),
    default=None,
    help="Scan depth: low = high-confidence rules only, high adds the deep scan.  [default: medium]",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rule ids or prefixes (GSL2, GSL301); repeatable or comma-separated.",
)
@click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default=None,
    help="Lowest level that makes the exit code 1.  [default: note]",
)
@click.option(
    "--schema-path",
    type=click.Path(path_type=Path),
    help="JSON Schema describing the script's parameters.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Config file (default: nearest .go-script-lint.yaml).",
)
@click.option("--no-config", is_flag=True, help="Ignore .go-script-lint.yaml files.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip; repeatable.")
@click.option(
    "--include-generated",
    is_flag=True,
    default=None,
    help="Also analyse files marked `// Code generated ... DO NOT EDIT.`",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    default=None,
    help="Follow symbolic links that point outside the scanned paths.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes (0 = one per CPU).  [default: CPUs]",
)
@click.option(
    "--srcroot",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Root that reported paths are relative to.  [default: .]",
)
@click.option(
    "--category",
    default=None,
    help="SARIF automationDetails.id, for several uploads per commit.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Result cache directory.  [default: ~/.cache/go-script-lint]",
)
@click.option(
    "--no-cache", is_flag=True, help="Neither read nor write the result cache."
)
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    help="Analyse only the K-th of N deterministic slices of the directories (CI matrix).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings as the baseline and exit 0.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the certain rewrites (the SARIF `fixes`) in place, then report what remains.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the rewrites --fix would apply as a unified diff, change nothing.",
)
@click.option(
    "--omit-suppressed",
    is_flag=True,
    help="Leave suppressed findings out of the report (for GitHub uploads).",
)
@click.option(
    "--init-manifest",
    is_flag=True,
    help="Write go-script.yaml for each script from its code instead of linting "
    "(an existing one is never overwritten: the differences are printed).",
)
@click.option("--list-rules", is_flag=True, help="List the rule catalog and exit.")
@click.option(
    "--explain",
    "explain_id",
    metavar="RULE",
    help="Show a rule's documentation and exit.",
)
@click.option(
    "--show-config",
    is_flag=True,
    help="Print the effective configuration and where each value came from.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour text output.  [default: when writing to a terminal]",
)
@click.version_option(__version__, prog_name="go-script-lint")
def main(
    paths: tuple[str, ...],
    output_format: str,
    output: Path | None,
    risk_level: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    schema_path: Path | None,
    config_file: Path | None,
    no_config: bool,
    exclude: tuple[str, ...],
    include_generated: bool | None,
    follow_symlinks: bool | None,
    jobs: int | None,
    srcroot: Path | None,
    category: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    shard: str | None,
    baseline_file: Path | None,
    write_baseline: Path | None,
    fix: bool,
    show_diff: bool,
    omit_suppressed: bool,
    init_manifest: bool,
    list_rules: bool,
    explain_id: str | None,
    show_config: bool,
    color: bool | None,
) -> None:
    """Lint Go scripts: directives, dangerous calls, unchecked errors, struct tags, manifests.

    `go-script-lint server` starts the language server for editors (docs/editors.md).
    """
    registry = load_registry()
    if list_rules:
        _list_rules(registry)
        return
    if explain_id:
        wanted = explain_id.strip().upper()
        rule = next(
            (r for r in registry if r.id == wanted or r.name == explain_id), None
        )
        if rule is None:
            fail(f"no rule {explain_id!r}; see --list-rules")
        else:
            click.echo(explain(rule))
        return
    targets = paths or (".",)
    config = make_config(
        registry,
        targets,
        config_file=config_file,
        no_config=no_config,
        flags={
            "risk_level": Risk(risk_level) if risk_level else None,
            "select": split_values(select),
            "ignore": split_values(ignore),
            "fail_on": fail_on,
            "exclude": tuple(exclude),
            "include_generated": include_generated,
            "follow_symlinks": follow_symlinks,
            "schema_path": schema_path,
        },
    )
    if show_config:
        print_config(config)
        return
    if init_manifest:
        sys.exit(init_manifests(targets, registry, config, srcroot or Path(".")))
    if schema_path is not None and not schema_path.is_file():
        fail(f"--schema-path {schema_path}: no such file")
    root = srcroot or Path(".")
    workers = jobs if jobs not in (None, 0) else (os.cpu_count() or 1)
    rules = config.enabled_rules(registry)
    store = None if no_cache else ResultCache(cache_dir or default_cache_dir())
    slice_ = parse_shard(shard) if shard else None
    run = engine.run(
        targets, rules, config, srcroot=root, jobs=workers, cache=store, shard=slice_
    )
    if show_diff:
        click.echo(fixes.diff(run.findings, root), nl=False)
        sys.exit(EXIT_CLEAN)
    if fix:
        changed = fixes.apply_fixes(run.findings, root)
        click.echo(f"go-script-lint: fixed {len(changed)} file(s)", err=True)
        if changed:
            run = engine.run(
                targets,
                rules,
                config,
                srcroot=root,
                jobs=workers,
                cache=store,
                shard=slice_,
            )
    if write_baseline is not None:
        write_report(write_baseline, baseline.dump(run))
        click.echo(
            f"go-script-lint: wrote {write_baseline} with {len(run.findings)} findings",
            err=True,
        )
        sys.exit(EXIT_ERROR if not run.complete else EXIT_CLEAN)
    if baseline_file is not None:
        try:
            run = baseline.apply(run, baseline.load(baseline_file))
        except baseline.BaselineError as exc:
            fail(str(exc))
    if omit_suppressed:
        run = replace(
            run, findings=tuple(f for f in run.findings if f.suppression is None)
        )
    if category:
        run.options["category"] = category
    if output_format == "sarif":
        run.options.update(vcs.provenance(root))
    report = render_report(run, registry, output_format, output, color)
    if output is not None:
        write_report(output, report)
        if output_format != "text":
            click.echo(summary_line(run), err=True)
    else:
        click.echo(report, nl=False)
    sys.exit(exit_code(run, config.fail_on))


def entry() -> None:
    """``go-script-lint``: ``server`` starts the language server, anything else lints.

    The word is looked at before option parsing, so ``go-script-lint path/``
    keeps its meaning (a directory named ``server`` is ``./server``).
    """
    if sys.argv[1:2] == ["server"]:
        from go_script_lint.cli.server import server

        server.main(sys.argv[2:], prog_name="go-script-lint server")
    else:
        main()
