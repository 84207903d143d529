"""The JSON-RPC protocol as the server needs it: positions in UTF-16, every request answered.

The engine counts columns in UTF-16 code units, the encoding every client
must support, so the server never takes up a client's offer of UTF-8 or
UTF-32 (pygls would). And pygls drops a request whose params do not fit the
method's type after logging it, leaving the client waiting forever; here
such a request gets the error response JSON-RPC prescribes (``Invalid
params``), and the server goes on with the next message.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method


class AnsweringProtocol(LanguageServerProtocol):
    """:class:`LanguageServerProtocol` in UTF-16 that answers malformed requests."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        """Initialise as pygls does, but keep the protocol's default position encoding."""
        general = params.capabilities.general
        if general is not None:
            general.position_encodings = None
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Turn a received JSON object into a message; reply to an unreadable request."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise
