"""GSL405 parameter-type-mismatch: a parameter's declared type disagrees with its Go field's type or its flag's kind."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    FlagDef,
    Level,
    Location,
    PackageContext,
    Parameter,
    Risk,
    Rule,
    compatible,
    file_of,
    json_kinds,
    parameter_bindings,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    found = parameter_bindings(pkg)
    if found is None:
        return
    for binding in found.bindings:
        param = binding.param
        if not param.types:
            continue
        field = binding.field
        if field is not None:
            kinds = json_kinds(field.type_node, found.check.index)
            ctx = file_of(pkg, field.decl)
            if (
                kinds is not None
                and not compatible(param.types, kinds)
                and ctx is not None
            ):
                yield ctx.finding(
                    RULE,
                    field.name_node or field.decl,
                    related=(_declared(param),),
                    what=f"field `{field.name}` has type `{ctx.text(field.type_node)}`",
                    name=param.name,
                    want=_want(param),
                )
        for flag in binding.flags:
            if not compatible(param.types, flag.json_kinds):
                yield flag.file.finding(
                    RULE,
                    flag.call,
                    related=(_declared(param),),
                    what=_flag_what(flag),
                    name=param.name,
                    want=_want(param),
                )


def _want(param: Parameter) -> str:
    return " or ".join(param.types)


def _declared(param: Parameter) -> Location:
    at = param.location
    return Location(at.path, at.region, f"declared `{_want(param)}` here")


def _flag_what(flag: FlagDef) -> str:
    kinds = " or ".join(sorted(flag.json_kinds))
    return f"flag `{flag.spelled}` is defined with `{flag.kind}` (takes {kinds})"


RULE = Rule(
    id="GSL405",
    name="parameter-type-mismatch",
    summary="A parameter's declared type does not match its Go field's type or its flag's kind.",
    description=(
        "The field that carries a parameter must be able to hold the declared JSON type: "
        "`string` ↔ string and named string types; `integer` ↔ every int/uint kind and "
        "named ones (`time.Duration` is an integer); `number` ↔ floats and integers; "
        "`boolean` ↔ bool; `array` ↔ slices and arrays; `object` ↔ structs and maps with "
        "string keys. `any`/`interface{}` matches every type, pointers are unwrapped, named "
        "types are resolved within the package, and types of other packages that cannot be "
        "resolved without their sources are not reported. A flag that binds the "
        "parameter must be of a matching kind by the same table: `String` (and pflag's "
        "`IP`, `BytesHex` …) ↔ `string`; `Int`, `Int64`, `Uint`, `Uint64` (pflag's sized "
        "ints and `Count`) ↔ `integer`; `Float64` ↔ `number`; `Bool` ↔ `boolean`; "
        "pflag slices ↔ `array`, `StringToString` ↔ `object`. `Duration`, `Func`, "
        "`BoolFunc`, `Var` and `TextVar` flags parse their own text and accept any type. "
        "A parameter bound twice (a field and a flag) is checked on both."
    ),
    message="{what}, but parameter `{name}` is declared `{want}`",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** decoding a parameter into a field of another type fails at run time "
        "(`json: cannot unmarshal string into Go struct field`), usually only for the "
        "callers that actually pass it.\n\n"
        "**Fix:** change the field's type or the parameter's `type` so they agree."
    ),
    package_check=package_check,
)
