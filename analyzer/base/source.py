"""Reading input files as bytes and deciding whether they are Go text at all."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from go_script_lint.base import overlay

DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class Encoding(Enum):
    """What a file's bytes look like."""

    UTF8 = "utf-8"
    INVALID_UTF8 = "invalid-utf-8"  # analysed anyway, with a warning
    UTF16 = "utf-16"  # not analysed
    BINARY = "binary"  # not analysed


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Bytes of a file, or why they could not be had."""

    data: bytes | None
    error: str | None = None


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a regular file without ever blocking (FIFOs and devices are refused).

    An editor's unsaved buffer (:mod:`go_script_lint.base.overlay`) wins over the disk.
    """
    buffered = overlay.lookup(path)
    if buffered is not None:
        if len(buffered) > max_bytes:
            return ReadResult(
                None, f"file is over the {max_bytes}-byte budget; skipped"
            )
        return ReadResult(buffered)
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        return ReadResult(None, _describe(exc))
    if stat.S_ISDIR(st.st_mode):
        return ReadResult(None, "is a directory, not a Go file")
    if not stat.S_ISREG(st.st_mode):
        return ReadResult(None, "not a regular file (FIFO, socket or device); not read")
    if st.st_size > max_bytes:
        return ReadResult(
            None,
            f"file is {st.st_size} bytes, over the {max_bytes}-byte budget; skipped",
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return ReadResult(None, _describe(exc))
    if len(data) > max_bytes:
        return ReadResult(None, f"file is over the {max_bytes}-byte budget; skipped")
    return ReadResult(data)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return f"cannot read: {exc}"


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
