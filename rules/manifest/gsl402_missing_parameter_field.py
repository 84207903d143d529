"""GSL402 missing-parameter-field: a declared parameter that no field of the parameters struct carries."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    PackageContext,
    Risk,
    Rule,
    crosscheck,
    field_for,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    check = crosscheck(pkg)
    if check is None or not check.schema.parameters:
        return
    decl = check.binding.struct
    if decl is None:
        # Guessing would put findings on an unrelated struct: say so once instead.
        yield pkg.finding_at(
            RULE,
            check.schema.location,
            level=Level.NOTE,
            precision="medium",
            name="*",
            struct="?",
            detail=(
                f"no struct convincingly carries the parameters ({check.binding.detail}); "
                "mark it with `//go-script:parameters`"
            ),
        )
        return
    name_node = decl.spec.child_by_field_name("name") or decl.spec
    struct_loc = decl.file.location(
        name_node, message=f"the parameters struct `{decl.name}`"
    )
    for param in check.schema.parameters:
        if field_for(check, param.name) is None:
            yield pkg.finding_at(
                RULE,
                param.location,
                related=(struct_loc,),
                name=param.name,
                struct=decl.name,
                detail=f'parameter `{param.name}` has no field in `{decl.name}` (no `json:"{param.name}"`)',
            )


RULE = Rule(
    id="GSL402",
    name="missing-parameter-field",
    summary="A declared parameter that no field of the parameters struct carries.",
    description=(
        "Each parameter of `go-script.yaml` (or of the `--schema-path` JSON Schema) must be "
        "carried by a field of the script's parameters struct: the struct marked "
        "`//go-script:parameters`, or else the struct of the entrypoint's package whose "
        "`json` names cover the parameters best. Names match as `encoding/json` matches "
        "them (exactly, else case-insensitively); fields of embedded structs of the same "
        "package count. When no struct is convincing, the rule says so once, as a note, "
        "instead of guessing."
    ),
    message="{detail}",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** a parameter without a field is silently dropped when the script decodes "
        "its input: callers set it and nothing happens.\n\n"
        "**Fix:** add a field with the parameter's name as its `json` tag, or remove the "
        "parameter from the manifest."
    ),
    bad=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRegion string `json:"region"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    good=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRegion string `json:"region"`\n'
        '\tDryRun bool   `json:"dryRun"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    example_files={
        "go-script.yaml": (
            "name: sync-users\n"
            "version: 1.2.0\n"
            "entrypoint: main.go\n"
            "parameters:\n"
            "  - name: region\n"
            "    type: string\n"
            "  - name: dryRun\n"
            "    type: boolean\n"
        ),
    },
    package_check=package_check,
)
