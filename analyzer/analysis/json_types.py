"""The JSON types a Go type encodes as, and which parameter types they can carry.

GSL405 compares them with a parameter's declared ``type``; the manifest writer
infers a parameter's ``type`` from them.
"""

from __future__ import annotations

from go_script_lint.analysis.struct_types import TypeIndex, unwrap_pointer
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

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
        local = index.type_node(name)
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
