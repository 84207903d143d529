"""The language server's state: documents, lint results, pending lints (pygls 2).

Documents of interest are Go files, ``go.mod``, ``go-script.yaml`` and the
config file; every other document is ignored. A directory is the unit of
linting: opening or saving a file lints its directory at once, typing lints
it after a pause (``debounce``), and a change to ``go.mod``, the manifest or
the config re-lints every directory it governs that the server has seen.
Linting runs on one worker thread, so the protocol keeps answering while a
directory is analysed, and a lint that crashes is logged and changes nothing.
Only directories with open documents are linted unless ``lintWorkspace`` is
set; then the rest of the workspace follows in the background, open
documents first and edits always ahead of it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Coroutine, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from go_script_lint import __version__
from go_script_lint.base.model import Level
from go_script_lint.base.rule import Rule
from go_script_lint.lsp.diagnostics import (
    config_diagnostic,
    to_diagnostic,
    uri_of,
)
from go_script_lint.lsp.linting import DirectoryLint, WorkspaceLinter, norm
from go_script_lint.lsp.protocol import AnsweringProtocol
from go_script_lint.project.config import CONFIG_NAMES
from go_script_lint.project.discovery import GOMOD_NAME, MANIFEST_NAME, discover

log = logging.getLogger(__name__)

WATCHED = (
    "**/*.go",
    f"**/{GOMOD_NAME}",
    f"**/{MANIFEST_NAME}",
    *(f"**/{name}" for name in CONFIG_NAMES),
)


def is_lintable(path: Path) -> bool:
    """A Go file, go.mod or manifest: a document whose directory is linted."""
    return path.suffix == ".go" or path.name in (GOMOD_NAME, MANIFEST_NAME)


class GoScriptLintServer(LanguageServer):
    """The server's state: settings, lint results per directory, pending lints."""

    def __init__(self, registry: Sequence[Rule]) -> None:
        """A server for the rules of ``registry``."""
        super().__init__("go-script-lint", __version__, protocol_cls=AnsweringProtocol)
        self.registry = tuple(registry)
        self.rules = {r.id: r for r in self.registry}
        self.linter = WorkspaceLinter(self.registry)
        self.lint_thread = ThreadPoolExecutor(1, thread_name_prefix="lint")
        self.pending: dict[Path, asyncio.TimerHandle] = {}
        self.results: dict[Path, DirectoryLint] = {}
        self.shown: dict[Path, list[types.Diagnostic]] = {}
        self.warned: set[str] = set()
        self.tasks: set[asyncio.Future[None]] = set()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Malformed input and failed handlers go to the log, not to the user's screen."""
        log.warning("%s: %s", getattr(source, "__name__", source), error)
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Warning, message=f"go-script-lint: {error}"
            )
        )

    # -- documents -----------------------------------------------------------

    def open_paths(self) -> dict[Path, str]:
        """Open documents of interest: path → URI."""
        out = {}
        for uri in list(self.workspace.text_documents):
            path = path_of(uri)
            if path is not None:
                out[path] = uri
        return out

    def buffers(self) -> tuple[dict[Path, bytes], dict[Path, int | None]]:
        """The open documents' text and version, snapshotted for one lint."""
        texts: dict[Path, bytes] = {}
        versions: dict[Path, int | None] = {}
        for path, uri in self.open_paths().items():
            doc = self.workspace.get_text_document(uri)
            texts[path] = doc.source.encode("utf-8", errors="surrogatepass")
            versions[path] = doc.version
        return texts, versions

    def known_directories(self) -> set[Path]:
        """Directories linted so far or holding an open document."""
        return set(self.results) | {
            p.parent for p in self.open_paths() if is_lintable(p)
        }

    def governed(self, path: Path) -> set[Path]:
        """Directories whose findings depend on ``path``."""
        if path.suffix == ".go" or path.name == MANIFEST_NAME:
            return {path.parent}
        if path.name == GOMOD_NAME or path.name in CONFIG_NAMES:
            top = path.parent
            below = {
                d for d in self.known_directories() if d == top or top in d.parents
            }
            return below | ({top} if path.name == GOMOD_NAME else set())
        return set()

    # -- linting -------------------------------------------------------------

    def schedule(self, directories: Iterable[Path], delay: float) -> None:
        """Lint ``directories`` after ``delay`` seconds, replacing earlier requests."""
        loop = asyncio.get_running_loop()
        for directory in directories:
            previous = self.pending.pop(directory, None)
            if previous is not None:
                previous.cancel()
            self.pending[directory] = loop.call_later(delay, self._start, directory)

    def _start(self, directory: Path) -> None:
        self.pending.pop(directory, None)
        self.background(self.lint_now(directory))

    def background(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` as a task, kept referenced until it is done."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def lint_now(self, directory: Path) -> None:
        """Lint one directory on the worker thread and publish what changed."""
        texts, versions = self.buffers()
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self.lint_thread, self.linter.safe_lint, directory, texts
        )
        if result is None:
            self.tell(
                f"go-script-lint: linting {directory} failed (see the server log)",
                types.MessageType.Error,
            )
            return
        self.publish(result, versions)

    def publish(self, result: DirectoryLint, versions: dict[Path, int | None]) -> None:
        """Store a directory's result and send the diagnostics of every file it touches."""
        previous = self.results.get(result.directory)
        self.results[result.directory] = result
        touched = set(result.covered)
        if previous is not None:
            touched |= set(previous.findings)
        for path in sorted(touched):
            diagnostics = [
                to_diagnostic(finding, lint.root)
                for lint in self.results.values()
                for finding in lint.findings.get(path, ())
            ]
            if not diagnostics and not self.shown.get(path) and path not in versions:
                continue  # nothing shown, nothing to clear
            self.shown[path] = diagnostics
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri_of(path),
                    diagnostics=diagnostics,
                    version=versions.get(path),
                )
            )
        for note in result.notifications:
            kind = (
                types.MessageType.Error
                if note.level is Level.ERROR
                else types.MessageType.Info
            )
            self.tell(
                f"go-script-lint: {note.path or ''}: {note.message}",
                kind,
                log_only=True,
            )
            if note.descriptor == "internal-error" and note.rule_id not in self.warned:
                self.warned.add(note.rule_id or "")
                self.tell(f"go-script-lint: {note.message}", types.MessageType.Warning)

    def check_config(self, path: Path) -> None:
        """Validate a config file (buffer or disk) and show its problem, if any."""
        texts, versions = self.buffers()
        problem = self.linter.check_config(path, texts)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri_of(path),
                diagnostics=[config_diagnostic(problem)] if problem else [],
                version=versions.get(path),
            )
        )

    def on_document(self, uri: str, delay: float) -> None:
        """A document was opened, changed, saved or closed: lint what depends on it."""
        path = path_of(uri)
        if path is None:
            return
        if path.name in CONFIG_NAMES:
            self.check_config(path)
        self.schedule(self.governed(path), delay)

    def tell(
        self, message: str, kind: types.MessageType, log_only: bool = False
    ) -> None:
        """A message for the user (or only for the client's log)."""
        log.info("%s", message)
        params = types.LogMessageParams(type=kind, message=message)
        self.window_log_message(params)
        if not log_only:
            self.window_show_message(
                types.ShowMessageParams(type=kind, message=message)
            )

    async def lint_workspace(self) -> None:
        """Lint every directory of the workspace not linted yet, behind any edit."""
        loop = asyncio.get_running_loop()
        for root in self.linter.roots:
            walk = functools.partial(discover, [str(root)], srcroot=root)
            found = await loop.run_in_executor(self.lint_thread, walk)
            for unit in found.units:
                while self.pending:
                    await asyncio.sleep(0.05)
                if norm(unit.directory) not in self.results:
                    await self.lint_now(norm(unit.directory))


def path_of(uri: str) -> Path | None:
    """The file of a ``file:`` URI, if it is one of ours (linted or the config)."""
    fs_path = to_fs_path(uri)
    if fs_path is None:
        return None
    path = norm(fs_path)
    return path if is_lintable(path) or path.name in CONFIG_NAMES else None


def path_of_folder(uri: str) -> Path | None:
    """A workspace folder's directory."""
    fs_path = to_fs_path(uri)
    return norm(fs_path) if fs_path else None
