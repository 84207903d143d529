"""Local type inference: declarations, calls, fields, embedding, other files of the package."""

from __future__ import annotations

from pathlib import Path

from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.typeinfo import file_types
from go_script_lint.golang.parsing import Node, nodes_of_types, parse
from go_script_lint.project.config import Config

MAIN = """package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
)

type Inner struct{ W *bufio.Writer }

type Outer struct {
	Inner
	name string
}

func (o *Outer) Save() (int, error) { return 0, nil }

func run(w io.Writer, o Outer, xs ...string) {
	f, err := os.Create("x")
	var buf bytes.Buffer
	p := &Outer{}
	enc := json.NewEncoder(w)
	q := helper()
	n, _ := o.Save()
	out := os.Stdout
	v := o.W
	s := o.name
	os := 3
	use(f, err, buf, p, enc, q, n, out, v, s, os, xs)
}
"""

OTHER = """package main

func helper() *Outer { return nil }

func use(...any) {}
"""


def _contexts(tmp_path: Path) -> list[FileContext]:
    config = Config()
    pkg = PackageContext(".", tmp_path, config)
    for name, source in (("main.go", MAIN), ("other.go", OTHER)):
        data = source.encode()
        pkg.files.append(
            FileContext(name, tmp_path / name, data, parse(data), pkg, config)
        )
    return pkg.files


def _arg_types(ctx: FileContext) -> dict[str, str | None]:
    call = next(
        c
        for c in nodes_of_types(ctx.root, ["call_expression"])
        if ctx.text(c).startswith("use(")
    )
    args = call.child_by_field_name("arguments")
    assert args is not None
    types = file_types(ctx)
    idents: list[Node] = [a for a in args.named_children if a.type == "identifier"]
    return {ctx.text(a): types.type_of(a) for a in idents}


def test_local_inference(tmp_path: Path) -> None:
    ctx = _contexts(tmp_path)[0]
    assert _arg_types(ctx) == {
        "f": "*os.File",
        "err": "error",
        "buf": "bytes.Buffer",
        "p": "*Outer",
        "enc": "*encoding/json.Encoder",
        "q": "*Outer",  # declared in the other file
        "n": "int",
        "out": "*os.File",
        "v": "*bufio.Writer",  # promoted through the embedded struct
        "s": "string",
        "os": None,  # shadows the package; an untyped constant is not inferred
        "xs": "[]string",
    }


def test_callee_results_and_names(tmp_path: Path) -> None:
    ctx = _contexts(tmp_path)[0]
    types = file_types(ctx)
    calls = {ctx.text(c): c for c in nodes_of_types(ctx.root, ["call_expression"])}
    create = types.callee(calls['os.Create("x")'])
    assert create is not None and create.results == ("*os.File", "error")
    assert create.error_positions == (1,)
    save = types.callee(calls["o.Save()"])
    assert (
        save is not None
        and save.display == "(*Outer).Save"
        and save.keys == ("main.Outer.Save",)
    )
    assert (
        types.callee(calls["use(f, err, buf, p, enc, q, n, out, v, s, os, xs)"])
        is not None
    )
    assert types.universe.method("*bufio.ReadWriter", "Flush") == (
        ("error",),
        "bufio.Writer",
        True,
    )
    assert types.universe.method("io.ReadWriteCloser", "Close") == (
        ("error",),
        "io.Closer",
        False,
    )
    assert types.universe.method("hash.Hash", "Write") == (
        ("int", "error"),
        "io.Writer",
        False,
    )
    assert types.universe.method("error", "Error") == (("string",), "error", False)
    assert types.universe.method("[]byte", "Write") is None


FLOW = """package main

import (
	"io"
	"net"
	"os"
)

type names []string

func flow(v io.Writer, files chan *os.File, raw []byte, fn func() (int, error)) {
	switch w := v.(type) {
	case *os.File:
		use(w)
	case *os.File, *net.TCPConn:
		use(w)
	}
	select {
	case f, ok := <-files:
		use(f, ok)
	}
	ip := net.IP(raw)
	n := names(nil)
	closer := func() error { return nil }
	use(ip, n, closer, fn)
}

func use(...any) {}
"""


def test_switch_select_conversion_and_function_types(tmp_path: Path) -> None:
    config = Config()
    pkg = PackageContext(".", tmp_path, config)
    data = FLOW.encode()
    ctx = FileContext("flow.go", tmp_path / "flow.go", data, parse(data), pkg, config)
    pkg.files.append(ctx)
    types = file_types(ctx)
    seen: list[dict[str, str | None]] = []
    for call in nodes_of_types(ctx.root, ["call_expression"]):
        args = call.child_by_field_name("arguments")
        if not ctx.text(call).startswith("use(") or args is None:
            continue
        seen.append({ctx.text(a): types.type_of(a) for a in args.named_children})
    assert seen == [
        {"w": "*os.File"},  # the case names one type
        {"w": None},  # two types: w is the switched value's interface, not known here
        {"f": "*os.File", "ok": "bool"},
        {
            "ip": "net.IP",
            "n": "names",
            "closer": "func{error}",
            "fn": "func{int,error}",
        },
    ]
