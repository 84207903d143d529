"""GSL102 go-version-mismatch: the declared Go version is below what the code or go.mod needs."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Fix,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    feature_uses,
    gomod_location,
    header,
    module_paths,
    package_gomod,
    replace_fix,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    directive = header(ctx).go
    if directive is None or directive.version is None:
        return
    declared = module_paths.parse_go_version(directive.version)
    if declared is None:
        return
    where = span_location(
        ctx, directive.start, directive.end, "the declared Go version"
    )
    for use in feature_uses(ctx):
        if use.version > declared[:2]:
            needed = "{}.{}".format(*use.version)
            yield ctx.finding(
                RULE,
                Location(
                    ctx.path,
                    ctx.region(use.start, min(use.end, _line_end(ctx, use.start))),
                ),
                related=(where,),
                detail=f"Uses {use.label} (Go {needed}), but the file declares `go {directive.version}`",
            )
    mod = package_gomod(ctx.package)
    if mod is None or mod.go is None or mod.go_line is None:
        return
    required = module_paths.parse_go_version(mod.go)
    if required is None or required <= declared:
        return
    arg = directive.version_arg
    fixes: tuple[Fix, ...] = ()
    if arg is not None:
        fixes = (
            replace_fix(
                ctx, arg.start, arg.end, mod.go, f"Declare `go {mod.go}` as go.mod does"
            ),
        )
    yield ctx.finding(
        RULE,
        span_location(ctx, directive.start, directive.end),
        related=(
            gomod_location(ctx.package, mod, mod.go_line, f"go.mod says `go {mod.go}`"),
        ),
        fixes=fixes,
        detail=f"`//go:requires go {directive.version}` is below go.mod's `go {mod.go}`",
    )


def _line_end(ctx: FileContext, offset: int) -> int:
    end = ctx.source.find(b"\n", offset)
    return len(ctx.source) if end == -1 else end


RULE = Rule(
    id="GSL102",
    name="go-version-mismatch",
    summary="The declared Go version is below what the code uses or below go.mod's `go` line.",
    description=(
        "`//go:requires go VERSION` promises that the script builds with that Go version. "
        "Code that uses a newer language feature does not: type parameters, constraints and "
        "`any`/`comparable` (Go 1.18), the `min`/`max`/`clear` builtins (1.21, unless a "
        "local declaration shadows them), range over an integer (1.22), range over a function "
        "(1.23), generic type aliases (1.24), `new` with an expression operand (1.26) and "
        "generic methods (1.27). Each feature is reported once per file, at its first use. A "
        "declared version below the `go` line of the module's go.mod is reported too."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives"),
    precision="high",
    help=(
        "**Why:** a script run with the Go version it declares must compile; a newer feature, "
        "or a module that needs a newer Go, makes the declaration a lie.\n\n"
        "**Fix:** raise the `//go:requires go` version to the highest version the code needs "
        "(and at least go.mod's `go` line), or rewrite the construct for the older version. "
        "SARIF carries a fix setting the version to go.mod's."
    ),
    node_types=("source_file",),
    check=check,
)
