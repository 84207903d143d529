#!/usr/bin/env python3
"""Benchmark go-script-lint against tree-sitter's own parse time, in one run.

Usage: python benchmarks/bench.py [CORPUS] [--repeat N] [--copies K]

CORPUS defaults to the Go standard library sources (/usr/share/go-1.19/src
from Debian's golang-1.19-src, else `go env GOROOT`/src). The commands are
alternated round-robin so machine noise hits them alike; the table gives
medians, min-max, the ratio of each median to parse-only, files/s, MB/s and
peak RSS (the largest single process, from getrusage of the children).
--copies K also measures a K-times larger corpus made of copies,
to show memory stays flat. If `semgrep` is on PATH (or named by $SEMGREP) it
runs with benchmarks/semgrep-rules.yaml for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARSE_ONLY = r"""
import sys
from go_script_lint.project.discovery import discover
from go_script_lint.golang.parsing import parse
from pathlib import Path
d = discover([sys.argv[1]], srcroot=Path("."))
for unit in d.units:
    for f in unit.go_files:
        try:
            parse(f.abspath.read_bytes())
        except OSError:
            pass
"""
MEASURE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall} {rss} {p.returncode}")
"""


def default_corpus() -> Path:
    debian = Path("/usr/share/go-1.19/src")
    if debian.is_dir():
        return debian
    go = shutil.which("go")
    if go:
        root = subprocess.run(
            [go, "env", "GOROOT"], capture_output=True, text=True
        ).stdout.strip()
        if root and Path(root, "src").is_dir():
            return Path(root, "src")
    sys.exit(
        "no corpus: pass a directory of Go sources (apt-get install golang-1.19-src)"
    )


def corpus_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = [
            d
            for d in dirnames
            if d not in ("vendor", "testdata", ".git", "node_modules")
        ]
        for name in filenames:
            if name.endswith(".go"):
                files += 1
                size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


def measure(cmd: list[str]) -> tuple[float, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, rss, code = out.stdout.split()
    return float(wall), int(rss), int(code)


def lint(corpus: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "analyzer",
        str(corpus),
        "--format",
        "json",
        "--no-config",
        *extra,
    ]


def commands(corpus: Path, cache_dir: Path) -> dict[str, list[str]]:
    cmds = {
        "parse-only (tree-sitter, 1 process)": [
            sys.executable,
            "-c",
            PARSE_ONLY,
            str(corpus),
        ],
        "default rules, --jobs 1": lint(corpus, "--jobs", "1", "--no-cache"),
        "--risk-level high, --jobs 1": lint(
            corpus, "--jobs", "1", "--no-cache", "--risk-level", "high"
        ),
        "default rules, --jobs 2": lint(corpus, "--jobs", "2", "--no-cache"),
        "warm cache re-run, --jobs 1": lint(
            corpus, "--jobs", "1", "--cache-dir", str(cache_dir)
        ),
    }
    rules = HERE / "semgrep-rules.yaml"
    semgrep = os.environ.get("SEMGREP") or shutil.which("semgrep")
    if semgrep and rules.is_file():
        # Without --disable-version-check semgrep waits on the network for minutes.
        cmds["semgrep (5 comparable rules)"] = [
            semgrep, "--config", str(rules), "--metrics=off", "--disable-version-check",
            "--quiet", "--jobs", "1", str(corpus),
        ]  # fmt: skip
    return cmds


def run(corpus: Path, repeat: int) -> None:
    files, size = corpus_size(corpus)
    print(
        f"corpus: {corpus}  ({files} files, {size / 1e6:.1f} MB), {repeat} rounds, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp, "cache")
        cmds = commands(corpus, cache_dir)
        subprocess.run(
            cmds["warm cache re-run, --jobs 1"], capture_output=True
        )  # fill the cache
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in cmds}
        for _ in range(repeat):
            for name, cmd in cmds.items():
                wall, rss, _code = measure(cmd)
                samples[name].append((wall, rss))
    base = statistics.median(
        w for w, _ in samples["parse-only (tree-sitter, 1 process)"]
    )
    print(
        f"\n{'command':38} {'median s':>9} {'min-max s':>14} {'x parse':>8} {'files/s':>8} {'MB/s':>6} {'peak MB':>8}"
    )
    for name, values in samples.items():
        walls = [w for w, _ in values]
        med = statistics.median(walls)
        peak = max(r for _, r in values) / 1024
        print(
            f"{name:38} {med:9.2f} {min(walls):6.2f}-{max(walls):<6.2f} {med / base:8.2f} "
            f"{files / med:8.0f} {size / 1e6 / med:6.1f} {peak:8.0f}"
        )


def scaled_corpus(corpus: Path, copies: int, into: Path) -> Path:
    """K real copies of the corpus's Go files (symlinks would be de-duplicated)."""

    def ignore(directory: str, names: list[str]) -> list[str]:
        return [
            n
            for n in names
            if not n.endswith(".go") and not os.path.isdir(os.path.join(directory, n))
        ]

    for i in range(copies):
        shutil.copytree(corpus, into / f"copy{i}", ignore=ignore, symlinks=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--copies", type=int, default=0, help="also run on K copies of the corpus"
    )
    args = parser.parse_args()
    corpus = (args.corpus or default_corpus()).resolve()
    run(corpus, args.repeat)
    if args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_corpus(corpus, args.copies, Path(tmp))
            print(f"\n{args.copies}x corpus (peak memory must stay flat):")
            wall, rss, _ = measure(lint(big, "--jobs", "1", "--no-cache"))
            print(
                f"{'default rules, --jobs 1':38} {wall:9.2f} s  peak {rss / 1024:.0f} MB"
            )


if __name__ == "__main__":
    main()
