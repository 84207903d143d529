"""GitHub's primaryLocationLineHash and our own stable fingerprint."""

from __future__ import annotations

import base64
import dataclasses
import json
import random
import time
from pathlib import Path

import pytest

from go_script_lint.base import fingerprint
from go_script_lint.base.fingerprint import (
    fingerprint_findings,
    fingerprint_key,
    line_hashes,
    region_lines,
    snippet,
    stable_fingerprint,
)
from go_script_lint.base.model import Finding, Level, LineIndex, Location, Region

# GitHub's hashes of tricky and random sources, computed once by the reference
# port in check_sarif.py (scripts/gen_fingerprint_reference.py).
REFERENCE_DATA = json.loads(
    (Path(__file__).parent / "data" / "line_hashes_reference.json").read_text()
)
REFERENCE: dict[str, tuple[bytes, dict[int, str]]] = {
    case["name"]: (
        base64.b64decode(case["source"]),
        {int(line): value for line, value in case["hashes"].items()},
    )
    for case in REFERENCE_DATA["cases"]
}
NAMED = sorted(name for name in REFERENCE if not name.startswith("random-"))
RANDOM = sorted(name for name in REFERENCE if name.startswith("random-"))


def test_reference_data_covers_the_tricky_cases() -> None:
    assert {"crlf", "lone_cr", "non_bmp", "invalid_utf8", "empty"} <= set(NAMED)
    assert len(RANDOM) >= 300


# --- literal values -------------------------------------------------------------


def test_literal_values() -> None:
    assert line_hashes(REFERENCE["simple"][0]) == {
        1: "fe57f2c3b06ca3b9:1",
        2: "2da3392c261c8656:1",
        3: "a0771d5b82fed804:1",
        4: "36ea3cc4a2e6c5b9:1",
        5: "32dce9ccfdbc9d3e:1",
        6: "c129715d7a2bc9a3:1",
    }
    assert line_hashes(b"a\r\nb\rc") == {
        1: "7b3788cf31b92be9:1",
        2: "e461f42c548ac762:1",
        3: "188ff2f224477a1e:1",
    }
    # An empty file is one line holding only the end-of-file marker.
    assert line_hashes(b"") == {1: "c129715d7a2bc9a3:1"}
    assert line_hashes('s := "\U0001f600"\n}\n}\n'.encode()) == {
        1: "674fdc78229b8cc2:1",
        2: "1da0d4c20a2cbb51:1",
        3: "32dce9ccfdbc9d3e:1",
        4: "c129715d7a2bc9a3:1",
    }


def test_identical_lines_are_numbered() -> None:
    hashes = line_hashes(b"}\n" * 150 + b"x\n")
    # Lines whose 100-unit windows are all "}\n" share a value.
    values = [hashes[n].split(":") for n in range(1, 51)]
    assert {v[0] for v in values} == {values[0][0]}
    assert [int(v[1]) for v in values] == list(range(1, 51))
    # Near the end the window reaches "x" and the values differ.
    assert hashes[150].split(":")[0] != values[0][0]


def test_blanks_and_line_endings_do_not_matter() -> None:
    lf = line_hashes(b"func f() {\n\treturn\n}\n")
    assert line_hashes(b"func f() {\r\n    return\r\n}\r\n") == lf
    assert line_hashes(b"func  f()  {\n return\n}\n") == lf
    assert line_hashes(b"func f() {\rreturn\r}\r") == lf


# --- against the reference implementation -----------------------------------


@pytest.mark.parametrize("name", NAMED)
def test_matches_reference(name: str) -> None:
    source, expected = REFERENCE[name]
    assert line_hashes(source) == expected


@pytest.mark.parametrize("name", NAMED)
def test_selected_lines_match_reference(name: str) -> None:
    source, full = REFERENCE[name]
    picked = [*sorted(full)[::3], max(full)]
    assert line_hashes(source, picked) == {n: full[n] for n in picked}


def test_random_sources_match_reference() -> None:
    rng = random.Random(20240611)
    for name in RANDOM:
        source, full = REFERENCE[name]
        assert line_hashes(source) == full, source
        picked = rng.sample(sorted(full), min(2, len(full)))
        assert line_hashes(source, picked) == {n: full[n] for n in picked}, source


def test_big_file_strategy_matches_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past _EXACT_LINES, equal windows are counted instead of equal hashes."""
    monkeypatch.setattr(fingerprint, "_EXACT_LINES", 0)
    for name in NAMED:
        source, full = REFERENCE[name]
        picked = sorted(full)[1::2] or [1]
        assert line_hashes(source, picked) == {n: full[n] for n in picked}, name


# --- the line selection and speed ---------------------------------------------


def test_lines_out_of_range_are_left_out() -> None:
    source = b"a\nb\n"  # lines 1, 2 and the empty line 3
    assert set(line_hashes(source)) == {1, 2, 3}
    assert line_hashes(source, [0, 3, 4, 99]) == {3: line_hashes(source)[3]}
    assert line_hashes(source, []) == {}


def test_big_file_is_fast() -> None:
    rng = random.Random(7)
    lines = [
        f'\tv{i} := fmt.Sprintf("%d", {rng.randint(0, 10**9)}) // {i}'
        for i in range(60_000)
    ]
    source = ("\n".join(lines) + "\n").encode()  # about 3 MB, every line distinct
    started = time.perf_counter()
    some = line_hashes(source, [10, 59_990])
    every = line_hashes(source)
    elapsed = time.perf_counter() - started
    assert some == {10: every[10], 59_990: every[59_990]}
    assert len(every) == 60_001
    assert elapsed < 10, f"line_hashes took {elapsed:.1f}s on 3 MB"


# --- our own fingerprint ---------------------------------------------------------

GO = b'package main\n\nfunc main() {\n\texec.Command("sh", "-c", x)\n}\n'
REGION = Region(4, 2, 4, 30)


def test_stable_fingerprint_survives_moves_and_reindentation() -> None:
    base = stable_fingerprint("GSL201", "main.go", GO, REGION)
    assert len(base) == 64 and int(base, 16) >= 0
    moved = b"// a comment\n\n" + GO.replace(b"\t", b"    ")
    assert stable_fingerprint("GSL201", "main.go", moved, Region(6, 5, 6, 33)) == base
    crlf = GO.replace(b"\n", b"\r\n")
    assert stable_fingerprint("GSL201", "main.go", crlf, REGION) == base


def test_stable_fingerprint_tells_findings_apart() -> None:
    base = stable_fingerprint("GSL201", "main.go", GO, REGION)
    assert stable_fingerprint("GSL202", "main.go", GO, REGION) != base
    assert stable_fingerprint("GSL201", "cmd/main.go", GO, REGION) != base
    assert stable_fingerprint("GSL201", "main.go", GO, REGION, occurrence=1) != base
    edited = GO.replace(b"x)", b"y)")
    assert stable_fingerprint("GSL201", "main.go", edited, REGION) != base


def test_fingerprint_key_normalises_whitespace() -> None:
    source = b"f(a,\n\t\tb)\n"
    assert fingerprint_key(source, Region(1, 1, 2, 5)) == "f(a, b)"
    assert fingerprint_key(source, Region(9, 1, 9, 1)) == ""


def test_region_lines_and_snippet() -> None:
    source = b"one\r\ntwo\rthree\n\xffour\n"
    assert region_lines(source, Region(2, 1, 3, 2)) == ["two", "three"]
    assert region_lines(source, Region(4, 1, 9, 1)) == ["\ufffdour", ""]
    assert snippet(source, Region(1, 1, 4, 1), max_lines=2) == "one\ntwo"
    index = LineIndex(source)
    assert region_lines(source, Region(3, 1, 3, 1), index) == ["three"]


def _finding(line: int, rule_id: str = "GSL201", **changes: object) -> Finding:
    finding = Finding(
        rule_id, Level.ERROR, "m", Location("main.go", Region(line, 1, line, 3))
    )
    return dataclasses.replace(finding, **changes)  # type: ignore[arg-type]


def test_fingerprint_findings_fills_fields() -> None:
    source = b"x()\ny()\nx()\n"
    later, first, other = _finding(3), _finding(1), _finding(2)
    preset = _finding(2, "GSL202", fingerprint="keep", line_hash="h:1", snippet="s")
    out = fingerprint_findings([later, first, other, preset], source)
    hashes = line_hashes(source)
    assert [f.line_hash for f in out] == [hashes[3], hashes[1], hashes[2], "h:1"]
    assert [f.snippet for f in out] == ["x()", "x()", "y()", "s"]
    assert out[3].fingerprint == "keep"
    # Identical text: occurrence follows the file order, not the input order.
    assert out[1].fingerprint == stable_fingerprint(
        "GSL201", "main.go", source, first.location.region
    )
    assert out[0].fingerprint == stable_fingerprint(
        "GSL201", "main.go", source, later.location.region, occurrence=1
    )
    assert fingerprint_findings([], source) == []
