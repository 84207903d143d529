"""``#!`` first lines: gorun and yaegi run such files, the go command rejects them.

The engine parses the file as if the first line were a ``//`` comment (the same
number of bytes, so every offset and column is the file's own), so the rest of
the file is analysed normally and directives after the line are header
directives. GSL108 reports the line itself.
"""

from __future__ import annotations

SHEBANG = b"#!"


def has_shebang(source: bytes) -> bool:
    """Whether the file starts with ``#!``."""
    return source.startswith(SHEBANG)


def mask_shebang(source: bytes) -> bytes:
    """``source`` with a leading ``#!`` turned into ``//`` (same length)."""
    return b"//" + source[2:] if has_shebang(source) else source


def shebang_end(source: bytes) -> int:
    """Byte offset where the first line ends (before ``\\r\\n``, ``\\n`` or ``\\r``)."""
    ends = [i for i in (source.find(b"\n"), source.find(b"\r")) if i != -1]
    return min(ends) if ends else len(source)
