"""What the server shows for a directory: the engine's run, as the CLI would report it.

:class:`WorkspaceLinter` knows no protocol. For a directory it finds the
workspace folder it belongs to (reported paths are relative to it, as when
``go-script-lint`` runs there), the nearest config file (read from the
editor's buffer when it is open) layered under the client's settings, runs
the engine on the buffers, applies the baseline, and keeps the findings the
CLI would count: not suppressed, not hidden by the baseline.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import traceback
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from go_script_lint.base import overlay
from go_script_lint.base.model import Finding, Notification, Region, RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.engine import baseline
from go_script_lint.engine.directory import run_directory
from go_script_lint.engine.ruleset import RuleSet
from go_script_lint.engine.suppress import foreign_id_map
from go_script_lint.lsp.settings import Settings
from go_script_lint.project.config import CONFIG_NAMES, Config, find_config
from go_script_lint.project.config_file import ConfigError, build_config
from go_script_lint.project.discovery import (
    GOMOD_NAME,
    MANIFEST_NAME,
    forget_gomod_locations,
)

log = logging.getLogger(__name__)

_POSITION = re.compile(r":(\d+):(\d+): ")


def norm(path: Path | str) -> Path:
    """Absolute, normalised path: the key of every per-file table."""
    return Path(os.path.normpath(os.path.abspath(path)))


@dataclass(frozen=True)
class ConfigProblem:
    """A config file the server could not use, with where the CLI would point."""

    path: Path
    message: str
    region: Region


@dataclass(frozen=True)
class DirectoryLint:
    """One directory's findings, by absolute path of the file they are in.

    ``covered`` are the files whose diagnostics this run decides (its Go
    files, its go.mod and manifest), so a file that became clean is cleared.
    """

    directory: Path
    root: Path
    findings: Mapping[Path, tuple[Finding, ...]]
    covered: frozenset[Path]
    notifications: tuple[Notification, ...] = ()
    config_problem: ConfigProblem | None = None


@dataclass
class _ConfigState:
    key: tuple[Path | None, str]
    config: Config
    problem: ConfigProblem | None


@dataclass
class WorkspaceLinter:
    """Lints directories of the workspace the way ``go-script-lint`` would."""

    registry: Sequence[Rule]
    settings: Settings = field(default_factory=Settings)
    roots: Sequence[Path] = ()
    _configs: dict[Path | None, _ConfigState] = field(default_factory=dict)
    _rulesets: dict[tuple[str, ...], RuleSet] = field(default_factory=dict)
    _baseline: tuple[tuple[int, int], list[dict[str, Any]]] | None = None

    def root_for(self, directory: Path) -> Path:
        """The innermost workspace folder holding ``directory`` (else the directory)."""
        holding = [r for r in self.roots if r == directory or r in directory.parents]
        return max(holding, key=lambda r: len(r.parts)) if holding else directory

    # -- configuration -------------------------------------------------------

    def config_path_for(self, directory: Path) -> Path | None:
        """The config file that applies, as ``--config`` / nearest / ``--no-config``."""
        if self.settings.config_path is not None:
            return self.settings.config_path
        if self.settings.no_config:
            return None
        return find_config(directory)

    def config_for(self, directory: Path) -> tuple[Config, ConfigProblem | None]:
        """The effective config of ``directory`` (call inside the buffers' overlay).

        A broken config file is reported and the last good config of that
        file (else the settings alone) is used meanwhile.
        """
        path = self.config_path_for(directory)
        try:
            data = overlay.read_file(path) if path is not None else b""
        except OSError:
            data = b"\0unreadable"
        key = (path, hashlib.sha256(data).hexdigest())
        state = self._configs.get(path)
        if state is not None and state.key == key:
            return state.config, state.problem
        try:
            config = build_config(
                self.registry, config_path=path, flags=self.settings.flags()
            )
            problem = None
        except ConfigError as exc:
            assert path is not None  # the settings alone were checked up front
            problem = _config_problem(path, str(exc), data)
            config = (
                state.config
                if state is not None
                else build_config(
                    self.registry, config_path=None, flags=self.settings.flags()
                )
            )
        self._configs[path] = _ConfigState(key, config, problem)
        return config, problem

    def forget(self) -> None:
        """Drop cached configs, the baseline and go.mod locations (files changed on disk)."""
        self._configs.clear()
        self._baseline = None
        forget_gomod_locations()

    def ruleset(self, config: Config) -> RuleSet:
        """The rules ``config`` runs, one RuleSet (and dispatch cache) per choice."""
        rules = config.rules_to_run(self.registry)
        key = tuple(r.id for r in rules)
        if key not in self._rulesets:
            self._rulesets[key] = RuleSet(rules, foreign_id_map(self.registry))
        return self._rulesets[key]

    # -- linting -------------------------------------------------------------

    def lint(
        self, directory: Path, buffers: Mapping[Path, bytes] | None = None
    ) -> DirectoryLint:
        """Findings of ``directory`` with ``buffers`` (path → unsaved bytes) over the disk."""
        directory = norm(directory)
        buffers = buffers or {}
        root = self.root_for(directory)
        forget_gomod_locations()  # a go.mod may have appeared since the last lint
        with overlay.overlaid(buffers):
            config, problem = self.config_for(directory)
        run = run_directory(
            directory, self.ruleset(config), config, srcroot=root, buffers=buffers
        )
        run = self.apply_baseline(run, root)
        shown: dict[Path, list[Finding]] = defaultdict(list)
        reported = config.reported(self.registry)
        for finding in run.findings:
            if finding.rule_id not in reported:
                continue  # a rule run only so that GSL003 can judge suppressions
            if finding.suppression is None and finding.baseline_state in (None, "new"):
                shown[norm(root / finding.location.path)].append(finding)
        covered = {norm(root / p) for p in run.files}
        covered.update(directory / name for name in (GOMOD_NAME, MANIFEST_NAME))
        return DirectoryLint(
            directory=directory,
            root=root,
            findings={p: tuple(items) for p, items in shown.items()},
            covered=frozenset(covered | set(shown)),
            notifications=run.notifications,
            config_problem=problem,
        )

    def apply_baseline(self, run: RunResult, root: Path) -> RunResult:
        """Mark findings the baseline knows as ``unchanged`` (as ``--baseline`` does)."""
        path = self.settings.baseline_path
        if path is None:
            return run
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
            if self._baseline is None or self._baseline[0] != stamp:
                self._baseline = (stamp, baseline.load(path))
        except (OSError, baseline.BaselineError) as exc:
            log.warning("baseline not used: %s", exc)
            return run
        return baseline.apply(run, self._baseline[1])

    def safe_lint(
        self, directory: Path, buffers: Mapping[Path, bytes] | None = None
    ) -> DirectoryLint | None:
        """:meth:`lint`, but a crash is logged and answered with None (keep what is shown)."""
        try:
            return self.lint(directory, buffers)
        except Exception:
            log.error("linting %s failed:\n%s", directory, traceback.format_exc())
            return None

    def check_config(
        self, path: Path, buffers: Mapping[Path, bytes] | None = None
    ) -> ConfigProblem | None:
        """The problem of a config file (open in the editor or on disk), if any."""
        path = norm(path)
        if path.name not in CONFIG_NAMES:
            return None
        with overlay.overlaid(buffers or {}):
            try:
                data = overlay.read_file(path)
            except OSError:
                return None
            try:
                build_config(self.registry, config_path=path, flags={})
            except ConfigError as exc:
                return _config_problem(path, str(exc), data)
        return None


def _config_problem(path: Path, message: str, data: bytes) -> ConfigProblem:
    """Turn ``FILE:LINE:COL: message`` (or ``FILE: message``) into a located problem."""
    where = os.fspath(path)
    rest = message[len(where) :] if message.startswith(where) else ": " + message
    match = _POSITION.match(rest)
    if match is None:
        return ConfigProblem(path, rest.removeprefix(": "), Region(1, 1, 1, 1))
    line, column = int(match.group(1)), int(match.group(2))
    lines = data.decode("utf-8", errors="replace").splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    word = re.match(r"[^\s:]*", text[column - 1 :])
    end = column + (len(word.group(0)) if word else 0)
    return ConfigProblem(path, rest[match.end() :], Region(line, column, line, end))
