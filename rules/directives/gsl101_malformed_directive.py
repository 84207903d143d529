"""GSL101 malformed-directive: a bad `//go:script` / `//go:requires`, or a broken go.mod."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Fix,
    Level,
    Location,
    Node,
    PackageContext,
    Risk,
    Rule,
    header,
    package_gomod,
    replace_fix,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    for directive in header(ctx).directives:
        for problem in directive.problems:
            fixes: tuple[Fix, ...] = ()
            if problem.fix is not None:
                fixes = (
                    replace_fix(
                        ctx,
                        problem.start,
                        problem.end,
                        problem.fix,
                        problem.fix_description,
                    ),
                )
            yield ctx.finding(
                RULE,
                span_location(ctx, problem.start, problem.end),
                fixes=fixes,
                detail=problem.message,
            )


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    # go.mod problems are reported by the directory that holds the go.mod only,
    # so they are not repeated for every package of the module.
    if not pkg.owns_gomod:
        return
    mod = package_gomod(pkg)
    if mod is None:
        return
    path = pkg.display_path(mod.path)
    for error in mod.errors:
        loc = Location(path, mod.region(error.start, error.end))
        yield pkg.finding(RULE, loc, detail=f"go.mod: {error.message}")


RULE = Rule(
    id="GSL101",
    name="malformed-directive",
    summary="`//go:script` or `//go:requires` has bad syntax, a bad version or module path, or a near-miss spelling; or go.mod does not parse.",
    description=(
        "Header directives are read by tools exactly as written. A near-miss spelling "
        "(`//go:require`, `// go:requires`, `//go:requires:`) is an ordinary comment, so the "
        "requirement silently disappears. `//go:requires go VERSION` takes a Go version "
        "(`1.21`, `1.21.3`, `1.22rc1`); `//go:requires MODULE VERSION` takes a valid module path "
        "(a first element with a dot, `/vN` matching the major version, `gopkg.in/x.vN`) and a "
        "canonical semantic version with `v` (pre-releases, pseudo-versions and `+incompatible` "
        "for v2+ modules without `/vN` are allowed). A go.mod the go command would reject is "
        "reported at its line too. Other Go directives (`//go:build`, `//go:generate`, "
        "`//go:embed`, `//go:debug` …) are never reported."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives"),
    precision="very-high",
    help=(
        "**Why:** a directive with a typo or an invalid argument is ignored or rejected, "
        "so the script's requirements are not what they look like.\n\n"
        "**Fix:** spell the directive exactly `//go:script` or `//go:requires` (no space after "
        "`//`, no trailing colon), give a Go version as `1.N` or `1.N.P`, and a module "
        "requirement as a module path plus a canonical version such as `v1.8.0`. SARIF carries "
        "a fix for near-miss spellings and non-canonical versions."
    ),
    node_types=("source_file",),
    check=check,
    package_check=package_check,
)
