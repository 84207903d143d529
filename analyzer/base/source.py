"""Reading input files as bytes and deciding whether they are Go text at all."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from go_script_lint.base.safe_io import UNBOUNDED, Kind, ReadResult, Roots, read_regular

DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class Encoding(Enum):
    """What a file's bytes look like."""

    UTF8 = "utf-8"
    INVALID_UTF8 = "invalid-utf-8"  # analysed anyway, with a warning
    UTF16 = "utf-16"  # not analysed
    BINARY = "binary"  # not analysed


def read_bytes(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, roots: Roots = UNBOUNDED
) -> ReadResult:
    """Read a Go file without ever blocking (FIFOs and devices are refused)."""
    return read_regular(path, Kind.GO_SOURCE, roots=roots, max_bytes=max_bytes)


def classify(data: bytes) -> Encoding:
    """Tell Go source (UTF-8, maybe with stray bad bytes) from UTF-16 and binary files."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Encoding.UTF16
    head = data[:8192]
    nuls = head.count(b"\x00")
    if nuls:
        # UTF-16 without a BOM: every other byte is NUL in ASCII-heavy text.
        if nuls * 3 >= len(head):
            return Encoding.UTF16 if _looks_utf16(head) else Encoding.BINARY
        if nuls * 50 >= len(head):
            return Encoding.BINARY
    if data.isascii():
        return Encoding.UTF8
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        bad = _count_invalid(data)
        # Mostly-garbage bytes are a binary file, a few bad bytes a damaged text.
        return Encoding.BINARY if bad * 20 > len(data) else Encoding.INVALID_UTF8
    return Encoding.UTF8


def _looks_utf16(head: bytes) -> bool:
    even = head[0::2].count(b"\x00")
    odd = head[1::2].count(b"\x00")
    return max(even, odd) * 4 >= len(head) and min(even, odd) * 8 < len(head)


def _count_invalid(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.count(
        "\ufffd".encode()
    )


def first_invalid_utf8(data: bytes) -> int:
    """Byte offset of the first invalid UTF-8 sequence (``-1`` when none)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return -1


_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.M)
_PACKAGE = re.compile(rb"^package\s", re.M)


def is_generated(data: bytes) -> bool:
    """True when the header carries Go's ``// Code generated ... DO NOT EDIT.`` line."""
    pkg = _PACKAGE.search(data)
    header = data[: pkg.start()] if pkg else data[:4096]
    return _GENERATED.search(header) is not None
