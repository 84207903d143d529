"""Apply the certain rewrites findings carry (`--fix`) or show them (`--diff`)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from go_script_lint.base.model import Finding, Replacement
from go_script_lint.base.safe_io import Kind, read_regular, write_atomic


def planned_edits(findings: Iterable[Finding]) -> dict[str, list[Replacement]]:
    """Non-overlapping replacements per path, from unsuppressed findings' first fix."""
    by_path: dict[str, list[Replacement]] = defaultdict(list)
    for finding in findings:
        if (
            finding.suppression is not None
            or not finding.fixes
            or finding.baseline_state == "absent"
        ):
            continue
        for rep in finding.fixes[0].replacements:
            by_path[rep.path].append(rep)
    plan: dict[str, list[Replacement]] = {}
    for path, reps in by_path.items():
        chosen: list[Replacement] = []
        end = -1
        for rep in sorted(set(reps), key=lambda r: (r.start_byte, r.end_byte, r.text)):
            if rep.start_byte < end:
                continue  # overlaps an earlier edit: leave it for the next run
            chosen.append(rep)
            end = max(
                rep.end_byte,
                rep.start_byte + 1 if rep.start_byte == rep.end_byte else rep.end_byte,
            )
        plan[path] = chosen
    return plan


def rewrite(data: bytes, reps: list[Replacement]) -> bytes:
    """``data`` with the replacements applied (offsets refer to the original)."""
    crlf = data.count(b"\r\n") > data.count(b"\n") // 2 > 0
    out = bytearray()
    pos = 0
    for rep in reps:
        if rep.start_byte < pos or rep.end_byte > len(data):
            continue
        text = rep.text.encode("utf-8")
        if crlf:
            text = text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        out += data[pos : rep.start_byte] + text
        pos = rep.end_byte
    out += data[pos:]
    return bytes(out)


def apply_fixes(findings: Iterable[Finding], srcroot: Path) -> list[str]:
    """Rewrite files in place, atomically and keeping their mode; returns changed paths."""
    changed = []
    for path, reps in sorted(planned_edits(findings).items()):
        target = srcroot / path
        data = read_regular(target, Kind.GO_SOURCE).data
        if data is None:
            continue  # gone or replaced since the analysis: nothing to rewrite
        new = rewrite(data, reps)
        if new == data:
            continue
        write_atomic(target, new)
        changed.append(path)
    return changed


def diff(findings: Iterable[Finding], srcroot: Path) -> str:
    """Unified diff of what `--fix` would change."""
    chunks: list[str] = []
    for path, reps in sorted(planned_edits(findings).items()):
        data = read_regular(srcroot / path, Kind.GO_SOURCE).data
        if data is None:
            continue
        before = data.decode("utf-8", errors="replace").splitlines(keepends=True)
        after = (
            rewrite(data, reps)
            .decode("utf-8", errors="replace")
            .splitlines(keepends=True)
        )
        chunks.extend(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))
    return "".join(chunks)
