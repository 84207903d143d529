"""The fields and types of structs, as encoders see them.

:func:`struct_fields` lists a struct's fields with their parsed tags (see
:mod:`.structtags`); :class:`TypeIndex` follows a package's named types to
their definitions, so embedded structs can be flattened
(:func:`promoted_fields`) the way ``encoding/json`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from go_script_lint.analysis.structtags import SourceTag, source_tag
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext


@dataclass(frozen=True, slots=True)
class Field:
    """One declared field (a multi-name declaration yields one per name)."""

    name: str  # the field name; for an embedded field, its type name
    name_node: Node | None  # None for embedded fields
    decl: Node  # the field_declaration
    type_node: Node | None
    tag: SourceTag | None
    embedded: bool

    @property
    def exported(self) -> bool:
        """Exported fields are the only ones encoders see."""
        return self.name[:1].isupper()

    def encoding_name(self, key: str = "json") -> str | None:
        """The name ``key`` encodes this field under; ``None`` when ignored (``-``)."""
        pair = self.tag.tag.get(key) if self.tag is not None else None
        if pair is not None:
            if pair.value == "-":
                return None
            if pair.name:
                return pair.name
        return self.name if self.exported else None

    def has_option(self, option: str, key: str = "json") -> bool:
        """The ``key`` tag carries ``option`` (``omitempty``, ``inline`` …)."""
        pair = self.tag.tag.get(key) if self.tag is not None else None
        return pair is not None and option in pair.options


def _type_name(node: Node | None) -> str:
    while node is not None and node.type in ("pointer_type", "generic_type"):
        node = next((c for c in node.named_children if c.type != "comment"), None)
    if node is None:
        return ""
    if node.type == "qualified_type":
        name = node.child_by_field_name("name")
        return go_ast.text(name)
    return go_ast.text(node)


def struct_fields(field_list: Node) -> list[Field]:
    """Fields of a ``field_declaration_list`` in declaration order."""
    out: list[Field] = []
    for decl in go_ast.named_children_of(field_list, "field_declaration"):
        type_node = decl.child_by_field_name("type")
        tag = source_tag(decl)
        names = decl.children_by_field_name("name")
        if not names:
            out.append(Field(_type_name(type_node), None, decl, type_node, tag, True))
            continue
        out.extend(Field(go_ast.text(n), n, decl, type_node, tag, False) for n in names)
    return out


def field_list_of(struct_type: Node | None) -> Node | None:
    """The ``field_declaration_list`` of a ``struct_type``."""
    if struct_type is None or struct_type.type != "struct_type":
        return None
    return next(go_ast.named_children_of(struct_type, "field_declaration_list"), None)


def type_specs(root: Node) -> Iterator[tuple[str, Node]]:
    """``(name, type node)`` of each top-level ``type`` spec of a file, in order."""
    for decl in go_ast.named_children_of(root, "type_declaration"):
        for spec in decl.named_children:
            if spec.type not in ("type_spec", "type_alias"):
                continue
            name = spec.child_by_field_name("name")
            typ = spec.child_by_field_name("type")
            if name is not None and typ is not None:
                yield go_ast.text(name), typ


#: The names of a file's type specs (:func:`type_specs`), kept without the tree.
TYPE_NAMES: MemoKey[tuple[str, ...]] = MemoKey("analysis.type-names")


def declared_type_names(ctx: FileContext) -> tuple[str, ...]:
    """Names :func:`type_specs` finds in ``ctx`` (read once per file)."""
    return ctx.memo(TYPE_NAMES, lambda: tuple(n for n, _ in type_specs(ctx.root)))


@dataclass
class TypeIndex:
    """Package-level type declarations of one package: name → type node.

    A file whose tree the engine let go (read for context only) is indexed
    by its type names; its tree is asked for only when one of them is.
    """

    types: dict[str, Node] = field(default_factory=dict)
    elsewhere: dict[str, FileContext] = field(default_factory=dict)

    def add_file(self, root: Node) -> None:
        """Index the top-level ``type`` declarations of one file."""
        for name, typ in type_specs(root):
            if name not in self.elsewhere:
                self.types.setdefault(name, typ)

    def add_context(self, ctx: FileContext) -> None:
        """Index one file of the package, reading its tree only if it is kept."""
        if ctx.holds_tree:
            self.add_file(ctx.root)
            return
        for name in declared_type_names(ctx):
            if name not in self.types:
                self.elsewhere.setdefault(name, ctx)

    def type_node(self, name: str) -> Node | None:
        """The type a package-level type name is declared as, if declared here."""
        found = self.types.get(name)
        if found is None and name in self.elsewhere:
            ctx = self.elsewhere.pop(name)
            found = next(t for n, t in type_specs(ctx.root) if n == name)
            self.types[name] = found
        return found

    def resolve(self, node: Node | None, max_depth: int = 16) -> Node | None:
        """Follow local named types (``type Region string``) to their definition."""
        for _ in range(max_depth):
            if node is None or node.type != "type_identifier":
                return node
            nxt = self.type_node(go_ast.text(node))
            if nxt is None:
                return node
            node = nxt
        return node

    def struct_of(self, node: Node | None) -> Node | None:
        """The ``field_declaration_list`` a (pointer to a) local struct type has."""
        node = self.resolve(unwrap_pointer(node))
        return field_list_of(unwrap_pointer(node))


def unwrap_pointer(node: Node | None, max_depth: int = 16) -> Node | None:
    """Strip ``*`` and parentheses around a type."""
    for _ in range(max_depth):
        if node is None or node.type not in ("pointer_type", "parenthesized_type"):
            return node
        node = next((c for c in node.named_children if c.type != "comment"), None)
    return node


def promoted_fields(
    field_list: Node, index: TypeIndex, key: str = "json", max_depth: int = 4
) -> list[tuple[Field, int]]:
    """Fields as an encoder sees them, with embedded structs flattened (and their depth).

    Only embedded structs of this package without a ``key`` name are
    promoted; an embedded type from another package cannot be resolved
    without its sources and is kept as one opaque field.
    """
    out: list[tuple[Field, int]] = []
    seen: set[int] = {field_list.id}
    level = [field_list]
    for depth in range(max_depth + 1):
        following: list[Node] = []
        for current in level:
            for f in struct_fields(current):
                pair = f.tag.tag.get(key) if f.tag is not None else None
                named = pair is not None and bool(pair.name) and pair.value != "-"
                inner = (
                    index.struct_of(f.type_node) if f.embedded and not named else None
                )
                if inner is not None and depth < max_depth:
                    if (
                        inner.id not in seen
                    ):  # a struct embedding itself through a pointer
                        seen.add(inner.id)
                        following.append(inner)
                else:
                    out.append((f, depth))
        level = following
        if not level:
            break
    return out


# -- package-level helpers ------------------------------------------------------


def package_files(
    pkg: PackageContext, package_name: str | None = None
) -> list[FileContext]:
    """The package's non-test files (of one package clause name, when given)."""
    files = [f for f in pkg.files if not f.path.endswith("_test.go")]
    if package_name is None:
        names = sorted({f.package_name for f in files if f.package_name})
        package_name = "main" if "main" in names else (names[0] if names else None)
    return [f for f in files if package_name is None or f.package_name == package_name]


#: Per package clause name (``.at(package_name)``).
TYPE_INDEX: MemoKey[TypeIndex] = MemoKey("analysis.type-index")


def type_index(pkg: PackageContext, package_name: str | None = None) -> TypeIndex:
    """Type declarations of the package (cached per package)."""

    def build() -> TypeIndex:
        index = TypeIndex()
        for f in package_files(pkg, package_name):
            index.add_context(f)
        return index

    return pkg.memo(TYPE_INDEX.at(package_name), build)


def file_of(pkg: PackageContext, node: Node) -> FileContext | None:
    """The file of the package a node belongs to."""
    root = node
    for _ in range(10_000):
        if root.parent is None:
            break
        root = root.parent
    return pkg.file_with_root(root)
