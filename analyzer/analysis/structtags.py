"""Struct tags as Go reads them, and the fields and types of structs.

The tag parser follows ``reflect.StructTag.Lookup`` and go vet's
``validateStructTag``: ``key:"value"`` pairs separated by spaces, keys made of
non-space, non-quote, non-colon characters, values that are Go
double-quoted strings. Tags may be raw or interpreted string literals; every
character of the decoded tag keeps its byte offset in the source, so a fix can
rewrite exactly the name it renames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

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


# -- fields --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One declared field (a multi-name declaration yields one per name)."""

    name: str  # the field name; for an embedded field, its type name
    name_node: Node | None  # None for embedded fields
    decl: Node  # the field_declaration
    type_node: Node | None
    tag: SourceTag | None
    embedded: bool

    @property
    def exported(self) -> bool:
        """Exported fields are the only ones encoders see."""
        return self.name[:1].isupper()

    def encoding_name(self, key: str = "json") -> str | None:
        """The name ``key`` encodes this field under; ``None`` when ignored (``-``)."""
        pair = self.tag.tag.get(key) if self.tag is not None else None
        if pair is not None:
            if pair.value == "-":
                return None
            if pair.name:
                return pair.name
        return self.name if self.exported else None

    def has_option(self, option: str, key: str = "json") -> bool:
        """The ``key`` tag carries ``option`` (``omitempty``, ``inline`` …)."""
        pair = self.tag.tag.get(key) if self.tag is not None else None
        return pair is not None and option in pair.options


def _type_name(node: Node | None) -> str:
    while node is not None and node.type in ("pointer_type", "generic_type"):
        node = next((c for c in node.named_children if c.type != "comment"), None)
    if node is None:
        return ""
    if node.type == "qualified_type":
        name = node.child_by_field_name("name")
        return go_ast.text(name)
    return go_ast.text(node)


def struct_fields(field_list: Node) -> list[Field]:
    """Fields of a ``field_declaration_list`` in declaration order."""
    out: list[Field] = []
    for decl in go_ast.named_children_of(field_list, "field_declaration"):
        type_node = decl.child_by_field_name("type")
        tag = source_tag(decl)
        names = decl.children_by_field_name("name")
        if not names:
            out.append(Field(_type_name(type_node), None, decl, type_node, tag, True))
            continue
        out.extend(Field(go_ast.text(n), n, decl, type_node, tag, False) for n in names)
    return out


def field_list_of(struct_type: Node | None) -> Node | None:
    """The ``field_declaration_list`` of a ``struct_type``."""
    if struct_type is None or struct_type.type != "struct_type":
        return None
    return next(go_ast.named_children_of(struct_type, "field_declaration_list"), None)


@dataclass
class TypeIndex:
    """Package-level type declarations of one package: name → type node."""

    types: dict[str, Node] = field(default_factory=dict)
    specs: dict[str, Node] = field(default_factory=dict)

    def add_file(self, root: Node) -> None:
        """Index the top-level ``type`` declarations of one file."""
        for decl in go_ast.named_children_of(root, "type_declaration"):
            for spec in decl.named_children:
                if spec.type not in ("type_spec", "type_alias"):
                    continue
                name = spec.child_by_field_name("name")
                typ = spec.child_by_field_name("type")
                if name is not None and typ is not None:
                    self.types.setdefault(go_ast.text(name), typ)
                    self.specs.setdefault(go_ast.text(name), spec)

    def resolve(self, node: Node | None, max_depth: int = 16) -> Node | None:
        """Follow local named types (``type Region string``) to their definition."""
        for _ in range(max_depth):
            if node is None or node.type != "type_identifier":
                return node
            nxt = self.types.get(go_ast.text(node))
            if nxt is None:
                return node
            node = nxt
        return node

    def struct_of(self, node: Node | None) -> Node | None:
        """The ``field_declaration_list`` a (pointer to a) local struct type has."""
        node = self.resolve(unwrap_pointer(node))
        return field_list_of(unwrap_pointer(node))


def unwrap_pointer(node: Node | None, max_depth: int = 16) -> Node | None:
    """Strip ``*`` and parentheses around a type."""
    for _ in range(max_depth):
        if node is None or node.type not in ("pointer_type", "parenthesized_type"):
            return node
        node = next((c for c in node.named_children if c.type != "comment"), None)
    return node


def promoted_fields(
    field_list: Node, index: TypeIndex, key: str = "json", max_depth: int = 4
) -> list[tuple[Field, int]]:
    """Fields as an encoder sees them, with embedded structs flattened (and their depth).

    Only embedded structs of this package without a ``key`` name are
    promoted; an embedded type from another package cannot be resolved
    without its sources and is kept as one opaque field.
    """
    out: list[tuple[Field, int]] = []
    seen: set[int] = {field_list.id}
    level = [field_list]
    for depth in range(max_depth + 1):
        following: list[Node] = []
        for current in level:
            for f in struct_fields(current):
                pair = f.tag.tag.get(key) if f.tag is not None else None
                named = pair is not None and bool(pair.name) and pair.value != "-"
                inner = (
                    index.struct_of(f.type_node) if f.embedded and not named else None
                )
                if inner is not None and depth < max_depth:
                    if (
                        inner.id not in seen
                    ):  # a struct embedding itself through a pointer
                        seen.add(inner.id)
                        following.append(inner)
                else:
                    out.append((f, depth))
        level = following
        if not level:
            break
    return out


# -- package-level helpers ------------------------------------------------------


def package_files(
    pkg: PackageContext, package_name: str | None = None
) -> list[FileContext]:
    """The package's non-test files (of one package clause name, when given)."""
    files = [f for f in pkg.files if not f.path.endswith("_test.go")]
    if package_name is None:
        names = sorted({f.package_name for f in files if f.package_name})
        package_name = "main" if "main" in names else (names[0] if names else None)
    return [f for f in files if package_name is None or f.package_name == package_name]


def type_index(pkg: PackageContext, package_name: str | None = None) -> TypeIndex:
    """Type declarations of the package (cached per package)."""

    def build() -> TypeIndex:
        index = TypeIndex()
        for f in package_files(pkg, package_name):
            index.add_file(f.root)
        return index

    return pkg.memo(f"structtags.types:{package_name}", build)


def file_of(pkg: PackageContext, node: Node) -> FileContext | None:
    """The file of the package a node belongs to."""
    root = node
    for _ in range(10_000):
        if root.parent is None:
            break
        root = root.parent
    return next((f for f in pkg.files if f.root.id == root.id), None)
