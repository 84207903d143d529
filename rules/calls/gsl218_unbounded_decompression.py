"""GSL218 unbounded-decompression: reading a decompressor to the end without a limit."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    archive_entry,
    go_ast,
    is_test_file,
    last_identifiers,
    short_callee,
    value_nodes,
)

# Readers that expand their input → the name shown.
DECOMPRESSORS = frozenset(
    {
        "compress/gzip.NewReader",
        "compress/zlib.NewReader",
        "compress/zlib.NewReaderDict",
        "compress/flate.NewReader",
        "compress/flate.NewReaderDict",
        "compress/bzip2.NewReader",
        "compress/lzw.NewReader",
    }
)
# Reading to the end → index of the reader argument.
SINKS = {"io.Copy": 1, "io.CopyBuffer": 1, "io.ReadAll": 0, "io/ioutil.ReadAll": 0}
BOUNDS = frozenset({"io.LimitReader", "net/http.MaxBytesReader", "io.NewSectionReader"})


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node)
    index = SINKS.get(callee or "")
    if index is None:
        return
    if ctx.scan_level is not Risk.HIGH and is_test_file(ctx):
        return  # tests decompress their own small inputs
    args = go_ast.call_args(node)
    if index >= len(args):
        return
    for part in value_nodes(ctx, args[index], BOUNDS):
        if part.type != "call_expression":
            continue
        source = ctx.callee(part)
        if source in BOUNDS:
            return
        what = None
        if source in DECOMPRESSORS:
            what = f"a `{short_callee(source)}` stream"
        elif source is None and _zip_open(ctx, part):
            what = "a zip entry (`File.Open`)"
        if what is not None:
            yield ctx.finding(
                RULE,
                node,
                related=(ctx.location(part, message="the decompressor is made here"),),
                callee=short_callee(callee or ""),
                what=what,
            )
            return


def _zip_open(ctx: FileContext, call: Node) -> bool:
    fn = go_ast.call_function(call)
    parts = (
        go_ast.selector_parts(fn)
        if fn is not None and fn.type == "selector_expression"
        else None
    )
    return (
        parts is not None
        and parts[1] == "Open"
        and archive_entry(ctx, parts[0]) == "archive/zip"
    )


RULE = Rule(
    id="GSL218",
    name="unbounded-decompression",
    summary="A decompressed stream is read to the end without a size limit (decompression bomb).",
    description=(
        "`io.Copy`, `io.CopyBuffer` and `io.ReadAll` read until the end of the stream. "
        "Out of a `gzip`, `zlib`, `flate`, `bzip2` or `lzw` reader, or a zip entry's "
        "`File.Open`, that end is chosen by whoever made the input: a few kilobytes can "
        "expand to gigabytes and fill the disk or the memory. Streams wrapped in "
        "`io.LimitReader` or `http.MaxBytesReader`, and `io.CopyN`, are bounded and not "
        "reported. `_test.go` files are checked only by the deep scan."
    ),
    message="`{callee}` reads {what} without a size limit",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "dos"),
    cwe=(409, 400),
    precision="high",
    help=(
        "**Why:** compression ratios of 1000:1 and more are easy to build (CWE-409); a "
        "script unpacking a downloaded artifact can be made to exhaust the runner's disk "
        "or memory.\n\n"
        "**Fix:** bound what you read: `io.Copy(dst, io.LimitReader(zr, maxSize))` — "
        "and treat reaching the limit as an error — or `io.CopyN(dst, zr, maxSize)`."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(SINKS),
    requires_imports=frozenset(
        {
            "compress/gzip",
            "compress/zlib",
            "compress/flate",
            "compress/bzip2",
            "compress/lzw",
            "archive/zip",
        }
    ),
)
