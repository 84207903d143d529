"""git's ignore rules for discovery: ``.gitignore`` files and ``.git/info/exclude``.

Patterns are git's (via :mod:`pathspec`): each ``.gitignore`` applies below
its own directory, a deeper file overrides a shallower one, the last matching
pattern wins, and ``!pattern`` re-includes. The repository's
``.git/info/exclude`` comes first. Outside a git repository nothing is ignored. Files named on the command line are never
ignored (discovery only asks about what it walks).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pathspec import GitIgnoreSpec

from go_script_lint.base.safe_io import Kind, read_regular

IGNORE_FILE = ".gitignore"


@lru_cache(maxsize=4096)
def _repository_root(directory: Path) -> Path | None:
    # Asked once per walked directory: each answer reuses its parent's.
    if (directory / ".git").exists():
        return directory
    parent = directory.parent
    return None if parent == directory else _repository_root(parent)


def _read_spec(path: Path) -> GitIgnoreSpec | None:
    # Bounded and regular only: a FIFO or /dev/zero named .gitignore must not hang.
    data = read_regular(path, Kind.IGNORE_FILE).data
    if data is None:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    return GitIgnoreSpec.from_lines(lines) if lines else None


class GitIgnore:
    """Answers "would git ignore this path?" for paths below the scanned roots."""

    def __init__(self) -> None:
        """An empty cache; ignore files are read once per directory."""
        self._chains: dict[Path, tuple[tuple[Path, GitIgnoreSpec], ...]] = {}

    def _chain(self, directory: Path) -> tuple[tuple[Path, GitIgnoreSpec], ...]:
        """(base directory, spec) pairs that apply in ``directory``, outermost first."""
        cached = self._chains.get(directory)
        if cached is not None:
            return cached
        root = _repository_root(directory)
        chain: tuple[tuple[Path, GitIgnoreSpec], ...] = ()
        if root is None:
            pass  # outside a repository git ignores nothing
        elif directory == root:
            exclude = _read_spec(root / ".git" / "info" / "exclude")
            chain = ((root, exclude),) if exclude is not None else ()
        else:
            chain = self._chain(directory.parent)
        own = _read_spec(directory / IGNORE_FILE) if root is not None else None
        if own is not None:
            chain = (*chain, (directory, own))
        self._chains[directory] = chain
        return chain

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (absolute), given what its directory says."""
        verdict = False
        for base, spec in self._chain(path.parent):
            relative = Path(os.path.relpath(path, base)).as_posix()
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                verdict = result.include
        return verdict
