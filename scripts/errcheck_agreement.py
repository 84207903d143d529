"""Agreement of GSL301/GSL303 with errcheck on a Go tree (issue 15's measurement).

Usage::

    python scripts/errcheck_agreement.py ERRCHECK_OUT OURS_JSON GOROOT_SRC \\
        [--errcheck-root DIR] [--scope FILE] [--samples N] [--seed S] [--misses FILE]

- ``ERRCHECK_OUT``: errcheck's output over ``GOROOT_SRC`` (``errcheck -abspath std``
  run from GOROOT/src; lines ``/abs/path.go:LINE:COL:<TAB>source``).
- ``OURS_JSON``: ``go-script-lint --select GSL301,GSL303 --format json`` over
  ``GOROOT_SRC`` with every check on (a config with ``tests: {ignore: []}`` and
  GSL301's ``quiet: []``; ``--no-respect-gitignore`` when the tree is in a
  virtualenv). Paths in it are taken relative to the current directory.
- ``GOROOT_SRC``: the Go tree both ran on. ``--errcheck-root`` when errcheck saw
  it at another path.
- ``--scope``: the files errcheck analysed, one absolute path a line; by default
  ``go list std`` of GOROOT/bin/go (package, cgo, test and external test files;
  the vendored packages are not errcheck's targets). Only findings in these files
  are compared, since errcheck sees one GOOS/GOARCH and we see every file.

Recall counts errcheck's findings found by us, leaving out ``defer`` statements
(GSL303 reports only some by design) and generated files (skipped by default);
precision counts our findings that errcheck reports too (any of its findings).
Lines are compared, not columns. ``--samples N`` prints N seeded misses and
extras to judge; ``--misses FILE`` writes every miss.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_ERRCHECK_LINE = re.compile(r"(.*?):(\d+):(\d+):\t(.*)")
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.$", re.M)
_RULES = frozenset({"GSL301", "GSL303"})
_GO_LIST_FORMAT = "{{$d := .Dir}}" + "".join(
    f'{{{{range .{kind}}}}}{{{{$d}}}}/{{{{.}}}}{{{{"\\n"}}}}{{{{end}}}}'
    for kind in ("GoFiles", "CgoFiles", "TestGoFiles", "XTestGoFiles")
)

Key = tuple[str, int]  # (path relative to GOROOT/src, line)


@dataclass(frozen=True)
class Agreement:
    """Both sides' findings on the files in scope."""

    errcheck: dict[Key, str]  # → errcheck's source text of the line
    ours: dict[Key, str]  # → our message
    counted: frozenset[Key]  # errcheck's, without defer statements and generated files

    @property
    def found(self) -> frozenset[Key]:
        """Counted errcheck findings that we report too."""
        return self.counted & frozenset(self.ours)

    @property
    def agreeing(self) -> frozenset[Key]:
        """Our findings that errcheck reports too."""
        return frozenset(self.ours) & frozenset(self.errcheck)


def _relative(path: str, root: Path) -> str | None:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def go_list_scope(src: Path) -> list[str]:
    """Files of ``go list std`` (absolute paths) from the Go tree's own toolchain."""
    goroot = src.parent
    env = {
        **os.environ,
        "GOROOT": str(goroot),
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "-mod=mod",
    }
    env.setdefault("GOCACHE", str(Path(tempfile.gettempdir()) / "errcheck-gocache"))
    out = subprocess.run(
        [str(goroot / "bin" / "go"), "list", "-f", _GO_LIST_FORMAT, "std"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=src,
    )
    return [line for line in out.stdout.splitlines() if line and "/vendor/" not in line]


def _generated(src: Path, rel: str, cache: dict[str, bool]) -> bool:
    if rel not in cache:
        try:
            with (src / rel).open("rb") as handle:
                cache[rel] = bool(_GENERATED.search(handle.read(4096)))
        except OSError:
            cache[rel] = False
    return cache[rel]


def measure(
    errcheck_out: Path,
    ours_json: Path,
    src: Path,
    errcheck_root: Path,
    in_scope: set[str],
) -> Agreement:
    """Read both outputs, keep what lies in ``in_scope`` (paths relative to
    GOROOT/src), key by (file, line)."""
    errcheck: dict[Key, str] = {}
    for line in errcheck_out.read_text(encoding="utf-8").splitlines():
        match = _ERRCHECK_LINE.match(line)
        rel = _relative(match.group(1), errcheck_root) if match else None
        if match and rel in in_scope:
            errcheck[(rel, int(match.group(2)))] = match.group(4)
    ours: dict[Key, str] = {}
    for finding in json.loads(ours_json.read_text(encoding="utf-8"))["findings"]:
        rel = _relative(finding["path"], src)
        if finding.get("ruleId") in _RULES and rel in in_scope:
            ours[(rel, int(finding["line"]))] = finding["message"]
    generated: dict[str, bool] = {}
    counted = frozenset(
        key
        for key, source in errcheck.items()
        if not source.lstrip().startswith("defer")
        and not _generated(src, key[0], generated)
    )
    return Agreement(errcheck, ours, counted)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.1%}" if whole else f"{part}/0"


def report(result: Agreement, samples: int, seed: int) -> list[str]:
    """The figures, then seeded samples of misses and extras."""
    found, counted = result.found, result.counted
    outside = {k for k in counted if not k[0].endswith("_test.go")}
    lines = [
        f"errcheck findings in scope: {len(result.errcheck)}; "
        f"without defer and generated files: {len(counted)}; ours: {len(result.ours)}",
        f"recall (without defer, generated): {_share(len(found), len(counted))}",
        f"recall outside _test.go: {_share(len(found & outside), len(outside))}",
        f"precision: {_share(len(result.agreeing), len(result.ours))}",
    ]
    if samples:
        rng = random.Random(seed)
        misses = sorted(counted - found)
        extras = sorted(set(result.ours) - set(result.errcheck))
        lines.append(f"--- {min(samples, len(misses))} of {len(misses)} misses")
        picked = sorted(rng.sample(misses, min(samples, len(misses))))
        lines.extend(
            f"{k[0]}:{k[1]}\t{result.errcheck[k].strip()[:100]}" for k in picked
        )
        lines.append(f"--- {min(samples, len(extras))} of {len(extras)} extras")
        picked = sorted(rng.sample(extras, min(samples, len(extras))))
        lines.extend(f"{k[0]}:{k[1]}\t{result.ours[k][:100]}" for k in picked)
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("errcheck_out", type=Path)
    parser.add_argument("ours_json", type=Path)
    parser.add_argument("goroot_src", type=Path)
    parser.add_argument(
        "--errcheck-root", type=Path, help="where errcheck saw GOROOT/src"
    )
    parser.add_argument(
        "--scope", type=Path, help="files errcheck analysed, one a line"
    )
    parser.add_argument("--samples", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", type=Path, help="write every miss to this file")
    args = parser.parse_args(argv)
    src = args.goroot_src.resolve()
    errcheck_root = args.errcheck_root or src
    # A scope file was written where errcheck ran; `go list` runs on GOROOT_SRC.
    scope, scope_root = (
        (args.scope.read_text(encoding="utf-8").split(), errcheck_root)
        if args.scope
        else (go_list_scope(src), src)
    )
    in_scope = {r for p in scope if (r := _relative(p, scope_root)) is not None}
    result = measure(args.errcheck_out, args.ours_json, src, errcheck_root, in_scope)
    print("\n".join(report(result, args.samples, args.seed)))
    if args.misses:
        misses = sorted(result.counted - result.found)
        args.misses.write_text(
            "".join(f"{k[0]}:{k[1]}\t{result.errcheck[k].strip()}\n" for k in misses),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
