"""Archive entries without a type checker: ``*zip.File`` and ``*tar.Header`` values.

An identifier is an archive entry when it ranges over a ``….File`` slice in a
file importing ``archive/zip`` (``for _, f := range r.File``), holds the
result of ``….Next()`` in a file importing ``archive/tar`` (``hdr, err :=
tr.Next()``), or is declared with one of those types (parameters, ``var``).
GSL212 reads entry names, GSL218 entry contents (``f.Open()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from go_script_lint.analysis.dataflow import declaring_rhs, facts
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

ZIP = "archive/zip"
TAR = "archive/tar"
ENTRY_TYPES = {"File": ZIP, "FileHeader": ZIP, "Header": TAR}
NAME_FIELDS = frozenset({"Name", "Linkname"})


def archive_entry(ctx: FileContext, node: Node | None) -> str | None:
    """``archive/zip`` or ``archive/tar`` when ``node`` is an entry of that archive."""
    node = go_ast.unparen(node)
    if node is None:
        return None
    if node.type == "selector_expression":
        parts = go_ast.selector_parts(node)
        if parts is not None and parts[1] == "FileHeader":
            return archive_entry(ctx, parts[0])
        return None
    if node.type != "identifier":
        return None
    definition = ctx.resolver.lookup(node)
    if definition is None:
        return None
    declared = _declared_type(definition.node)
    if declared is not None:
        return declared
    paths = ctx.imports.paths
    values = [declaring_rhs(definition.node), definition.value]
    values.extend(facts(ctx).assigned(definition.node, definition.name))
    parent = definition.node.parent
    in_range = parent is not None and (
        parent.type == "range_clause"
        or (parent.parent is not None and parent.parent.type == "range_clause")
    )
    for value in values:
        value = go_ast.unparen(value)
        if value is None:
            continue
        items = (
            go_ast.expression_list_items(value)
            if value.type == "expression_list"
            else [value]
        )
        for item in items:
            if in_range and ZIP in paths and _field_named(item, "File"):
                return ZIP
            if item.type == "call_expression" and TAR in paths:
                fn = go_ast.call_function(item)
                if fn is not None and _field_named(fn, "Next"):
                    return TAR
    return None


def entry_name(ctx: FileContext, node: Node) -> tuple[str, str] | None:
    """``(archive, field)`` for ``f.Name`` / ``hdr.Linkname`` of an archive entry."""
    if node.type != "selector_expression":
        return None
    parts = go_ast.selector_parts(node)
    if parts is None or parts[1] not in NAME_FIELDS:
        return None
    archive = archive_entry(ctx, parts[0])
    return (archive, parts[1]) if archive is not None else None


def _field_named(node: Node, field: str) -> bool:
    parts = go_ast.selector_parts(node) if node.type == "selector_expression" else None
    return parts is not None and parts[1] == field


def _declared_type(name: Node) -> str | None:
    """The archive a parameter or ``var`` is declared an entry of (``f *zip.File``)."""
    decl = name.parent
    if decl is None or decl.type not in ("parameter_declaration", "var_spec"):
        return None
    type_node = decl.child_by_field_name("type")
    while type_node is not None and type_node.type == "pointer_type":
        type_node = next(iter(type_node.named_children), None)
    if type_node is None or type_node.type != "qualified_type":
        return None
    package = go_ast.text(type_node.child_by_field_name("package"))
    kind = go_ast.text(type_node.child_by_field_name("name"))
    archive = ENTRY_TYPES.get(kind)
    return archive if archive is not None and archive.endswith("/" + package) else None
