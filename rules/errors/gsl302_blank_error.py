"""GSL302 blank-error: the error result of a call is assigned to `_`."""

from __future__ import annotations

from collections.abc import Iterator

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


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if b"_" not in (node.text or b""):
        return  # no blank identifier anywhere in the statement: the common case
    left, right = _sides(node)
    blanks = [
        i
        for i, n in enumerate(left)
        if n.type == "identifier" and go_ast.text(n) == "_"
    ]
    if not blanks:
        return
    options = ctx.options(RULE)
    if len(right) == 1 and len(left) > 1:
        call = go_ast.unparen(right[0])
        callee = errcheck.error_callee(ctx, call, options) if call is not None else None
        if callee is None or len(callee.results) != len(left):
            return
        for i in blanks:
            if callee.results[i] == "error":
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
        if callee is not None and callee.results == ("error",):
            yield ctx.finding(RULE, left[i], callee=callee.display, dropped="")


RULE = Rule(
    id="GSL302",
    name="blank-error",
    summary="An error result assigned to `_`.",
    description=(
        "`_ = f()` and `x, _ := f()` discard the `error` a call returns on purpose, "
        "but the failure still goes unnoticed: a half-written file, a value parsed "
        "from garbage (`n, _ := strconv.Atoi(s)` is 0 for bad input). Only error "
        "results of calls are reported, never `_ = err` of an error variable. The same "
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
        "`//go-script-lint:ignore GSL302 -- best effort cleanup`."
    ),
    bad=(
        "package main\n\n"
        'import (\n\t"fmt"\n\t"os"\n\t"strconv"\n)\n\n'
        "func main() {\n"
        "\tn, _ := strconv.Atoi(os.Args[1])\n"
        "\tfmt.Println(n)\n"
        "}\n"
    ),
    good=(
        "package main\n\n"
        'import (\n\t"fmt"\n\t"os"\n\t"strconv"\n)\n\n'
        "func main() {\n"
        "\tn, err := strconv.Atoi(os.Args[1])\n"
        "\tif err != nil {\n"
        '\t\tfmt.Println("bad count:", err)\n'
        "\t\treturn\n"
        "\t}\n"
        "\tfmt.Println(n)\n"
        "}\n"
    ),
    options=errcheck.OPTIONS,
    node_types=("short_var_declaration", "assignment_statement", "var_spec"),
    check=check,
)
