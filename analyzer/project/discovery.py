"""Find what to analyse: Go files grouped by directory, with their go.mod and manifest.

Discovery never raises for a bad path: unreadable directories, dangling or
looping symlinks and missing arguments come back as :class:`Problem` records
that the engine turns into GSL002 findings and notifications.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from go_script_lint.base.safe_io import OUTSIDE, UNBOUNDED, Roots
from go_script_lint.project.gitignore import GitIgnore

DEFAULT_EXCLUDED_DIRS = frozenset({"vendor", "testdata", ".git", "node_modules"})
MANIFEST_NAME = "go-script.yaml"
GOMOD_NAME = "go.mod"


@dataclass(frozen=True, slots=True)
class GoFile:
    """A Go file to analyse; ``report`` is False for siblings read only for package facts."""

    abspath: Path
    display: str
    explicit: bool = False
    report: bool = True


@dataclass(frozen=True, slots=True)
class Unit:
    """One directory: the unit of work (cross-file checks never leave it)."""

    directory: Path
    display: str
    go_files: tuple[GoFile, ...]
    gomod: Path | None
    manifest: Path | None
    owns_gomod: bool


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that could not be analysed (``fatal``) or was deliberately skipped."""

    display: str
    message: str
    fatal: bool = True


@dataclass
class Discovery:
    """What discovery found."""

    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    roots: Roots = UNBOUNDED


def make_display(srcroot: Path) -> Callable[[Path], str]:
    """A function turning absolute paths into POSIX paths relative to ``srcroot``."""
    root = os.path.abspath(srcroot)
    below = root.rstrip(os.sep) + os.sep

    @functools.cache  # relpath's work once per directory outside srcroot
    def relative(absolute: str) -> str:
        return Path(os.path.relpath(absolute, root)).as_posix()

    def display(path: Path) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(below) and os.sep == "/":
            return absolute[len(below) :]  # the common case, without relpath's work
        # Elsewhere its directory's cached relpath, then the name (not srcroot's ancestors).
        directory, name = os.path.split(absolute)
        if os.sep == "/" and name and not below.startswith(absolute + "/"):
            return f"{relative(directory)}/{name}"
        return relative(absolute)

    return display


class _Walker:
    def __init__(
        self,
        excludes: Sequence[str],
        follow_symlinks: bool,
        display: Callable[[Path], str],
        gitignore: GitIgnore | None = None,
    ) -> None:
        self.excludes = tuple(excludes)
        self.gitignore = gitignore
        self.follow_symlinks = follow_symlinks
        self.display = display
        self.files: dict[Path, dict[Path, GoFile]] = {}
        self.dirs_with_meta: set[Path] = set()
        self.problems: list[Problem] = []
        self.visited_dirs: set[str] = set()
        self.roots = UNBOUNDED
        self.gomods: dict[Path, Path | None] = {}
        self.refused: set[str] = set()

    def excluded(self, path: Path) -> bool:
        shown = self.display(path) if self.excludes else ""  # once, not per pattern
        return any(
            fnmatch.fnmatch(shown, pat) or fnmatch.fnmatch(path.name, pat)
            for pat in self.excludes
        )

    def refuse(self, path: Path, message: str, *, fatal: bool) -> None:
        """One problem per path, however many units meet it."""
        shown = self.display(path)
        if shown not in self.refused:
            self.refused.add(shown)
            self.problems.append(Problem(shown, message, fatal=fatal))

    def metadata_file(self, path: Path) -> Path | None:
        """``path`` when it is a readable go.mod or manifest inside the roots.

        A link leaving the roots is a note (nothing read); a FIFO, socket,
        device or directory under that name is an error (GSL002).
        """
        if not os.path.lexists(path):
            return None
        if not self.roots.contains(path):
            self.refuse(path, OUTSIDE, fatal=False)
            return None
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            self.refuse(path, _os_message(exc), fatal=True)
            return None
        if not stat.S_ISREG(mode):
            what = "a directory" if stat.S_ISDIR(mode) else "a FIFO, socket or device"
            self.refuse(path, f"is {what}, not a regular file; not read", fatal=True)
            return None
        return path

    def note_gomod_above(self, directory: Path) -> None:
        """Say so when the go.mod Go would use lies above the roots (it is not read)."""
        for ancestor in (directory, *directory.parents):
            candidate = ancestor / GOMOD_NAME
            if os.path.lexists(candidate):
                self.refuse(
                    candidate,
                    f"{GOMOD_NAME} above the scanned paths and --srcroot; not read "
                    "(use --srcroot to include it)",
                    fatal=False,
                )
                return

    def nearest_gomod(self, directory: Path) -> Path | None:
        """The ``go.mod`` in ``directory`` or its closest ancestor inside the roots."""
        chain: list[Path] = []
        current = directory
        found: Path | None = None
        while True:
            if current in self.gomods:
                found = self.gomods[current]
                break
            chain.append(current)
            candidate = current / GOMOD_NAME
            if os.path.lexists(candidate):
                found = self.metadata_file(candidate)
                break
            if current.parent == current:
                break
            if not self.roots.contains(current.parent):
                self.note_gomod_above(current.parent)
                break
            current = current.parent
        for seen in chain:
            self.gomods[seen] = found
        return found

    def add_file(self, path: Path, explicit: bool) -> None:
        directory = path.parent
        self.files.setdefault(directory, {})[path] = GoFile(
            path, self.display(path), explicit
        )

    def walk(self, top: Path) -> None:
        stack = [top]
        while stack:
            directory = stack.pop()
            real = os.path.realpath(directory)
            if real in self.visited_dirs:
                continue
            self.visited_dirs.add(real)
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(Problem(self.display(directory), _os_message(exc)))
                continue
            for entry in entries:
                self.visit_entry(directory, entry, stack)

    def visit_entry(
        self, directory: Path, entry: os.DirEntry[str], stack: list[Path]
    ) -> None:
        path = directory / entry.name
        if self.excluded(path):
            return
        is_go = entry.name.endswith(".go")
        if entry.is_symlink():
            try:
                target = os.path.realpath(path, strict=True)
                st = os.stat(path)
            except (OSError, RuntimeError) as exc:
                if is_go:
                    self.problems.append(Problem(self.display(path), _os_message(exc)))
                return
            if not self.roots.contains(target):
                self.problems.append(
                    Problem(
                        self.display(path),
                        "symbolic link points outside the scanned paths; not followed "
                        "(use --follow-symlinks)",
                        fatal=False,
                    )
                )
                return
            mode = st.st_mode
        else:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                if is_go:
                    self.problems.append(Problem(self.display(path), _os_message(exc)))
                return
        if self.gitignore is not None and self.gitignore.ignored(
            Path(os.path.abspath(path)), stat.S_ISDIR(mode)
        ):
            return
        if stat.S_ISDIR(mode):
            if entry.name in DEFAULT_EXCLUDED_DIRS:
                return
            if is_go:
                self.problems.append(
                    Problem(self.display(path), "is a directory, not a Go file")
                )
            stack.append(path)
        elif is_go:
            if stat.S_ISREG(mode):
                self.add_file(path, explicit=False)
            else:
                self.problems.append(Problem(self.display(path), "not a regular file"))
        elif entry.name in (MANIFEST_NAME, GOMOD_NAME):
            self.dirs_with_meta.add(directory)


def _os_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    if isinstance(exc, RuntimeError):
        return "cannot read: symbolic link loop"
    return f"cannot read: {exc}"


def discover(
    paths: Iterable[str],
    *,
    srcroot: Path,
    excludes: Sequence[str] = (),
    follow_symlinks: bool = False,
    respect_gitignore: bool = False,
) -> Discovery:
    """Expand CLI paths into analysis units, sorted by directory.

    Directories are walked (default excludes and ``excludes`` globs applied);
    explicitly named files are always analysed. Each directory that has Go
    files gets its sibling Go files as context (``report=False``) when only
    some of them were named, so cross-file checks see the whole package.
    With ``respect_gitignore`` walked paths that git ignores are skipped.
    """
    display = make_display(srcroot)
    gitignore = GitIgnore() if respect_gitignore else None
    walker = _Walker(excludes, follow_symlinks, display, gitignore)
    args = [Path(p) for p in paths]
    walker.roots = Roots.of([*args, srcroot], unbounded=follow_symlinks)
    explicit_dirs: set[Path] = set()
    for arg in args:
        path = Path(os.path.abspath(arg))
        if os.path.islink(path) and not os.path.exists(path):
            walker.problems.append(
                Problem(display(path), "cannot read: broken or looping symbolic link")
            )
        elif path.is_dir():
            walker.walk(path)
        elif path.exists():
            if path.name in (MANIFEST_NAME, GOMOD_NAME):
                walker.dirs_with_meta.add(path.parent)
            else:
                walker.add_file(path, explicit=True)
                explicit_dirs.add(path.parent)
        else:
            walker.problems.append(Problem(display(path), "no such file or directory"))
    for directory in explicit_dirs:
        _add_context_siblings(walker, directory)
    units = [
        _make_unit(d, walker, display)
        for d in sorted(set(walker.files) | walker.dirs_with_meta)
    ]
    return Discovery(units=units, problems=walker.problems, roots=walker.roots)


def discover_directory(
    directory: Path,
    *,
    srcroot: Path,
    excludes: Sequence[str] = (),
    follow_symlinks: bool = False,
) -> Discovery:
    """The unit of one directory, as walking ``srcroot`` would have made it.

    For the language server, which lints a directory at a time: subdirectories
    are not entered, and a directory the walk would skip (``vendor/``, an
    ``excludes`` glob on the way down from ``srcroot``) yields no unit.
    """
    display = make_display(srcroot)
    walker = _Walker(excludes, follow_symlinks, display)
    walker.roots = Roots.of([srcroot], unbounded=follow_symlinks)
    directory = Path(os.path.abspath(directory))
    root = Path(os.path.abspath(srcroot))
    between = [directory, *directory.parents]
    if root in between:
        between = between[: between.index(root)]
    if any(d.name in DEFAULT_EXCLUDED_DIRS or walker.excluded(d) for d in between):
        return Discovery()
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        return Discovery(problems=[Problem(display(directory), _os_message(exc))])
    for entry in entries:
        walker.visit_entry(directory, entry, stack=[])
    if directory not in walker.files and directory not in walker.dirs_with_meta:
        return Discovery(problems=walker.problems)
    return Discovery(
        units=[_make_unit(directory, walker, display)],
        problems=walker.problems,
        roots=walker.roots,
    )


def _add_context_siblings(walker: _Walker, directory: Path) -> None:
    known = walker.files.setdefault(directory, {})
    if any(not f.explicit for f in known.values()):
        return  # the directory was walked too: everything is already reported
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        path = directory / name
        if (
            name.endswith(".go")
            and path not in known
            and path.is_file()
            and not path.is_symlink()
        ):
            known[path] = GoFile(
                path, walker.display(path), explicit=False, report=False
            )


def forget_gomod_locations() -> None:
    """Nothing to forget: each discovery searches for go.mod files afresh.

    (Kept for the language server, which calls it when files come and go.)
    """


def nearest_gomod(directory: Path, roots: Roots = UNBOUNDED) -> Path | None:
    """The go.mod a run would use for ``directory``: at or above it, inside ``roots``."""
    walker = _Walker((), roots.unbounded, make_display(directory))
    walker.roots = roots
    return walker.nearest_gomod(directory)


def _make_unit(
    directory: Path, walker: _Walker, display: Callable[[Path], str]
) -> Unit:
    files = tuple(
        sorted(walker.files.get(directory, {}).values(), key=lambda f: f.display)
    )
    gomod = walker.nearest_gomod(directory)
    manifest = walker.metadata_file(directory / MANIFEST_NAME)
    return Unit(
        directory=directory,
        display=display(directory),
        go_files=files,
        gomod=gomod,
        manifest=manifest,
        owns_gomod=gomod is not None and gomod.parent == directory,
    )
