"""Every use of the tree-sitter API lives here, so a version bump touches one file.

tree-sitter moved its Python API between 0.22, 0.25 and 0.26 (``Language``
from a capsule, ``Query`` + ``QueryCursor``); the rest of the code base only
sees :class:`tree_sitter.Node` and the helpers below.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from time import monotonic

import tree_sitter_go
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from go_script_lint.golang import limits

__all__ = [
    "ErrorRegion",
    "Node",
    "Tree",
    "edit_tree",
    "error_regions",
    "go_language",
    "iter_nodes_of_types",
    "kinds_pattern",
    "nodes_of_types",
    "parse",
    "query_captures",
]


@cache
def go_language() -> Language:
    """The Go grammar, loaded once per process."""
    return Language(tree_sitter_go.language())


_PER_THREAD = threading.local()


def _parser() -> Parser:
    # One parser a thread: a tree-sitter parser keeps state between calls
    # (a cancelled parse resumes), and the language server parses from its
    # worker threads while requests are answered on another.
    parser: Parser | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        parser = _PER_THREAD.parser = Parser(go_language())
    return parser


def parse(source: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse Go source bytes; never raises on syntax errors (they become ERROR nodes).

    With ``old_tree`` (already told about the changes by :func:`edit_tree`)
    only the edited parts are re-parsed.
    """
    parser = _parser()
    at = limits.current()
    if at is None:
        return (
            parser.parse(source) if old_tree is None else parser.parse(source, old_tree)
        )
    # A progress callback is only offered to parses that read through a callback.
    view = memoryview(source)
    buffers = _read_buffers()

    def read(offset: int, _point: object) -> memoryview | bytes:
        left = len(view) - offset
        if left <= 0:
            return b""  # the end: a shared object, nothing to keep alive
        chunk = buffers[_buffer_size(left)]
        chunk[:] = view[offset : offset + len(chunk)]
        return chunk

    # Called every few hundred parser steps (320k times over the standard
    # library); the deadline cannot move meanwhile, so it is read once.
    deadline: float = at

    def cancel(_offset: int, _has_error: bool) -> bool:
        return monotonic() > deadline

    try:
        if old_tree is None:
            tree = parser.parse(read, progress_callback=cancel)
        else:
            tree = parser.parse(read, old_tree, progress_callback=cancel)
    except ValueError:  # py-tree-sitter's "Parsing failed" when cancelled
        if not limits.passed():
            raise
        tree = None
    finally:
        view.release()
    if tree is None or limits.passed():
        parser.reset()  # a cancelled parser would resume the old parse next time
        raise limits.BudgetExceeded("parsing")
    # A tree parsed through a callback holds no source (``Node.text`` would
    # crash); parsing the bytes again with it as the old tree reuses it all.
    return parser.parse(source, tree)


# py-tree-sitter keeps a reference to every object a read callback returns,
# for good. So the callback hands out the same few buffers over and over, a
# copy of the source in each: one of each power of two up to _CHUNK, and
# exact ones for the last few bytes (a chunk that ends inside a UTF-8
# character is read again from the character's start, which must get all of
# it). A new object per read (~200 bytes each) was a few MB per copy of the
# standard library, scattered over memory the trees of later units could
# not give back.
_CHUNK = 1 << 16
_EXACT = 8  # tails shorter than this come whole


def _buffer_size(left: int) -> int:
    """Bytes the next chunk holds when ``left`` bytes are still to be read."""
    if left < _EXACT:
        return left
    return min(_CHUNK, 1 << (left.bit_length() - 1))


def _read_buffers() -> dict[int, memoryview]:
    """This thread's reusable read buffers by size (see :func:`_buffer_size`)."""
    buffers: dict[int, memoryview] | None = getattr(_PER_THREAD, "buffers", None)
    if buffers is None:
        sizes = [*range(1, _EXACT), *(1 << k for k in range(3, _CHUNK.bit_length()))]
        buffers = {n: memoryview(bytearray(n)) for n in sizes}
        _PER_THREAD.buffers = buffers
    return buffers


def edit_tree(
    tree: Tree,
    start_byte: int,
    end_byte: int,
    start_point: tuple[int, int],
    end_point: tuple[int, int],
) -> None:
    """Tell ``tree`` that bytes ``[start, end)`` were replaced by as many bytes."""
    tree.edit(start_byte, end_byte, end_byte, start_point, end_point, end_point)


@cache
def _query(pattern: str) -> Query:
    return Query(go_language(), pattern)


def query_captures(
    pattern: str, node: Node, unordered: frozenset[str] = frozenset()
) -> dict[str, list[Node]]:
    """Run a (cached, compiled-once) query over ``node``; captures by name.

    Each list is in document order (outer node first on a tie), except the
    captures named in ``unordered`` (for callers that order them their own
    way): py-tree-sitter hands captures over in an order that varies from
    run to run, which made findings that take "the first" of them unstable.
    """
    captures = _captures(QueryCursor(_query(pattern)), node)
    for name, nodes in captures.items():
        if name not in unordered:
            in_document_order(nodes)
    return captures


_START = attrgetter("start_byte")
_END = attrgetter("end_byte")


def in_document_order(nodes: list[Node]) -> None:
    """Sort by start byte, the longer node first on a tie (stable)."""
    # Two stable passes with C key functions: several times faster than a
    # Python key returning (start, -end), and the same order.
    nodes.sort(key=_END, reverse=True)
    nodes.sort(key=_START)


def _captures(cursor: QueryCursor, node: Node) -> dict[str, list[Node]]:
    """Captures, or :class:`~go_script_lint.golang.limits.BudgetExceeded`: never a silent partial list."""
    limits.check("a query")
    captures = cursor.captures(node)
    if cursor.did_exceed_match_limit:
        raise limits.BudgetExceeded("a query (match limit)")
    return captures


def kinds_pattern(kinds: Iterable[str], capture: str = "n") -> str:
    """A query capturing every node of ``kinds`` as ``@capture``."""
    return "[" + " ".join(f"({k})" for k in kinds) + f"] @{capture}"


def nodes_of_types(root: Node, types: Iterable[str]) -> list[Node]:
    """All nodes of the given kinds below ``root``, in document order.

    One compiled query walks the tree in C, which is what keeps the engine's
    single pass cheap: Python only sees the nodes some rule asked for.
    """
    kinds = sorted(set(types))
    if not kinds:
        return []
    pattern = kinds_pattern(kinds)
    return query_captures(pattern, root).get("n", [])


def iter_nodes_of_types(
    root: Node, types: Iterable[str], chunk_bytes: int = 1 << 16
) -> Iterator[Node]:
    """Like :func:`nodes_of_types`, but one byte range at a time.

    The engine checks its per-file time budget between nodes; querying a
    20 MB file in one go would hold millions of nodes and take many seconds
    before the first check. Each node is yielded once (in the chunk where it
    starts), in the same order as :func:`nodes_of_types`.
    """
    kinds = sorted(set(types))
    if not kinds:
        return
    if root.end_byte - root.start_byte <= chunk_bytes:
        yield from nodes_of_types(root, kinds)
        return
    pattern = kinds_pattern(kinds)
    for start in range(root.start_byte, root.end_byte, chunk_bytes):
        end = start + chunk_bytes
        cursor = QueryCursor(_query(pattern))
        cursor.set_byte_range(start, end)
        nodes = [
            n
            for n in _captures(cursor, root).get("n", [])
            if start <= n.start_byte < end
        ]
        in_document_order(nodes)
        yield from nodes


@cache
def known_node_kinds() -> frozenset[str]:
    """Every named node kind of the Go grammar (to validate rule node_types)."""
    lang = go_language()
    kinds = set()
    for kind_id in range(lang.node_kind_count):
        name = lang.node_kind_for_id(kind_id)
        if name and lang.node_kind_is_named(kind_id):
            kinds.add(name)
    return frozenset(kinds)


@dataclass(frozen=True, slots=True)
class ErrorRegion:
    """A place the parser could not read: an ERROR node or a MISSING token."""

    start_byte: int
    end_byte: int
    missing: str | None  # the token the parser inserted, for MISSING nodes


def error_regions(root: Node) -> list[ErrorRegion]:
    """One region per outermost ERROR node or MISSING token, in document order.

    tree-sitter's recovery often wraps a long stretch of valid code in an ERROR
    node; the point a Go compiler would complain about is the first error leaf
    inside it, so that is what each region points at (later leaves of the same
    ERROR node are cascades and are not reported again). Iterative, so 10,000
    nested parentheses cannot hit Python's recursion limit; only subtrees
    flagged ``has_error`` are visited.
    """
    if not root.has_error:
        return []
    regions: list[ErrorRegion] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if node.is_missing or node.is_error:
            leaf = _first_error_leaf(node)
            missing = leaf.type if leaf.is_missing else None
            regions.append(ErrorRegion(leaf.start_byte, leaf.end_byte, missing))
            continue
        stack.extend(child for child in reversed(node.children) if child.has_error)
    regions.sort(key=lambda r: (r.start_byte, r.end_byte))
    return regions


def _first_error_leaf(node: Node) -> Node:
    current = node
    while True:
        nxt = next((c for c in current.children if c.has_error or c.is_missing), None)
        if nxt is None:
            return current
        current = nxt


def walk(root: Node) -> Iterator[Node]:
    """Pre-order walk of every node below ``root`` (iterative, with a cursor)."""
    cursor = root.walk()
    while True:
        node = cursor.node
        if node is not None:
            yield node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def package_clause_problems(root: Node) -> list[tuple[int, int, str]]:
    """``(start_byte, end_byte, detail)`` for package clauses Go rejects.

    tree-sitter accepts a file without a ``package`` clause and one with two;
    Go requires exactly one, first.
    """
    clauses = [c for c in root.children if c.type == "package_clause"]
    if not clauses:
        return [] if root.has_error else [(0, 0, "missing `package` clause")]
    first = clauses[0].text.decode("utf-8", "replace") if clauses[0].text else ""
    return [
        (c.start_byte, c.end_byte, f"second `package` clause (the file has `{first}`)")
        for c in clauses[1:]
    ]
