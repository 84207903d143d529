"""What GSL301–GSL303 share: which calls return an error, and which are excluded.

Exclusions are ``fnmatch`` globs over :attr:`analyzer.typeinfo.Callee.keys`
(``fmt.Print*``, ``bytes.Buffer.Write*``, ``hash.Hash*.Write``); writer
functions (``fmt.Fprint*``) are excluded only when their first argument is one
of the safe writers (``os.Stdout``, ``*bytes.Buffer`` …).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fnmatch import fnmatchcase
from typing import Any

from analyzer import go_ast
from analyzer.context import FileContext
from analyzer.parsing import Node
from analyzer.typeinfo import Callee, file_types

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
DEFAULT_WRITER_FUNCTIONS: tuple[str, ...] = ("fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln")
DEFAULT_SAFE_WRITERS: tuple[str, ...] = ("os.Stdout", "os.Stderr", "*bytes.Buffer", "*strings.Builder")

OPTIONS: Mapping[str, Any] = {
    "exclude": DEFAULT_EXCLUDE,
    "writer_functions": DEFAULT_WRITER_FUNCTIONS,
    "safe_writers": DEFAULT_SAFE_WRITERS,
}


def _matches(keys: Sequence[str], globs: Sequence[str]) -> bool:
    return any(fnmatchcase(k, g) for k in keys for g in globs)


def error_callee(ctx: FileContext, call: Node, options: Mapping[str, Any]) -> Callee | None:
    """The callee when ``call`` returns an error that is not excluded by ``options``."""
    if call.type != "call_expression":
        return None
    callee = file_types(ctx).callee(call)
    if callee is None or not callee.error_positions:
        return None
    if _matches(callee.keys, tuple(options.get("exclude", ()))):
        return None
    if _matches(callee.keys, tuple(options.get("writer_functions", ()))) and _safe_writer(
        ctx, call, tuple(options.get("safe_writers", ()))
    ):
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
