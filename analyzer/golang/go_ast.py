"""Small helpers over tree-sitter-go nodes, shared by the engine and the rules.

Everything here tolerates broken trees: a missing child is ``None``, never an
exception.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from go_script_lint.golang.parsing import Node

FUNCTION_KINDS = frozenset(
    {"function_declaration", "method_declaration", "func_literal"}
)
STRING_KINDS = frozenset({"interpreted_string_literal", "raw_string_literal"})


def text(node: Node | None) -> str:
    """The node's source text (invalid UTF-8 replaced)."""
    raw = node.text if node is not None else None  # each `.text` is a fresh copy
    return "" if raw is None else raw.decode("utf-8", errors="replace")


def unparen(node: Node | None) -> Node | None:
    """Strip any number of parentheses around an expression."""
    while node is not None and node.type == "parenthesized_expression":
        node = next((c for c in node.named_children if c.type != "comment"), None)
    return node


def call_function(call: Node) -> Node | None:
    """The callee expression of a ``call_expression``."""
    return unparen(call.child_by_field_name("function"))


def called_name(call: Node) -> bytes | None:
    """Last identifier of a call's function: ``Command`` for ``exec.Command(…)``.

    Also for ``Command(…)`` and ``(x.Command)(…)``; ``None`` for a function that
    is neither a name nor a selector (``f()()``, ``fns[i]()``, ``F[int]()``).
    Bytes as in the source: what the engine's call table is keyed by.
    """
    fn = call_function(call)
    kind = fn.type if fn is not None else None
    if kind == "selector_expression":
        assert fn is not None
        fn = fn.child_by_field_name("field")
    elif kind != "identifier":
        return None
    return fn.text if fn is not None else None


def call_args(call: Node) -> list[Node]:
    """Argument expressions of a call (a ``variadic_argument`` is kept as is)."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return []
    return [c for c in args.named_children if c.type != "comment"]


def is_variadic_arg(node: Node) -> bool:
    """True for ``xs...`` in a call."""
    return node.type == "variadic_argument"


def variadic_operand(node: Node) -> Node | None:
    """The slice expression of ``xs...``."""
    return next((c for c in node.named_children if c.type != "comment"), None)


def enclosing(node: Node, kinds: frozenset[str] | set[str]) -> Node | None:
    """Nearest strict ancestor whose kind is in ``kinds``."""
    parent = node.parent
    while parent is not None:
        if parent.type in kinds:
            return parent
        parent = parent.parent
    return None


def enclosing_function(node: Node) -> Node | None:
    """The innermost function declaration, method or literal around ``node``."""
    return enclosing(node, FUNCTION_KINDS)


def function_body(func: Node) -> Node | None:
    """The ``block`` of a function, method or function literal."""
    return func.child_by_field_name("body")


def expression_list_items(node: Node | None) -> list[Node]:
    """Items of an ``expression_list`` (or the node itself when it is a single expression)."""
    if node is None:
        return []
    if node.type == "expression_list":
        return [c for c in node.named_children if c.type != "comment"]
    return [node]


def selector_parts(node: Node) -> tuple[Node, str] | None:
    """``(operand, field name)`` of a ``selector_expression``."""
    if node.type != "selector_expression":
        return None
    operand = node.child_by_field_name("operand")
    field = node.child_by_field_name("field")
    if operand is None or field is None:
        return None
    return operand, text(field)


_GO_ESCAPES = re.compile(
    rb"\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{3}|.)", re.S
)
_SIMPLE = {
    b"a": b"\a", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r",
    b"t": b"\t", b"v": b"\v", b"\\": b"\\", b"'": b"'", b'"': b'"',
}  # fmt: skip


def _unescape(match: re.Match[bytes]) -> bytes:
    esc = match.group(1)
    head = esc[:1]
    if head in (b"u", b"U"):
        try:
            return chr(int(esc[1:], 16)).encode("utf-8", errors="replace")
        except ValueError:
            return b"\xef\xbf\xbd"
    if head == b"x":
        return bytes([int(esc[1:], 16)])
    if head.isdigit() and len(esc) == 3:
        return bytes([int(esc, 8) & 0xFF])
    return _SIMPLE.get(esc, esc)


def string_literal_value(node: Node) -> str | None:
    """Value of a Go string literal, escapes decoded; ``None`` for other nodes."""
    raw = node.text or b""
    if node.type == "raw_string_literal":
        # Go drops carriage returns from raw string literals.
        return raw[1:-1].replace(b"\r", b"").decode("utf-8", errors="replace")
    if node.type == "interpreted_string_literal":
        if len(raw) < 2 or node.has_error:
            return None
        body = _GO_ESCAPES.sub(_unescape, raw[1:-1])
        return codecs.decode(body, "utf-8", errors="replace")
    return None


_INT = re.compile(r"0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[1-9][0-9_]*|0")


def int_literal_value(node: Node) -> int | None:
    """Value of an ``int_literal`` (``0755``, ``0o755``, ``0x1ff``, ``1_000``)."""
    if node.type != "int_literal":
        return None
    lit = text(node).replace("_", "")
    if not _INT.fullmatch(text(node)):
        return None
    try:
        if lit[:2] in ("0o", "0O"):
            return int(lit[2:], 8)
        if len(lit) > 1 and lit[0] == "0" and lit[1] not in "xXbB":
            return int(lit[1:], 8)
        return int(lit, 0)
    except ValueError:
        return None


def named_children_of(node: Node, kind: str) -> Iterator[Node]:
    """Named children of one kind."""
    return (c for c in node.named_children if c.type == kind)


def literal_element_value(element: Node) -> Node | None:
    """The expression inside a ``literal_element`` (composite-literal keys and values)."""
    if element.type == "literal_element":
        return next((c for c in element.named_children if c.type != "comment"), None)
    return element


def keyed_fields(literal: Node) -> dict[str, Node]:
    """``T{A: x, B: y}`` → ``{"A": x, "B": y}``: the keyed elements of a composite literal."""
    body = literal.child_by_field_name("body")
    out: dict[str, Node] = {}
    for element in body.named_children if body is not None else ():
        if element.type != "keyed_element":
            continue
        parts = [c for c in element.named_children if c.type != "comment"]
        if len(parts) == 2:
            key, value = (literal_element_value(p) for p in parts)
            if key is not None and value is not None:
                out[text(key)] = value
    return out
