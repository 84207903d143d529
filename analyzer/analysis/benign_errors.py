"""Dropped errors a reviewer would not look at, judged from the code around the call.

GSL301's ``quiet`` option names the classes skipped here (all by default):

- ``output-streams``: ``fmt.Fprint*`` to an interface-typed writer named as the
  program's output or error stream (``out``, ``errOut``, ``stderr``,
  ``color.Error``; the ``output_streams`` option): like ``fmt.Print``, and a
  broken pipe on stdout/stderr kills a Go program (SIGPIPE) before the error
  could be handled.
- ``http-responses``: a write to an ``http.ResponseWriter`` (``w.Write``,
  ``fmt.Fprint*``, ``io.WriteString``, ``io.Copy``, ``json.NewEncoder(w).Encode``):
  it fails when the client has gone, and the handler can do nothing about it.
- ``checked-flush``: a write to a ``*bufio.Writer`` whose ``Flush`` the same
  function checks or defers: the first write error sticks and ``Flush``
  returns it (an unchecked deferred ``Flush`` is GSL303's one finding).
- ``writer-parameters``: ``fmt.Fprint*`` to a parameter that every caller in the
  package fills with a safe writer (``&buf``, ``os.Stdout``, a ``hash.Hash``),
  directly or through a function value it passes along.
- ``read-only-close``: ``Close`` of a file opened read-only (``os.Open``,
  ``os.OpenFile`` without a write flag): nothing can be lost.
- ``error-path-cleanup``: ``Close``, ``Rollback``, ``Remove``… right before
  ``return`` of another error: that error is the one worth reporting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.dataflow import declaring_rhs
from go_script_lint.analysis.typeinfo import Callee, file_types
from go_script_lint.analysis.writer_params import SafeTest, safe_parameter
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, nodes_of_types

QUIET_CLASSES: tuple[str, ...] = (
    "output-streams",
    "http-responses",
    "checked-flush",
    "writer-parameters",
    "read-only-close",
    "error-path-cleanup",
)
CLEANUP_METHODS = frozenset(
    {"Close", "Rollback", "Remove", "RemoveAll", "Kill", "Wait", "Shutdown", "Abort",
     "Stop", "Release", "Unlock", "Cancel", "Flush", "CloseWithError"}
)  # fmt: skip
OUTPUT_STREAMS: tuple[str, ...] = (
    "out", "stdout", "output", "errOut", "stderr", "errOutput", "errw", "outw",
    "Error", "Output", "Stdout", "Stderr",
)  # fmt: skip
_STREAM_TYPES = frozenset({"io.Writer", "io.StringWriter", "io.WriteCloser"})
_ERROR_EXPRESSIONS = frozenset({"identifier", "call_expression", "selector_expression"})


def quiet_reason(
    ctx: FileContext,
    statement: Node,
    call: Node,
    callee: Callee,
    options: Mapping[str, Any],
    is_safe: SafeTest,
) -> str | None:
    """The ``quiet`` class that makes this dropped error not worth reporting, if any."""
    quiet = set(options.get("quiet", ()))
    if not quiet:
        return None
    writer = _written_writer(call, callee)
    # `fmt.Fprint*(w, …)` (the `writer_functions` option) rather than `w.Write(…)`
    formatted = writer if _callee_is_writer_function(callee, options) else None
    if (
        "output-streams" in quiet
        and formatted is not None
        and output_stream(ctx, formatted, options)
    ):
        return "output-streams"
    if "http-responses" in quiet and _response_write(ctx, call, callee):
        return "http-responses"
    if "checked-flush" in quiet and writer is not None and _flush_checked(ctx, writer):
        return "checked-flush"
    if (
        "writer-parameters" in quiet
        and formatted is not None
        and safe_parameter(ctx, formatted, is_safe)
    ):
        return "writer-parameters"
    if "read-only-close" in quiet and _read_only_close(ctx, call, callee):
        return "read-only-close"
    if "error-path-cleanup" in quiet and _before_error_return(statement, callee):
        return "error-path-cleanup"
    return None


def _callee_is_writer_function(callee: Callee, options: Mapping[str, Any]) -> bool:
    names = set(options.get("writer_functions", ()))
    return any(k in names for k in callee.keys)


def _written_writer(call: Node, callee: Callee) -> Node | None:
    """``w`` of ``fmt.Fprintf(w, …)`` or of ``w.WriteString(…)``."""
    if any(k.startswith("fmt.Fprint") for k in callee.keys):
        args = go_ast.call_args(call)
        return go_ast.unparen(args[0]) if args else None
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if parts is not None and parts[1].startswith("Write"):
        return go_ast.unparen(parts[0])
    return None


# -- output-streams ----------------------------------------------------------


def output_stream(ctx: FileContext, writer: Node, options: Mapping[str, Any]) -> bool:
    """``writer`` is named as the program's output or error stream (``errOut``)."""
    names = {_normal(n) for n in options.get("output_streams", ())}
    if writer.type == "identifier":
        name = ctx.text(writer)
    elif writer.type == "selector_expression":
        name = ctx.text(writer.child_by_field_name("field"))
    else:
        return False
    if _normal(name) not in names:
        return False
    typed = file_types(ctx).type_of(writer)
    # A concrete type (`*os.File` from os.Create) is a real destination: keep it.
    return typed is None or typed in _STREAM_TYPES


def _normal(name: str) -> str:
    return name.replace("_", "").lower()


# -- http-responses ----------------------------------------------------------

_RESPONSE_TYPES = frozenset({"net/http.ResponseWriter"})
_WRITER_FIRST = frozenset(
    {"io.WriteString", "io.Copy", "io.CopyN", "io.CopyBuffer", "fmt.Fprint", "fmt.Fprintf",
     "fmt.Fprintln"}
)  # fmt: skip
_ENCODERS = frozenset({"encoding/json.NewEncoder", "encoding/xml.NewEncoder"})


def _response_write(ctx: FileContext, call: Node, callee: Callee) -> bool:
    if any(k in _WRITER_FIRST for k in callee.keys):
        args = go_ast.call_args(call)
        return bool(args) and _is_response(ctx, args[0])
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if parts is None:
        return False
    receiver = go_ast.unparen(parts[0])
    if parts[1] == "Write":
        return receiver is not None and _is_response(ctx, receiver)
    if (
        parts[1] == "Encode"
        and receiver is not None
        and receiver.type == "call_expression"
    ):
        inner = go_ast.call_args(receiver)
        return (
            ctx.callee(receiver) in _ENCODERS
            and bool(inner)
            and _is_response(ctx, inner[0])
        )
    return False


def _is_response(ctx: FileContext, expr: Node) -> bool:
    return file_types(ctx).type_of(expr) in _RESPONSE_TYPES


# -- checked-flush ------------------------------------------------------------


def _flush_checked(ctx: FileContext, writer: Node) -> bool:
    if writer.type not in ("identifier", "selector_expression"):
        return False
    typed = file_types(ctx).type_of(writer)
    if typed is None or typed.lstrip("*") != "bufio.Writer":
        return False
    func = go_ast.enclosing_function(writer)
    body = go_ast.function_body(func) if func is not None else None
    if body is None:
        return False
    name = ctx.text(writer)
    for call in nodes_of_types(body, ("call_expression",)):
        fn = go_ast.call_function(call)
        parts = go_ast.selector_parts(fn) if fn is not None else None
        if parts is None or parts[1] != "Flush" or ctx.text(parts[0]) != name:
            continue
        parent = call.parent
        if parent is not None and parent.type not in (
            "expression_statement",
            "go_statement",
        ):
            return True  # checked (assigned, compared, returned) or deferred (GSL303's)
    return False


# -- read-only-close ----------------------------------------------------------


def _read_only_close(ctx: FileContext, call: Node, callee: Callee) -> bool:
    if "os.File.Close" not in callee.keys:
        return False
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    if parts is None or parts[0].type != "identifier":
        return False
    opener = go_ast.unparen(initialiser_call(ctx, parts[0]))
    if opener is None or opener.type != "call_expression":
        return False
    name = ctx.callee(opener)
    if name == "os.Open":
        return True
    args = go_ast.call_args(opener)
    return name == "os.OpenFile" and len(args) >= 2 and _read_only_flag(ctx, args[1])


def initialiser_call(ctx: FileContext, ident: Node) -> Node | None:
    """The call a local variable was declared from (``x`` / ``x, err := f()``)."""
    definition = ctx.resolver.lookup_local(ident)
    if definition is None or definition.kind != "var":
        return None
    if definition.value is not None:
        return definition.value
    values = go_ast.expression_list_items(declaring_rhs(definition.node))
    return values[0] if len(values) == 1 else None


def _read_only_flag(ctx: FileContext, flag: Node) -> bool:
    value = ctx.int_value(flag)
    if value is not None:
        return value & 0x3 == 0  # O_RDONLY: neither O_WRONLY nor O_RDWR
    return ctx.qualified_name(flag) == "os.O_RDONLY"


# -- error-path-cleanup -------------------------------------------------------


def _next_after_cleanup(statement: Node) -> Node | None:
    """The next statement that is not a comment or another call statement."""
    sibling = statement.next_named_sibling
    while sibling is not None and (
        sibling.type == "comment"
        or (
            sibling.type == "expression_statement"
            and go_ast.unparen(sibling.named_children[0]) is not None
            and sibling.named_children[0].type == "call_expression"
        )
    ):
        sibling = sibling.next_named_sibling
    return sibling


def _before_error_return(statement: Node, callee: Callee) -> bool:
    """``f.Close(); os.Remove(p); return err``: cleanup on the way out of a failure."""
    if callee.display.rsplit(".", 1)[-1] not in CLEANUP_METHODS:
        return False
    sibling = _next_after_cleanup(statement)
    # A loop body is `for … { statements }`: at most a statement list inside a
    # block. Climb no further; each `.parent` walks down from the root, so an
    # unbounded climb through nested blocks is quadratic in their depth.
    loop = statement.parent
    for _ in range(2):
        if loop is None or loop.type not in ("statement_list", "block"):
            break
        loop = loop.parent
    if sibling is None and loop is not None and loop.type == "for_statement":
        sibling = _next_after_cleanup(loop)  # `for _, f := range fs { f.Close() }`
    if sibling is None or sibling.type != "return_statement":
        return False
    values = [c for c in sibling.named_children if c.type != "comment"]
    items = go_ast.expression_list_items(values[0]) if values else []
    last = go_ast.unparen(items[-1]) if items else None
    if (
        last is None
        or last.type not in _ERROR_EXPRESSIONS
        or go_ast.text(last) == "nil"
    ):
        return False
    func = go_ast.enclosing_function(statement)
    result = func.child_by_field_name("result") if func is not None else None
    # The function returns an error last: `return x, err` hands a failure up.
    return result is not None and go_ast.text(result).rstrip(")").rstrip().endswith(
        "error"
    )
