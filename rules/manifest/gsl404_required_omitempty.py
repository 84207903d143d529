"""GSL404 required-omitempty: a required parameter whose field is tagged `omitempty`."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Field,
    Finding,
    Fix,
    Level,
    Location,
    PackageContext,
    Replacement,
    Risk,
    Rule,
    crosscheck,
    field_for,
    file_of,
)


def _drop_omitempty(field: Field, path: str, pkg: PackageContext) -> Fix | None:
    tag = field.tag
    pair = tag.tag.get("json") if tag is not None else None
    ctx = file_of(pkg, field.decl)
    if tag is None or pair is None or not pair.plain or ctx is None:
        return None
    start = pair.value.find(",omitempty")
    if start < 0:
        return None
    first = pair.value_start + 1 + start
    begin, end = tag.byte_span(first, first + len(",omitempty"))
    if end - begin != len(",omitempty"):
        return None
    region = ctx.region(begin, end)
    return Fix("Drop `omitempty`", (Replacement(path, begin, end, region, ""),))


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    check = crosscheck(pkg)
    if check is None or check.binding.struct is None:
        return
    for param in check.schema.parameters:
        if not param.required:
            continue
        field = field_for(check, param.name)
        if field is None or not field.has_option("omitempty"):
            continue
        ctx = file_of(pkg, field.decl)
        if ctx is None:
            continue
        fix = _drop_omitempty(field, ctx.path, pkg)
        related = Location(
            param.location.path, param.location.region, "declared required here"
        )
        yield ctx.finding(
            RULE,
            field.name_node or field.decl,
            related=(related,),
            fixes=(fix,) if fix is not None else (),
            field=field.name,
            name=param.name,
        )


RULE = Rule(
    id="GSL404",
    name="required-omitempty",
    summary="A required parameter whose struct field is tagged `omitempty`.",
    description=(
        "A parameter declared `required: true` (or listed in the `--schema-path` schema's "
        "`required`) is carried by a field whose `json` tag has `omitempty`. When the script "
        "encodes its parameters (logging, forwarding, defaults files), a zero value of a "
        "required parameter disappears. The fix drops `,omitempty`."
    ),
    message="field `{field}` carries required parameter `{name}` but is `omitempty`",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        '**Why:** `omitempty` drops zero values (`""`, `0`, `false`) when encoding, so a '
        "required parameter can vanish from the encoded document.\n\n"
        "**Fix:** remove `,omitempty` from the field's `json` tag (`--fix` does it)."
    ),
    package_check=package_check,
)
