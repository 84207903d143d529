"""Fingerprints that let SARIF consumers and baselines recognise a finding again.

Two kinds:

* :func:`line_hashes` computes GitHub's ``primaryLocationLineHash`` exactly as
  the upload action does (``github/codeql-action``, ``src/fingerprints.ts``),
  so results uploaded through the API are matched with earlier alerts instead
  of being duplicated.
* :func:`stable_fingerprint` is our own key (SARIF
  ``partialFingerprints["goScriptLint/v1"]``, and what ``--baseline`` compares).
  It is built from the rule, the path and the whitespace-normalised text of
  the flagged lines, so it survives moving code up or down and re-indenting.

:func:`fingerprint_findings` fills both (and the ``snippet``) for the findings
of one file; the engine calls it once per file that has findings.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from go_script_lint.base.model import Finding, LineIndex, Region

__all__ = [
    "fingerprint_findings",
    "fingerprint_key",
    "line_hashes",
    "region_lines",
    "snippet",
    "stable_fingerprint",
]

# --- GitHub's primaryLocationLineHash ---------------------------------------
#
# fingerprints.ts reads the file as a JavaScript string (UTF-16 code units),
# drops spaces and tabs, turns CRLF and lone CR into LF and feeds every kept
# unit c to a rolling hash h = 37*h + c - 37**100 * leaving (64-bit
# wrap-around). The hash of a line is h once the 100 kept units starting at
# the line's first kept unit have gone in; past the end of the file the stream
# continues with 65535 and then zeros. So the hash of a line is the
# polynomial  sum(w[i] * 37**(99 - i)) mod 2**64  over the 100-unit window
# w that starts at the line. Lines are numbered in stream order and the
# ":N" suffix counts earlier lines with the same hex value.
#
# Instead of feeding every unit through a Python loop, this builds the kept
# stream with str.replace, encodes it to native-order UTF-16 once, finds the
# line starts with a bytes regex and evaluates the polynomials with C-level
# dot products (see _window_hashes), so each unit is multiplied once.

_K = TypeVar("_K", bound=Hashable)
_BLOCK = 100
_MASK = (1 << 64) - 1
_EOF = 0xFFFF
_FIRST_MOD = pow(37, _BLOCK, 1 << 64)
_CHUNK = 4096
#: Up to this many lines (from the top to the last one wanted) every hash is
#: computed (about 8 microseconds a line); beyond it see line_hashes. The
#: engine asks for a few lines of files with findings, where counting equal
#: windows is several times cheaper and gives the same labels (two different
#: 100-unit windows would need a 64-bit hash collision to differ), so it is
#: the default whenever specific lines are asked for.
_EXACT_LINES = 0


def _powers_of_37(count: int) -> list[int]:
    """37**n mod 2**64 for n = 0..count-1, by repeated multiplication.

    Twenty times cheaper at import than ``pow`` for each n, which cost startup.
    """
    out = [1]
    for _ in range(count - 1):
        out.append(out[-1] * 37 & _MASK)
    return out


#: 37**n mod 2**64 for n = 0.._CHUNK, and the first _CHUNK of them highest first.
_POW37 = _powers_of_37(_CHUNK + 1)
_POW = _POW37[_CHUNK - 1 :: -1]
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_LF = re.compile(re.escape("\n".encode(_UTF16)))
_PADDING = b"\0\0" * _BLOCK


def _kept_units(source: bytes) -> bytes:
    """The stream fingerprints.ts hashes, as native-order UTF-16 bytes.

    The order of the replacements matters: ``"\\r \\n"`` is two line breaks
    for GitHub (the space between them resets its "previous was CR" flag),
    so CRLF is folded before blanks are dropped. The end-of-file unit and the
    zeros that follow it are appended.
    """
    text = source.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(" ", "").replace("\t", "")
    return (text + chr(_EOF)).encode(_UTF16) + _PADDING


def _line_starts(data: bytes, stop: int) -> list[int]:
    """Code-unit offsets where the first ``stop`` lines start in ``data``.

    Every LF unit ends a line, and the unit after it (possibly the
    end-of-file unit) starts the next one, so there is always one line more
    than there are LFs, as in fingerprints.ts.
    """
    starts = [0]
    if stop <= 1:
        return starts
    for match in _LF.finditer(data, 0, len(data) - len(_PADDING)):
        offset = match.start()
        if offset & 1:  # the two bytes straddle two code units: not an LF
            continue
        starts.append(offset // 2 + 1)
        if len(starts) >= stop:
            break
    return starts


def _window_hashes(units: memoryview, starts: list[int]) -> list[int]:
    """Hash of the 100-unit window at each offset in ``starts`` (ascending).

    With F(q) the polynomial hash of the first q units, the window at p
    hashes to F(p + 100) - 37**100 * F(p). F is advanced from one needed
    offset to the next with C-level dot products, so every unit is multiplied
    once, however long or short the lines are.
    """
    needed = sorted({*starts, *(p + _BLOCK for p in starts)})
    prefix: dict[int, int] = {}
    value = 0
    pos = 0
    for target in needed:
        while pos < target:
            step = min(target - pos, _CHUNK)
            dot: int = sum(map(operator.mul, units[pos : pos + step], _POW[-step:]))
            value = (value * _POW37[step] + dot) & _MASK
            pos += step
        prefix[target] = value
    return [(prefix[p + _BLOCK] - _FIRST_MOD * prefix[p]) & _MASK for p in starts]


def _window_hash(window: bytes) -> int:
    """Hash of one window given as its 100 native-order UTF-16 units."""
    units = memoryview(window).cast("H")
    total: int = sum(map(operator.mul, units, _POW[-_BLOCK:]))
    return total & _MASK


def line_hashes(source: bytes, lines: Iterable[int] | None = None) -> dict[int, str]:
    """GitHub's ``primaryLocationLineHash`` of 1-based lines of a file.

    Args:
        source: The file's bytes; decoded as UTF-8 with ``errors="replace"``
            as the upload action's Node.js stream does.
        lines: The lines wanted; ``None`` means every line. Lines past the
            end of the file are left out of the result. Only the lines up to
            the last wanted one are hashed (the ``:N`` suffix depends on
            earlier lines only).

    Returns:
        Line number to ``"<hex>:<occurrence>"``, e.g. ``"5d3b2a1f0e9c8b7a:1"``.
    """
    wanted: set[int] | None = None
    if lines is not None:
        wanted = {n for n in lines if n >= 1}
        if not wanted:
            return {}
    data = _kept_units(source)
    starts = _line_starts(data, max(wanted) if wanted is not None else len(data))
    if wanted is None or len(starts) <= _EXACT_LINES:
        hashes = _window_hashes(memoryview(data).cast("H"), starts)
        return _number(hashes, wanted, int)
    # A big file and a few lines wanted: count equal windows instead of equal
    # hashes, and hash only the wanted lines' windows. Equal windows have
    # equal hashes; two different 100-unit windows with the same 64-bit value
    # would be a collision, which real code does not produce.
    windows = [data[2 * p : 2 * p + 2 * _BLOCK] for p in starts]
    return _number(windows, wanted, _window_hash)


def _number(
    keys: Sequence[_K], wanted: set[int] | None, value_of: Callable[[_K], int]
) -> dict[int, str]:
    """Label line n (1-based, in ``keys`` order) with its hash and occurrence."""
    counts: dict[_K, int] = {}
    out: dict[int, str] = {}
    for number, key in enumerate(keys, start=1):
        count = counts[key] = counts.get(key, 0) + 1
        if wanted is None or number in wanted:
            out[number] = f"{value_of(key):x}:{count}"
    return out


# --- our own, line-move-proof fingerprint ------------------------------------

_BLANKS = re.compile(r"\s+")
_FINGERPRINT_VERSION = "goScriptLint/v1"
#: Flagged lines that go into the key; a region spanning a whole function body
#: should not change its key whenever a line deep inside it is edited.
_MAX_KEY_LINES = 5


def region_lines(
    source: bytes, region: Region, index: LineIndex | None = None
) -> list[str]:
    """Text of the lines ``region.start_line..end_line`` (no line terminators).

    Lines are split on CRLF, CR and LF, as :class:`go_script_lint.base.model.LineIndex`
    and SARIF do; bytes that are not UTF-8 become U+FFFD. Lines outside the
    file are missing from the result. Pass the file's ``index`` when calling
    this for many regions of one file.
    """
    if index is None:
        index = LineIndex(source)
    available = index.line_of(len(source)) + 1
    first = max(region.start_line, 1)
    last = min(max(region.end_line, first), available)
    return [
        index.line_bytes(line0).decode("utf-8", errors="replace")
        for line0 in range(first - 1, last)
    ]


def snippet(
    source: bytes,
    region: Region,
    *,
    max_lines: int = 10,
    index: LineIndex | None = None,
) -> str:
    """The code frame text of a finding: its lines, at most ``max_lines`` of them.

    This is what :attr:`go_script_lint.base.model.Finding.snippet` holds: whole lines,
    starting at column 1 of ``region.start_line``, joined with ``"\\n"``.
    The reporters rely on that (the text caret line, the SARIF region
    snippet cut out of it).
    """
    return "\n".join(region_lines(source, _capped(region, max_lines), index))


def _capped(region: Region, max_lines: int) -> Region:
    last = min(region.end_line, region.start_line + max(max_lines, 1) - 1)
    return Region(region.start_line, region.start_column, last, region.end_column)


def fingerprint_key(
    source: bytes, region: Region, index: LineIndex | None = None
) -> str:
    """Whitespace-normalised text of the flagged lines (the first five at most).

    Every run of whitespace, line breaks included, becomes one space, so
    re-indenting or re-wrapping the flagged code keeps the key.
    """
    lines = region_lines(source, _capped(region, _MAX_KEY_LINES), index)
    return _BLANKS.sub(" ", " ".join(lines)).strip()


def stable_fingerprint(
    rule_id: str,
    path: str,
    source: bytes,
    region: Region,
    *,
    occurrence: int = 0,
) -> str:
    """Our own fingerprint of a finding: survives line moves and re-indentation.

    It is the hex SHA-256 of a version tag, the rule id, the POSIX path, the
    :func:`fingerprint_key` of the flagged lines and ``occurrence``, joined by
    NUL characters. Line and column numbers are deliberately left out. Two
    findings of one rule on identical text in one file are told apart by
    ``occurrence``: their index, in file order, among the findings with the
    same rule, path and key (:func:`fingerprint_findings` assigns it). Editing
    the flagged code itself, renaming the file or reordering identical
    findings gives a new fingerprint.

    Args:
        rule_id: E.g. ``"GSL201"``.
        path: POSIX path relative to the source root, as in ``Location``.
        source: The file's bytes.
        region: The finding's primary region.
        occurrence: 0 for the first finding with this key, 1 for the next...

    Returns:
        64 lowercase hex digits.
    """
    return _digest(rule_id, path, fingerprint_key(source, region), occurrence)


def _digest(rule_id: str, path: str, key: str, occurrence: int) -> str:
    payload = "\0".join((_FINGERPRINT_VERSION, rule_id, path, key, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8", errors="surrogatepass")).hexdigest()


def fingerprint_findings(
    findings: Sequence[Finding],
    source: bytes,
    *,
    snippet_lines: int = 10,
    index: LineIndex | None = None,
) -> list[Finding]:
    """Fill ``line_hash``, ``fingerprint`` and ``snippet`` of one file's findings.

    Fields already set are kept. Occurrence indexes (see
    :func:`stable_fingerprint`) follow the findings' ``sort_key`` order.

    Args:
        findings: Findings whose primary location is in the file ``source``.
        source: The file's bytes.
        snippet_lines: Cap on the lines kept in each ``snippet``.
        index: The file's line index, when the caller has one already.

    Returns:
        The findings, in the given order, updated.
    """
    if not findings:
        return []
    index = index or LineIndex(source)
    hashes = line_hashes(source, {f.location.region.start_line for f in findings})
    seen: dict[tuple[str, str, str], int] = {}
    out = list(findings)
    for i in sorted(range(len(findings)), key=lambda i: findings[i].sort_key):
        finding = findings[i]
        region = finding.location.region
        fingerprint = finding.fingerprint
        if fingerprint is None:
            key = fingerprint_key(source, region, index)
            ident = (finding.rule_id, finding.location.path, key)
            occurrence = seen.get(ident, 0)
            seen[ident] = occurrence + 1
            fingerprint = _digest(
                finding.rule_id, finding.location.path, key, occurrence
            )
        text = finding.snippet
        if text is None:
            text = snippet(source, region, max_lines=snippet_lines, index=index)
        line_hash = finding.line_hash
        if line_hash is None:
            line_hash = hashes.get(region.start_line)
        out[i] = dataclasses.replace(
            finding, fingerprint=fingerprint, snippet=text, line_hash=line_hash
        )
    return out
