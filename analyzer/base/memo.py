"""Typed keys for the per-file and per-package memo: ``ctx.memo(KEY, build)``.

A key carries the type of the fact it caches, so ``ctx.memo(DIRECTIVES,
parse)`` is checked at the call and needs no cast; each analysis declares
its key next to itself. ``KEY.at(part, …)`` is the key of one instance of a
parametrised fact (one function's defers, one package name's type index).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


# No slots: with them, a subscripted call such as ``MemoKey[int]("n")`` fails
# (the frozen ``__setattr__`` refers to the class before slots were added).
@dataclass(frozen=True)
class MemoKey(Generic[T]):
    """The key of one memoised fact of type ``T``; ``name`` must be unique."""

    name: str
    parts: tuple[Hashable, ...] = ()

    def at(self, *parts: Hashable) -> MemoKey[T]:
        """The key of the fact for ``parts`` (same type, its own slot)."""
        key: MemoKey[T] = MemoKey(self.name, self.parts + parts)
        return key
