"""Malformed requests and a crashing rule never take the language server down.

The client here is raw JSON-RPC over the server's stdin/stdout: a typed
client cannot even send the malformed messages.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from go_script_lint.lsp.linting import WorkspaceLinter
from go_script_lint.rules import REGISTRY
from tests.harness import ROOT
from tests.lsp_crashing_server import CRASHING
from tests.lsp_session import TIMEOUT, run

EXAMPLE = ROOT / "examples" / "rotate-logs"


class RawClient:
    """Frames and reads JSON-RPC messages; keeps every notification it sees."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.notifications: list[dict[str, Any]] = []
        # Read while waiting for something else: diagnostics are published from
        # a worker thread and may come before the answer the client waits for.
        self.unclaimed: list[dict[str, Any]] = []

    def send_bytes(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message: dict[str, Any]) -> None:
        self.send_bytes(json.dumps({"jsonrpc": "2.0", **message}).encode())

    async def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (line := await self.process.stdout.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(
            await self.process.stdout.readexactly(length)
        )
        return message

    async def until(self, accept: Any) -> dict[str, Any]:
        """The first message ``accept`` takes, read earlier or from now on."""
        for i, message in enumerate(self.unclaimed):
            if accept(message):
                return self.unclaimed.pop(i)

        async def loop() -> dict[str, Any]:
            while True:
                message = await self.read()
                if "id" not in message:
                    self.notifications.append(message)
                if accept(message):
                    return message
                self.unclaimed.append(message)

        return await asyncio.wait_for(loop(), TIMEOUT)

    async def request(self, msg_id: int, method: str, params: Any) -> dict[str, Any]:
        self.send({"id": msg_id, "method": method, "params": params})
        return await self.until(lambda m: m.get("id") == msg_id)


def test_malformed_requests_and_a_crashing_rule(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "rotate-logs")
    script = tmp_path / "rotate-logs" / "main.go"
    uri = script.resolve().as_uri()

    async def scenario() -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.lsp_crashing_server",
            cwd=ROOT,
            env={**os.environ, "GSL_RAISE_INTERNAL": "0"},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        client = RawClient(process)
        try:
            init = await client.request(
                1,
                "initialize",
                {
                    "processId": None,
                    "rootUri": tmp_path.resolve().as_uri(),
                    "capabilities": {
                        "general": {"positionEncodings": ["utf-8", "utf-16"]}
                    },
                    "initializationOptions": {"riskLevel": "extreme", "bogus": 1},
                },
            )
            capabilities = init["result"]["capabilities"]
            assert "codeActionProvider" in capabilities
            # Columns are UTF-16 code units, whatever else the client offers.
            assert capabilities.get("positionEncoding", "utf-16") == "utf-16"
            client.send({"method": "initialized", "params": {}})
            client.send_bytes(b"{not json")
            client.send(
                {"method": "textDocument/didOpen", "params": {"textDocument": 7}}
            )
            for msg_id, method, params in (
                (2, "textDocument/hover", {"textDocument": 5}),
                (3, "textDocument/codeAction", {"range": "everywhere"}),
                (4, "goScriptLint/noSuchMethod", {}),
            ):
                answer = await client.request(msg_id, method, params)
                assert "error" in answer, (method, answer)
            # A diagnostic echoed back with data the server never wrote.
            odd = {
                "range": {
                    "start": {"line": 0, "character": 0},
                    "end": {"line": 0, "character": 1},
                },
                "message": "?",
                "code": "GSL301",
                "source": "go-script-lint",
                "data": {"fixes": [{"edits": "nonsense"}]},
            }
            text = script.read_text()
            client.send(
                {
                    "method": "textDocument/didOpen",
                    "params": {
                        "textDocument": {
                            "uri": uri,
                            "languageId": "go",
                            "version": 1,
                            "text": text,
                        }
                    },
                }
            )
            actions = await client.request(
                5,
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": odd["range"],
                    "context": {"diagnostics": [odd]},
                },
            )
            titles = [a["title"] for a in actions["result"]]
            assert titles and all(t.startswith("Suppress") for t in titles)

            # The crashing rule is reported; every other rule still answers.
            published = await client.until(
                lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                )
            )
            assert len(published["params"]["diagnostics"]) == 6
            await client.until(
                lambda m: "GSL599" in m.get("params", {}).get("message", "")
            )
            said = [n["params"].get("message", "") for n in client.notifications]
            assert any("GSL599" in m and "boom" in m for m in said), said
            assert any("riskLevel" in m for m in said)
            assert any("bogus" in m for m in said)
            shutdown = await client.request(6, "shutdown", None)
            assert "error" not in shutdown
            client.send({"method": "exit"})
            assert await asyncio.wait_for(process.wait(), TIMEOUT) == 0
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()

    run(scenario())


def test_a_crash_outside_the_rules_keeps_what_is_shown(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # GSL_RAISE_INTERNAL=1 (conftest) lets the rule's crash escape the engine.
    linter = WorkspaceLinter((*REGISTRY, CRASHING))
    with pytest.raises(RuntimeError):
        linter.lint(EXAMPLE)
    assert linter.safe_lint(EXAMPLE) is None
    assert "boom" in caplog.text
