"""The go.mod parser: grammar, positions, and errors as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from go_script_lint.base.safe_io import ReadResult
from go_script_lint.golang import module_paths as modules
from go_script_lint.golang.gomod import gomod_from, parse_gomod

FULL = b"""// A comment.
module "example.com/m/v2" // deprecated? no

go 1.22.1
toolchain go1.23.0
godebug default=go1.21
godebug (
\tpanicnil=1
)

require github.com/a/b v1.2.3
require (
\tgithub.com/c/d v0.0.0-20240101000000-abcdef123456 // indirect
\tgithub.com/e/f v3.0.0+incompatible
\tgopkg.in/yaml.v3 v3.0.1 // indirect; used by tests
)
replace github.com/a/b => ../b
replace github.com/c/d v1.0.0 => github.com/x/d v1.1.0
exclude github.com/a/b v1.0.0
retract [v1.0.0, v1.0.5] // broken
retract v0.9.0
tool golang.org/x/tools/cmd/stringer
ignore ./node_modules
"""


def test_full_grammar() -> None:
    mod = parse_gomod(FULL)
    assert mod.errors == []
    assert mod.module == "example.com/m/v2"
    assert (mod.go, mod.toolchain) == ("1.22.1", "go1.23.0")
    assert [(k, v) for k, v, _ in mod.godebug] == [
        ("default", "go1.21"),
        ("panicnil", "1"),
    ]
    assert [(r.path, r.version, r.indirect) for r in mod.requires] == [
        ("github.com/a/b", "v1.2.3", False),
        ("github.com/c/d", "v0.0.0-20240101000000-abcdef123456", True),
        ("github.com/e/f", "v3.0.0+incompatible", False),
        ("gopkg.in/yaml.v3", "v3.0.1", True),
    ]
    local, other = mod.replaces
    assert local.is_local and local.new_path == "../b"
    assert (other.old_version, other.new_path, other.new_version) == (
        "v1.0.0",
        "github.com/x/d",
        "v1.1.0",
    )
    assert [(r.low, r.high, r.rationale) for r in mod.retracts] == [
        ("v1.0.0", "v1.0.5", "broken"),
        ("v0.9.0", "v0.9.0", ""),
    ]
    assert [p for p, _ in mod.tools] == ["golang.org/x/tools/cmd/stringer"]
    assert [p for p, _ in mod.ignores] == ["./node_modules"]
    assert [e.path for e in mod.excludes] == ["github.com/a/b"]


def test_positions_are_lines_and_utf16_columns() -> None:
    mod = parse_gomod(FULL)
    req = mod.require("github.com/c/d")
    assert req is not None
    region = mod.line_region(req.line)
    assert (region.start_line, region.start_column) == (13, 2)
    assert mod.go_line is not None and mod.line_region(mod.go_line).start_line == 4
    # Multi-byte text before a statement does not shift byte offsets.
    mod = parse_gomod("// é\nmodule example.com/é\ngo 1.2x\n".encode())
    (error,) = mod.errors
    assert mod.region(error.start, error.end).start_line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"go 1.22.x\n", "invalid go version"),
        (b"go 1.21\ngo 1.22\n", "repeated go statement"),
        (b"module a.b/c\nmodule a.b/d\n", "repeated module statement"),
        (b"require github.com/a/b v1.2\n", "not canonical"),
        (b"require github.com/a/b v2.0.0\n", "/v2"),
        (b"require github.com/a/b/v2 v2.0.0+incompatible\n", "+incompatible"),
        (b"require nodot/x v1.0.0\n", "domain"),
        (b"require (\n\tgithub.com/a/b v1.0.0\n", "not closed"),
        (b"frob x\n", "unknown directive"),
        (b"replace a.b/c => a.b/d\n", "directory path"),
        (b"replace a.b/c => ./d v1.0.0\n", "cannot have a version"),
        (b"retract [v1.2.0, v1.0.0]\n", "backwards"),
        (b"toolchain 1.21\n", "toolchain"),
        (b'require "github.com/a/b v1.0.0\n', "quoted"),
    ],
)
def test_errors_are_data(text: bytes, message: str) -> None:
    mod = parse_gomod(text)
    assert any(message in e.message for e in mod.errors), mod.errors


@pytest.mark.parametrize(
    "data", [b"", b"\x00\xff\xfe", b"(((", b")\n)", b"require (\n)", b"`", b"//"]
)
def test_garbage_never_raises(data: bytes) -> None:
    parse_gomod(data)


def test_module_helpers() -> None:
    assert modules.check_path("github.com/a/b") is None
    assert modules.check_path("gopkg.in/yaml.v3") is None
    assert modules.check_path("github.com/a/b/v1") is not None
    assert modules.check_path("Github.com/a") is not None
    assert modules.check_path_major("github.com/a/b/v3", "v3.1.0") is None
    assert modules.check_path_major("github.com/a/b", "v2.0.0+incompatible") is None
    assert modules.check_path_major("github.com/a/b", "v1.0.0+incompatible") is not None
    assert modules.is_pseudo_version("v0.0.0-20240101120000-abcdef123456")
    assert modules.canonical_version("1.2") == "v1.2.0"
    assert modules.parse_go_version("1.22rc1") == (1, 22, 0)
    assert modules.go_version_fix("go1.21.3") == "1.21.3"
    assert (
        modules.owning_module("a.b/c/d/e", ["a.b/c", "a.b/c/d", "a.b/cd"]) == "a.b/c/d"
    )
    assert modules.is_stdlib_path("net/http") and not modules.is_stdlib_path(
        "example.com/x"
    )


def test_every_package_of_a_module_shares_one_parse_of_its_gomod() -> None:
    path = Path("/m/go.mod")
    first = gomod_from(path, ReadResult(data=FULL))
    again = gomod_from(path, ReadResult(data=bytes(FULL)))
    assert again is first
    edited = gomod_from(path, ReadResult(data=FULL + b"\n// edited\n"))
    assert edited is not first
    assert gomod_from(Path("/other/go.mod"), ReadResult(data=FULL)) is not first
