"""Reporters: pure functions from a finished run to text (DESIGN.md §4, §5).

Each format module has ``render(run, rules, *, color=False) -> str`` and
never touches files, the configuration or the engine; the CLI writes the
text where it belongs. Formats: ``text``, ``concise``, ``json``, ``github``,
``gitlab``, ``junit`` and ``sarif`` (built from ``sarif_rules`` and
``sarif_results``, checked by ``sarif_limits``, cut to fit by ``sarif_fit``,
written by ``sarif_serialize``).
May import: ``base`` (the run result and the rule catalog entries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from types import MappingProxyType
from typing import Protocol

from go_script_lint.base.model import RunResult
from go_script_lint.base.rule import Rule

__all__ = ["FORMATS", "Renderer"]


class Renderer(Protocol):
    """The signature every format's ``render`` has."""

    def __call__(
        self, run: RunResult, rules: Sequence[Rule], *, color: bool = False
    ) -> str:
        """Render ``run``; ``color`` only matters for text."""
        ...


class _Deferred:
    """A format's ``render``, its module imported on first use.

    sarif-om alone costs more to import than a one-file text run takes.
    """

    def __init__(self, module: str) -> None:
        self.module = f"go_script_lint.output.{module}"

    def __call__(
        self, run: RunResult, rules: Sequence[Rule], *, color: bool = False
    ) -> str:
        render: Renderer = import_module(self.module).render
        return render(run, rules, color=color)


#: ``--format`` name → render function.
FORMATS: Mapping[str, Renderer] = MappingProxyType(
    {
        name: _Deferred(name)
        for name in ("text", "concise", "json", "sarif", "github", "gitlab", "junit")
    }
)
