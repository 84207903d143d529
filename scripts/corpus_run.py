#!/usr/bin/env python3
"""Run go-script-lint over a real Go source tree and report what happened.

Usage: python scripts/corpus_run.py [TREE] [--jobs N] [--risk-level L]
       [--no-testdata] [--vendor] [--no-generated] [--show N]

TREE defaults to the Go standard library sources (/usr/share/go-1.19/src, else
`go env GOROOT`/src). `testdata` directories are included (they hold
deliberately broken Go), as are generated files; every implemented rule runs at
`--risk-level high`. Prints: files, parse errors reported (GSL001), notifications,
findings per rule, crashes (internal errors; must be 0), wall time and peak
memory. Exits 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from go_script_lint import engine
from go_script_lint.base.model import Risk, RunResult
from go_script_lint.project.config import Config
from go_script_lint.project.discovery import DEFAULT_EXCLUDED_DIRS
from go_script_lint.rules import REGISTRY


def default_tree() -> Path:
    debian = Path("/usr/share/go-1.19/src")
    if debian.is_dir():
        return debian
    go = shutil.which("go")
    if go is None:
        sys.exit("no Go tree given and neither /usr/share/go-1.19/src nor `go` found")
    goroot = subprocess.run(
        [go, "env", "GOROOT"], capture_output=True, text=True, check=True
    )
    return Path(goroot.stdout.strip()) / "src"


def targets(tree: Path, testdata: bool, vendor: bool) -> list[str]:
    """The tree plus every directory discovery would skip but the corpus run wants.

    Discovery never descends into `testdata`/`vendor`; naming those directories
    explicitly makes it walk them (and any nested ones, which are named too).
    """
    wanted = {"testdata"} if testdata else set()
    if vendor:
        wanted.add("vendor")
    paths = [str(tree)]
    for directory, subdirs, _ in os.walk(tree):
        subdirs.sort()
        paths.extend(os.path.join(directory, d) for d in subdirs if d in wanted)
        subdirs[:] = [d for d in subdirs if d != ".git"]
    return paths


def peak_rss_mb() -> float:
    """Largest resident set of this process or any worker (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def report(run: RunResult | None, crashed: str | None, wall: float, show: int) -> int:
    if run is None:
        print(f"crashes: 1 (engine.run raised: {crashed})")
        return 1
    by_rule = Counter(f.rule_id for f in run.findings)
    parse_files = Counter(
        f.location.path for f in run.findings if f.rule_id == "GSL001"
    )
    levels = Counter(n.level.value for n in run.notifications)
    crashes = [n for n in run.notifications if n.descriptor == "internal-error"]
    print(f"files analysed:        {len(run.files)}")
    outside = {p: n for p, n in parse_files.items() if "testdata" not in p.split("/")}
    print(
        f"parse errors (GSL001): {by_rule.get('GSL001', 0)} in {len(parse_files)} files"
    )
    print(f"  outside testdata:    {sum(outside.values())} in {len(outside)} files")
    print(
        f"notifications:         {len(run.notifications)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(levels.items())) or 'none'})"
    )
    print("findings per rule:")
    for rule_id, count in sorted(by_rule.items()):
        print(f"  {rule_id}  {count}")
    print(f"crashes:               {len(crashes)}")
    for note in crashes[:show]:
        print(f"  {note.message}")
    print(f"wall time:             {wall:.1f} s")
    print(f"peak memory:           {peak_rss_mb():.0f} MB")
    if show:
        for path, count in sorted(outside.items()):
            print(f"  GSL001 x{count}  {path}  (outside testdata)")
        for path, count in parse_files.most_common(show):
            print(f"  GSL001 x{count}  {path}")
        for note in run.notifications[:show]:
            if note.descriptor != "internal-error":
                print(f"  notification: {note.message}")
    return 1 if crashes else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--risk-level", choices=["low", "medium", "high"], default="high"
    )
    parser.add_argument(
        "--no-testdata", action="store_true", help="skip testdata directories"
    )
    parser.add_argument(
        "--vendor", action="store_true", help="also analyse vendor directories"
    )
    parser.add_argument(
        "--no-generated", action="store_true", help="skip generated files"
    )
    parser.add_argument(
        "--show", type=int, default=10, help="list this many files/notes"
    )
    args = parser.parse_args()
    # Crashes must be counted, not raised: this is what a user's run would do.
    os.environ.pop("GSL_RAISE_INTERNAL", None)
    tree = (args.tree or default_tree()).resolve()
    assert "testdata" in DEFAULT_EXCLUDED_DIRS  # why targets() names them explicitly
    config = Config(
        risk_level=Risk(args.risk_level), include_generated=not args.no_generated
    )
    rules = config.enabled_rules(REGISTRY)
    paths = targets(tree, testdata=not args.no_testdata, vendor=args.vendor)
    print(
        f"corpus: {tree} ({len(paths) - 1} extra testdata/vendor roots), {len(rules)} rules, "
        f"jobs {args.jobs}"
    )
    started = time.perf_counter()
    run: RunResult | None = None
    crashed = None
    try:
        run = engine.run(paths, rules, config, srcroot=tree, jobs=args.jobs)
    except Exception as exc:  # the one thing that must never happen
        crashed = f"{type(exc).__name__}: {exc}"
    return report(run, crashed, time.perf_counter() - started, args.show)


if __name__ == "__main__":
    sys.exit(main())
