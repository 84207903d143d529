"""GSL105 unused-requirement: a `//go:requires` module that no import of the package uses."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    Location,
    PackageContext,
    Risk,
    Rule,
    gomod_location,
    header,
    module_paths,
    package_gomod,
    span_location,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    headers = [(ctx, header(ctx)) for ctx in pkg.files]
    declared = {d.module for _, h in headers for d in h.modules if d.module}
    if not declared:
        return
    mod = package_gomod(pkg)
    requires = {r.path: r for r in mod.requires} if mod is not None else {}
    own = {mod.module} if mod is not None and mod.module else set()
    candidates = declared | set(requires) | own
    used = {
        module_paths.owning_module(spec.path, candidates)
        for ctx in pkg.files
        for spec in ctx.imports.specs  # blank and dot imports count
    }
    for ctx, head in headers:
        for directive in head.modules:
            module = directive.module
            if module is None or module in used:
                continue
            related: list[Location] = []
            required = requires.get(module)
            if mod is not None and required is not None:
                related.append(
                    gomod_location(
                        pkg, mod, required.line, f"go.mod requires `{module}`"
                    )
                )
            imports = next(
                (c for c in ctx.root.children if c.type == "import_declaration"), None
            )
            if imports is not None:
                related.append(
                    ctx.location(
                        imports, message="the file's imports; none is from the module"
                    )
                )
            yield ctx.finding(
                RULE,
                span_location(ctx, directive.start, directive.end),
                related=related,
                module=module,
            )


RULE = Rule(
    id="GSL105",
    name="unused-requirement",
    summary="A module declared with `//go:requires` that no import of the package uses.",
    description=(
        "A `//go:requires MODULE VERSION` whose module no import of the package belongs to "
        "makes every run download and verify a module for nothing, and hides which "
        "dependencies matter. Any import in the package's files counts, blank (`_`) and dot "
        "imports included; imports are matched to modules by the longest module path."
    ),
    message="Module `{module}` is declared with `//go:requires` but no import uses it",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("maintainability", "directives", "modules"),
    precision="high",
    help=(
        "**Why:** stale requirements slow every run and make the script's real dependencies "
        "harder to see.\n\n"
        "**Fix:** delete the `//go:requires` line, or import the package you meant to use."
    ),
    package_check=package_check,
)
