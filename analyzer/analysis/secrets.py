"""Names and values that mean a credential, shared by GSL214-GSL216.

``SECRET_NAME`` matches identifiers that hold a secret (``apiToken``,
``password``, ``sessionKey``); ``NOT_SECRET_NAME`` the ones that only talk
about it (``tokenURL``, ``passwordFile``, ``secretName``). :func:`mask` is
how every output shows a secret: its first four characters, then stars.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext
    from go_script_lint.golang.parsing import Node

SECRET_NAME = re.compile(
    r"(?i)(passw(or)?d|passwd|pwd$|secret|token|api_?key|access_?key|private_?key|"
    r"priv_?key|signing_?key|session_?key|enc(ryption)?_?key|hmac_?key|master_?key|"
    r"credential|nonce|salt|otp|csrf|session|bearer|auth_?key)"
)
NOT_SECRET_NAME = re.compile(
    r"(?i)(url|uri|endpoint|file|path|dir|name|env|var|type|kind|header|field|prefix|"
    r"suffix|len(gth)?|size|count|regex|pattern|format|label|flag|param|prompt|usage|"
    r"msg|message|err(or)?|hint|desc|help|title|key_?id|placeholder|Id$|ID$|tokens$|"
    r"token_?(list|kind|type|pos)|tokeni[sz]er|lexer)"
)
IS_TEST_FILE: MemoKey[bool] = MemoKey("analysis.secrets.is_test_file")
SHOWN = 4  # characters of a secret any output may show


SESSION_ID = re.compile(r"(?i)session_?id$")  # the identifier *is* the secret


def is_secret_name(name: str) -> bool:
    """``apiToken``, ``password``, ``clientSecret``, ``sessionID`` — not ``tokenURL``."""
    if SESSION_ID.search(name):
        return True
    return bool(SECRET_NAME.search(name)) and not NOT_SECRET_NAME.search(name)


def mask(value: str) -> str:
    """The first four characters, then one star per hidden character (at most 12)."""
    hidden = max(len(value) - SHOWN, 0)
    return value[:SHOWN] + "*" * min(hidden, 12)


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def is_test_file(ctx: FileContext) -> bool:
    """``_test.go`` and ``*mock*.go`` files, ``testdata``, test helper packages (``httptest``).

    Deep-scan territory for the rules whose findings there are test fixtures.
    ``_test.go`` files are already quiet for rules with ``in_tests=False``
    (the engine's ``tests:`` paths); this also covers test support code that
    is not named as a test, which the security rules GSL213-GSL218 leave to the
    deep scan (GSL216 reports known-format credentials in tests too).
    """
    return ctx.memo(IS_TEST_FILE, lambda: _is_test_file(ctx))


def _is_test_file(ctx: FileContext) -> bool:
    path = ctx.path
    return (
        path.endswith("_test.go")
        or "mock" in path.rsplit("/", 1)[-1].lower()
        or "/testdata/" in f"/{path}"
        or ctx.package_name.endswith(("test", "testing"))
        or ctx.package_name.startswith("test")  # testlib, testutil
    )


def bound_names(node: Node, *, through_calls: bool = True) -> list[str]:
    """Names the value of ``node`` is stored in or returned as, walking up one statement.

    ``tok := f(x)`` → ``tok``; ``cfg.Password = x`` → ``Password``;
    ``Token: x`` → ``Token``; ``b[i] = x`` → ``b``; ``return x`` → the enclosing
    function's name. With ``through_calls=False`` a value passed to a call or
    returned is bound to nothing (``fail("EC_KEY_new")`` names no secret).
    """
    child, parent = node, node.parent
    while parent is not None:
        kind = parent.type
        if not through_calls and kind in ("argument_list", "return_statement"):
            return []
        if kind in ("short_var_declaration", "assignment_statement"):
            return _targets(parent, child)
        if kind in ("var_spec", "const_spec"):
            return [go_ast.text(n) for n in parent.children_by_field_name("name")]
        if kind == "keyed_element":
            key = parent.named_children[0] if parent.named_children else None
            return [go_ast.text(key)] if key is not None and key != child else []
        if kind == "return_statement":
            func = go_ast.enclosing_function(parent)
            name = func.child_by_field_name("name") if func is not None else None
            return [go_ast.text(name)] if name is not None else []
        if kind in ("block", "expression_statement", "if_statement", "for_statement"):
            return []
        child, parent = parent, parent.parent
    return []


def _targets(stmt: Node, value: Node) -> list[str]:
    left = go_ast.expression_list_items(stmt.child_by_field_name("left"))
    right = go_ast.expression_list_items(stmt.child_by_field_name("right"))
    if value == stmt.child_by_field_name("left"):
        return []
    index = next((i for i, r in enumerate(right) if r == value), None)
    picked = [left[index]] if index is not None and len(left) == len(right) else left
    out: list[str] = []
    for target in picked:
        while target.type == "index_expression":
            target = target.child_by_field_name("operand") or target
        if target.type == "selector_expression":
            field = target.child_by_field_name("field")
            out.append(go_ast.text(field))
        elif target.type == "identifier":
            out.append(go_ast.text(target))
    return out


def field_set_later(literal: Node, fields: Iterable[str]) -> bool:
    """``c.Timeout = …`` after ``c := &http.Client{…}``, anywhere in the same function."""
    func = go_ast.enclosing_function(literal)
    scope = (func.text if func is not None else None) or b""
    return any(
        f"{name}.{field} =".encode() in scope
        for name in bound_names(literal)
        for field in fields
    )
