"""Parts of composite type strings: what indexing, ranging, receiving or
dereferencing or calling a value of that type gives.

Type strings are :class:`go_script_lint.analysis.declarations.TypeNamer`'s:
``[]*os.File``, ``[_]byte`` (arrays), ``map[string]*os.File``, ``chan{int}``,
``func{int,error}`` (a function type, by its results).
"""

from __future__ import annotations

from collections.abc import Callable

from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

_SLICE_PREFIXES = ("[]", "[_]")


def pointee(type_str: str) -> str | None:
    """``*os.File`` → ``os.File``."""
    return type_str[1:] if type_str.startswith("*") else None


def map_parts(type_str: str) -> tuple[str, str] | None:
    """``map[K]V`` → (``K``, ``V``), brackets in ``K`` balanced."""
    if not type_str.startswith("map["):
        return None
    depth = 0
    for i in range(3, len(type_str)):
        ch = type_str[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return type_str[4:i], type_str[i + 1 :]
    return None


def element(type_str: str) -> str | None:
    """What ``x[i]`` (or a ``range`` value) is: slice/array element, map value."""
    base = (
        type_str[1:] if type_str.startswith("*[_]") else type_str
    )  # *[N]T indexes too
    for prefix in _SLICE_PREFIXES:
        if base.startswith(prefix):
            return base[len(prefix) :]
    parts = map_parts(base)
    if parts is not None:
        return parts[1]
    if base == "string":
        return "byte"
    return None


def function_results(type_str: str) -> tuple[str, ...] | None:
    """``func{int,error}`` → (``int``, ``error``): what calling a function value gives."""
    if not (type_str.startswith("func{") and type_str.endswith("}")):
        return None
    inner = type_str[5:-1]
    if not inner:
        return ()
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(inner):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(inner[start:i])
            start = i + 1
    out.append(inner[start:])
    return tuple(out)


def range_types(type_str: str) -> tuple[str | None, str | None]:
    """The two variables of ``for k, v := range x``."""
    base = type_str[1:] if type_str.startswith("*[_]") else type_str
    if base.startswith(_SLICE_PREFIXES):
        return "int", element(base)
    parts = map_parts(base)
    if parts is not None:
        return parts
    if base == "string":
        return "int", "rune"
    received = channel_element(base)
    if received is not None:
        return received, None
    return None, None


def channel_element(type_str: str) -> str | None:
    """``chan{int}`` → ``int`` (``chan{...}`` when the element is unknown: ``None``)."""
    if type_str.startswith("chan{") and type_str.endswith("}"):
        inner = type_str[5:-1]
        return None if inner == "..." else inner
    return None


def range_variable_type(
    name: Node, type_of: Callable[[Node | None], str | None]
) -> str | None:
    """``i`` / ``f`` of ``for i, f := range files``: ``int`` and the element type;
    ``v`` / ``ok`` of ``case v, ok := <-ch:``."""
    holder = name.parent
    clause = holder if holder is not None and holder.type == "range_clause" else None
    if clause is None and holder is not None:
        clause = holder.parent
    if clause is None or clause.type not in ("range_clause", "receive_statement"):
        return None
    names = go_ast.expression_list_items(clause.child_by_field_name("left"))
    if clause.type == "receive_statement":  # `case v, ok := <-ch:`
        is_value = bool(names) and names[0].id == name.id
        return type_of(clause.child_by_field_name("right")) if is_value else "bool"
    ranged = type_of(clause.child_by_field_name("right"))
    if ranged is None:
        return None
    first, second = range_types(ranged)
    return first if names and names[0].id == name.id else second
