"""A rule's documented examples: real files next to its fixtures, not Python strings.

``fixtures/rules/GSLNNN/examples/bad/`` is a complete directory that triggers
the rule, ``examples/good/`` the same directory fixed; each holds ``main.go``
and whatever else the example needs (``go.mod``, ``go-script.yaml``). The rule
pages show these files (``rule_docs``) and the tests run the engine on them,
so the documented code is the tested code. Only the repository has them: they
are development data, not installed with the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = "examples"
MAIN = "main.go"


def _read_tree(directory: Path) -> dict[str, str]:
    """Relative POSIX path → text (undecodable bytes kept as surrogates)."""
    if not directory.is_dir():
        return {}
    return {
        path.relative_to(directory).as_posix(): path.read_bytes().decode(
            "utf-8", errors="surrogateescape"
        )
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class RuleExamples:
    """The bad and good example directories of one rule."""

    directory: Path
    bad: Mapping[str, str]
    good: Mapping[str, str]

    @property
    def bad_dir(self) -> Path:
        return self.directory / "bad"

    @property
    def good_dir(self) -> Path:
        return self.directory / "good"

    @property
    def shared_files(self) -> dict[str, str]:
        """Files besides ``main.go`` the bad example is analysed with."""
        return {k: v for k, v in self.bad.items() if k != MAIN}

    @property
    def fixed_files(self) -> dict[str, str]:
        """Files besides ``main.go`` the good example changes or adds."""
        return {
            k: v for k, v in self.good.items() if k != MAIN and self.bad.get(k) != v
        }


def load_examples(rule_fixtures: Path, rule_id: str) -> RuleExamples:
    """The examples of ``rule_id`` under ``rule_fixtures`` (``fixtures/rules``)."""
    directory = rule_fixtures / rule_id / EXAMPLES
    return RuleExamples(
        directory, _read_tree(directory / "bad"), _read_tree(directory / "good")
    )
