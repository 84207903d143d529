"""Bounds on per-file work: a deadline that parsing and queries obey, and a depth cap.

The engine opens a :func:`deadline` scope around each file's parse and rule
pass; :func:`go_script_lint.golang.parsing.parse` hands tree-sitter a progress
callback that cancels the parse when it passes, and the query helpers check it
between byte-range chunks. Either way :class:`BudgetExceeded` is raised and the
file becomes GSL002, never a silent pass.

tree-sitter's query cursor keeps each match's start depth in 16 bits: nodes
nested deeper than 65,535 levels are not captured (and such queries become
very slow), so a tree deeper than :data:`MAX_TREE_DEPTH` is reported instead
of analysed. (The query cursor's own progress callback would be the finer
tool, but py-tree-sitter 0.26.1 keeps a pointer to a stack-local options
struct past its lifetime, and calling it crashes the process.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from tree_sitter import Node

MAX_TREE_DEPTH = 60_000

_deadline: list[float | None] = [None]


class BudgetExceeded(Exception):
    """A file's time budget ran out in the middle of some work."""

    def __init__(self, what: str) -> None:
        """``what`` was running when the budget ran out (``parsing``, ``a query``)."""
        super().__init__(what)
        self.what = what


@contextmanager
def deadline(at: float | None) -> Iterator[None]:
    """Make ``at`` (a :func:`time.monotonic` value, ``None``: none) the current deadline."""
    previous = _deadline[0]
    _deadline[0] = at
    try:
        yield
    finally:
        _deadline[0] = previous


@contextmanager
def paused() -> Iterator[None]:
    """Stop the clock: time spent inside is not charged to the current deadline.

    Package facts (the go.mod, the manifest, an OpenAPI document) are computed
    while some Go file's rules run; they are bounded by their size caps, and
    their time is not that file's.
    """
    at = _deadline[0]
    started = time.monotonic()
    _deadline[0] = None
    try:
        yield
    finally:
        _deadline[0] = None if at is None else at + (time.monotonic() - started)


def passed() -> bool:
    """True when the current deadline has passed."""
    at = _deadline[0]
    return at is not None and time.monotonic() > at


def current() -> float | None:
    """The current deadline (a :func:`time.monotonic` value), ``None`` outside one."""
    return _deadline[0]


def check(what: str) -> None:
    """Raise :class:`BudgetExceeded` when the current deadline has passed."""
    at = _deadline[0]  # passed(), inlined: the engine asks before every node
    if at is not None and time.monotonic() > at:
        raise BudgetExceeded(what)


def deeper_than(root: Node, limit: int = MAX_TREE_DEPTH) -> bool:
    """True when some node lies more than ``limit`` levels below ``root``.

    Iterative, and it only enters subtrees with at least as many descendants
    as levels still missing (``descendant_count`` is stored in each node), so a
    normal file costs a few hundred steps however large it is.
    """
    stack: list[tuple[Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        missing = limit - depth
        stack.extend(
            (child, depth + 1)
            for child in node.children
            if child.descendant_count >= missing
        )
    return False
