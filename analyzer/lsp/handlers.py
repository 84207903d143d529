"""The protocol's handlers: what the server does for each message it is sent.

Opening, saving or closing a document lints what depends on it at once;
typing waits for the ``debounce``; files changed on disk (the client's file
watcher) re-lint what they govern unless the editor holds them open. Code
actions and hovers read the request and the diagnostics already shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types

from go_script_lint.base.rule import Rule
from go_script_lint.lsp.actions import code_actions
from go_script_lint.lsp.diagnostics import hover_text
from go_script_lint.lsp.linting import WorkspaceLinter
from go_script_lint.lsp.server import (
    WATCHED,
    GoScriptLintServer,
    is_lintable,
    path_of,
    path_of_folder,
)
from go_script_lint.lsp.settings import parse_settings
from go_script_lint.project.config import CONFIG_NAMES


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

    def lint_at_once(
        ls: GoScriptLintServer,
        params: types.DidOpenTextDocumentParams
        | types.DidSaveTextDocumentParams
        | types.DidCloseTextDocumentParams,
    ) -> None:
        # On close the buffer is gone: what counts again is the file on disk.
        ls.on_document(params.text_document.uri, 0)

    for method in (
        types.TEXT_DOCUMENT_DID_OPEN,
        types.TEXT_DOCUMENT_DID_SAVE,
        types.TEXT_DOCUMENT_DID_CLOSE,
    ):
        server.feature(method)(lint_at_once)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(
        ls: GoScriptLintServer, params: types.DidChangeTextDocumentParams
    ) -> None:
        ls.on_document(params.text_document.uri, ls.linter.settings.debounce_ms / 1000)

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
        only = [getattr(k, "value", str(k)) for k in params.context.only or ()]
        if only and not any(
            types.CodeActionKind.QuickFix.value.startswith(k) for k in only
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


def _contains(rng: types.Range, at: types.Position) -> bool:
    start = (rng.start.line, rng.start.character)
    end = (rng.end.line, rng.end.character)
    point = (at.line, at.character)
    return start <= point <= end if start != end else point[0] == start[0]


def serve(registry: Sequence[Rule]) -> None:
    """Run the server on stdin/stdout until the client says ``exit``."""
    create_server(registry).start_io()
