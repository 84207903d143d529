"""File names that are not UTF-8, made printable in every format.

Paths come from the file system as ``str`` with undecodable bytes kept as
lone surrogates (``os.fsdecode``), which no UTF-8 stream accepts. SARIF
percent-encodes the bytes in its URIs (``sarif.artifact_uri``); everywhere
else a byte is shown as ``\\xNN``, which JSON spells ``\\\\xNN``.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\udc80-\udcff]")
_JSON_FORMATS = frozenset({"json", "sarif", "gitlab"})


def escape_undecodable(text: str, fmt: str) -> str:
    """``text`` with every undecodable byte as a backslash escape (JSON-safe for JSON)."""
    if not _SURROGATE.search(text):
        return text
    prefix = "\\\\" if fmt in _JSON_FORMATS else "\\"
    return _SURROGATE.sub(lambda m: f"{prefix}x{ord(m.group()) - 0xDC00:02x}", text)
