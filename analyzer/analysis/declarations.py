"""Package-level declarations as plain data: functions, methods, types, variables.

One shape serves two producers: ``scripts/gen_stdlib_index.py`` (the standard
library, written to ``analyzer/data/stdlib_signatures.json``) and
:mod:`go_script_lint.analysis.typeinfo` (the analysed package's own files). Types are
strings: ``"error"``, ``"*os.File"``, ``"[]byte"``, ``"io/fs.FileInfo"``
(qualified by import path); a type of the analysed package itself is bare
(``"Config"``); a function type keeps its results (``"func{int,error}"``); a
type parameter or anything unreadable is ``"?"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

UNKNOWN = "?"

PREDECLARED = frozenset(
    {
        "any", "bool", "byte", "comparable", "complex64", "complex128", "error",
        "float32", "float64", "int", "int8", "int16", "int32", "int64", "rune",
        "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
    }
)  # fmt: skip

Results = tuple[str, ...]


@dataclass
class TypeDecl:
    """A declared type.

    Attributes:
        kind: ``struct``, ``interface``, ``alias`` (``type A = B``) or
            ``named`` (``type D B`` for anything else).
        methods: Method name → result types (interfaces: their own methods).
        pointer_methods: Methods declared with a pointer receiver.
        fields: Struct field name → type (embedded fields excluded).
        embeds: Embedded types (struct fields or interface elements).
        target: The aliased or underlying type (``alias`` / ``named``).
    """

    kind: str
    methods: dict[str, Results] = field(default_factory=dict)
    pointer_methods: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)
    embeds: list[str] = field(default_factory=list)
    target: str = ""

    def to_json(self) -> dict[str, Any]:
        """Compact form: one-letter keys, empty parts left out, sorted lists."""
        out: dict[str, Any] = {"k": self.kind[0]}
        if self.methods:
            out["m"] = {k: list(v) for k, v in self.methods.items()}
        if self.pointer_methods:
            out["p"] = sorted(self.pointer_methods)
        if self.fields:
            out["f"] = dict(self.fields)
        if self.embeds:
            out["e"] = list(self.embeds)
        if self.target:
            out["t"] = self.target
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TypeDecl:
        """Inverse of :meth:`to_json`."""
        kinds = {"s": "struct", "i": "interface", "a": "alias", "n": "named"}
        return cls(
            kind=kinds.get(data.get("k", "n"), "named"),
            methods={k: tuple(v) for k, v in data.get("m", {}).items()},
            pointer_methods=set(data.get("p", ())),
            fields=dict(data.get("f", {})),
            embeds=list(data.get("e", ())),
            target=data.get("t", ""),
        )


@dataclass
class PackageDecls:
    """What one package declares at package level."""

    funcs: dict[str, Results] = field(default_factory=dict)
    types: dict[str, TypeDecl] = field(default_factory=dict)
    vars: dict[str, str] = field(default_factory=dict)
    # Package-level variables typed only by their initialiser; resolved later
    # (``None``: the initialiser was not kept, see ``declaration_events``).
    var_values: dict[str, tuple[Node, TypeNamer] | None] = field(default_factory=dict)


class TypeNamer:
    """Turns type nodes of one file into type strings.

    Args:
        imports: Package name → import path for the file.
        own: Qualifier for the package's own type names (its import path for
            the standard library index, ``""`` for the analysed package).
    """

    def __init__(self, imports: dict[str, str], own: str) -> None:
        """Name types of one file."""
        self.imports = imports
        self.own = own

    def name(self, node: Node | None, tparams: frozenset[str] = frozenset()) -> str:
        """The type string of a type node (``"?"`` when it cannot be written)."""
        return self._name(node, tparams, 0)

    def _name(self, node: Node | None, tparams: frozenset[str], depth: int) -> str:
        if node is None or depth > 12:
            return UNKNOWN
        kind = node.type
        if kind in ("type_identifier", "identifier"):
            name = text(node)
            if name in tparams:
                return UNKNOWN
            if name in PREDECLARED or not self.own:
                return name
            return f"{self.own}.{name}"
        if kind == "qualified_type":
            pkg = text(node.child_by_field_name("package"))
            path = self.imports.get(pkg)
            name = text(node.child_by_field_name("name"))
            return f"{path}.{name}" if path is not None and name else UNKNOWN
        if kind == "pointer_type":
            inner = next((c for c in node.named_children if c.type != "comment"), None)
            return "*" + self._name(inner, tparams, depth + 1)
        if kind == "generic_type":
            return self._name(node.child_by_field_name("type"), tparams, depth + 1)
        if kind == "slice_type":
            elem = node.child_by_field_name("element")
            return "[]" + self._name(elem, tparams, depth + 1)
        if kind == "array_type":
            elem = node.child_by_field_name("element")
            return "[_]" + self._name(elem, tparams, depth + 1)
        if kind == "map_type":
            key = self._name(node.child_by_field_name("key"), tparams, depth + 1)
            value = self._name(node.child_by_field_name("value"), tparams, depth + 1)
            return f"map[{key}]{value}"
        if kind == "parenthesized_type":
            inner = next((c for c in node.named_children if c.type != "comment"), None)
            return self._name(inner, tparams, depth + 1)
        if kind == "interface_type":
            return "interface{}" if not node.named_children else "interface{...}"
        if kind == "channel_type":
            sent = node.child_by_field_name("value")
            named = self._name(sent, tparams, depth + 1) if sent is not None else "..."
            return "chan{" + (named if named != UNKNOWN else "...") + "}"
        if kind == "function_type":  # results only: what a call of it gives
            result = node.child_by_field_name("result")
            return "func{" + ",".join(self._results(result, tparams, depth + 1)) + "}"
        if kind == "struct_type":
            return "struct{...}"
        return UNKNOWN

    def results(self, result: Node | None, tparams: frozenset[str]) -> Results:
        """Result types of a signature's ``result`` field, one per value."""
        return self._results(result, tparams, 0)

    def _results(
        self, result: Node | None, tparams: frozenset[str], depth: int
    ) -> Results:
        if result is None:
            return ()
        if result.type != "parameter_list":
            return (self._name(result, tparams, depth),)
        out: list[str] = []
        for decl in result.named_children:
            if decl.type not in (
                "parameter_declaration",
                "variadic_parameter_declaration",
            ):
                continue
            type_name = self._name(decl.child_by_field_name("type"), tparams, depth)
            count = max(1, len(decl.children_by_field_name("name")))
            out.extend([type_name] * count)
        return tuple(out)


def type_parameters(node: Node | None) -> frozenset[str]:
    """Names declared by a ``type_parameter_list``."""
    if node is None:
        return frozenset()
    return frozenset(
        text(n)
        for decl in node.named_children
        if decl.type == "type_parameter_declaration"
        for n in decl.children_by_field_name("name")
    )


def enclosing_type_parameters(node: Node) -> frozenset[str]:
    """Type parameter names in scope at ``node``: its function's, or its method's
    receiver's (``func (l *List[T]) …``)."""
    func = go_ast.enclosing(
        node, frozenset({"function_declaration", "method_declaration"})
    )
    if func is None:
        return frozenset()
    if func.type == "function_declaration":
        return type_parameters(func.child_by_field_name("type_parameters"))
    receiver = func.child_by_field_name("receiver")
    found: set[str] = set()
    for generic in _descendants_of_type(receiver, "type_arguments"):
        found.update(text(i) for e in generic.named_children for i in e.named_children)
    return frozenset(found)


def _descendants_of_type(node: Node | None, kind: str, depth: int = 0) -> list[Node]:
    if node is None or depth > 6:
        return []
    out = [node] if node.type == kind else []
    for child in node.named_children:
        out.extend(_descendants_of_type(child, kind, depth + 1))
    return out


def receiver_of(method: Node) -> tuple[str, bool, frozenset[str]] | None:
    """(type name, pointer receiver, type parameter names) of a method."""
    params = method.child_by_field_name("receiver")
    decl = (
        next(
            (c for c in params.named_children if c.type == "parameter_declaration"),
            None,
        )
        if params
        else None
    )
    node = (
        go_ast.unparen(decl.child_by_field_name("type")) if decl is not None else None
    )
    pointer = False
    while node is not None and node.type in ("pointer_type", "parenthesized_type"):
        pointer = pointer or node.type == "pointer_type"
        node = next((c for c in node.named_children if c.type != "comment"), None)
    tparams: frozenset[str] = frozenset()
    if node is not None and node.type == "generic_type":
        args = node.child_by_field_name("type_arguments")
        if args is not None:
            tparams = frozenset(
                text(i) for e in args.named_children for i in e.named_children
            )
        node = node.child_by_field_name("type")
    if node is None or node.type != "type_identifier":
        return None
    return text(node), pointer, tparams


def _struct(node: Node, namer: TypeNamer, exported_only: bool) -> TypeDecl:
    decl = TypeDecl("struct")
    body = next(
        (c for c in node.named_children if c.type == "field_declaration_list"), None
    )
    for f in body.named_children if body is not None else ():
        if f.type != "field_declaration":
            continue
        type_name = namer.name(f.child_by_field_name("type"))
        names = f.children_by_field_name("name")
        if not names:
            pointer = any(c.type == "*" for c in f.children)
            decl.embeds.append(("*" if pointer else "") + type_name)
            continue
        for n in names:
            if not exported_only or text(n)[:1].isupper():
                decl.fields[text(n)] = type_name
    return decl


def _interface(node: Node, namer: TypeNamer) -> TypeDecl:
    decl = TypeDecl("interface")
    for elem in node.named_children:
        if elem.type == "method_elem":
            name = text(elem.child_by_field_name("name"))
            decl.methods[name] = namer.results(
                elem.child_by_field_name("result"), frozenset()
            )
        elif elem.type == "type_elem" and len(elem.named_children) == 1:
            embedded = elem.named_children[0]
            if embedded.type in ("type_identifier", "qualified_type", "generic_type"):
                decl.embeds.append(namer.name(embedded))
    return decl


def type_spec_decl(spec: Node, namer: TypeNamer, exported_only: bool) -> TypeDecl:
    type_node = spec.child_by_field_name("type")
    if spec.type == "type_alias":
        return TypeDecl("alias", target=namer.name(type_node))
    if type_node is not None and type_node.type == "struct_type":
        return _struct(type_node, namer, exported_only)
    if type_node is not None and type_node.type == "interface_type":
        return _interface(type_node, namer)
    return TypeDecl("named", target=namer.name(type_node))
