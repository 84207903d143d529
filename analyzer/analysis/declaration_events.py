"""One file's package-level declarations as a list of events, replayed into a package.

:func:`collect` reads a file's declarations straight into a package's
:class:`~.declarations.PackageDecls`. The engine cannot keep the tree of every
file it reads for context only (a generated sibling costs ~22 bytes of tree per
byte of source), so a file's declarations are first read into events that
hold no nodes, and replayed in file order: the package's declarations are the
same as if every tree had been kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.analysis.declarations import (
    PackageDecls,
    Results,
    TypeDecl,
    TypeNamer,
    receiver_of,
    type_parameters,
    type_spec_decl,
)
from go_script_lint.analysis.scopes import declaration_specs
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import text
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext


@dataclass(frozen=True, slots=True)
class FuncDeclared:
    """``func name(…) results``."""

    name: str
    results: Results


@dataclass(frozen=True, slots=True)
class MethodDeclared:
    """``func (r *type_name) name(…) results``."""

    type_name: str
    name: str
    results: Results
    pointer: bool


@dataclass(frozen=True, slots=True)
class TypeDeclared:
    """``type name …`` (replayed as a copy: the package's entry is mutated)."""

    name: str
    decl: TypeDecl


@dataclass(frozen=True, slots=True)
class VarDeclared:
    """``var name type`` (``type_name``) or ``var name = value`` (``value``)."""

    name: str
    type_name: str | None
    value: tuple[Node, TypeNamer] | None


DeclarationEvent = FuncDeclared | MethodDeclared | TypeDeclared | VarDeclared

#: The analysed package's declarations in one file (its own types bare).
FILE_DECLARATIONS: MemoKey[tuple[DeclarationEvent, ...]] = MemoKey(
    "analysis.file-declarations"
)


def file_declarations(ctx: FileContext) -> tuple[DeclarationEvent, ...]:
    """The declarations ``ctx`` adds to its package, read once per file.

    Initialisers are not kept: nothing but the standard-library index
    generator types variables from them, and they would keep the tree alive.
    """
    return ctx.memo(
        FILE_DECLARATIONS,
        lambda: declaration_events(
            ctx.root,
            TypeNamer(ctx.imports.by_name, ""),
            exported_only=False,
            keep_values=False,
        ),
    )


def collect(
    root: Node,
    namer: TypeNamer,
    into: PackageDecls,
    exported_only: bool,
) -> None:
    """Add the package-level declarations of one file to ``into`` (first one wins)."""
    replay(declaration_events(root, namer, exported_only, keep_values=True), into)


def _exported(name: str) -> bool:
    return name[:1].isupper()


def declaration_events(
    root: Node, namer: TypeNamer, exported_only: bool, keep_values: bool
) -> tuple[DeclarationEvent, ...]:
    """The package-level declarations of one file, in file order.

    ``keep_values``: keep the initialiser node of an untyped variable (else
    only that it has one, which is enough for first-declaration-wins).
    """
    keep: Callable[[str], bool] = _exported if exported_only else (lambda _n: True)
    out: list[DeclarationEvent] = []
    for child in root.named_children:
        kind = child.type
        if kind == "function_declaration":
            name = text(child.child_by_field_name("name"))
            if name and keep(name):
                tparams = type_parameters(child.child_by_field_name("type_parameters"))
                result = namer.results(child.child_by_field_name("result"), tparams)
                out.append(FuncDeclared(name, result))
        elif kind == "method_declaration":
            recv = receiver_of(child)
            name = text(child.child_by_field_name("name"))
            if recv is None or not name or not keep(name) or not keep(recv[0]):
                continue
            type_name, pointer, tparams = recv
            result = namer.results(child.child_by_field_name("result"), tparams)
            out.append(MethodDeclared(type_name, name, result, pointer))
        elif kind == "type_declaration":
            for spec in child.named_children:
                if spec.type not in ("type_spec", "type_alias"):
                    continue
                name = text(spec.child_by_field_name("name"))
                if name and keep(name):
                    decl = type_spec_decl(spec, namer, exported_only)
                    out.append(TypeDeclared(name, decl))
        elif kind == "var_declaration":
            out.extend(_var_events(child, namer, keep, keep_values))
    return tuple(out)


def _var_events(
    node: Node, namer: TypeNamer, keep: Callable[[str], bool], keep_values: bool
) -> list[VarDeclared]:
    out: list[VarDeclared] = []
    for spec, _ in declaration_specs(node) or ():
        names = [text(n) for n in spec.children_by_field_name("name")]
        type_node = spec.child_by_field_name("type")
        values = go_ast.expression_list_items(spec.child_by_field_name("value"))
        for i, name in enumerate(names):
            if not keep(name):
                continue
            if type_node is not None:
                out.append(VarDeclared(name, namer.name(type_node), None))
            elif len(values) == len(names):
                value = (values[i], namer) if keep_values else None
                out.append(VarDeclared(name, None, value))
    return out


def replay(events: tuple[DeclarationEvent, ...], into: PackageDecls) -> None:
    """Apply one file's events to its package: the first declaration wins,
    except that a type's methods merge whichever comes first."""
    for event in events:
        if isinstance(event, FuncDeclared):
            into.funcs.setdefault(event.name, event.results)
        elif isinstance(event, MethodDeclared):
            decl = into.types.setdefault(event.type_name, TypeDecl("named"))
            if event.name not in decl.methods:
                decl.methods[event.name] = event.results
                if event.pointer:
                    decl.pointer_methods.add(event.name)
        elif isinstance(event, TypeDeclared):
            _replay_type(event, into)
        elif event.name not in into.vars and event.name not in into.var_values:
            if event.type_name is not None:
                into.vars[event.name] = event.type_name
            else:
                into.var_values[event.name] = event.value


def _replay_type(event: TypeDeclared, into: PackageDecls) -> None:
    source = event.decl
    # A copy built directly: `dataclasses.replace` reads the fields anew each time.
    decl = TypeDecl(
        kind=source.kind,
        methods=dict(source.methods),
        pointer_methods=set(source.pointer_methods),
        fields=dict(source.fields),
        embeds=list(source.embeds),
        target=source.target,
    )
    previous = into.types.get(event.name)
    if previous is not None:  # methods may come first (file order)
        decl.methods = {**decl.methods, **previous.methods}
        decl.pointer_methods |= previous.pointer_methods
        if previous.kind != "named" or previous.target:
            return
    into.types[event.name] = decl
