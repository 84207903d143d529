"""GSL107 misplaced-directive: a `//go:script` / `//go:requires` after the `package` clause."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    header,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    head = header(ctx)
    if not head.misplaced:
        return  # almost every file: no location (nor line index) to build
    related: tuple[Location, ...] = ()
    if head.package_clause is not None:
        related = (
            ctx.location(
                head.package_clause, message="directives must come before this line"
            ),
        )
    for item in head.misplaced:
        end = ctx.source.find(b"\n", item.start, item.end)
        yield ctx.finding(
            RULE,
            span_location(ctx, item.start, item.end if end == -1 else end),
            related=related,
            directive=item.spelled,
        )


RULE = Rule(
    id="GSL107",
    name="misplaced-directive",
    summary="A `//go:script` or `//go:requires` directive after the `package` clause.",
    description=(
        "Script directives are read from the file header only: the comments before the "
        "`package` clause. A `//go:script` or `//go:requires` anywhere after it, at top level "
        "or inside a function, is an ordinary comment that tools ignore, so the requirement "
        "it seems to state does not exist."
    ),
    message="`{directive}` after the `package` clause is ignored by tools",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives"),
    precision="very-high",
    help=(
        "**Why:** a directive below `package` looks like a declaration but has no effect.\n\n"
        "**Fix:** move the line into the header, above the `package` clause (build "
        "constraints and other header comments may stay around it)."
    ),
    node_types=("source_file",),
    check=check,
)
