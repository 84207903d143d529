"""Name resolution: imports, shadowing, constants."""

from __future__ import annotations

from pathlib import Path

from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.imports import default_package_name
from go_script_lint.golang.parsing import nodes_of_types, parse
from go_script_lint.project.config import Config

SRC = b"""package main

import (
	"fmt"
	ex "os/exec"
	. "strings"
	_ "embed"
	"math/rand/v2"
	"path/filepath"
)

const base = "/bin/"
const shell = base + "sh"
const mode = 0o750 | 0o004

var once = "fixed"
var changed = "a"

func f(fmt string) {
	changed = "b"
	ex.Command(shell)
	fmt.Println()
	rand.IntN(3)
	TrimSpace(" x ")
	local := "v" + `w`
	p := filepath.Join("a", "b", "../c")
	_ = local + p + once + changed
	for ex := range 3 {
		ex.Command()
	}
}
"""


def _ctx() -> FileContext:
    tree = parse(SRC)
    pkg = PackageContext(".", Path("."), Config())
    ctx = FileContext("m.go", Path("m.go"), SRC, tree, pkg, Config())
    pkg.files.append(ctx)
    return ctx


def _calls(ctx: FileContext) -> list[str | None]:
    return [ctx.callee(c) for c in nodes_of_types(ctx.root, ["call_expression"])]


def test_import_table() -> None:
    ctx = _ctx()
    assert ctx.imports.by_name["ex"] == "os/exec"
    assert ctx.imports.by_name["rand"] == "math/rand/v2"
    assert ctx.imports.dot_imports == ("strings",)
    assert "embed" in ctx.imports.paths and "_" not in ctx.imports.by_name


def test_calls_resolve_through_aliases_dot_imports_and_shadowing() -> None:
    calls = _calls(_ctx())
    assert "os/exec.Command" in calls
    assert "math/rand/v2.IntN" in calls
    assert "strings.TrimSpace" in calls
    assert "fmt.Println" not in calls  # the parameter `fmt` shadows the package
    assert calls.count("os/exec.Command") == 1  # the range variable `ex` shadows too


def test_constants() -> None:
    ctx = _ctx()
    values = {}
    for ident in nodes_of_types(ctx.root, ["identifier"]):
        values[ctx.text(ident)] = ctx.resolver.const_value(ident)  # last use wins
    assert values["shell"] == "/bin/sh"
    assert values["mode"] == 0o754
    assert values["local"] == "vw"
    assert values["p"] == "a/c"
    assert values["once"] == "fixed"
    assert values["changed"] is None  # re-assigned: not a constant


def test_default_package_names() -> None:
    assert default_package_name("gopkg.in/yaml.v3") == "yaml"
    assert default_package_name("github.com/go-chi/chi/v5") == "chi"
    assert default_package_name("github.com/mattn/go-sqlite3") == "sqlite3"
