"""GSL405 parameter-type-mismatch: the schema's parameter type and the Go field's type disagree."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    Location,
    Node,
    PackageContext,
    Risk,
    Rule,
    TypeIndex,
    crosscheck,
    field_for,
    file_of,
    go_ast,
    unwrap_pointer,
)

ANY = frozenset({"any"})
_INTS = (
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "byte",
    "rune",
)
BUILTINS: dict[str, frozenset[str]] = {
    "string": frozenset({"string"}),
    "bool": frozenset({"boolean"}),
    "float32": frozenset({"number"}),
    "float64": frozenset({"number"}),
    "complex64": frozenset({"complex"}),
    "complex128": frozenset({"complex"}),
    "any": ANY,
    **{name: frozenset({"integer"}) for name in _INTS},
}
# Types of other packages whose JSON form is known; any other is silent.
QUALIFIED: dict[str, frozenset[str]] = {
    "time.Duration": frozenset({"integer"}),
    "time.Time": frozenset({"string"}),
    "json.Number": frozenset({"number", "integer", "string"}),
    "json.RawMessage": ANY,
    "big.Int": frozenset({"integer"}),
    "big.Float": frozenset({"number"}),
    "netip.Addr": frozenset({"string"}),
}


def json_kinds(
    node: Node | None, index: TypeIndex, depth: int = 0
) -> frozenset[str] | None:
    """JSON types a Go type encodes as; ``None`` when unknown (stay silent)."""
    node = unwrap_pointer(node)
    if node is None or depth > 12:
        return None
    kind = node.type
    if kind == "type_identifier":
        name = go_ast.text(node)
        local = index.types.get(name)
        if local is not None:
            return json_kinds(local, index, depth + 1)
        return BUILTINS.get(name)
    if kind == "qualified_type":
        return QUALIFIED.get(go_ast.text(node).replace(" ", ""))
    if kind == "slice_type":
        element = go_ast.text(node.child_by_field_name("element"))
        # encoding/json writes []byte as a base64 string.
        return (
            frozenset({"array", "string"})
            if element in ("byte", "uint8")
            else frozenset({"array"})
        )
    if kind == "array_type":
        return frozenset({"array"})
    if kind == "struct_type":
        return frozenset({"object"})
    if kind == "map_type":
        keys = json_kinds(node.child_by_field_name("key"), index, depth + 1)
        return (
            frozenset({"object"})
            if keys is None or "string" in keys
            else frozenset({"map"})
        )
    if kind == "interface_type":
        return ANY
    if kind in ("function_type", "channel_type"):
        return frozenset({"unencodable"})
    return None  # generic types, type parameters: unknown


def compatible(param_types: tuple[str, ...], kinds: frozenset[str]) -> bool:
    """The DESIGN §3 table: number also takes integers; ``any`` takes everything."""
    if "any" in kinds:
        return True
    return any(
        t in kinds or (t == "number" and "integer" in kinds) for t in param_types
    )


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    check = crosscheck(pkg)
    if check is None or check.binding.struct is None:
        return
    for param in check.schema.parameters:
        if not param.types:
            continue
        field = field_for(check, param.name)
        if field is None:
            continue
        kinds = json_kinds(field.type_node, check.index)
        if kinds is None or compatible(param.types, kinds):
            continue
        ctx = file_of(pkg, field.decl)
        if ctx is None:
            continue
        want = " or ".join(param.types)
        related = Location(
            param.location.path, param.location.region, f"declared `{want}` here"
        )
        yield ctx.finding(
            RULE,
            field.name_node or field.decl,
            related=(related,),
            field=field.name,
            gotype=ctx.text(field.type_node),
            name=param.name,
            want=want,
        )


RULE = Rule(
    id="GSL405",
    name="parameter-type-mismatch",
    summary="A parameter's declared type does not match its Go field's type.",
    description=(
        "The field that carries a parameter must be able to hold the declared JSON type: "
        "`string` ↔ string and named string types; `integer` ↔ every int/uint kind and "
        "named ones (`time.Duration` is an integer); `number` ↔ floats and integers; "
        "`boolean` ↔ bool; `array` ↔ slices and arrays; `object` ↔ structs and maps with "
        "string keys. `any`/`interface{}` matches every type, pointers are unwrapped, named "
        "types are resolved within the package, and types of other packages that cannot be "
        "resolved without their sources are not reported."
    ),
    message="field `{field}` has type `{gotype}`, but parameter `{name}` is declared `{want}`",
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
    bad=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRetries string `json:"retries"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    good=(
        "package main\n\n"
        "// go-script:parameters\n"
        "type Params struct {\n"
        '\tRetries int `json:"retries"`\n'
        "}\n\n"
        "func main() {}\n"
    ),
    example_files={
        "go-script.yaml": (
            "name: sync-users\nversion: 1.2.0\nentrypoint: main.go\n"
            "parameters:\n  - name: retries\n    type: integer\n"
        ),
    },
    package_check=package_check,
)
