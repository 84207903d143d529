"""GSL302 blank-error: the error result of a call is assigned to `_`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    errcheck,
    go_ast,
)


def _sides(node: Node) -> tuple[list[Node], list[Node]]:
    if node.type == "var_spec":
        names = list(node.children_by_field_name("name"))
        return names, go_ast.expression_list_items(node.child_by_field_name("value"))
    if node.type == "assignment_statement":
        operator = node.child_by_field_name("operator")
        if operator is None or go_ast.text(operator) != "=":
            return [], []
    left = go_ast.expression_list_items(node.child_by_field_name("left"))
    return left, go_ast.expression_list_items(node.child_by_field_name("right"))


def _reports_discards(ctx: FileContext, options: Mapping[str, Any]) -> bool:
    """Statements that discard every result: deep scan or the `discards` option."""
    return ctx.scan_level is Risk.HIGH or bool(options.get("discards"))


_ZERO_TEST = r"\b{name}\s*[!=]=\s*(?:nil|\"\")"
_COUNT_TEST = r"\b{name}\s*(?:[!=]=|<)"
_READS = frozenset({"Read", "ReadAt", "ReadFull", "ReadAtLeast"})


def _error_dropping_wrapper(node: Node, callee: str) -> bool:
    """``func toTime(a any) time.Time { t, _ := toTimeE(a); … }``: the ``E`` naming
    convention (``spf13/cast``) says the wrapper exists to drop the error."""
    func = go_ast.enclosing_function(node)
    name = func.child_by_field_name("name") if func is not None else None
    return name is not None and callee.rsplit(".", 1)[-1] == go_ast.text(name) + "E"


def _zero_checked(node: Node, left: list[Node], blanks: list[int], callee: str) -> bool:
    """``fi, _ := os.Stat(p)`` then ``if fi != nil``: the zero value carries the error.

    For a ``Read`` the next ``if`` comparing the count (``if n != len(b)``) is the
    short-read check that covers the error.
    """
    statement = node.next_named_sibling
    while statement is not None and statement.type == "comment":
        statement = statement.next_named_sibling
    if statement is None or statement.type != "if_statement":
        return False
    condition = go_ast.text(statement.child_by_field_name("condition"))
    names = [go_ast.text(n) for i, n in enumerate(left) if i not in blanks]
    test = _COUNT_TEST if callee.rsplit(".", 1)[-1] in _READS else _ZERO_TEST
    return any(
        re.search(test.format(name=re.escape(name)), condition) for name in names
    )


def _may_blank(node: Node, source: bytes) -> bool:
    """Whether the left side can hold a `_` (searched in place: no text copied)."""
    # Assignments have a `left` field; a var_spec is its own left side.
    left = node.child_by_field_name("left")
    if left is None and node.type == "var_spec":
        left = node
    return left is not None and source.find(b"_", left.start_byte, left.end_byte) >= 0


def check(node: Node, ctx: FileContext) -> Iterable[Finding]:
    # Offered every assignment: the common case returns before any generator is made.
    if not _may_blank(node, ctx.source):
        return ()  # no blank identifier on the left
    return list(_blank_errors(node, ctx))


def _blank_errors(node: Node, ctx: FileContext) -> Iterator[Finding]:
    left, right = _sides(node)
    blanks = [
        i
        for i, n in enumerate(left)
        if n.type == "identifier" and go_ast.text(n) == "_"
    ]
    if not blanks:
        return
    options = ctx.options(RULE)
    if len(blanks) == len(left) and not _reports_discards(ctx, options):
        return  # `_ = f()`, `_, _ = w.Write(b)`: a deliberate discard
    if len(right) == 1 and len(left) > 1:
        call = go_ast.unparen(right[0])
        callee = errcheck.error_callee(ctx, call, options) if call is not None else None
        if callee is None or len(callee.results) != len(left):
            return
        if not options.get("report_zero_checked") and (
            _zero_checked(node, left, blanks, callee.display)
        ):
            return
        if _error_dropping_wrapper(node, callee.display):
            return
        for i in blanks:
            if i in callee.error_positions:
                yield ctx.finding(
                    RULE,
                    left[i],
                    callee=callee.display,
                    dropped=errcheck.dropped(callee, [i]),
                )
        return
    if len(right) != len(left):
        return
    for i in blanks:
        call = go_ast.unparen(right[i])
        callee = errcheck.error_callee(ctx, call, options) if call is not None else None
        if callee is not None and callee.error_positions == (0,):
            yield ctx.finding(RULE, left[i], callee=callee.display, dropped="")


RULE = Rule(
    id="GSL302",
    name="blank-error",
    summary="An error result assigned to `_`.",
    description=(
        "`x, _ := f()` uses a result of a call and throws away the `error` that says "
        "whether the result means anything: a value parsed from garbage "
        "(`n, _ := strconv.Atoi(s)` is 0 for bad input), a half-read file. By default "
        "only such assignments are reported, where another result of the same call is "
        "used (`v, _ := f()`, `v, _ = f()`). A statement that discards every result "
        "(`_ = f()`, `_, _ = w.Write(b)`) is the documented way to ignore an error on "
        "purpose (errcheck leaves it alone too), so it is reported only by the deep "
        "scan (`--risk-level high`) or with the option `discards: true`. Only error "
        "results of calls are reported, never `_ = err` of an error variable, nor "
        "results whose zero value the next `if` tests (see Defaults). The same "
        "default exclusions as GSL301 apply (`exclude`, `writer_functions`, "
        "`safe_writers` options)."
    ),
    message="Error from `{callee}`{dropped} is assigned to `_`",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "errors"),
    cwe=(391,),
    precision="high",
    help=(
        "**Why:** a discarded error means the script uses a result that may be "
        "meaningless (CWE-391).\n\n"
        "**Fix:** name the error and handle it:\n\n"
        "```go\n"
        "n, err := strconv.Atoi(s)\n"
        "if err != nil {\n"
        '\treturn fmt.Errorf("bad count %q: %w", s, err)\n'
        "}\n"
        "```\n\n"
        "If the error truly cannot matter, suppress the finding with a reason: "
        "`//go-script-lint:ignore GSL302 -- best effort cleanup`.\n\n"
        "**Default:** `fi, _ := os.Stat(p)` followed by `if fi != nil` (or "
        '`== ""`) is not reported: the zero value carries the failure; nor is a '
        "`Read` count compared by the next `if` (the short-read check), nor "
        "`v, _ := fE(x)` inside a function `f` (the `spf13/cast` convention: the "
        "E-less wrapper exists to drop the error). `report_zero_checked: true` "
        "reports the first two.\n\n"
        "`_ = f()` and `_, _ = f()` are not reported at the default "
        "level: they state the discard on purpose, and on real code reviewers judged "
        "nearly all of them not worth a look. Set `discards: true` (or run the deep "
        "scan) to report them too:\n\n"
        "```yaml\n"
        "rules:\n"
        "  GSL302:\n"
        "    options:\n"
        "      discards: true\n"
        "```"
    ),
    options={**errcheck.OPTIONS, "discards": False, "report_zero_checked": False},
    node_types=("short_var_declaration", "assignment_statement", "var_spec"),
    check=check,
    in_tests=False,
    foreign_ids={"gosec": ("G104",), "golangci-lint": ("errcheck",)},
)
