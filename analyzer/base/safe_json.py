"""JSON from untrusted files (cache entries, baselines, SARIF logs): bounded in depth.

``json.loads`` raises :class:`RecursionError` on deep nesting, and the code
that walks a loaded document may recurse too; :func:`load_json` turns both
into a :class:`JsonError` with a one-line message that quotes nothing.
"""

from __future__ import annotations

import json
from typing import Any


class JsonError(ValueError):
    """The bytes are not JSON, or nest deeper than allowed."""


def load_json(data: bytes, *, what: str, max_depth: int) -> Any:
    """Decode ``data`` (UTF-8 JSON) nested at most ``max_depth`` levels."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise JsonError(f"{what} nests too deeply") from None
    except UnicodeDecodeError as exc:
        raise JsonError(f"{what} is not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:
        raise JsonError(f"{what} is not JSON ({exc})") from None
    if nesting_exceeds(doc, max_depth):
        raise JsonError(f"{what} nests deeper than {max_depth} levels")
    return doc


def nesting_exceeds(doc: Any, max_depth: int) -> bool:
    """True when lists and objects nest deeper than ``max_depth`` (iterative)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
