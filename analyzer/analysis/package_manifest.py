"""The manifest, the ``--schema-path`` file and the OpenAPI document, as a package sees them.

Each is loaded once per analysed directory (``pkg.memo``); the loaders and
types live in :mod:`go_script_lint.project.manifest` and
:mod:`go_script_lint.project.schemafile`.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from go_script_lint.analysis.context import PackageContext
from go_script_lint.base import yamlpos
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.safe_io import Kind, open_problem, read_regular
from go_script_lint.project.manifest import (
    SCHEMA_MAX_BYTES,
    Manifest,
    Reference,
    Schema,
    load_manifest,
)
from go_script_lint.project.schemafile import SchemaFile, load_schema_file

MANIFEST: MemoKey[Manifest] = MemoKey("analysis.manifest")
SCHEMA_FILE: MemoKey[SchemaFile] = MemoKey("analysis.schema-file")
OPENAPI: MemoKey[tuple[Reference, Path, yamlpos.Loaded] | None] = MemoKey(
    "analysis.openapi"
)


def manifest_of(pkg: PackageContext) -> Manifest | None:
    """The package's ``go-script.yaml`` (``pkg.manifest_path``), loaded once per package."""
    path = pkg.manifest_path
    if path is None:
        return None
    return pkg.memo(
        MANIFEST,
        lambda: load_manifest(
            path, pkg.display_path(path), pkg.read_input(path, Kind.MANIFEST)
        ),
    )


def parameter_schema(pkg: PackageContext) -> Schema | None:
    """The parameters to cross-check: ``--schema-path`` when given, else the manifest's.

    An explicit ``--schema-path`` wins over a manifest's ``parameters`` (the
    manifest is still validated, by GSL401).
    """
    schema_path = pkg.config.schema_path
    if schema_path is not None:
        loaded = schema_file_of(pkg)
        if loaded is not None and loaded.schema is not None:
            return loaded.schema
    manifest = manifest_of(pkg)
    return manifest.schema if manifest is not None else None


def schema_file_of(pkg: PackageContext) -> SchemaFile | None:
    """The ``--schema-path`` file, loaded once per package (the file cache is per process)."""
    path = pkg.config.schema_path
    if path is None:
        return None
    display = pkg.display_path(path)
    return pkg.memo(
        SCHEMA_FILE,
        lambda: _cached_schema_file(os.path.abspath(path), display, _stamp(path)),
    )


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


@cache
def _cached_schema_file(
    abspath: str, display: str, stamp: tuple[int, int]
) -> SchemaFile:
    del stamp  # part of the cache key only: a changed file is read again
    return load_schema_file(Path(abspath), display)


def openapi_of(pkg: PackageContext) -> tuple[Reference, Path, yamlpos.Loaded] | None:
    """The manifest's OpenAPI document (YAML or JSON), loaded once per package."""
    manifest = manifest_of(pkg)
    ref = manifest.reference("openapi") if manifest is not None else None
    if manifest is None or ref is None:
        return None

    def load() -> tuple[Reference, Path, yamlpos.Loaded] | None:
        path = manifest.resolve(ref)
        # GSL409 reports a reference that cannot be read (reference_problem).
        data = pkg.read_input(path, Kind.OPENAPI, report=False).data
        if data is None:
            return None
        is_json = path.suffix.lower() == ".json" or data.lstrip()[:1] in (b"{", b"[")
        return (
            ref,
            path,
            yamlpos.load(data, json_text=is_json, max_bytes=SCHEMA_MAX_BYTES),
        )

    return pkg.memo(OPENAPI, load)


def reference_problem(
    pkg: PackageContext, manifest: Manifest, ref: Reference
) -> str | None:
    """Why a file the manifest names cannot be used (``None`` when it can).

    A target outside the scanned paths is refused before anything else is
    asked of it, so the answer never tells whether such a file exists.
    """
    target = manifest.resolve(ref)
    if not pkg.roots.contains(target):
        return "is outside the scanned paths; not read"
    if not os.path.lexists(target):
        return "does not exist"
    if ref.key == "openapi":  # read, so a document over its cap is reported too
        error = read_regular(target, Kind.OPENAPI, roots=pkg.roots).error
    else:  # the entrypoint only has to be a Go file that can be opened
        error = open_problem(target, Kind.GO_SOURCE, roots=pkg.roots)
    if error is None:
        return None
    if "not a regular file" in error or "is a directory" in error:
        return "is not a regular file"
    return f"cannot be read ({error.removeprefix('cannot read: ')})"
