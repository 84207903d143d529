"""In-memory file contents that stand in for the disk: an editor's unsaved buffers.

The language server lints what the user sees, not what was last saved. It
runs the ordinary engine inside ``with overlaid({path: bytes}):``, and every
reader of an input file (Go sources, go.mod, the manifest, the config file)
asks :func:`read_file` or :func:`lookup` first. Outside such a block nothing
is overlaid and the command line reads the disk as it always did. The active
overlays are a context variable, so each thread or task sees only its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import MappingProxyType

_ACTIVE: ContextVar[Mapping[str, bytes]] = ContextVar(
    "overlays", default=MappingProxyType({})
)


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(path))


@contextmanager
def overlaid(files: Mapping[Path, bytes]) -> Iterator[None]:
    """Within the block, ``files`` (absolute or relative paths) read as the given bytes."""
    token = _ACTIVE.set({_key(p): data for p, data in files.items()})
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def lookup(path: Path | str) -> bytes | None:
    """The overlaid contents of ``path``, or None when the disk is authoritative."""
    active = _ACTIVE.get()
    return active.get(_key(path)) if active else None


def read_file(path: Path) -> bytes:
    """``path.read_bytes()``, unless an overlay stands in for the file.

    Raises:
        OSError: as :meth:`Path.read_bytes` does, for a file with no overlay.
    """
    data = lookup(path)
    return data if data is not None else path.read_bytes()
