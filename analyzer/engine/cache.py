"""Result cache: a unit's findings keyed on everything they depend on.

The key of a directory hashes the tool version, the effective configuration,
the enabled rules, and the bytes of every input the unit reads: its Go files,
the nearest go.mod, its go-script.yaml, the files the manifest names, and the
``--schema-path`` file. Entries are JSON written atomically (temp file +
rename), so concurrent runs never see half an entry; an entry that is not a
regular file, is over its size cap, nests too deeply or does not decode is
ignored, removed and recomputed, never trusted. Inputs are hashed through the
same bounded, root-contained reads as the analysis uses.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from go_script_lint import __version__
from go_script_lint.base.model import (
    FileResult,
    Finding,
    Fix,
    Level,
    Location,
    Notification,
    Region,
    Replacement,
    Suppression,
)
from go_script_lint.base.safe_io import UNBOUNDED, Kind, Roots, read_regular
from go_script_lint.base.safe_json import JsonError, load_json
from go_script_lint.project.discovery import Unit

SCHEMA = 1
MAX_DEPTH = 12  # an entry is a few levels of lists and objects


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/go-script-lint`` (or ``~/.cache/go-script-lint``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "go-script-lint"


def _file_digest(path: Path | None, hasher: Any, roots: Roots) -> None:
    if path is None:
        hasher.update(b"\0none")
        return
    hasher.update(os.fsencode(path))
    # The largest cap of any input: a file over its own cap is an error either way.
    result = read_regular(path, Kind.GO_SOURCE, roots=roots)
    if result.data is None:
        hasher.update(f"\0error:{result.error}".encode())
    else:
        hasher.update(hashlib.sha256(result.data).digest())


@cache
def code_fingerprint() -> str:
    """Size and mtime of the installed analyzer and rule modules and data.

    A release changes ``__version__``; this also catches an edited source
    checkout, so a developer never sees results of the code before the edit.
    """
    import go_script_lint

    hasher = hashlib.sha256()
    roots = [Path(p) for p in go_script_lint.__path__]
    rules = importlib.util.find_spec("go_script_lint.rules")
    if rules is not None and rules.submodule_search_locations:
        roots.extend(Path(p) for p in rules.submodule_search_locations)
    for root in roots:
        # os.walk and os.stat, sorted by path parts as Path sorts: the same
        # digest as Path.rglob gives, at a third of its cost on every start.
        found: list[tuple[list[str], str, str]] = []
        for directory, _dirs, names in os.walk(root):
            found.extend(
                (os.path.join(directory, n).split(os.sep), directory, n)
                for n in names
                if n.endswith((".py", ".json", ".gz"))
            )
        for _parts, directory, name in sorted(found):
            st = os.stat(os.path.join(directory, name))
            hasher.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return hasher.hexdigest()


def unit_key(
    unit: Unit,
    config_fingerprint: str,
    rule_ids: list[str],
    extra: list[Path],
    roots: Roots = UNBOUNDED,
) -> str:
    """Hex key of a unit; any change to an input changes it."""
    hasher = hashlib.sha256()
    hasher.update(
        f"{SCHEMA}\0{__version__}\0{code_fingerprint()}\0{config_fingerprint}\0"
        f"{','.join(rule_ids)}".encode()
    )
    hasher.update(os.fsencode(unit.display))
    for go_file in unit.go_files:
        hasher.update(
            f"\0{go_file.display}\0{go_file.explicit}\0{go_file.report}".encode(
                "utf-8", "surrogateescape"
            )
        )
        _file_digest(go_file.abspath, hasher, roots)
    for path in (unit.gomod, unit.manifest, *extra):
        _file_digest(path, hasher, roots)
    return hasher.hexdigest()


class ResultCache:
    """A directory of cached unit results."""

    def __init__(self, directory: Path) -> None:
        """Use (and lazily create) ``directory``."""
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The cached result, or ``None`` when absent or unusable (then it is removed)."""
        path = self._path(key)
        read = read_regular(path, Kind.CACHE_ENTRY)
        if read.data is None:
            if os.path.lexists(path):
                self._discard(path)
            return None
        try:
            data = load_json(read.data, what="cache entry", max_depth=MAX_DEPTH)
            if data.get("schema") != SCHEMA:
                return None
            return _decode_result(data)
        except (JsonError, ValueError, KeyError, TypeError, AttributeError):
            self._discard(path)
            return None

    @staticmethod
    def _discard(path: Path) -> None:
        """Remove a bad entry (a FIFO, a directory, garbage) so it is rewritten."""
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                os.rmdir(path)
            else:
                os.unlink(path)
        except OSError:
            return

    def put(self, key: str, result: FileResult) -> None:
        """Store a result atomically; failures to write are ignored (the cache is optional)."""
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(_encode_result(result), out, separators=(",", ":"))
            os.replace(tmp, target)
        except BaseException as exc:  # an interrupt too: leave no temporary file
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(exc, (OSError, ValueError)):
                raise


def _region(r: Region) -> list[int]:
    return [r.start_line, r.start_column, r.end_line, r.end_column]


def _location(loc: Location) -> dict[str, Any]:
    return {"path": loc.path, "region": _region(loc.region), "message": loc.message}


def _encode_finding(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "level": f.level.value,
        "message": f.message,
        "location": _location(f.location),
        "related": [_location(r) for r in f.related],
        "fixes": [
            {
                "description": fix.description,
                "replacements": [
                    [r.path, r.start_byte, r.end_byte, _region(r.region), r.text]
                    for r in fix.replacements
                ],
            }
            for fix in f.fixes
        ],
        "precision": f.precision,
        "snippet": f.snippet,
        "line_hash": f.line_hash,
        "fingerprint": f.fingerprint,
        "suppression": None if f.suppression is None else f.suppression.justification,
    }


def _encode_result(result: FileResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "findings": [_encode_finding(f) for f in result.findings],
        "notifications": [
            [n.message, n.level.value, n.path, n.rule_id, n.descriptor]
            for n in result.notifications
        ],
        "files": list(result.files),
    }


def _decode_location(data: dict[str, Any]) -> Location:
    return Location(
        str(data["path"]),
        Region(*(int(v) for v in data["region"])),
        data.get("message"),
    )


def _decode_finding(d: dict[str, Any]) -> Finding:
    fixes = tuple(
        Fix(
            str(fix["description"]),
            tuple(
                Replacement(
                    str(p), int(s), int(e), Region(*(int(v) for v in reg)), str(t)
                )
                for p, s, e, reg, t in fix["replacements"]
            ),
        )
        for fix in d["fixes"]
    )
    suppression = d.get("suppression")
    return Finding(
        rule_id=str(d["rule_id"]),
        level=Level(d["level"]),
        message=str(d["message"]),
        location=_decode_location(d["location"]),
        related=tuple(_decode_location(r) for r in d["related"]),
        fixes=fixes,
        precision=d.get("precision"),
        snippet=d.get("snippet"),
        line_hash=d.get("line_hash"),
        fingerprint=d.get("fingerprint"),
        suppression=None if suppression is None else Suppression(str(suppression)),
    )


def _decode_result(data: dict[str, Any]) -> FileResult:
    return FileResult(
        findings=tuple(_decode_finding(f) for f in data["findings"]),
        notifications=tuple(
            Notification(str(m), Level(lv), p, r, desc)
            for m, lv, p, r, desc in data["notifications"]
        ),
        files=tuple(str(f) for f in data["files"]),
    )
