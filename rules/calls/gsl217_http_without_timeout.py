"""GSL217 http-without-timeout: HTTP clients and servers that can wait forever."""

from __future__ import annotations

import re
from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    field_set_later,
    go_ast,
    is_test_file,
    last_identifiers,
    qualified_type,
)

HTTP = "net/http"
DEFAULT_CLIENT_CALLS = frozenset(
    {"net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm"}
)
NO_TIMEOUT_SERVERS = frozenset(
    {
        "net/http.ListenAndServe",
        "net/http.ListenAndServeTLS",
        "net/http.Serve",
        "net/http.ServeTLS",
    }
)
SERVER_TIMEOUTS = frozenset({"ReadHeaderTimeout", "ReadTimeout"})
TEST_HELPER = re.compile(r"(?i)(new)?(test|mock|fake|stub)")
DEADLINES = (b"context.WithTimeout", b"context.WithDeadline", b".SetDeadline(")


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    for finding in _check(node, ctx):
        if ctx.scan_level is not Risk.HIGH and (
            is_test_file(ctx) or _in_test_helper(node)
        ):
            return  # requests to httptest servers
        yield finding


def _check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if node.type == "call_expression":
        callee = ctx.callee(node)
        if callee in DEFAULT_CLIENT_CALLS and not _has_deadline(node):
            yield ctx.finding(
                RULE,
                node,
                what=f"`{_short(callee)}` uses `http.DefaultClient`, which has no timeout",
            )
        elif callee in NO_TIMEOUT_SERVERS:
            yield ctx.finding(
                RULE,
                node,
                what=f"`{_short(callee)}` serves without `ReadHeaderTimeout`; use an `http.Server` with timeouts",
            )
        return
    if node.type == "selector_expression":
        field = node.child_by_field_name("field")
        if go_ast.text(field) != "DefaultClient":
            return  # cheap filter before resolving the package
        if ctx.qualified_name(node) == "net/http.DefaultClient" and not _has_deadline(
            node
        ):
            yield ctx.finding(RULE, node, what="`http.DefaultClient` has no timeout")
        return
    type_node = node.child_by_field_name("type")
    if type_node is None or not go_ast.text(type_node).endswith(("Client", "Server")):
        return
    kind = qualified_type(ctx, type_node)
    if kind not in ("net/http.Client", "net/http.Server"):
        return
    fields = go_ast.keyed_fields(node).keys()
    if kind == "net/http.Client":
        if (
            "Timeout" in fields
            or field_set_later(node, ("Timeout",))
            or _has_deadline(node)
            or b"Timeout:" in (node.text or b"")  # the Transport's own timeouts
        ):
            return
        yield ctx.finding(RULE, node, what="this `http.Client` has no `Timeout`")
    elif not (SERVER_TIMEOUTS & fields) and not field_set_later(
        node, ("ReadHeaderTimeout", "ReadTimeout")
    ):
        yield ctx.finding(
            RULE,
            node,
            what="this `http.Server` has no `ReadHeaderTimeout` (or `ReadTimeout`)",
        )


def _in_test_helper(node: Node) -> bool:
    """Inside ``NewTestClient``/``newFakeServer``: a helper for tests in a non-test file."""
    func = go_ast.enclosing(
        node, frozenset({"function_declaration", "method_declaration"})
    )
    name = func.child_by_field_name("name") if func is not None else None
    return name is not None and TEST_HELPER.match(go_ast.text(name)) is not None


def _short(callee: str) -> str:
    return callee.rsplit("/", 1)[-1]


def _scope(node: Node) -> bytes:
    func = go_ast.enclosing_function(node)
    return (func.text if func is not None else None) or b""


def _has_deadline(node: Node) -> bool:
    """The function gives its requests a context with a deadline, or the caller's context.

    ``http.NewRequestWithContext(ctx, …)`` with a context passed in leaves the
    deadline to whoever made ``ctx``; ``context.Background()`` has none.
    """
    text = _scope(node)
    if any(d in text for d in DEADLINES):
        return True
    return b"NewRequestWithContext(" in text and not any(
        b"NewRequestWithContext(context." + c in text
        for c in (b"Background()", b"TODO()")
    )


RULE = Rule(
    id="GSL217",
    name="http-without-timeout",
    summary="An HTTP request or server without a timeout can hang forever.",
    description=(
        "`http.Get`, `Head`, `Post`, `PostForm` and any use of `http.DefaultClient` send "
        "requests without a timeout, as does an `http.Client{}` literal without "
        "`Timeout` (unless the same function gives its requests a context from "
        "`context.WithTimeout`/`WithDeadline` or builds them with `http.NewRequestWithContext` "
        "from a context it was given, or sets `c.Timeout` later). "
        "`http.ListenAndServe[TLS]` and `http.Serve` cannot set timeouts, and an "
        "`http.Server{}` without `ReadHeaderTimeout` (or `ReadTimeout`) lets a client hold "
        "a connection open by sending headers slowly (Slowloris). `_test.go` files are "
        "checked only by the deep scan."
    ),
    message="{what}",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "network", "reliability"),
    cwe=(400, 1088),
    precision="high",
    help=(
        "**Why:** in a CI job, a request to a server that stops answering is a job that "
        "hangs until the runner kills it an hour later — with no hint of which call "
        "hung. A server without a header timeout can be exhausted by clients that never "
        "finish a request (CWE-400).\n\n"
        "**Fix:** `client := &http.Client{Timeout: 30 * time.Second}`, or "
        "`http.NewRequestWithContext` with a `context.WithTimeout`. For servers: "
        "`&http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}`."
    ),
    node_types=("call_expression", "selector_expression", "composite_literal"),
    check=check,
    call_names=last_identifiers(DEFAULT_CLIENT_CALLS, NO_TIMEOUT_SERVERS),
    requires_imports=frozenset({HTTP}),
)
