"""The package-qualified name of a written type: ``http.Server`` → ``net/http.Server``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext


def qualified_type(ctx: FileContext, type_node: Node | None) -> str | None:
    """``net/http.Server`` for the type ``http.Server`` (through import aliases)."""
    if type_node is None or type_node.type != "qualified_type":
        return None
    package = type_node.child_by_field_name("package")
    path = ctx.resolver.is_package_name(package) if package is not None else None
    name = go_ast.text(type_node.child_by_field_name("name"))
    return f"{path}.{name}" if path is not None else None
