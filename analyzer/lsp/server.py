"""``go-script-lint server``: the language server over stdio (pygls 2).

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
from go_script_lint.lsp.actions import code_actions
from go_script_lint.lsp.diagnostics import (
    config_diagnostic,
    hover_text,
    to_diagnostic,
    uri_of,
)
from go_script_lint.lsp.linting import DirectoryLint, WorkspaceLinter, norm
from go_script_lint.lsp.protocol import AnsweringProtocol
from go_script_lint.lsp.settings import parse_settings
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


def create_server(registry: Sequence[Rule]) -> GoScriptLintServer:
    """The server, with every feature registered."""
    server = GoScriptLintServer(registry)

    @server.feature(types.INITIALIZE)
    def initialize(ls: GoScriptLintServer, params: types.InitializeParams) -> None:
        folders = [path_of_folder(f.uri) for f in params.workspace_folders or []]
        roots = [f for f in folders if f is not None]
        if not roots and params.root_uri:
            root = path_of_folder(params.root_uri)
            roots = [root] if root is not None else []
        base = roots[0] if roots else Path.cwd()
        settings, problems = parse_settings(
            params.initialization_options, ls.registry, base
        )
        ls.linter = WorkspaceLinter(ls.registry, settings, roots)
        for problem in problems:
            ls.tell(f"go-script-lint: {problem}", types.MessageType.Warning)

    @server.feature(types.INITIALIZED)
    async def initialized(
        ls: GoScriptLintServer, params: types.InitializedParams
    ) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = (
            watch is not None
            and watch.did_change_watched_files is not None
            and watch.did_change_watched_files.dynamic_registration
        )
        if dynamic:
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="go-script-lint-watched-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )
        if ls.linter.settings.lint_workspace:
            ls.background(ls.lint_workspace())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(
        ls: GoScriptLintServer, params: types.DidOpenTextDocumentParams
    ) -> None:
        ls.on_document(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(
        ls: GoScriptLintServer, params: types.DidChangeTextDocumentParams
    ) -> None:
        ls.on_document(params.text_document.uri, ls.linter.settings.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(
        ls: GoScriptLintServer, params: types.DidSaveTextDocumentParams
    ) -> None:
        ls.on_document(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(
        ls: GoScriptLintServer, params: types.DidCloseTextDocumentParams
    ) -> None:
        # The buffer is gone: what counts now is the file on disk.
        ls.on_document(params.text_document.uri, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(
        ls: GoScriptLintServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        ls.linter.forget()
        open_paths = ls.open_paths()
        for change in params.changes:
            path = path_of(change.uri)
            if path is None or path in open_paths:
                continue  # an open buffer wins over the disk
            if path.name in CONFIG_NAMES:
                ls.check_config(path)
            directories = ls.governed(path)
            if path.suffix == ".go":
                directories &= ls.known_directories()
            ls.schedule(directories, 0)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: GoScriptLintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        path = path_of(params.text_document.uri)
        if path is None or not is_lintable(path):
            return None
        only = params.context.only
        if only and not any(
            types.CodeActionKind.QuickFix.value.startswith(str(k)) for k in only
        ):
            return None
        doc = ls.workspace.get_text_document(params.text_document.uri)
        return code_actions(
            params.text_document.uri, path, doc.source, params.context.diagnostics
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GoScriptLintServer, params: types.HoverParams) -> types.Hover | None:
        path = path_of(params.text_document.uri)
        if path is None:
            return None
        at = params.position
        hits = [
            d
            for d in ls.shown.get(path, [])
            if _contains(d.range, at) and isinstance(d.code, str)
        ]
        rules = [
            ls.rules[c]
            for c in dict.fromkeys(str(d.code) for d in hits)
            if c in ls.rules
        ]
        if not rules:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value=hover_text(rules)
            ),
            range=hits[0].range,
        )

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: GoScriptLintServer, params: None) -> None:
        for handle in ls.pending.values():
            handle.cancel()
        ls.pending.clear()
        ls.lint_thread.shutdown(wait=False, cancel_futures=True)

    return server


def path_of_folder(uri: str) -> Path | None:
    """A workspace folder's directory."""
    fs_path = to_fs_path(uri)
    return norm(fs_path) if fs_path else None


def _contains(rng: types.Range, at: types.Position) -> bool:
    start = (rng.start.line, rng.start.character)
    end = (rng.end.line, rng.end.character)
    point = (at.line, at.character)
    return start <= point <= end if start != end else point[0] == start[0]


def serve(registry: Sequence[Rule]) -> None:
    """Run the server on stdin/stdout until the client says ``exit``."""
    create_server(registry).start_io()
