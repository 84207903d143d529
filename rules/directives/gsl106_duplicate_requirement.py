"""GSL106 duplicate-requirement: the same module, `go` version or `//go:script` declared twice."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    GO,
    MODULE,
    SCRIPT,
    Directive,
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    header,
    span_location,
)


def _key(directive: Directive) -> str | None:
    if directive.kind == SCRIPT:
        return "//go:script"
    if directive.kind == GO and directive.args and len(directive.args) == 2:
        return "go"
    if directive.kind == MODULE and directive.module:
        return directive.module
    return None


def _shown(directive: Directive) -> str:
    return " ".join(a.value for a in directive.args)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    first: dict[str, Directive] = {}
    for directive in header(ctx).directives:
        key = _key(directive)
        if key is None:
            continue
        earlier = first.get(key)
        if earlier is None:
            first[key] = directive
            continue
        related = (
            span_location(ctx, earlier.start, earlier.end, "first declared here"),
        )
        if directive.kind == SCRIPT:
            detail = "`//go:script` appears twice"
        elif _shown(earlier) == _shown(directive):
            detail = f"`//go:requires {_shown(directive)}` is declared twice"
        else:
            what = "the Go version" if key == "go" else f"`{key}`"
            detail = f"Conflicting declarations of {what}: `{_shown(directive)}` after `{_shown(earlier)}`"
        yield ctx.finding(
            RULE,
            span_location(ctx, directive.start, directive.end),
            related=related,
            detail=detail,
        )


RULE = Rule(
    id="GSL106",
    name="duplicate-requirement",
    summary="The same module, the `go` version or `//go:script` is declared twice in a file's header.",
    description=(
        "Each module and the Go version may be declared once per file. A second "
        "`//go:requires` for the same module or for `go` is either redundant or, with a "
        "different version, a conflict whose outcome depends on the tool reading it. The "
        "finding points at the later declaration; the first one is the related location."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives"),
    precision="very-high",
    help=(
        "**Why:** with two versions of one requirement, readers and tools disagree on which "
        "one applies.\n\n"
        "**Fix:** keep one `//go:requires` line per module (and one for `go`) with the "
        "version you mean, and delete the other."
    ),
    node_types=("source_file",),
    check=check,
)
