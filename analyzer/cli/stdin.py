"""Lint a Go file read from standard input: ``go-script-lint - --stdin-filename x.go``.

The text is written to a temporary directory under the file's base name, with
copies of what the engine would read beside the real file: its sibling Go
files (package context, not reported), the ``go-script.yaml`` of its
directory and its nearest ``go.mod``. The run's paths are then mapped back,
so findings name ``--stdin-filename`` and the real go.mod and manifest.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from go_script_lint.base.model import Finding, Fix, Location, RunResult
from go_script_lint.base.safe_io import Kind, Roots, read_regular
from go_script_lint.project.discovery import (
    GOMOD_NAME,
    MANIFEST_NAME,
    make_display,
    nearest_gomod,
)

#: Runs the engine on these paths with this source root.
Runner = Callable[[list[str], Path], RunResult]


def _context_files(real: Path, srcroot: Path) -> dict[str, tuple[Path, bytes]]:
    """Names in the temporary directory → the real files and the bytes copied there.

    Read as a run on the directory reads them: inside the directory and the
    source root, regular files only, each within its size cap.
    """
    directory = real.parent
    roots = Roots.of([directory, srcroot])
    wanted: list[tuple[str, Path, Kind]] = []
    if directory.is_dir():
        wanted.extend(
            (sibling.name, sibling, Kind.GO_SOURCE)
            for sibling in sorted(directory.glob("*.go"))
            if sibling.name != real.name
        )
        wanted.append((MANIFEST_NAME, directory / MANIFEST_NAME, Kind.MANIFEST))
        gomod = nearest_gomod(directory.resolve(), roots)
        if gomod is not None:
            wanted.append((GOMOD_NAME, gomod, Kind.GOMOD))
    copies: dict[str, tuple[Path, bytes]] = {}
    for name, source, kind in wanted:
        data = read_regular(source, kind, roots=roots).data
        if data is not None:
            copies[name] = (source, data)
    return copies


def lint_stdin(data: bytes, filename: str, srcroot: Path, runner: Runner) -> RunResult:
    """The run's result for ``data`` as if it were the file ``filename``."""
    real = Path(filename)
    display = make_display(srcroot)
    copies = _context_files(real, srcroot)
    with tempfile.TemporaryDirectory(prefix="go-script-lint-stdin-") as tmp:
        root = Path(tmp)
        for name, (_, copied) in copies.items():
            (root / name).write_bytes(copied)
        (root / real.name).write_bytes(data)
        run = runner([str(root / real.name)], root)
    names = {name: display(source) for name, (source, _) in copies.items()}
    names[real.name] = display(real)
    return _renamed(run, names)


def _renamed(run: RunResult, names: dict[str, str]) -> RunResult:
    def path(p: str) -> str:
        return names.get(p, p)

    def location(loc: Location) -> Location:
        return replace(loc, path=path(loc.path))

    def fix(f: Fix) -> Fix:
        reps = tuple(replace(r, path=path(r.path)) for r in f.replacements)
        return replace(f, replacements=reps)

    def finding(f: Finding) -> Finding:
        return replace(
            f,
            location=location(f.location),
            related=tuple(location(r) for r in f.related),
            fixes=tuple(fix(x) for x in f.fixes),
        )

    notes = tuple(
        replace(n, path=path(n.path)) if n.path else n for n in run.notifications
    )
    return replace(
        run,
        findings=tuple(finding(f) for f in run.findings),
        notifications=notes,
        files=tuple(path(p) for p in run.files),
    )
