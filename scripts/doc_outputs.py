"""Run the shell commands the docs show, and keep the outputs they print true.

Usage: ``python scripts/doc_outputs.py [--check | --update] [FILE.md ...]``
(default: README.md and docs/*.md, ``--check``). ``tests/test_docs.py`` runs
the check in CI; ``--update`` rewrites the shown outputs after a change.

What counts as a command in a Markdown file:

- A fenced block whose first line starts with ``$ `` is a **session**: each
  ``$ command`` line is run and the lines up to the next ``$ `` are its
  expected output (standard output and error, as a terminal shows them).
- A fenced ``sh``/``bash``/``shell`` block is a list of **commands**, one a
  line; each must exit 0 or 1 (1 = findings), never 2.
- An inline code span starting with ``go-script-lint `` is a command too; one
  that holds a placeholder (``…``, or an upper-case word such as ``PATH``)
  is a synopsis and is not run.
- ``<!-- illustrative: why -->`` on the line before a fence says the block
  is not run (installs, the test suite itself, a user's own paths).

Commands run with ``bash`` in a sandbox: a temporary directory holding a copy
of ``examples/`` (and the same scripts as ``scripts/``, the directory the docs
use for "your scripts"), with the linter of this checkout on ``PATH``, no
colour and no result cache. One sandbox per Markdown file, so a file's
commands see each other's files (a baseline written, then used).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(```+)\s*([\w+-]*)\s*$")
ILLUSTRATIVE = re.compile(r"^<!--\s*illustrative\b.*-->\s*$")
INLINE = re.compile(r"`(go-script-lint [^`]+)`")
SHELL_LANGS = {"sh", "bash", "shell"}


@dataclass
class Block:
    """A fenced block: its language, body lines and where the body starts (0-based)."""

    lang: str
    start: int
    lines: list[str]
    illustrative: bool

    @property
    def is_session(self) -> bool:
        """Its first line is a ``$ `` prompt."""
        return bool(self.lines) and self.lines[0].startswith("$ ")


def blocks(text: str) -> Iterator[Block]:
    """Every fenced block of a Markdown text."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, lang = match.groups()
        illustrative = i > 0 and bool(ILLUSTRATIVE.match(lines[i - 1]))
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        yield Block(lang, i + 1, lines[i + 1 : j], illustrative)
        i = j + 1


def inline_commands(text: str) -> list[str]:
    """Inline ``go-script-lint …`` spans outside fenced blocks, placeholders left out."""
    outside: list[str] = []
    inside = False
    for line in text.split("\n"):
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            outside.append(line)
    return [c for c in INLINE.findall("\n".join(outside)) if not _synopsis(c)]


def _synopsis(command: str) -> bool:
    """Holds a placeholder: ``…`` or an upper-case word that is not a rule id."""
    words = re.findall(r"[A-Za-z]+", command)
    return "…" in command or any(w.isupper() and not w.startswith("GSL") for w in words)


def make_sandbox() -> Path:
    """A temporary directory with ``examples/`` and ``scripts/`` (a copy of it)."""
    sandbox = Path(tempfile.mkdtemp(prefix="gsl-docs-"))
    shutil.copytree(ROOT / "examples", sandbox / "examples")
    shutil.copytree(ROOT / "examples", sandbox / "scripts")
    return sandbox


def run(command: str, sandbox: Path) -> tuple[int, str]:
    """Exit code and combined output of ``command`` run by bash in ``sandbox``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "CI", "GITHUB_ACTIONS")
    }
    env.update(
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        NO_COLOR="1",
        PYTHONUNBUFFERED="1",
        XDG_CACHE_HOME=str(sandbox / ".cache"),
    )
    proc = subprocess.run(
        ["bash", "-c", command],
        cwd=sandbox,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return proc.returncode, proc.stdout


def session_output(block: Block, sandbox: Path) -> list[str]:
    """The block's lines with each command's output replaced by a real run."""
    out: list[str] = []
    for line in block.lines:
        if line.startswith("$ "):
            out.append(line)
            _, text = run(line[2:], sandbox)
            out.extend(text.rstrip("\n").split("\n") if text.strip() else [])
    return out


@dataclass
class Problem:
    """A documented command that failed, or a shown output that is stale."""

    path: Path
    line: int
    message: str


def check_file(path: Path, update: bool = False) -> list[Problem]:
    """Run ``path``'s commands; with ``update`` rewrite its sessions' outputs."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    problems: list[Problem] = []
    sandbox = make_sandbox()
    replacements: list[tuple[Block, list[str]]] = []
    try:
        for block in blocks(text):
            if block.illustrative:
                continue
            if block.is_session:
                real = session_output(block, sandbox)
                if real != block.lines:
                    replacements.append((block, real))
                    diff = "\n".join(
                        difflib.unified_diff(
                            block.lines, real, "shown", "real", lineterm=""
                        )
                    )
                    problems.append(
                        Problem(path, block.start + 1, f"stale output\n{diff}")
                    )
            elif block.lang in SHELL_LANGS:
                for offset, command in enumerate(block.lines):
                    if command.strip() and not command.lstrip().startswith("#"):
                        code, output = run(command, sandbox)
                        if code not in (0, 1):
                            problems.append(
                                Problem(
                                    path,
                                    block.start + offset + 1,
                                    f"`{command}` exited {code}: {output[-500:]}",
                                )
                            )
        for command in inline_commands(text):
            code, output = run(command, sandbox)
            if code not in (0, 1):
                problems.append(
                    Problem(path, 0, f"`{command}` exited {code}: {output[-500:]}")
                )
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    if update and replacements:
        for block, real in sorted(replacements, key=lambda r: -r[0].start):
            lines[block.start : block.start + len(block.lines)] = real
        path.write_text("\n".join(lines), encoding="utf-8")
    return problems


def documents() -> list[Path]:
    """README.md and the hand-written docs (docs/rules is generated)."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def main(argv: list[str] | None = None) -> int:
    """Check (default) or update the documented commands; 1 when something is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="report, change nothing")
    mode.add_argument("--update", action="store_true", help="rewrite shown outputs")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    problems: list[Problem] = []
    for path in args.files or documents():
        problems.extend(check_file(path, update=args.update))
    for p in problems:
        where = p.path.relative_to(ROOT) if p.path.is_relative_to(ROOT) else p.path
        print(f"{where}:{p.line}: {p.message}")
    if args.update:
        stale = [p for p in problems if not p.message.startswith("stale output")]
        return 1 if stale else 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
