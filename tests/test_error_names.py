"""The error rules' name pre-filter never hides a call type inference says returns an error."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

import pytest

from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.error_names import may_return_error
from go_script_lint.analysis.signatures import stdlib
from go_script_lint.analysis.stdlib_error_names import (
    TABLE_PATH,
    compute_stdlib_names,
    stdlib_error_names,
)
from go_script_lint.analysis.typeinfo import file_types, package_types
from go_script_lint.golang.parsing import Node, nodes_of_types, parse
from go_script_lint.project.config import Config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

SOURCE = """package main

import (
	"errors"
	"os"
)

type failure struct{}

func (*failure) Error() string { return "" }

type hook func() *failure

type store struct {
	onSave func() error
	onLen  func() int
	onHook hook
}

type holder struct {
	hook
}

func (s *store) verifyAll() *failure { return nil }

func (s *store) Flush() error { return nil }
func (s *store) Len() int    { return 0 }

func save() error { return errors.New("x") }
func count() int  { return 0 }

func run(s *store, f *os.File, h holder) {
	check := func() error { return nil }
	s.Flush()
	s.Len()
	s.onSave()
	s.onLen()
	s.onHook()
	s.verifyAll()
	save()
	count()
	f.Close()
	f.Name()
	os.Remove("x")
	os.Getpid()
	func() error { return nil }()
	func() {}()
	check()
	h.hook()
	onExit()
	println("done")
}
"""


VARS = b"""package main

var onExit = func() error { return nil }
"""

DOT_IMPORT = b"""package main

import . "os"

func clean() {
	Remove("x")
	Getpid()
}
"""


def _package(directory: Path, sources: dict[str, bytes]) -> list[FileContext]:
    config = Config()
    pkg = PackageContext(".", directory, config)
    for name, data in sources.items():
        pkg.files.append(
            FileContext(name, directory / name, data, parse(data), pkg, config)
        )
    return pkg.files


def _calls(ctx: FileContext) -> list[tuple[str, bool, bool]]:
    """(call text, passes the filter, type inference finds an error result)."""
    types = file_types(ctx)
    out = []
    for call in nodes_of_types(ctx.root, ["call_expression"]):
        callee = types.callee(call)
        out.append(
            (
                ctx.text(call),
                may_return_error(ctx, call),
                callee is not None and bool(callee.error_positions),
            )
        )
    return out


def test_filter_keeps_error_returning_calls_and_drops_others(tmp_path: Path) -> None:
    ctx, _ = _package(tmp_path, {"main.go": SOURCE.encode(), "vars.go": VARS})
    calls = _calls(ctx)
    verdicts = {text: passes for text, passes, _ in calls}
    returning = {text for text, _, returns in calls if returns}
    assert {"s.verifyAll()", "s.onHook()", "s.onSave()"} <= returning
    assert verdicts["s.Flush()"] and verdicts["f.Close()"] and verdicts["s.onSave()"]
    # a named error type, through a method and a field of a named function type
    assert verdicts["s.verifyAll()"] and verdicts["s.onHook()"]
    assert verdicts['os.Remove("x")']  # a package member: the index decides
    assert verdicts["save()"] and not verdicts["count()"]  # the unit's functions
    # function values: a local variable, an embedded field, another file's variable
    assert verdicts["check()"] and verdicts["h.hook()"] and verdicts["onExit()"]
    assert {"check()", "h.hook()", "onExit()"} <= returning
    assert verdicts["func() error { return nil }()"] and not verdicts["func() {}()"]
    assert not verdicts["s.Len()"] and not verdicts["s.onLen()"]
    assert not verdicts["f.Name()"]  # no indexed or local `Name` returns an error
    assert not verdicts["os.Getpid()"] and not verdicts['println("done")']


def _fixture_packages() -> list[Path]:
    files = sorted(FIXTURES.rglob("*.go"))
    return [d for d, _ in groupby(files, key=lambda p: p.parent)]


@pytest.mark.parametrize(
    "directory", _fixture_packages(), ids=lambda d: str(d.relative_to(FIXTURES))
)
def test_filter_is_conservative_on_fixtures(directory: Path) -> None:
    sources = {p.name: p.read_bytes() for p in sorted(directory.glob("*.go"))}
    for ctx in _package(directory, sources):
        hidden = [
            text for text, passes, returns in _calls(ctx) if returns and not passes
        ]
        assert hidden == [], f"{ctx.path}: filtered out {hidden}"


def test_dot_imported_functions_are_not_filtered(tmp_path: Path) -> None:
    (ctx,) = _package(tmp_path, {"main.go": DOT_IMPORT})
    verdicts = {text: passes for text, passes, _ in _calls(ctx)}
    assert verdicts['Remove("x")'] and verdicts["Getpid()"]


def test_precompiled_table_matches_the_index() -> None:
    index = stdlib()
    table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    fresh = compute_stdlib_names(index).to_json(index.go_version)
    assert table == fresh, "stale: run python scripts/gen_error_names.py"
    assert stdlib_error_names() == compute_stdlib_names(index)


INDEX_ONLY = b"""package main

import "os"

type local struct{}

func (local) Save() error { return nil }

func run(f *os.File) {
	os.Remove("x")
	f.Close()
	f.Write(nil)
}
"""


def test_calls_named_in_the_index_leave_the_units_declarations_unread(
    tmp_path: Path,
) -> None:
    (ctx,) = _package(tmp_path, {"main.go": INDEX_ONLY})
    calls = nodes_of_types(ctx.root, ["call_expression"])
    assert [may_return_error(ctx, c) for c in calls] == [True, True, True]
    callees = [file_types(ctx).callee(c) for c in calls]
    assert [c.display if c else None for c in callees] == [
        "os.Remove",
        "(*os.File).Close",
        "(*os.File).Write",
    ]
    # `Remove`, `Close`, `Write` are the index's: neither the filter nor the
    # inference of these calls read the unit's declarations.
    assert package_types(ctx.package).units_read() == frozenset()


NON_ASCII = """package main

type store struct{}

func (store) Sauvé() error { return nil }
func (store) Taille() int  { return 0 }

func run(s store) {
	s.Sauvé()
	s.Taille()
}
""".encode()


def test_names_are_compared_as_the_source_spells_them(tmp_path: Path) -> None:
    (ctx,) = _package(tmp_path, {"main.go": NON_ASCII})
    verdicts = [may_return_error(ctx, c) for c in _calls_in(ctx)]
    assert verdicts == [True, False]  # UTF-8 names match their declarations
    assert package_types(ctx.package).units_read() == frozenset({"main"})


def _calls_in(ctx: FileContext) -> list[Node]:
    return nodes_of_types(ctx.root, ["call_expression"])
