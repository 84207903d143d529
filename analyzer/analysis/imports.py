"""The imports of one Go file: paths and the names they bind.

A package is bound under its explicit name, or the name its import path
conventionally gives (``math/rand/v2`` → ``rand``, ``gopkg.in/yaml.v3`` →
``yaml``); ``.`` and ``_`` imports are kept apart.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

_VERSION_SUFFIX = re.compile(r"v[0-9]+")


@functools.lru_cache(maxsize=4096)  # a run imports few distinct paths, many times
def default_package_name(path: str) -> str:
    """The package name an import path conventionally binds (``math/rand/v2`` → ``rand``)."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return path
    last = parts[-1]
    if _VERSION_SUFFIX.fullmatch(last) and len(parts) > 1:
        last = parts[-2]
    last = re.sub(r"\.v[0-9]+$", "", last)  # gopkg.in/yaml.v3
    if last.startswith("go-"):
        last = last[3:]
    if last.endswith("-go"):
        last = last[:-3]
    return last.replace("-", "_").replace(".", "_")


@dataclass(frozen=True, slots=True)
class ImportSpec:
    """One import: its path, the name it binds (``.``/``_`` kept), and its node."""

    path: str
    name: str
    explicit_name: bool
    node: Node


class ImportTable:
    """The imports of one file."""

    def __init__(self, root: Node) -> None:
        """Read every import declaration directly below ``root``."""
        self.specs: list[ImportSpec] = []
        for decl in go_ast.named_children_of(root, "import_declaration"):
            specs = list(go_ast.named_children_of(decl, "import_spec"))
            for group in go_ast.named_children_of(decl, "import_spec_list"):
                specs.extend(go_ast.named_children_of(group, "import_spec"))
            for spec in specs:
                path_node = spec.child_by_field_name("path")
                path = (
                    go_ast.string_literal_value(path_node)
                    if path_node is not None
                    else None
                )
                if not path:
                    continue
                name_node = spec.child_by_field_name("name")
                if name_node is None:
                    self.specs.append(
                        ImportSpec(path, default_package_name(path), False, spec)
                    )
                else:
                    self.specs.append(ImportSpec(path, text(name_node), True, spec))
        self.by_name: dict[str, str] = {
            s.name: s.path for s in self.specs if s.name not in (".", "_")
        }
        self.dot_imports: tuple[str, ...] = tuple(
            s.path for s in self.specs if s.name == "."
        )
        self.paths: frozenset[str] = frozenset(s.path for s in self.specs)
