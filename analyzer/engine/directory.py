"""One directory's run, on the editor's buffers: what the language server asks for.

The unit is the one a walk of ``srcroot`` would build for that directory and
is analysed by the same code as ``go-script-lint path/``; the only
difference is that the given file contents stand in for the disk
(:mod:`go_script_lint.base.overlay`). No cache: buffers change every keystroke.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from go_script_lint.base import overlay
from go_script_lint.base.model import RunResult
from go_script_lint.engine.ruleset import RuleSet
from go_script_lint.engine.scheduler import (
    collect,
    drop_per_path_ignores,
    problems_to_results,
    safe_analyse,
)
from go_script_lint.project.config import Config
from go_script_lint.project.discovery import discover_directory


def run_directory(
    directory: Path,
    ruleset: RuleSet,
    config: Config,
    *,
    srcroot: Path,
    buffers: Mapping[Path, bytes] | None = None,
) -> RunResult:
    """Analyse one directory, reading ``buffers`` (path → bytes) in place of those files.

    Args:
        directory: The directory whose Go files, go.mod and manifest to analyse.
        ruleset: The enabled rules (keep one: it caches its dispatch indexes).
        config: The effective configuration.
        srcroot: Reported paths are relative to it.
        buffers: Unsaved contents of any input file, by path.
    """
    with overlay.overlaid(buffers or {}):
        found = discover_directory(
            directory,
            srcroot=srcroot,
            excludes=config.exclude,
            follow_symlinks=config.follow_symlinks,
        )
        results = [problems_to_results(found, ruleset, config)]
        results.extend(
            safe_analyse(unit, ruleset, config, srcroot, found.roots)
            for unit in found.units
        )
    return drop_per_path_ignores(
        collect(results, ruleset, config), config, ruleset.rules
    )
