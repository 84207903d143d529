"""Type-check the package as it is imported: ``go_script_lint``, with ``rules/`` inside it.

The source folders (``analyzer/`` and ``rules/``) are mapped to the import
package by the build backend, which mypy does not follow. This script lays a
tree of symbolic links with the installed shape in a temporary directory,
runs ``mypy --strict`` on it with the project's configuration, and prints the
errors with the source paths a developer edits.

Usage: ``python scripts/typecheck.py [extra mypy options]``; exit code is mypy's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lay_tree(into: Path) -> None:
    package = into / "go_script_lint"
    package.mkdir()
    for entry in sorted((ROOT / "analyzer").iterdir()):
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    (package / "rules").symlink_to(ROOT / "rules")


def source_path(line: str) -> str:
    if line.startswith("go_script_lint/rules/"):
        return "rules/" + line[len("go_script_lint/rules/") :]
    if line.startswith("go_script_lint/"):
        return "analyzer/" + line[len("go_script_lint/") :]
    return line


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gsl-typecheck-") as tmp:
        lay_tree(Path(tmp))
        cache = ROOT / ".mypy_cache"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--cache-dir",
                str(cache),
                "-p",
                "go_script_lint",
                *sys.argv[1:],
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
            env={**os.environ, "MYPYPATH": tmp},
        )
    for line in proc.stdout.splitlines():
        print(source_path(line))
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
