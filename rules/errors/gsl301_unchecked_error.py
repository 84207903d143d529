"""GSL301 unchecked-error: a call statement or `go` statement drops an error result."""

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


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if node.type == "go_statement":
        call = next((c for c in node.named_children if c.type != "comment"), None)
    else:
        call = go_ast.unparen(
            next((c for c in node.named_children if c.type != "comment"), None)
        )
    if call is None or call.type != "call_expression":
        return
    callee = errcheck.error_callee(ctx, call, ctx.options(RULE))
    if callee is None:
        return
    how = "`go` statement discards" if node.type == "go_statement" else "Unchecked"
    yield ctx.finding(
        RULE,
        call,
        how=how,
        callee=callee.display,
        dropped=errcheck.dropped(callee),
    )


RULE = Rule(
    id="GSL301",
    name="unchecked-error",
    summary="A call whose error result is dropped.",
    description=(
        "A call used as a statement (or started with `go`) throws away the `error` it "
        "returns, so a failed write, close, remove or parse goes unnoticed and the "
        "script carries on with wrong state. Signatures come from an index of the Go "
        "standard library, the package's own declarations and local type inference; "
        "calls whose signature is unknown (third-party code) are not reported. Calls "
        "that cannot fail in practice are excluded by default (`fmt.Print*`, "
        "`fmt.Fprint*` to `os.Stdout`/`os.Stderr`/`*bytes.Buffer`/`*strings.Builder`, "
        "`bytes.Buffer` and `strings.Builder` writes, `hash.Hash.Write`, `math/rand` "
        "and `crypto/rand.Read`, `io.PipeWriter.CloseWithError`, `os.Unsetenv`); the "
        "`exclude`, `writer_functions` and `safe_writers` options change that list. "
        "`defer` statements are GSL303's."
    ),
    message="{how} error from `{callee}`{dropped}",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "errors"),
    cwe=(252,),
    precision="high",
    help=(
        "**Why:** an ignored error hides the failure and lets the script continue "
        "as if the operation had worked (CWE-252).\n\n"
        "**Fix:** check the error and stop or return it:\n\n"
        "```go\n"
        "if err := os.Remove(path); err != nil {\n"
        '\treturn fmt.Errorf("remove %s: %w", path, err)\n'
        "}\n"
        "```\n\n"
        "When ignoring it is deliberate, say so with `_ = f()` (reported by GSL302, "
        "which you can switch off separately) or add the call to the `exclude` option."
    ),
    bad=(
        "package main\n\n"
        'import "os"\n\n'
        "func main() {\n"
        '\tos.Remove("build/output.txt")\n'
        "}\n"
    ),
    good=(
        "package main\n\n"
        'import (\n\t"fmt"\n\t"os"\n)\n\n'
        "func main() {\n"
        '\tif err := os.Remove("build/output.txt"); err != nil {\n'
        '\t\tfmt.Println("remove:", err)\n'
        "\t}\n"
        "}\n"
    ),
    options=errcheck.OPTIONS,
    node_types=("expression_statement", "go_statement"),
    check=check,
)
