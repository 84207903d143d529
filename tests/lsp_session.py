"""A real LSP client (pygls) talking to ``go-script-lint server`` in a subprocess.

``async with lsp_session(root) as session:`` starts the server, initialises
it with ``root`` as the workspace folder and collects what it sends:
diagnostics per URI (the latest of each), log and shown messages.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from tests.harness import ROOT

SERVER = ("-m", "go_script_lint", "server")
TIMEOUT = 20.0


class Session:
    """What the server sent, and helpers to wait for it."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, types.PublishDiagnosticsParams] = {}
        self.messages: list[str] = []
        self.changed = asyncio.Condition()

    async def record(self, params: types.PublishDiagnosticsParams) -> None:
        async with self.changed:
            self.diagnostics[params.uri] = params
            self.changed.notify_all()

    async def wait_for(
        self,
        uri: str,
        accept: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True,
    ) -> list[types.Diagnostic]:
        """The first published diagnostics of ``uri`` (from now on) that ``accept`` likes."""
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(
                    lambda: uri in self.diagnostics and accept(self.diagnostics[uri])
                ),
                TIMEOUT,
            )
            return list(self.diagnostics.pop(uri).diagnostics)

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        """didOpen ``path`` (with its disk text unless ``text``); returns its URI."""
        uri = path.resolve().as_uri()
        language = "go" if path.suffix == ".go" else path.name
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri,
                    language_id=language,
                    version=version,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return uri

    def replace_all(self, uri: str, text: str, version: int) -> None:
        """didChange with the whole new text."""
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(text=text)
                ],
            )
        )


@asynccontextmanager
async def lsp_session(
    root: Path,
    options: dict[str, Any] | None = None,
    command: Sequence[str] = SERVER,
    env: dict[str, str] | None = None,
) -> AsyncIterator[Session]:
    """A server started and initialised for workspace ``root``; shut down on exit."""
    client = LanguageClient("go-script-lint-tests", "1")
    session = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        await session.record(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log_message(params: types.LogMessageParams) -> None:
        session.messages.append(params.message)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def show_message(params: types.ShowMessageParams) -> None:
        session.messages.append(params.message)

    await client.start_io(
        sys.executable, *command, cwd=str(ROOT), env={**os.environ, **(env or {})}
    )
    try:
        await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=root.resolve().as_uri(),
                    workspace_folders=[
                        types.WorkspaceFolder(uri=root.resolve().as_uri(), name="w")
                    ],
                    initialization_options={"debounce": 20, **(options or {})},
                )
            ),
            TIMEOUT,
        )
        client.initialized(types.InitializedParams())
        yield session
    finally:
        with suppress(Exception):
            await asyncio.wait_for(client.shutdown_async(None), 5)
            client.exit(None)
        with suppress(Exception):
            await asyncio.wait_for(client.stop(), 5)


def run(coroutine: Any) -> Any:
    """Run one protocol test's coroutine (no pytest-asyncio needed)."""
    return asyncio.run(coroutine)
