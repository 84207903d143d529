"""GSL301 unchecked-error: a call statement or `go` statement drops an error result."""

from __future__ import annotations

from collections.abc import Iterable

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


def check(node: Node, ctx: FileContext) -> Iterable[Finding]:
    # Offered every expression statement: no generator unless a call may drop an error.
    finding = _unchecked(node, ctx)
    return () if finding is None else (finding,)


def _unchecked(node: Node, ctx: FileContext) -> Finding | None:
    call: Node | None = node.named_child(0)  # its expression, unless a comment leads
    if call is not None and call.type == "comment":
        call = next((c for c in node.named_children if c.type != "comment"), None)
    if node.type != "go_statement":
        call = go_ast.unparen(call)
    if call is None or call.type != "call_expression":
        return None
    options = ctx.options(RULE)
    callee = errcheck.error_callee(ctx, call, options)
    if callee is None or errcheck.quiet(ctx, node, call, callee, options):
        return None
    how = "`go` statement discards" if node.type == "go_statement" else "Unchecked"
    return ctx.finding(
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
        "standard library, the package's own declarations and local type inference "
        "(function values too); `syscall.Errno`, like any type with `Error() string`, "
        "is an error. Unknown signatures (third-party code) are not reported. Calls "
        "that cannot fail in practice are excluded by default (`fmt.Print*`, "
        "`fmt.Fprint*` to `os.Stdout`/`os.Stderr`/`*bytes.Buffer`/`*strings.Builder`/"
        "`hash.Hash`, `bytes.Buffer` and `strings.Builder` writes except `WriteTo`, "
        "`hash.Hash.Write`, `math/rand` and `crypto/rand.Read`, `io.Pipe*` `Close` "
        "and `CloseWithError`, `os.Unsetenv`); the `exclude`, `writer_functions` and "
        "`safe_writers` options change that list. Dropped errors a reviewer would not "
        "look at are skipped by the `quiet` classes (below). Test files are not "
        "checked by default. `defer` statements are GSL303's."
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
        "When ignoring it is deliberate, say so with `_ = f()` (GSL302 reports that "
        "only in the deep scan) or add the call to the `exclude` option.\n\n"
        "**Defaults, and why:** on real repositories most unchecked errors were "
        "technically right and not worth a reviewer's look, so the `quiet` option "
        "skips these classes by default (list fewer to report them again):\n\n"
        "- `output-streams`: `fmt.Fprint*` to an interface-typed writer named as the "
        "program's output or error stream (`out`, `errOut`, `stderr`, `color.Error`; "
        "the `output_streams` option lists the names). It is `fmt.Print` by another "
        "name, and a broken pipe on stdout/stderr kills a Go program (SIGPIPE) before "
        "the error could be handled. A concrete destination (an `*os.File` from "
        "`os.Create`) is still reported.\n"
        "- `http-responses`: writes to an `http.ResponseWriter` (`w.Write`, "
        "`fmt.Fprint*`, `io.WriteString`, `io.Copy`, `json.NewEncoder(w).Encode`): "
        "they fail when the client has gone, and the handler can do nothing.\n"
        "- `checked-flush`: writes to a `*bufio.Writer` whose `Flush` the same "
        "function checks or defers: the first write error sticks and `Flush` returns "
        "it (an unchecked deferred `Flush` is GSL303's single finding).\n"
        "- `writer-parameters`: `fmt.Fprint*` to a parameter (of a function or of a "
        "function literal stored in a field or variable) that every caller in the "
        "package fills with a safe writer (`&buf`, `os.Stdout`, a `hash.Hash`, an "
        "output stream), also through function values passed along "
        "(`gen(arch, zeroAMD64)`).\n"
        "- `read-only-close`: `Close` of a file opened read-only (`os.Open`, "
        "`os.OpenFile` with `O_RDONLY`): nothing can be lost.\n"
        "- `error-path-cleanup`: `Close`, `Rollback`, `Remove`, `Kill`… right before "
        "`return` of another error in a function whose last result is an `error`: "
        "that error is the one worth handing up.\n\n"
        "The default `exclude` list also gained `io.PipeReader.Close` and "
        "`io.PipeWriter.Close` (documented to always return nil) and `go/ast.Print` "
        "(standard output), and lost `bytes.Buffer.Write*` in favour of the four "
        "`Write`, `WriteByte`, `WriteRune`, `WriteString`: `WriteTo` writes to another "
        "writer and can fail. Writes to a `hash.Hash` and `Write` methods of a safe "
        "writer (`os.Stderr.Write(b)`) are excluded like `fmt.Fprint*` to them.\n\n"
        "```yaml\n"
        "rules:\n"
        "  GSL301:\n"
        "    options:\n"
        "      quiet: [checked-flush, read-only-close]   # report the other classes\n"
        "```"
    ),
    options={
        **errcheck.OPTIONS,
        "quiet": errcheck.QUIET_CLASSES,
        "output_streams": errcheck.OUTPUT_STREAMS,
    },
    node_types=("expression_statement", "go_statement"),
    check=check,
    in_tests=False,
    foreign_ids={"gosec": ("G104",), "golangci-lint": ("errcheck",)},
)
