"""GSL103 requirement-mismatch: a `//go:requires` module version differs from go.mod, or go.mod lacks it."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    gomod_location,
    header,
    package_gomod,
    replace_fix,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    mod = package_gomod(ctx.package)
    if mod is None:
        return  # without a go.mod the directives are the only declaration
    for directive in header(ctx).modules:
        module = directive.module
        arg = directive.version_arg
        if (
            module is None
            or directive.version is None
            or arg is None
            or module == mod.module
        ):
            continue
        required = mod.require(module)
        if required is None:
            yield ctx.finding(
                RULE,
                span_location(ctx, directive.start, directive.end),
                related=(
                    gomod_location(
                        ctx.package, mod, mod.module_line, "the module's go.mod"
                    ),
                ),
                detail=f"go.mod does not require `{module}`, which `//go:requires` declares",
            )
            continue
        if required.version == directive.version:
            continue
        indirect = " (indirect)" if required.indirect else ""
        yield ctx.finding(
            RULE,
            span_location(ctx, arg.start, arg.end),
            related=(
                gomod_location(
                    ctx.package,
                    mod,
                    required.line,
                    f"go.mod requires `{module} {required.version}`{indirect}",
                ),
            ),
            fixes=(
                replace_fix(
                    ctx,
                    arg.start,
                    arg.end,
                    required.version,
                    f"Use go.mod's version `{required.version}`",
                ),
            ),
            detail=(
                f"`//go:requires {module} {directive.version}` does not match go.mod's "
                f"`{required.version}`"
            ),
        )


RULE = Rule(
    id="GSL103",
    name="requirement-mismatch",
    summary="A `//go:requires` module version differs from go.mod's `require` line, or go.mod lacks the module.",
    description=(
        "When a script lives in a module, its `//go:requires MODULE VERSION` directives and "
        "the go.mod must agree, or the script runs with different code than it declares. The "
        "comparison is strict and uses the `require` line: `// indirect` requirements count, "
        "and a `replace` does not change what is compared. A script without any go.mod has "
        "only its directives, and this rule does not apply."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives", "modules"),
    precision="very-high",
    help=(
        "**Why:** two declarations of one dependency that disagree mean the script is tested "
        "with one version and run with another.\n\n"
        "**Fix:** set the directive's version to the version on go.mod's `require` line (SARIF "
        "carries this fix), or `go get MODULE@VERSION` to move go.mod; add a missing module "
        "to go.mod with `go get`."
    ),
    node_types=("source_file",),
    check=check,
)
