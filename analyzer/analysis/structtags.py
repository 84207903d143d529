"""Struct tags as Go reads them, with the byte offset of every character.

The tag parser follows ``reflect.StructTag.Lookup`` and go vet's
``validateStructTag``: ``key:"value"`` pairs separated by spaces, keys made of
non-space, non-quote, non-colon characters, values that are Go
double-quoted strings. Tags may be raw or interpreted string literals; every
character of the decoded tag keeps its byte offset in the source, so a fix can
rewrite exactly the name it renames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
}


@dataclass(frozen=True, slots=True)
class TagPair:
    """One ``key:"value"`` pair; offsets index the decoded tag text."""

    key: str
    value: str
    key_start: int
    value_start: int  # offset of the opening quote
    value_end: int  # offset after the closing quote
    plain: bool  # the quoted value has no escapes: its characters map 1:1

    @property
    def name(self) -> str:
        """The part before the first comma (the encoding name)."""
        return self.value.split(",", 1)[0]

    @property
    def options(self) -> tuple[str, ...]:
        """The comma-separated options after the name."""
        return tuple(self.value.split(",")[1:])


@dataclass(frozen=True, slots=True)
class Tag:
    """A parsed struct tag: its pairs and the first syntax problem, if any."""

    text: str
    pairs: tuple[TagPair, ...]
    error: str | None = None
    error_offset: int = 0

    def get(self, key: str) -> TagPair | None:
        """The first pair with ``key`` (``reflect.StructTag.Lookup``)."""
        return next((p for p in self.pairs if p.key == key), None)


def _unquote(quoted: str) -> str | None:
    """Go's ``strconv.Unquote`` for a double-quoted string; ``None`` when invalid."""
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return None
    body = quoted[1:-1]
    if "\\" not in body:
        return None if '"' in body or "\n" in body else body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == '"' or ch == "\n":
            return None
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[nxt])
            i += 2
        elif nxt == '"':
            out.append('"')
            i += 2
        elif nxt in ("x", "u", "U"):
            width = {"x": 2, "u": 4, "U": 8}[nxt]
            digits = body[i + 2 : i + 2 + width]
            if len(digits) != width or not re.fullmatch(r"[0-9a-fA-F]+", digits):
                return None
            code = int(digits, 16)
            if nxt != "x" and (code > 0x10FFFF or 0xD800 <= code < 0xE000):
                return None
            out.append(chr(code))
            i += 2 + width
        elif nxt and nxt in "01234567":
            digits = body[i + 1 : i + 4]
            if (
                len(digits) != 3
                or not re.fullmatch(r"[0-7]{3}", digits)
                or int(digits, 8) > 255
            ):
                return None
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            return None
    return "".join(out)


def parse_tag(tag: str) -> Tag:
    """Parse a decoded struct tag the way go vet validates it."""
    pairs: list[TagPair] = []
    i = 0
    n = len(tag)
    count = 0
    while i < n:
        if count > 0 and tag[i] != " ":
            return Tag(
                tag, tuple(pairs), '`key:"value"` pairs not separated by spaces', i
            )
        while i < n and tag[i] == " ":
            i += 1
        if i >= n:
            break
        start = i
        while i < n and tag[i] > " " and tag[i] not in ':"' and tag[i] != "\x7f":
            i += 1
        if i == start:
            return Tag(tag, tuple(pairs), "bad syntax for struct tag key", start)
        if i + 1 >= n or tag[i] != ":":
            return Tag(tag, tuple(pairs), "bad syntax for struct tag pair", start)
        if tag[i + 1] != '"':
            return Tag(tag, tuple(pairs), "bad syntax for struct tag value", i + 1)
        key = tag[start:i]
        q = i + 1
        j = q + 1
        while j < n and tag[j] != '"':
            if tag[j] == "\\":
                j += 1
            j += 1
        if j >= n:
            return Tag(
                tag,
                tuple(pairs),
                "bad syntax for struct tag value (unterminated quote)",
                q,
            )
        quoted = tag[q : j + 1]
        value = _unquote(quoted)
        if value is None:
            return Tag(tag, tuple(pairs), "bad syntax for struct tag value", q)
        pairs.append(TagPair(key, value, start, q, j + 1, "\\" not in quoted))
        problem = _space_problem(key, value)
        if problem is not None:
            return Tag(tag, tuple(pairs), problem, q)
        i = j + 1
        count += 1
    return Tag(tag, tuple(pairs))


def _space_problem(key: str, value: str) -> str | None:
    """go vet's check for suspicious spaces in json/xml/asn1 values."""
    if key not in ("json", "xml", "asn1"):
        return None
    if key == "xml":
        if value.strip(" ") != value or value.count(" ") > 1:
            return f"suspicious space in struct tag value `{value}`"
        comma = value.find(",")
        if comma < 0:
            return None
        if comma > 0 and value[comma - 1] == " ":
            return f"suspicious space in struct tag value `{value}`"
        value = value[comma + 1 :]
    elif key == "json":
        comma = value.find(",")
        if comma < 0:
            return None
        value = value[comma + 1 :]
    return f"suspicious space in struct tag value `{value}`" if " " in value else None


# -- tags in source ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceTag:
    """A tag literal in a Go file: decoded text, parse, and byte offsets."""

    node: Node
    tag: Tag
    offsets: tuple[
        int, ...
    ]  # source byte offset of each decoded character, plus the end

    def byte_span(self, start: int, end: int) -> tuple[int, int]:
        """Source bytes of decoded characters ``[start, end)``."""
        return self.offsets[start], self.offsets[end]


def decode_literal(node: Node) -> tuple[str, tuple[int, ...]] | None:
    """Decoded text of a Go string literal with each character's byte offset."""
    raw = node.text or b""
    base = node.start_byte
    if node.type == "raw_string_literal":
        if len(raw) < 2:
            return None
        body = raw[1:-1].decode("utf-8", errors="replace")
        chars: list[str] = []
        offs: list[int] = []
        pos = base + 1
        for ch in body:
            size = len(ch.encode("utf-8", errors="replace"))
            if ch != "\r":  # Go drops carriage returns from raw strings
                chars.append(ch)
                offs.append(pos)
            pos += size
        return "".join(chars), (*offs, base + len(raw) - 1)
    if node.type != "interpreted_string_literal" or len(raw) < 2 or node.has_error:
        return None
    chars = []
    offs = []
    for child in node.children:
        if child.type == "escape_sequence":
            decoded = _unquote('"' + go_ast.text(child) + '"')
            if decoded is None:
                return None
            for ch in decoded:
                chars.append(ch)
                offs.append(child.start_byte)
        elif child.type == "interpreted_string_literal_content":
            pos = child.start_byte
            for ch in go_ast.text(child):
                chars.append(ch)
                offs.append(pos)
                pos += len(ch.encode("utf-8", errors="replace"))
    return "".join(chars), (*offs, node.end_byte - 1)


def source_tag(field_decl: Node) -> SourceTag | None:
    """The parsed tag of a ``field_declaration`` (``None`` when it has none)."""
    node = field_decl.child_by_field_name("tag")
    if node is None:
        return None
    decoded = decode_literal(node)
    if decoded is None:
        return None
    text, offsets = decoded
    return SourceTag(node, parse_tag(text), offsets)
