"""The JSON-RPC protocol, answering every request, even one it cannot read.

pygls drops a request whose params do not fit the method's type after
logging it, and the client waits for an answer forever. Here such a request
gets the error response JSON-RPC prescribes (``Invalid params``), and the
server goes on with the next message.
"""

from __future__ import annotations

from typing import Any

from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol


class AnsweringProtocol(LanguageServerProtocol):
    """:class:`LanguageServerProtocol` that answers malformed requests with an error."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Turn a received JSON object into a message; reply to an unreadable request."""
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise
