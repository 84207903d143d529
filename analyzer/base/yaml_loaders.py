"""PyYAML loaders whose composer is bounded in depth (PyYAML's recurses per level).

Small documents use the pure-Python loader; documents over :data:`FAST_FROM`
are scanned and parsed by libyaml when PyYAML was built with it (pure Python
takes minutes on a few megabytes), with the same bounded composer on top.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import Node

MAX_DEPTH = 64


class TooDeep(Exception):
    """A document nests deeper than :data:`MAX_DEPTH`; ``mark`` says where."""

    def __init__(self, node_mark: Any) -> None:
        super().__init__()
        self.mark = node_mark


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader with a bounded composer (PyYAML's recurses per nesting level)."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


FAST_FROM = 256 << 10  # larger documents are scanned by libyaml (when present)


def bounded_loader(text: str) -> Any:
    """The bounded loader; libyaml scans large documents (pure Python takes minutes)."""
    if len(text) >= FAST_FROM and getattr(yaml, "__with_libyaml__", False):
        return _fast_loader_class()(text)
    return _BoundedLoader(text)


@cache
def _fast_loader_class() -> Any:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class FastBoundedLoader(Composer, CParser, SafeConstructor, yaml.resolver.Resolver):
        """libyaml's scanner and parser, with the same bounded composer in Python."""

        _depth = 0
        compose_node = _BoundedLoader.compose_node

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return FastBoundedLoader
