"""GSL104 undeclared-import: a script imports a module that no `//go:requires` declares."""

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
    gomod_location,
    header,
    module_paths,
    package_gomod,
    replace_fix,
    span_location,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    head = header(ctx)
    if not head.is_script:
        return
    declared = {d.module for d in head.directives if d.module}
    mod = package_gomod(ctx.package)
    own = mod.module if mod is not None else None
    requires = {r.path: r for r in mod.requires} if mod is not None else {}
    candidates = declared | set(requires) | ({own} if own else set())
    marker = head.directives[0]
    fixed: set[str] = set()
    for spec in ctx.imports.specs:
        path = spec.path
        if module_paths.is_stdlib_path(path):
            continue  # also "C"
        module = module_paths.owning_module(path, candidates)
        if module is not None and (module == own or module in declared):
            continue
        related = [
            span_location(
                ctx,
                marker.start,
                marker.end,
                f"`{marker.spelled}` makes this file a script",
            )
        ]
        fixes: tuple[Fix, ...] = ()
        required = requires.get(module) if module is not None else None
        if mod is not None and required is not None:
            related.insert(
                0,
                gomod_location(
                    ctx.package, mod, required.line, f"go.mod requires `{module}`"
                ),
            )
            if required.path not in fixed:
                fixed.add(required.path)
                fixes = _declare(
                    ctx, head.directives[-1].end, f"{module} {required.version}"
                )
        target = spec.node.child_by_field_name("path") or spec.node
        yield ctx.finding(
            RULE,
            Location(ctx.path, ctx.region(target.start_byte, target.end_byte)),
            related=related,
            fixes=fixes,
            detail=(
                f"Import `{path}` needs module `{module}`, which no `//go:requires` declares"
                if module is not None
                else f"Import `{path}` comes from a module that no `//go:requires` declares"
            ),
        )


def _declare(ctx: FileContext, after: int, requirement: str) -> tuple[Fix, ...]:
    newline = ctx.source.find(b"\n", after)
    if newline == -1:
        return ()
    at = newline + 1
    return (
        replace_fix(
            ctx,
            at,
            at,
            f"//go:requires {requirement}\n",
            f"Declare `//go:requires {requirement}`",
        ),
    )


RULE = Rule(
    id="GSL104",
    name="undeclared-import",
    summary="A script imports a non-standard-library package whose module no `//go:requires` declares.",
    description=(
        "A file marked `//go:script`, or carrying any `//go:requires`, declares its "
        "dependencies in its header. Every import outside the standard library must belong to "
        "a declared module. Imports are matched to modules by the longest module path among "
        "the file's directives and go.mod's `require` lines, so nested modules resolve to the "
        "right one. Imports of the file's own module, the standard library (a first path "
        'element without a dot) and `"C"` need no declaration. Files without directives are '
        "not scripts and are not checked."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "directives", "modules"),
    precision="high",
    help=(
        "**Why:** a script runner resolves dependencies from the header; an undeclared "
        "import fails to build, or silently picks whatever version is around.\n\n"
        "**Fix:** add `//go:requires MODULE VERSION` for the import's module to the header. "
        "When go.mod requires the module, SARIF carries a fix adding the directive with "
        "go.mod's version."
    ),
    node_types=("source_file",),
    check=check,
)
