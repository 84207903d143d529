"""The resolver's per-file tables answer as a scan of every declaration would.

``NameSites`` (local names) stops early and ``TopLevel`` (package-level
names) builds definitions on demand; both are checked against the plain
rule they replace, on Go that nests and shadows the same names.
"""

from __future__ import annotations

from pathlib import Path

from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.scopes import (
    DECLARED_NAMES_QUERY,
    LocalDecl,
    NameSites,
    local_site,
)
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node, parse, query_captures, walk
from go_script_lint.project.config import Config

SHADOWING = b"""package main

import "os"

var x = 1

func x2(x int) int {
	if x := x + 1; x > 2 {
		x := x * 2
		for x := range []int{x} {
			_ = x
		}
		switch x := any(x).(type) {
		case int:
			_ = x
		}
		_ = x
	}
	f := func(x string) string { return x }
	_ = f
	select {
	case x := <-make(chan int):
		_ = x
	}
	var (
		x, y = 3, 4
	)
	_, _ = x, y
	os.Exit(x)
	return x
}

func other() {
	x := 5
	_ = x
}
"""


def _scan(idents: list[Node], pos: int) -> LocalDecl | None:
    """The rule NameSites replaces: the largest (scope start, visible from)."""
    best: LocalDecl | None = None
    for ident in idents:
        site = local_site(ident)
        if site is None:
            continue
        visible = site.scope_start <= pos < site.scope_end and site.visible_from <= pos
        if visible and (
            best is None
            or (site.scope_start, site.visible_from)
            > (best.scope_start, best.visible_from)
        ):
            best = site
    return best


def test_name_sites_agree_with_a_scan_of_every_declaration() -> None:
    root = parse(SHADOWING).root_node
    declared: dict[str, list[Node]] = {}
    for ident in query_captures(DECLARED_NAMES_QUERY, root)["n"]:
        declared.setdefault(text(ident), []).append(ident)
    tables = {name: NameSites(idents) for name, idents in declared.items()}
    uses = [n for n in walk(root) if n.type == "identifier" and text(n) in declared]
    assert len(uses) > 20
    found_local = 0
    for use in uses:
        want = _scan(declared[text(use)], use.start_byte)
        got = tables[text(use)].innermost(use.start_byte)
        assert (got and got.name_node) == (want and want.name_node), use.start_point
        found_local += want is not None
    assert found_local > 10


def _file(tmp_path: Path, name: str, source: bytes, pkg: PackageContext) -> FileContext:
    ctx = FileContext(name, tmp_path / name, source, parse(source), pkg, pkg.config)
    pkg.files.append(ctx)
    return ctx


def test_top_level_first_declaration_wins_and_functions_replace(tmp_path: Path) -> None:
    config = Config()
    pkg = PackageContext(".", tmp_path, config)
    first = _file(
        tmp_path,
        "a.go",
        b"package main\nvar a, b = 1, 2\nconst a = 3\nvar f = 1\nfunc f() {}\n"
        b"type (T int; U = T)\nfunc main() { _ = a; _ = f; _ = T; _ = U; _ = c }\n",
        pkg,
    )
    _file(tmp_path, "b.go", b"package main\nconst c = 7\nvar a = 9\n", pkg)
    res = first.resolver
    assert res.top_level_names() == ["a", "b", "f", "T", "U", "main"]
    uses = {
        text(n): n
        for n in walk(first.root)
        if n.type == "identifier" and n.parent is not None
        if n.parent.type == "assignment_statement" or n.parent.type == "expression_list"
    }
    a = res.lookup(uses["a"])
    assert a is not None and (a.kind, text(a.value)) == ("var", "1")
    f = res.lookup(uses["f"])
    assert f is not None and f.kind == "func"
    t = res.lookup(uses["T"])
    assert t is not None and t.kind == "type"
    c = res.lookup(uses["c"])  # from the other file of the package
    assert c is not None and (c.kind, c.resolver) == ("const", pkg.files[1].resolver)
    assert res.lookup(uses["a"]) is a  # built once
