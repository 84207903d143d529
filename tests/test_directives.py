"""Header directives and feature detection."""

from __future__ import annotations

from types import SimpleNamespace

from go_script_lint.analysis.version_features import (
    GENERIC_METHOD,
    NEW_EXPR,
    recovered_feature_uses,
)
from go_script_lint.golang.directives import GO, MODULE, SCRIPT, Header, parse_header
from go_script_lint.golang.parsing import parse


def _header(src: str) -> Header:
    data = src.encode()
    return parse_header(parse(data).root_node, data)


def test_header_spans_comment_groups_and_block_comments() -> None:
    head = _header(
        "//go:build linux\n\n// Doc.\n/*\n//go:requires a.b/c v1.0.0\n*/\n//go:script\n"
        "//go:requires go 1.22\n//go:requires a.b/d v1.2.3 // why\npackage main\n"
    )
    assert [d.kind for d in head.directives] == [SCRIPT, GO, MODULE]
    assert head.go is not None and head.go.version == "1.22"
    (module,) = head.modules
    assert (module.module, module.version) == ("a.b/d", "v1.2.3")
    assert not module.problems


def test_near_misses_parse_as_meant_with_a_fix() -> None:
    head = _header(
        "//go:require a.b/c v1.0.0\n// go:script\n//go:requires: go 1.21\npackage p\n"
    )
    assert [d.kind for d in head.directives] == [MODULE, SCRIPT, GO]
    fixes = [p.fix for d in head.directives for p in d.problems]
    assert fixes == ["//go:requires", "//go:script", "//go:requires"]


def test_go_directives_are_not_ours() -> None:
    head = _header(
        "//go:build x\n//go:generate y\n//go:debug a=1\n//go:embed z\npackage p\n"
    )
    assert head.directives == ()


def test_misplaced_directives_only_in_line_comments() -> None:
    src = (
        'package p\n//go:requires go 1.22\nvar s = "//go:script"\n'
        "/* //go:script */\nfunc f() {\n\t//go:script\n}\n"
    )
    head = _header(src)
    assert [
        (m.spelled, src.encode()[: m.start].count(b"\n") + 1) for m in head.misplaced
    ] == [
        ("//go:requires", 2),
        ("//go:script", 6),
    ]


def test_no_package_clause_is_tolerated() -> None:
    assert [d.kind for d in _header("//go:script\nfunc (\n").directives] == [SCRIPT]
    assert _header("").directives == ()


def test_recovered_constructs_hook() -> None:
    uses = recovered_feature_uses(
        [
            SimpleNamespace(kind="new-expression", start_byte=10, end_byte=20),
            SimpleNamespace(kind="generic-method", start_byte=30, end_byte=40),
            SimpleNamespace(kind="other", start_byte=1, end_byte=2),
        ]
    )
    assert [(u.feature, u.version) for u in uses] == [
        (NEW_EXPR, (1, 26)),
        (GENERIC_METHOD, (1, 27)),
    ]
