"""A file's declarations replayed from events equal reading them from its tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from go_script_lint.analysis.declaration_events import (
    collect,
    declaration_events,
    replay,
)
from go_script_lint.analysis.declarations import PackageDecls, TypeNamer
from go_script_lint.analysis.imports import ImportTable
from go_script_lint.golang.parsing import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"

# Methods before their type, a type and a function declared twice, untyped
# and typed variables of one name: the first declaration wins, methods merge.
FIRST = b"""package p

import "os"

func (c *Conf) Save() error { return nil }

var ready = os.Getenv("READY")

func helper() (int, error) { return 0, nil }
"""
SECOND = b"""package p

type Conf struct {
\tPath string `json:"path"`
}

func (c Conf) Name() string { return c.Path }

type Conf int

var ready bool

func helper() string { return "" }
"""


def _shape(decls: PackageDecls) -> tuple[object, ...]:
    types = {name: decl.to_json() for name, decl in decls.types.items()}
    return (decls.funcs, types, decls.vars, list(decls.var_values))


def _both_ways(sources: list[bytes]) -> tuple[PackageDecls, PackageDecls]:
    read, replayed = PackageDecls(), PackageDecls()
    for source in sources:
        root = parse(source).root_node
        namer = TypeNamer(ImportTable(root).by_name, "")
        collect(root, namer, read, exported_only=False)
        events = declaration_events(root, namer, False, keep_values=False)
        replay(events, replayed)
    return read, replayed


def test_first_declarations_win_and_methods_merge_as_from_trees() -> None:
    read, replayed = _both_ways([FIRST, SECOND])
    assert _shape(replayed) == _shape(read)
    conf = replayed.types["Conf"]
    assert (conf.kind, set(conf.methods)) == ("struct", {"Save", "Name"})
    assert conf.pointer_methods == {"Save"}
    assert replayed.funcs["helper"] == ("int", "error")
    assert replayed.var_values == {"ready": None}  # the initialiser is not kept
    assert "ready" not in replayed.vars


def test_replaying_twice_leaves_the_events_as_they_were() -> None:
    root = parse(SECOND).root_node
    events = declaration_events(root, TypeNamer({}, ""), False, keep_values=False)
    first, second = PackageDecls(), PackageDecls()
    replay(events, first)
    first.types["Conf"].methods["Extra"] = ()  # a package's entry is its own
    replay(events, second)
    assert "Extra" not in second.types["Conf"].methods


@pytest.mark.parametrize(
    "directory", sorted(d for d in FIXTURES.iterdir() if any(d.glob("*.go")))
)
def test_fixture_packages_read_the_same_both_ways(directory: Path) -> None:
    sources = [p.read_bytes() for p in sorted(directory.glob("*.go"))]
    read, replayed = _both_ways(sources)
    assert _shape(replayed) == _shape(read)
