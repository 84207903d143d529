"""Byte-level scanning of Go source that may not parse: lines, brackets, words.

Recovery (:mod:`.recovery`) looks for constructs inside error regions, where
the tree cannot be trusted, so it reads the bytes: whole lines around a
region, and the bracket closing a receiver or a type parameter list, skipping
strings, runes and comments.
"""

from __future__ import annotations

import re

MAX_SIGNATURE = 8192  # bytes scanned for a receiver or a type parameter list


def line_start(buf: bytes | bytearray, offset: int) -> int:
    """Offset of the start of the line holding ``offset`` (LF and CR end lines)."""
    return max(buf.rfind(b"\n", 0, offset), buf.rfind(b"\r", 0, offset)) + 1


def line_end(buf: bytes | bytearray, offset: int) -> int:
    """Offset of the line break ending the line at ``offset`` (or the end)."""
    ends = [i for i in (buf.find(b"\n", offset), buf.find(b"\r", offset)) if i != -1]
    return min(ends) if ends else len(buf)


_OPEN = {ord("("): ord(")"), ord("["): ord("]"), ord("{"): ord("}")}
_CLOSE = frozenset(_OPEN.values())


def matching_bracket(buf: bytearray, open_at: int) -> int | None:
    """Offset of the bracket closing the one at ``open_at`` (bounded scan).

    Strings, runes and comments are skipped so a ``)`` inside them does not
    count; any mismatch gives up (it is not a construct we can recover).
    """
    stack = [_OPEN[buf[open_at]]]
    i = open_at + 1
    limit = min(len(buf), open_at + MAX_SIGNATURE)
    while i < limit:
        b = buf[i]
        if b in _OPEN:
            stack.append(_OPEN[b])
        elif b in _CLOSE:
            if b != stack.pop():
                return None
            if not stack:
                return i
        elif b in b"\"'`":
            i = _skip_literal(buf, i, limit)
        elif b == ord("/") and i + 1 < limit and buf[i + 1] in b"/*":
            i = _skip_comment(buf, i, limit)
        i += 1
    return None


def _skip_literal(buf: bytearray, i: int, limit: int) -> int:
    quote = buf[i]
    i += 1
    while i < limit and buf[i] != quote:
        if quote != ord("`") and buf[i] == ord("\\"):
            i += 1
        elif quote != ord("`") and buf[i] in b"\r\n":
            return i
        i += 1
    return i


def _skip_comment(buf: bytearray, i: int, limit: int) -> int:
    if buf[i + 1] == ord("/"):
        end = line_end(buf, i)
        return min(end, limit) - 1
    end = buf.find(b"*/", i + 2, limit)
    return limit if end == -1 else end + 1


def word_pattern(name: str, not_after: bytes, then: bytes) -> re.Pattern[bytes]:
    """``name`` not preceded by a byte of class ``not_after``, followed by ``then``.

    The same matches as ``(?<!X)name…``, written ``name(?<!Xname)…``: a
    pattern that starts with its literal is searched for at C speed, one that
    starts with a lookbehind is tried at every byte (twenty times slower on a
    megabyte of source).
    """
    key = re.escape(name.encode())
    return re.compile(key + b"(?<!" + not_after + key + b")" + then)
