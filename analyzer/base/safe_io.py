"""Every input file is read here: inside the scanned roots, regular, and bounded.

One rule for all inputs (Go files, go.mod, manifests, OpenAPI documents,
schemas, configs, baselines, cache entries, SARIF logs): the path is resolved
with :func:`os.path.realpath` and refused when it leaves the :class:`Roots`
(unless links may be followed); the file is opened with ``O_NONBLOCK`` and
checked with ``fstat`` before a byte is read, so a FIFO, device or socket is
refused instead of blocking or streaming forever; and at most the cap of its
:class:`Kind` is read. The caps are documented in ``docs/security.md``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from go_script_lint.base import overlay

MIB = 1 << 20


class Kind(Enum):
    """What an input file is; its value is ``(label, size cap in bytes)``."""

    GO_SOURCE = ("Go file", 32 * MIB)  # the engine passes `max-file-bytes` (10 MiB)
    GOMOD = ("go.mod", 2 * MIB)
    MANIFEST = ("manifest", 1 * MIB)
    OPENAPI = ("OpenAPI document", 5 * MIB)
    SCHEMA = ("JSON Schema", 5 * MIB)
    CONFIG = ("config file", 1 * MIB)
    IGNORE_FILE = (".gitignore file", 1 * MIB)
    BASELINE = ("baseline", 64 * MIB)
    CACHE_ENTRY = ("cache entry", 16 * MIB)
    SARIF = ("SARIF log", 256 * MIB)

    @property
    def label(self) -> str:
        """How messages name the kind."""
        return self.value[0]

    @property
    def max_bytes(self) -> int:
        """The size cap of the kind."""
        return int(self.value[1])


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Bytes of a file, or why they could not be had (one line, no file content)."""

    data: bytes | None
    error: str | None = None
    outside: bool = False  # refused because it resolves outside the roots


@dataclass(frozen=True, slots=True)
class Roots:
    """The directories every read must stay inside (real paths).

    ``unbounded`` (``--follow-symlinks``) lifts the rule: anything may be read.
    """

    paths: tuple[str, ...]
    unbounded: bool = False
    # Directory -> its real path, for this run: resolving each file's
    # directory once instead of every component of every file's path.
    _real_dirs: dict[str, str] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def of(cls, paths: list[Path] | list[str], *, unbounded: bool = False) -> Roots:
        """Roots from scanned paths (a file's root is its directory) and ``--srcroot``."""
        real: list[str] = []
        for path in paths:
            resolved = os.path.realpath(path)
            if not os.path.isdir(resolved):
                resolved = os.path.dirname(resolved)
            real.append(resolved)
        return cls(tuple(sorted(set(real))), unbounded)

    def contains(self, path: Path | str) -> bool:
        """True when ``path`` resolves (links and ``..`` included) inside a root."""
        if self.unbounded:
            return True
        real = self._realpath(os.fspath(path))
        return any(_is_within(real, root) for root in self.paths)

    def _realpath(self, path: str) -> str:
        """``os.path.realpath(path)``, with the directory part resolved once a run."""
        head, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return os.path.realpath(path)
        except OSError:
            pass  # a missing leaf resolves to itself under its directory
        real_head = self._real_dirs.get(head)
        if real_head is None:
            real_head = self._real_dirs[head] = os.path.realpath(head or ".")
        return os.path.join(real_head, name)


UNBOUNDED = Roots((), unbounded=True)

OUTSIDE = (
    "resolves outside the scanned paths and --srcroot; not read (use --follow-symlinks)"
)


def _is_within(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_regular(
    path: Path | str,
    kind: Kind,
    *,
    roots: Roots = UNBOUNDED,
    max_bytes: int | None = None,
) -> ReadResult:
    """Read a regular file inside ``roots`` with the size cap of ``kind``.

    Never raises and never blocks: errors come back as one-line messages that
    say nothing about the file's content (not even whether a file outside the
    roots exists).
    """
    limit = kind.max_bytes if max_bytes is None else max_bytes
    if not roots.unbounded:
        try:
            if not roots.contains(path):
                return ReadResult(None, OUTSIDE, outside=True)
        except (OSError, ValueError) as exc:
            return ReadResult(None, describe(exc))
    buffered = overlay.lookup(path)  # an editor's unsaved buffer wins over the disk
    if buffered is not None:
        if len(buffered) > limit:
            return ReadResult(None, _over(kind, limit, len(buffered)))
        return ReadResult(buffered)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as exc:
        return ReadResult(None, describe(exc))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return ReadResult(None, f"is a directory, not a {kind.label}")
        if not stat.S_ISREG(st.st_mode):
            return ReadResult(
                None, "not a regular file (FIFO, socket or device); not read"
            )
        if st.st_size > limit:
            return ReadResult(None, _over(kind, limit, st.st_size))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return ReadResult(None, describe(exc))
    finally:
        os.close(fd)
    if size > limit:
        return ReadResult(None, _over(kind, limit, None))
    return ReadResult(b"".join(chunks))


def _over(kind: Kind, limit: int, size: int | None) -> str:
    shown = f" ({size} bytes)" if size is not None else ""
    return f"{kind.label} is over its {limit}-byte budget{shown}; not read"


def open_problem(
    path: Path | str, kind: Kind, *, roots: Roots = UNBOUNDED
) -> str | None:
    """Why ``path`` could not be read as a ``kind`` (``None``: it could); reads nothing."""
    result = read_regular(path, kind, roots=roots, max_bytes=-1)
    if result.error is not None and result.error.startswith(f"{kind.label} is over"):
        return None  # opened and found regular: only the probe's cap of -1 refused it
    return result.error


def is_regular(path: Path | str) -> bool:
    """True for a regular file (after links); never raises, never opens."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def describe(exc: BaseException) -> str:
    """A one-line reason for an :class:`OSError` (no path, no traceback)."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return f"cannot read: {exc}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file in its directory, renamed into place.

    A failed or interrupted write leaves the previous file as it was and no
    temporary file behind. Raises :class:`OSError`.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".gsl-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if os.path.exists(path):
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
