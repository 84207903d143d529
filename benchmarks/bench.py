#!/usr/bin/env python3
"""Benchmark go-script-lint against tree-sitter's own parse time, in one run.

Usage: python benchmarks/bench.py [CORPUS] [--rounds N | --quick] [--copies K]
       python benchmarks/bench.py [CORPUS] --profile [--top N]

CORPUS defaults to the Go standard library sources (/usr/share/go-1.19/src
from Debian's golang-1.19-src, else `go env GOROOT`/src); any directory of Go
code can be given. Every command works on exactly the files go-script-lint
analyses there (its own discovery, size budget, encoding check and
generated-file skip): tree-sitter parse-only parses that list, semgrep is
handed that list with its own filters off (no .semgrepignore, no size limit,
so `*_test.go` and large files count). The commands alternate round-robin so
machine noise hits them alike; the table gives medians of CPU (user + system,
children included) and wall seconds, each one's ratio to parse-only, and peak
RSS (the largest single process, from wait4). semgrep is found through
$SEMGREP or PATH and runs benchmarks/semgrep-rules.yaml (5 rules comparable
to GSL201, GSL203, GSL204, GSL209 and GSL301) with `--jobs 1`.

The floor row measures what no rule work can avoid: parsing every file the
tool parses (the analysed files and the generated siblings it reads for
their declarations, under a deadline as the tool parses) and one tree-sitter
query walk over each tree, the cost of the tool's single pass before Python
sees a node. Its ratio to parse-only bounds from below what any speed-up of
the rules can reach.

--profile runs the default rules with --jobs 1 once under cProfile and prints
the top functions by cumulative and by own time. --copies K also measures a
K-times larger corpus made of copies, to show memory stays flat.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEMGREP_RULES = HERE / "semgrep-rules.yaml"
PARSE_ONLY = "parse-only (tree-sitter, 1 process)"
DEFAULT_J1 = "default rules, --jobs 1"
DEFAULT_J2 = "default rules, --jobs 2"
RISK_HIGH = "--risk-level high, --jobs 1"
WARM = "warm cache re-run, --jobs 1"
SEMGREP = "semgrep 5 rules, --jobs 1"
FLOOR = "floor: parse all read + 1 query walk"
#: Reads a file list (one absolute path a line) and parses each file once.
PARSE_SCRIPT = r"""
import sys
from go_script_lint.golang.parsing import parse
with open(sys.argv[1], encoding="utf-8") as listing:
    for line in listing:
        with open(line.rstrip("\n"), "rb") as handle:
            parse(handle.read())
"""
#: The design's floor: what no rule work can avoid. Parses every file the
#: tool parses (the analysed files and the generated siblings it reads for
#: their declarations), under a deadline as the tool does, and walks each
#: tree once with a query, as the tool's one pass per file does.
FLOOR_SCRIPT = r"""
import sys
from go_script_lint.golang import limits
from go_script_lint.golang.parsing import parse, query_captures
with open(sys.argv[1], encoding="utf-8") as listing:
    for line in listing:
        with open(line.rstrip("\n"), "rb") as handle, limits.deadline(float("inf")):
            query_captures("(source_file) @s", parse(handle.read()).root_node)
"""


@dataclass(frozen=True)
class Sample:
    """One timed run of one command."""

    wall: float
    cpu: float
    peak_kb: int
    code: int


def default_corpus() -> Path:
    """The Go standard library sources, wherever this machine has them."""
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


def analysed_files(corpus: Path) -> list[Path]:
    """The files a default ``go-script-lint CORPUS --no-config`` run analyses.

    Built from the tool's own discovery and reading rules, so the comparison
    commands see the same bytes the tool does and drift with it.
    """
    return _selection(corpus)[0]


def context_files(corpus: Path) -> list[Path]:
    """Generated siblings the same run parses for their declarations only."""
    return _selection(corpus)[1]


@functools.cache  # read once a run: every command line is built from it
def _selection(corpus: Path) -> tuple[list[Path], list[Path]]:
    from go_script_lint.base.source import Encoding, classify, is_generated, read_bytes
    from go_script_lint.engine.unit import GENERATED_CONTEXT_BYTES
    from go_script_lint.project.config import Config
    from go_script_lint.project.discovery import discover

    config = Config()
    found = discover(
        [str(corpus)],
        srcroot=corpus,
        excludes=config.exclude,
        follow_symlinks=config.follow_symlinks,
    )
    analysed: list[Path] = []
    context: list[Path] = []
    for unit in found.units:
        for go_file in unit.go_files:
            if not go_file.report:
                continue
            data = read_bytes(go_file.abspath, config.max_file_bytes).data
            if data is None or classify(data) in (Encoding.UTF16, Encoding.BINARY):
                continue
            if config.include_generated or not is_generated(data):
                analysed.append(go_file.abspath)
            elif len(data) <= GENERATED_CONTEXT_BYTES:
                context.append(go_file.abspath)
    return analysed, context


def find_semgrep() -> tuple[str | None, str]:
    """The semgrep executable (or None) and a sentence saying where it came from."""
    named = os.environ.get("SEMGREP")
    if named:
        if shutil.which(named):
            return shutil.which(named), f"semgrep: {named} (from $SEMGREP)"
        return None, f"semgrep: $SEMGREP={named} is not an executable; semgrep not run"
    found = shutil.which("semgrep")
    if found:
        return found, f"semgrep: {found} (from PATH)"
    return (
        None,
        "semgrep: not installed (pip install semgrep, or set $SEMGREP); not run",
    )


def lint(corpus: Path, *extra: str) -> list[str]:
    """The go-script-lint command line, findings as JSON to standard output."""
    return [sys.executable, "-m", "go_script_lint", str(corpus), "--format", "json",
            "--no-config", "--srcroot", str(corpus), *extra]  # fmt: skip


def commands(
    corpus: Path, work: Path, files: list[Path], semgrep: str | None
) -> dict[str, list[str]]:
    """Name → command line of everything measured (file lists written to ``work``)."""
    listing = work / "files.txt"
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    read = work / "read.txt"
    read.write_text(
        "".join(f"{p}\n" for p in [*files, *context_files(corpus)]), encoding="utf-8"
    )
    cmds = {
        PARSE_ONLY: [sys.executable, "-c", PARSE_SCRIPT, str(listing)],
        FLOOR: [sys.executable, "-c", FLOOR_SCRIPT, str(read)],
        DEFAULT_J1: lint(corpus, "--jobs", "1", "--no-cache"),
        DEFAULT_J2: lint(corpus, "--jobs", "2", "--no-cache"),
        RISK_HIGH: lint(corpus, "--jobs", "1", "--no-cache", "--risk-level", "high"),
        WARM: lint(corpus, "--jobs", "1", "--cache-dir", str(work / "cache")),
    }
    if semgrep:
        # --disable-version-check: otherwise semgrep waits on the network.
        cmds[SEMGREP] = [
            semgrep, "scan", "--config", str(SEMGREP_RULES), "--metrics=off",
            "--disable-version-check", "--quiet", "--jobs", "1",
            "--x-ignore-semgrepignore-files", "--max-target-bytes=0",
            "--json", "--output", str(work / "semgrep.json"), *map(str, files),
        ]  # fmt: skip
    return cmds


def measure(cmd: list[str], stdout: int | None = subprocess.DEVNULL) -> Sample:
    """Run ``cmd``; wall time, CPU of it and its reaped children, peak RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss, proc.returncode)


def check_selection(files: list[Path], corpus: Path, work: Path) -> tuple[Sample, str]:
    """Fill the cache once (timed as the cold run that writes it) and compare
    the tool's own count of analysed files with the bench's list."""
    out = work / "fill.json"
    with out.open("wb") as handle:
        sample = measure(
            lint(corpus, "--jobs", "1", "--cache-dir", str(work / "cache")),
            handle.fileno(),
        )
    try:
        counted = json.loads(out.read_text("utf-8"))["summary"]["files"]
    except (ValueError, KeyError, OSError):
        return sample, "go-script-lint gave no JSON summary: cannot check the file list"
    if counted != len(files):
        return (
            sample,
            f"MISMATCH: go-script-lint analysed {counted} files, the list has {len(files)}",
        )
    return sample, f"go-script-lint analysed the same {counted} files"


def semgrep_scanned(work: Path) -> str:
    """How many files semgrep says it scanned in its last run."""
    try:
        data = json.loads((work / "semgrep.json").read_text("utf-8"))
    except (OSError, ValueError):
        return "semgrep wrote no JSON report"
    scanned = data.get("paths", {}).get("scanned")
    errors = len(data.get("errors", []))
    if scanned is None:
        return f"semgrep did not list the files it scanned ({errors} errors)"
    return f"semgrep scanned {len(scanned)} files ({errors} errors)"


def print_table(samples: dict[str, list[Sample]]) -> None:
    """Medians, ratios to parse-only and peak RSS, one row a command."""
    base = samples[PARSE_ONLY]
    base_cpu = statistics.median(s.cpu for s in base)
    base_wall = statistics.median(s.wall for s in base)
    print(f"\n{'command':34} {'CPU s':>7} {'wall s':>7} {'wall min-max':>13} "
          f"{'CPU x':>6} {'wall x':>6} {'peak MB':>8} exit")  # fmt: skip
    for name, runs in samples.items():
        cpu = statistics.median(s.cpu for s in runs)
        wall = statistics.median(s.wall for s in runs)
        walls = [s.wall for s in runs]
        peak = max(s.peak_kb for s in runs) / 1024
        codes = ",".join(sorted({str(s.code) for s in runs}))
        print(f"{name:34} {cpu:7.2f} {wall:7.2f} {min(walls):6.2f}-{max(walls):<6.2f} "
              f"{cpu / base_cpu:6.2f} {wall / base_wall:6.2f} {peak:8.0f} {codes}")  # fmt: skip


def print_targets(samples: dict[str, list[Sample]]) -> None:
    """The issue's targets, each as measured in this run."""

    def cpu(name: str) -> float:
        return statistics.median(s.cpu for s in samples[name])

    def wall(name: str) -> float:
        return statistics.median(s.wall for s in samples[name])

    peak = max(s.peak_kb for s in samples[DEFAULT_J1]) / 1024
    print("\ntargets (issue 19):")
    print(
        f"  default --jobs 1 CPU / parse-only CPU   {cpu(DEFAULT_J1) / cpu(PARSE_ONLY):6.2f}  (target <= 1.5)"
    )
    print(
        f"  floor of the design / parse-only CPU    {cpu(FLOOR) / cpu(PARSE_ONLY):6.2f}  (parsing what the tool reads, one query walk)"
    )
    print(
        f"  --jobs 2 wall / parse-only wall         {wall(DEFAULT_J2) / wall(PARSE_ONLY):6.2f}  (target < 1)"
    )
    print(f"  peak RSS, default --jobs 1              {peak:6.0f}  MB (target <= 150)")
    print(
        f"  warm CPU / cold CPU (--jobs 1)          {cpu(WARM) / cpu(DEFAULT_J1):6.1%}  (target <= 10 %)"
    )
    if SEMGREP in samples:
        print(f"  semgrep CPU / default --jobs 1 CPU      {cpu(SEMGREP) / cpu(DEFAULT_J1):6.2f}  (target >= 5)")  # fmt: skip


def precompile() -> str:
    """Byte-compile go-script-lint's modules, as installing a wheel does.

    With ``PYTHONDONTWRITEBYTECODE`` set (CI images, this workplace) a source
    checkout compiles every module on every start: 0.4 s of CPU per run that
    no installed copy pays, and most of a warm-cache run.
    """
    import compileall

    import go_script_lint
    import go_script_lint.rules

    roots = [*go_script_lint.__path__, *go_script_lint.rules.__path__]
    ok = all(compileall.compile_dir(root, quiet=1) for root in roots)
    return "bytecode: compiled" if ok else "bytecode: some modules did not compile"


def run(corpus: Path, rounds: int, use_semgrep: bool) -> None:
    """Select the files, fill the cache, then time every command ``rounds`` times."""
    print(precompile())
    files = analysed_files(corpus)
    size = sum(p.stat().st_size for p in files)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"corpus: {corpus}  ({len(files)} files analysed, {size / 1e6:.1f} MB), "
          f"{rounds} round(s), {os.cpu_count()} CPUs, load average {load:.2f}")  # fmt: skip
    semgrep, where = (
        find_semgrep() if use_semgrep else (None, "semgrep: skipped (--no-semgrep)")
    )
    print(where, flush=True)
    with tempfile.TemporaryDirectory(prefix="gsl-bench-") as tmp:
        work = Path(tmp)
        cold, checked = check_selection(files, corpus, work)
        print(checked)
        print(
            f"cold run writing the cache: {cold.cpu:.2f} s CPU, {cold.wall:.2f} s wall"
        )
        cmds = commands(corpus, work, files, semgrep)
        samples: dict[str, list[Sample]] = {name: [] for name in cmds}
        for round_no in range(1, rounds + 1):
            for name, cmd in cmds.items():
                sample = measure(cmd)
                samples[name].append(sample)
                # A line as each run ends: a long run shows its progress.
                print(f"  round {round_no}: {name:34} {sample.cpu:8.2f} s CPU "
                      f"{sample.wall:8.2f} s wall {sample.peak_kb / 1024:6.0f} MB",
                      flush=True)  # fmt: skip
        if semgrep:
            print(semgrep_scanned(work))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at the end: {load:.2f}")
    print_table(samples)
    print_targets(samples)


def profile(corpus: Path, top: int) -> None:
    """Default rules, --jobs 1, once under cProfile; the top functions two ways."""
    print(precompile())
    with tempfile.TemporaryDirectory(prefix="gsl-bench-") as tmp:
        stats_file = Path(tmp, "profile.stats")
        cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m",
               "go_script_lint", str(corpus), "--format", "json", "--no-config",
               "--srcroot", str(corpus), "--jobs", "1", "--no-cache"]  # fmt: skip
        sample = measure(cmd)
        print(f"profiled default rules, --jobs 1 on {corpus}: "
              f"{sample.cpu:.2f} s CPU, {sample.wall:.2f} s wall under the profiler")  # fmt: skip
        stats = pstats.Stats(str(stats_file), stream=sys.stdout)
        for order in ("cumulative", "tottime"):
            print(f"\n== top {top} by {order} ==")
            stats.sort_stats(order).print_stats(top)
        print(
            "\n== rules by cumulative seconds (shared facts go to the first rule asking) =="
        )
        for seconds, calls, rule in rule_costs(stats)[:top]:
            print(f"{seconds:8.2f} s {calls:9d} calls  {rule}")


def rule_costs(stats: pstats.Stats) -> list[tuple[float, int, str]]:
    """(cumulative seconds, calls, rule module) of each rule's check functions."""
    costs: dict[str, tuple[float, int]] = {}
    table = stats.stats  # type: ignore[attr-defined]  # pstats keeps it untyped
    for (filename, _line, function), (_, calls, _, cumulative, _) in table.items():
        name = Path(filename).stem
        if Path(filename).parent.parent.name != "rules" or not name.startswith("gsl"):
            continue
        if function in ("check", "package_check"):
            seconds, count = costs.get(name, (0.0, 0))
            costs[name] = (seconds + cumulative, count + calls)
    return sorted(((s, c, n) for n, (s, c) in costs.items()), reverse=True)


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


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed rounds (default 3)"
    )
    parser.add_argument("--quick", action="store_true", help="one round")
    parser.add_argument("--no-semgrep", action="store_true", help="leave semgrep out")
    parser.add_argument(
        "--profile", action="store_true", help="profile instead of timing"
    )
    parser.add_argument(
        "--top", type=int, default=25, help="functions --profile prints"
    )
    parser.add_argument("--copies", type=int, default=0, help="also run on K copies of the corpus")  # fmt: skip
    args = parser.parse_args(argv)
    corpus = (args.corpus or default_corpus()).resolve()
    if args.profile:
        profile(corpus, args.top)
        return
    run(corpus, 1 if args.quick else args.rounds, not args.no_semgrep)
    if args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_corpus(corpus, args.copies, Path(tmp))
            print(f"\n{args.copies}x corpus (peak memory must stay flat):")
            sample = measure(lint(big, "--jobs", "1", "--no-cache"))
            print(f"{DEFAULT_J1:34} {sample.cpu:7.2f} s CPU {sample.wall:7.2f} s wall "
                  f"peak {sample.peak_kb / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
