"""GSL403 undeclared-field: a field of the parameters struct that the schema does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    PackageContext,
    Risk,
    Rule,
    crosscheck,
    file_of,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    check = crosscheck(pkg)
    if check is None or check.binding.struct is None:
        return
    declared = {p.name.lower() for p in check.schema.parameters}
    related = check.schema.location
    related = type(related)(related.path, related.region, "the declared parameters")
    for field, _depth in check.fields:
        carried = field.encoding_name()
        if carried is None or carried.lower() in declared:
            continue
        ctx = file_of(pkg, field.decl)
        if ctx is None:
            continue
        yield ctx.finding(
            RULE,
            field.name_node or field.decl,
            related=(related,),
            field=field.name,
            name=carried,
        )


RULE = Rule(
    id="GSL403",
    name="undeclared-field",
    summary="A field of the parameters struct that the manifest or schema does not declare.",
    description=(
        "Every exported field of the parameters struct that `encoding/json` would fill (not "
        '`json:"-"`, not unexported; fields of embedded structs of the same package '
        "included) must be a declared parameter of `go-script.yaml` or of the "
        "`--schema-path` schema. The finding is on the Go field; the related location is "
        "the manifest's `parameters`."
    ),
    message="field `{field}` (`{name}`) is not a declared parameter",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** a field the manifest does not declare can never be set by callers that "
        "follow the manifest; it is dead input or a parameter someone forgot to document.\n\n"
        "**Fix:** declare the parameter in `go-script.yaml`, or hide the field from the "
        'decoder with `json:"-"` (or make it unexported).'
    ),
    bad=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRegion string `json:"region"`\n'
        '\tToken  string `json:"token"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    good=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRegion string `json:"region"`\n'
        '\tToken  string `json:"-"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    example_files={
        "go-script.yaml": (
            "name: sync-users\nversion: 1.2.0\nentrypoint: main.go\n"
            "parameters:\n  - name: region\n    type: string\n"
        ),
    },
    package_check=package_check,
)
