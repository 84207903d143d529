"""Reporters: pure functions from a finished run to text (DESIGN.md §4, §5).

Each format module has ``render(run, rules, *, color=False) -> str`` and
never touches files, the configuration or the engine; the CLI writes the
text where it belongs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Protocol

from analyzer.model import RunResult
from analyzer.output import github, json, sarif, text
from analyzer.rule import Rule

__all__ = ["FORMATS", "Renderer"]


class Renderer(Protocol):
    """The signature every format's ``render`` has."""

    def __call__(
        self, run: RunResult, rules: Sequence[Rule], *, color: bool = False
    ) -> str:
        """Render ``run``; ``color`` only matters for text."""
        ...


#: ``--format`` name → render function.
FORMATS: Mapping[str, Renderer] = MappingProxyType(
    {
        "text": text.render,
        "json": json.render,
        "sarif": sarif.render,
        "github": github.render,
    }
)
