"""What GSL301 to GSL303 share: which calls return an error, and which are excluded.

Exclusions are ``fnmatch`` globs over :attr:`go_script_lint.analysis.typeinfo.Callee.keys`
(``fmt.Print*``, ``bytes.Buffer.Write*``, ``hash.Hash*.Write``); writer
functions (``fmt.Fprint*``) are excluded only when their first argument is one
of the safe writers (``os.Stdout``, ``*bytes.Buffer`` …).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fnmatch import fnmatchcase
from typing import Any

from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.typeinfo import Callee, file_types
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

DEFAULT_EXCLUDE: tuple[str, ...] = (
    "fmt.Print",
    "fmt.Printf",
    "fmt.Println",
    "bytes.Buffer.Write*",
    "strings.Builder.Write*",
    "hash.Hash.Write",
    "hash.Hash32.Write",
    "hash.Hash64.Write",
    "hash/maphash.Hash.Write*",
    "math/rand.Read",
    "math/rand.Rand.Read",
    "crypto/rand.Read",
    "io.PipeReader.CloseWithError",
    "io.PipeWriter.CloseWithError",
    "os.Unsetenv",
)
DEFAULT_WRITER_FUNCTIONS: tuple[str, ...] = (
    "fmt.Fprint",
    "fmt.Fprintf",
    "fmt.Fprintln",
)
DEFAULT_SAFE_WRITERS: tuple[str, ...] = (
    "os.Stdout",
    "os.Stderr",
    "*bytes.Buffer",
    "*strings.Builder",
)

OPTIONS: Mapping[str, Any] = {
    "exclude": DEFAULT_EXCLUDE,
    "writer_functions": DEFAULT_WRITER_FUNCTIONS,
    "safe_writers": DEFAULT_SAFE_WRITERS,
}


def _matches(keys: Sequence[str], globs: Sequence[str]) -> bool:
    return any(fnmatchcase(k, g) for k in keys for g in globs)


def error_callee(
    ctx: FileContext, call: Node, options: Mapping[str, Any]
) -> Callee | None:
    """The callee when ``call`` returns an error that is not excluded by ``options``."""
    if call.type != "call_expression":
        return None
    callee = file_types(ctx).callee(call)
    if callee is None or not callee.error_positions:
        return None
    if _matches(callee.keys, tuple(options.get("exclude", ()))):
        return None
    if _matches(
        callee.keys, tuple(options.get("writer_functions", ()))
    ) and _safe_writer(ctx, call, tuple(options.get("safe_writers", ()))):
        return None
    return callee


def _safe_writer(ctx: FileContext, call: Node, safe: Sequence[str]) -> bool:
    args = go_ast.call_args(call)
    if not args:
        return False
    qualified = ctx.qualified_name(args[0])
    if qualified is not None and qualified in safe:
        return True
    typed = file_types(ctx).type_of(args[0])
    return typed is not None and typed in safe


def dropped(callee: Callee, positions: Sequence[int] | None = None) -> str:
    """How messages name the dropped result: `` (result 2 of `(int, error)`)``."""
    if len(callee.results) == 1:
        return ""
    index = (positions or callee.error_positions)[0]
    return f" (result {index + 1} of `({', '.join(callee.results)})`)"


# -- GSL303: files opened for writing -------------------------------------------

WRITE_OPENERS = frozenset({"os.Create", "os.CreateTemp", "io/ioutil.TempFile"})
WRITE_FLAGS = frozenset({"os.O_WRONLY", "os.O_RDWR", "os.O_APPEND", "os.O_CREATE"})
WRITE_FLAG_BITS = 0x1 | 0x2 | 0x400 | 0x40
# Writers whose buffered data reaches the file only on Flush/Close.
WRAPPING_WRITERS = frozenset(
    {
        "bufio.NewWriter", "bufio.NewWriterSize", "compress/gzip.NewWriter",
        "compress/gzip.NewWriterLevel", "compress/zlib.NewWriter",
        "compress/zlib.NewWriterLevel", "compress/flate.NewWriter", "encoding/csv.NewWriter",
        "archive/zip.NewWriter", "archive/tar.NewWriter",
    }
)  # fmt: skip
MAX_HOPS = 6


def write_origin(ctx: FileContext, expr: Node | None, hops: int = 0) -> Node | None:
    """The call that opened the file ``expr`` writes to, when it was opened for writing.

    Follows an identifier to its initialiser (``f, err := os.Create(p)``) and
    wrapping writers to the writer they wrap (``bufio.NewWriter(f)``).
    """
    node = go_ast.unparen(expr)
    if node is None or hops > MAX_HOPS:
        return None
    if node.type == "identifier":
        init = _initialiser_call(ctx, node)
        return write_origin(ctx, init, hops + 1) if init is not None else None
    if node.type != "call_expression":
        return None
    callee = ctx.callee(node)
    args = go_ast.call_args(node)
    if callee in WRITE_OPENERS:
        return node
    if callee == "os.OpenFile" and len(args) >= 2:
        return node if _write_flag(ctx, args[1]) else None
    if callee in WRAPPING_WRITERS and args:
        return write_origin(ctx, args[0], hops + 1)
    return None


def _write_flag(ctx: FileContext, flag: Node) -> bool:
    value = ctx.int_value(flag)
    if value is not None:
        return bool(value & WRITE_FLAG_BITS)
    stack, seen = [flag], 0
    while stack and seen < 64:
        node = stack.pop()
        seen += 1
        if (
            node.type == "selector_expression"
            and ctx.qualified_name(node) in WRITE_FLAGS
        ):
            return True
        stack.extend(node.named_children)
    return False


def _initialiser_call(ctx: FileContext, ident: Node) -> Node | None:
    """The call a local variable was declared from (``x`` / ``x, err := f()``)."""
    d = ctx.resolver.lookup_local(ident)
    if d is None or d.kind != "var":
        return None
    if d.value is not None:
        return d.value
    holder = d.node.parent
    stmt = (
        holder.parent
        if holder is not None and holder.type == "expression_list"
        else holder
    )
    if stmt is None or stmt.type not in ("short_var_declaration", "var_spec"):
        return None
    values = go_ast.expression_list_items(
        stmt.child_by_field_name(
            "right" if stmt.type == "short_var_declaration" else "value"
        )
    )
    return values[0] if len(values) == 1 else None
