"""What GSL301 to GSL303 share: which calls return an error, and which are excluded.

Exclusions are ``fnmatch`` globs over :attr:`go_script_lint.analysis.typeinfo.Callee.keys`
(``fmt.Print*``, ``bytes.Buffer.Write*``, ``hash.Hash*.Write``); writer
functions (``fmt.Fprint*``) are excluded only when their first argument is one
of the safe writers (``os.Stdout``, ``*bytes.Buffer`` …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fnmatch import translate
from functools import cache
from typing import Any

from go_script_lint.analysis.benign_errors import OUTPUT_STREAMS as OUTPUT_STREAMS
from go_script_lint.analysis.benign_errors import QUIET_CLASSES as QUIET_CLASSES
from go_script_lint.analysis.benign_errors import (
    initialiser_call,
    output_stream,
    quiet_reason,
)
from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.error_names import may_return_error
from go_script_lint.analysis.typeinfo import Callee, file_types
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.gomod import package_gomod
from go_script_lint.golang.parsing import Node

DEFAULT_EXCLUDE: tuple[str, ...] = (
    "fmt.Print",
    "fmt.Printf",
    "fmt.Println",
    "go/ast.Print",  # to standard output, like fmt.Print
    # Not `Write*`: `(*bytes.Buffer).WriteTo` writes to another writer and can fail.
    "bytes.Buffer.Write",
    "bytes.Buffer.WriteByte",
    "bytes.Buffer.WriteRune",
    "bytes.Buffer.WriteString",
    "strings.Builder.Write",
    "strings.Builder.WriteByte",
    "strings.Builder.WriteRune",
    "strings.Builder.WriteString",
    "hash.Hash.Write",
    "hash.Hash32.Write",
    "hash.Hash64.Write",
    "hash/maphash.Hash.Write*",
    # Documented never to fail (errcheck excludes them too).
    "crypto/sha3.SHA3.Write",
    "crypto/sha3.SHAKE.Read",
    "crypto/sha3.SHAKE.Write",
    "math/rand.Read",
    "math/rand.Rand.Read",
    "crypto/rand.Read",
    # Documented to always return nil.
    "io.PipeReader.Close",
    "io.PipeReader.CloseWithError",
    "io.PipeWriter.Close",
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
    "hash.Hash",
    "hash.Hash32",
    "hash.Hash64",
)

OPTIONS: Mapping[str, Any] = {
    "exclude": DEFAULT_EXCLUDE,
    "writer_functions": DEFAULT_WRITER_FUNCTIONS,
    "safe_writers": DEFAULT_SAFE_WRITERS,
}


def _matches(keys: Sequence[str], globs: tuple[str, ...]) -> bool:
    pattern = _glob_pattern(globs)
    return pattern is not None and any(pattern.match(k) for k in keys)


@cache
def _glob_pattern(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching what any of ``globs`` matches (``fnmatchcase`` semantics)."""
    return re.compile("|".join(translate(g) for g in globs)) if globs else None


def error_callee(
    ctx: FileContext, call: Node, options: Mapping[str, Any]
) -> Callee | None:
    """The callee when ``call`` returns an error that is not excluded by ``options``."""
    if call.type != "call_expression":
        return None
    if not may_return_error(ctx, call):
        return None  # cannot return an error: spare the type inference
    callee = file_types(ctx).callee(call)
    if callee is None or not callee.error_positions:
        return None
    keys = callee.keys + _declared_here(ctx, callee)
    if _matches(keys, tuple(options.get("exclude", ()))):
        return None
    safe = tuple(options.get("safe_writers", ()))
    if _matches(
        callee.keys, tuple(options.get("writer_functions", ()))
    ) and _safe_writer(ctx, call, safe):
        return None
    if _writes_to_safe_receiver(ctx, call, safe):
        return None
    return callee


#: The import path of the analysed package (from its go.mod), if known.
_IMPORT_PATH: MemoKey[str | None] = MemoKey("errcheck.import-path")


def _declared_here(ctx: FileContext, callee: Callee) -> tuple[str, ...]:
    """Keys of the package's own declarations under its import path.

    Inside ``hash/maphash`` a call of ``(*Hash).Write`` is keyed
    ``maphash.Hash.Write``; the exclusion says ``hash/maphash.Hash.Write*``.
    """
    prefix = f"{ctx.package_name}."
    local = [k[len(prefix) :] for k in callee.keys if k.startswith(prefix)]
    if not local:
        return ()
    path = ctx.package.memo(_IMPORT_PATH, lambda: _import_path(ctx))
    return tuple(f"{path}.{k}" for k in local) if path else ()


def _import_path(ctx: FileContext) -> str | None:
    mod = package_gomod(ctx.package)
    if mod is None or not mod.module:
        return None
    try:
        rel = ctx.package.abs_dir.resolve().relative_to(mod.path.parent.resolve())
    except ValueError:
        return None
    if mod.module == "std":  # GOROOT/src: standard packages have no prefix
        return rel.as_posix() if rel.parts else None
    return f"{mod.module}/{rel.as_posix()}" if rel.parts else mod.module


_WRITE_METHODS = frozenset({"Write", "WriteString", "WriteByte", "WriteRune"})


def _writes_to_safe_receiver(ctx: FileContext, call: Node, safe: Sequence[str]) -> bool:
    """``os.Stderr.Write(b)``: the same write as ``fmt.Fprint(os.Stderr, …)``."""
    fn = go_ast.call_function(call)
    parts = go_ast.selector_parts(fn) if fn is not None else None
    return (
        parts is not None
        and parts[1] in _WRITE_METHODS
        and is_safe_writer(ctx, parts[0], safe)
    )


def _safe_writer(ctx: FileContext, call: Node, safe: Sequence[str]) -> bool:
    args = go_ast.call_args(call)
    return bool(args) and is_safe_writer(ctx, args[0], safe)


def is_safe_writer(ctx: FileContext, writer: Node, safe: Sequence[str]) -> bool:
    """``writer`` is one of ``safe`` (``os.Stdout``) or has one of its types."""
    qualified = ctx.qualified_name(writer)
    if qualified is not None and qualified in safe:
        return True
    typed = file_types(ctx).type_of(writer)
    return typed is not None and typed in safe


def quiet(
    ctx: FileContext,
    statement: Node,
    call: Node,
    callee: Callee,
    options: Mapping[str, Any],
) -> str | None:
    """The ``quiet`` class (:mod:`benign_errors`) that skips this dropped error."""
    safe = tuple(options.get("safe_writers", ()))
    streams = "output-streams" in options.get("quiet", ())

    def is_safe(c: FileContext, node: Node) -> bool:
        # A parameter filled with `stderr` by every caller writes to a stream too.
        return is_safe_writer(c, node, safe) or (
            streams and output_stream(c, node, options)
        )

    return quiet_reason(ctx, statement, call, callee, options, is_safe)


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
        init = initialiser_call(ctx, node)
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
