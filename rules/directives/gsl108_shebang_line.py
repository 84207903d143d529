"""GSL108 shebang-line: a `#!` first line, which the go command rejects."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    has_shebang,
    shebang_end,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    del node  # the whole file: only its first line matters
    if not has_shebang(ctx.source):
        return
    end = shebang_end(ctx.source)
    line = ctx.source[:end].decode("utf-8", errors="replace").strip()
    yield ctx.finding(
        RULE,
        span_location(ctx, 0, end),
        line=line[:60] + ("…" if len(line) > 60 else ""),
    )


RULE = Rule(
    id="GSL108",
    name="shebang-line",
    summary="A `#!` first line: gorun and yaegi run the file, the go command rejects it.",
    description=(
        "The file starts with an interpreter line such as `#!/usr/bin/env gorun`. gorun "
        "and yaegi accept it, but `go build`, `go vet`, `go run` and gopls reject the file "
        "(`#` is not Go), so the script only runs through that one tool. go-script-lint "
        "analyses the rest of the file as if the first line were a comment (offsets and "
        "columns unchanged): there is no parse error, and `//go:script`/`//go:requires` "
        "directives after it are header directives."
    ),
    message='`{line}`: the go command rejects a `#!` line; `//go:script` (or a `//usr/bin/env go run "$0" "$@"; exit` first line) runs with the standard toolchain',
    level=Level.NOTE,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("portability", "directives"),
    precision="very-high",
    help=(
        "**Why:** a `#!` line ties the script to gorun or yaegi; `go vet`, `go build`, "
        "gopls and every other Go tool stop at line 1.\n\n"
        "**Fix:** mark the file `//go:script` and run it with `go run`, or, to keep it "
        'executable, replace the line with `//usr/bin/env go run "$0" "$@"; exit` '
        "(a comment for Go, a command for the shell). Disable the rule for directories "
        "that deliberately target gorun."
    ),
    node_types=("source_file",),
    check=check,
)
