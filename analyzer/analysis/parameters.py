"""The parameters struct of a script and its cross-check with the declared schema.

The struct marked ``//go-script:parameters`` (or ``// go-script:parameters``,
as gofmt writes it) carries the parameters; without a marker, the struct of
the entrypoint's package whose ``json`` names best cover the declared
parameters. GSL402 to GSL406 share the binding through :func:`crosscheck`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.analysis.flag_bindings import script_inputs
from go_script_lint.analysis.input_names import bound_outside_struct
from go_script_lint.analysis.package_manifest import manifest_of, parameter_schema
from go_script_lint.analysis.struct_types import (
    Field,
    TypeIndex,
    field_list_of,
    package_files,
    promoted_fields,
    struct_fields,
    type_index,
    unwrap_pointer,
)
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node
from go_script_lint.project.manifest import Schema

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext


# -- the parameters struct -------------------------------------------------------

MARKER = re.compile(r"^//\s?go-script:parameters\b")


@dataclass(frozen=True, slots=True)
class StructDecl:
    """A package-level struct type."""

    name: str
    spec: Node
    fields: Node  # its field_declaration_list
    file: FileContext


@dataclass(frozen=True, slots=True)
class Binding:
    """Which struct carries the parameters, and how it was chosen.

    ``how`` is ``marker`` (a ``//go-script:parameters`` comment), ``coverage``
    (its ``json`` names cover the parameters best) or ``none`` (``detail`` says
    why no struct was convincing).
    """

    struct: StructDecl | None
    how: str
    detail: str = ""


def package_structs(
    pkg: PackageContext, package_name: str | None = None, mentioning: bytes = b""
) -> list[StructDecl]:
    """Package-level struct types, in file and declaration order.

    ``mentioning``: only from files whose source has these bytes (a file
    read for context only is parsed again when its tree is asked for).
    """
    out: list[StructDecl] = []
    for f in package_files(pkg, package_name):
        if mentioning not in f.source:
            continue
        for decl in go_ast.named_children_of(f.root, "type_declaration"):
            for spec in go_ast.named_children_of(decl, "type_spec"):
                name = spec.child_by_field_name("name")
                fields = field_list_of(spec.child_by_field_name("type"))
                if name is not None and fields is not None:
                    out.append(StructDecl(go_ast.text(name), spec, fields, f))
    return out


def _is_marker(node: Node | None, target: Node) -> bool:
    """A marker comment directly above ``target`` (or trailing on its first line)."""
    while node is not None and node.type == "comment":
        if (
            MARKER.match(go_ast.text(node))
            and target.start_point.row - node.end_point.row <= 1
        ):
            return True
        if target.start_point.row - node.end_point.row > 1:
            return False
        node = node.prev_named_sibling
    return False


def marked_structs(
    pkg: PackageContext, package_name: str | None = None
) -> list[StructDecl]:
    """Structs marked ``//go-script:parameters`` (``// go-script:parameters`` after gofmt)."""
    out: list[StructDecl] = []
    for decl in package_structs(pkg, package_name, mentioning=b"go-script:parameters"):
        parent = decl.spec.parent
        if _is_marker(decl.spec.prev_named_sibling, decl.spec) or (
            parent is not None
            and parent.type == "type_declaration"
            and _is_marker(parent.prev_named_sibling, parent)
        ):
            out.append(decl)
    return out


#: Per package name and parameter names (``.at(package_name, names)``).
BINDING: MemoKey[Binding] = MemoKey("analysis.parameters-binding")


def bind_parameters(
    pkg: PackageContext, names: list[str], package_name: str | None = None
) -> Binding:
    """The struct that carries the parameters ``names`` (cached per package)."""
    key = BINDING.at(package_name, tuple(names))
    return pkg.memo(key, lambda: _bind(pkg, names, package_name))


def _bind(pkg: PackageContext, names: list[str], package_name: str | None) -> Binding:
    marked = marked_structs(pkg, package_name)
    if marked:
        return Binding(marked[0], "marker")
    if not names:
        return Binding(None, "none", "no parameters to match")
    index = type_index(pkg, package_name)
    wanted = {n.lower() for n in names}
    scored: list[tuple[int, int, StructDecl]] = []
    for decl in package_structs(pkg, package_name):
        carried = [f.encoding_name() for f, _ in promoted_fields(decl.fields, index)]
        exact = len(set(names) & {c for c in carried if c})
        loose = len(wanted & {c.lower() for c in carried if c})
        if loose:
            scored.append((loose, exact, decl))
    if not scored:
        return Binding(None, "none", "no struct's `json` names match any parameter")
    scored.sort(key=lambda s: (-s[0], -s[1]))
    best = scored[0]
    tied = [s for s in scored if s[:2] == best[:2]]
    if len(tied) > 1:
        shown = ", ".join(f"`{s[2].name}`" for s in tied[:3])
        return Binding(None, "none", f"{shown} match equally well")
    if best[0] * 2 < len(names):
        return Binding(
            None,
            "none",
            f"the best, `{best[2].name}`, carries only {best[0]} of {len(names)} parameters",
        )
    return Binding(best[2], "coverage")


def nested_structs(decl: StructDecl, max_structs: int = 64) -> list[Node]:
    """Field lists of ``decl`` and of the structs nested in it (local types, inline structs)."""
    index = type_index(decl.file.package, decl.file.package_name)
    out = [decl.fields]
    seen = {decl.fields.id}
    i = 0
    while i < len(out) and len(out) < max_structs:
        for f in struct_fields(out[i]):
            for inner in _struct_lists_in_type(f.type_node, index):
                if inner.id not in seen:
                    seen.add(inner.id)
                    out.append(inner)
        i += 1
    return out


def _struct_lists_in_type(node: Node | None, index: TypeIndex) -> list[Node]:
    """Struct field lists reachable from a field type (through *, [], map values)."""
    out: list[Node] = []
    for _ in range(8):
        node = unwrap_pointer(node)
        if node is None:
            break
        if node.type in ("slice_type", "array_type", "map_type"):
            node = node.child_by_field_name("element") or node.child_by_field_name(
                "value"
            )
            continue
        resolved = index.resolve(node)
        fl = field_list_of(unwrap_pointer(resolved))
        if fl is not None:
            out.append(fl)
        break
    return out


# -- the cross-check context shared by GSL402-GSL405 ------------------------------


@dataclass(frozen=True)
class CrossCheck:
    """A package's declared parameters and the struct bound to them."""

    schema: Schema
    binding: Binding
    fields: tuple[
        tuple[Field, int], ...
    ]  # the bound struct's fields, embedded ones promoted
    index: TypeIndex
    package_name: str | None


def _entry_package(pkg: PackageContext) -> str | None:
    manifest = manifest_of(pkg)
    ref = manifest.reference("entrypoint") if manifest is not None else None
    if ref is not None:
        target = (pkg.abs_dir / ref.value).resolve()
        for f in pkg.files:
            if f.abspath.resolve() == target and f.package_name:
                return f.package_name
    return None


CROSSCHECK: MemoKey[CrossCheck | None] = MemoKey("analysis.crosscheck")


def crosscheck(pkg: PackageContext) -> CrossCheck | None:
    """What GSL402-GSL405 compare (cached per package); ``None`` when nothing applies."""
    return pkg.memo(CROSSCHECK, lambda: _crosscheck(pkg))


def _crosscheck(pkg: PackageContext) -> CrossCheck | None:
    schema = parameter_schema(pkg)
    if schema is None or not package_files(pkg):
        return None
    package_name = _entry_package(pkg)
    if schema.origin == "schema" and pkg.manifest_path is None:
        # --schema-path applies to every directory: only to scripts (package main) or marked structs.
        names = {f.package_name for f in package_files(pkg)}
        if "main" not in names and not marked_structs(pkg, package_name):
            return None
    # A parameter a flag or environment read binds does not vote for a struct.
    inputs = script_inputs(pkg, package_name)
    free = [p.name for p in schema.parameters if not bound_outside_struct(p, inputs)]
    binding = bind_parameters(pkg, free, package_name)
    index = type_index(pkg, package_name)
    fields = (
        tuple(promoted_fields(binding.struct.fields, index))
        if binding.struct is not None
        else ()
    )
    return CrossCheck(schema, binding, fields, index, package_name)


def field_for(check: CrossCheck, name: str) -> Field | None:
    """The field carrying parameter ``name``: exact name first, then case-insensitive (as encoding/json)."""
    loose: Field | None = None
    for f, _ in check.fields:
        carried = f.encoding_name()
        if carried == name:
            return f
        if loose is None and carried is not None and carried.lower() == name.lower():
            loose = f
    return loose
