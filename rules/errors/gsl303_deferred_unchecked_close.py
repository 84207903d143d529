"""GSL303 deferred-unchecked-close: `defer f.Close()` / `defer w.Flush()` on a file opened for writing."""

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
    file_types,
    go_ast,
    query_captures,
)

METHODS = frozenset({"Close", "Flush"})
# A later `err := f.Close()` / `return w.Flush()` checks the error: the deferred
# call is then only the cleanup for early returns (a common, correct idiom).
_FINISHING_CALLS = """
(call_expression
  function: (selector_expression
    operand: (identifier) @var
    field: (field_identifier) @method)) @call
"""
_CHECKED = frozenset({"Close", "Flush", "Sync"})


def _checked_elsewhere(ctx: FileContext, func: Node, receiver: Node) -> bool:
    """A later checked ``Close``/``Flush`` of the same variable (not one of its name)."""
    name = go_ast.text(receiver)
    declared = _declaration(ctx, receiver)
    caps = query_captures(_FINISHING_CALLS, func)
    for call in caps.get("call", []):
        fn = go_ast.call_function(call)
        parts = go_ast.selector_parts(fn) if fn is not None else None
        if parts is None or go_ast.text(parts[0]) != name or parts[1] not in _CHECKED:
            continue
        if _declaration(ctx, parts[0]) != declared:
            continue  # a sibling block's `f`
        parent = call.parent
        if parent is not None and parent.type not in (
            "expression_statement",
            "defer_statement",
        ):
            return True
    return False


def _declaration(ctx: FileContext, ident: Node) -> int | None:
    definition = ctx.resolver.lookup_local(ident)
    return definition.node.start_byte if definition is not None else None


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    call = next((c for c in node.named_children if c.type == "call_expression"), None)
    fn = go_ast.call_function(call) if call is not None else None
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if call is None or parts is None or parts[1] not in METHODS:
        return
    receiver = parts[0]
    if receiver.type != "identifier":
        return
    callee = file_types(ctx).callee(call)
    if callee is None:
        return
    csv_flush = "encoding/csv.Writer.Flush" in callee.keys
    if not callee.error_positions and not csv_flush:
        return
    origin = errcheck.write_origin(ctx, receiver)
    if origin is None:
        return
    func = go_ast.enclosing_function(node)
    if func is not None and _checked_elsewhere(ctx, func, receiver):
        return
    hint = "; check `Error()` after it" if csv_flush else ""
    yield ctx.finding(
        RULE,
        call,
        related=(ctx.location(origin, message="opened for writing here"),),
        callee=callee.display,
        hint=hint,
    )


RULE = Rule(
    id="GSL303",
    name="deferred-unchecked-close",
    summary="`defer f.Close()` on a file opened for writing drops the write error.",
    description=(
        "Writes to a file are not complete until `Close` (or a buffered writer's "
        "`Flush`) succeeds: a full disk or a network file system often reports the "
        "failure only there. `defer f.Close()` throws that error away, so the script "
        "reports success for a truncated file. Reported for files from `os.Create`, "
        "`os.CreateTemp` and `os.OpenFile` with `O_WRONLY`, `O_RDWR`, `O_APPEND` or "
        "`O_CREATE`, and for `bufio`, `gzip`, `zlib`, `flate`, `zip`, `tar` and `csv` "
        "writers over them. Read-only `os.Open` files, deferred closures that check the "
        "error, and functions that also check a later `Close`/`Flush`/`Sync` of the "
        "same variable are not reported."
    ),
    message="Deferred `{callee}` drops the error of a file opened for writing{hint}",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "errors"),
    cwe=(252,),
    precision="high",
    help=(
        "**Why:** `Close` is where buffered and delayed write errors surface; "
        "ignoring it can silently lose data (CWE-252).\n\n"
        "**Fix:** close explicitly and check, keeping the deferred close only for "
        "early returns, or check inside a deferred closure:\n\n"
        "```go\n"
        "defer func() {\n"
        "\tif cerr := f.Close(); cerr != nil && err == nil {\n"
        "\t\terr = cerr\n"
        "\t}\n"
        "}()\n"
        "```"
    ),
    node_types=("defer_statement",),
    check=check,
    in_tests=False,
    foreign_ids={"gosec": ("G307",), "golangci-lint": ("errcheck",)},
)
