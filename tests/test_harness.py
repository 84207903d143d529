"""The fixture harness itself: lines, pinned columns and todo markers."""

from __future__ import annotations

from pathlib import Path

from go_script_lint.base.model import Finding, Level, Location, Region, RunResult
from tests.harness import Todo, compare, read_expectations

SOURCE = """package main

func main() {
	// ruleid: GSL206 col=8
	// ruleid: GSL206 col=16
	bs := u.Slice(u.StringData(s), len(s))
	x := u.Sizeof(bs) // ruleid: GSL206
	y := f() // todo-ruleid: GSL301 not tracked through f
}
"""


def _run(*spots: tuple[int, int]) -> RunResult:
    findings = tuple(
        Finding(
            "GSL206", Level.ERROR, "m", Location("m.go", Region(line, col, line, 99))
        )
        for line, col in spots
    )
    return RunResult(findings, (), ("m.go",), ("GSL206",), "0")


def _expected(tmp_path: Path):
    (tmp_path / "m.go").write_text(SOURCE)
    return read_expectations(tmp_path, tmp_path)


def test_columns_are_compared_where_annotated(tmp_path: Path) -> None:
    expected = _expected(tmp_path)
    assert expected.must == {("m.go", 6, "GSL206"), ("m.go", 7, "GSL206")}
    assert expected.columns == {("m.go", 6, "GSL206"): {8, 16}}
    assert compare(_run((6, 8), (6, 16), (7, 7)), expected, ["GSL206"]) == []
    # Line 7 has no col=: any column passes there.
    assert compare(_run((6, 8), (6, 16), (7, 1)), expected, ["GSL206"]) == []


def test_a_wrong_or_missing_column_fails(tmp_path: Path) -> None:
    expected = _expected(tmp_path)
    (problem,) = compare(_run((6, 8), (6, 15), (7, 7)), expected, ["GSL206"])
    assert problem == "columns    m.go:6 GSL206: annotated [8, 16], found [8, 15]"
    (problem,) = compare(_run((6, 8), (7, 7)), expected, ["GSL206"])
    assert "annotated [8, 16], found [8]" in problem


def test_todo_markers_keep_their_reason(tmp_path: Path) -> None:
    (todo,) = _expected(tmp_path).todo
    assert todo == Todo("m.go", 8, "GSL301", "todo-ruleid", "not tracked through f")
    assert str(todo) == "m.go:8 todo-ruleid: GSL301 not tracked through f"
