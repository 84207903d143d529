"""Reporters: pure functions from a finished run to text (DESIGN.md §4, §5).

Each format module has ``render(run, rules, *, color=False) -> str`` and
never touches files, the configuration or the engine; the CLI writes the
text where it belongs.
May import: ``base`` (the run result and the rule catalog entries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Protocol

from go_script_lint.base.model import RunResult
from go_script_lint.base.rule import Rule
from go_script_lint.output import concise, github, gitlab, json, junit, sarif, text

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
        "concise": concise.render,
        "json": json.render,
        "sarif": sarif.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "junit": junit.render,
    }
)
