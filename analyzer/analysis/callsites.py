"""What a parameter holds, from the call sites of its function (inter-procedural).

A parameter of an unexported function (not a method, not ``main``/``init``)
that the package only ever calls directly, never passes around as a value,
holds exactly what its call sites pass. ``run("go", …)`` as the only call of
``func run(name string, …)`` makes ``name`` the constant ``"go"``; value
tracking (:mod:`~go_script_lint.analysis.taint`,
:mod:`~go_script_lint.analysis.constness`) follows the arguments instead of
stopping at "a function parameter".

"Only called directly" is checked by counting the function's name in the
package's code with comments removed: the declaration plus one per call. A
mention anywhere else (a function value, a string, a shadowing variable)
makes the answer "unknown", which is always safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node
from go_script_lint.golang.source_scan import word_pattern

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext
    from go_script_lint.analysis.scopes import Definition

__all__ = ["CallArgument", "function_calls", "parameter_arguments"]

_COMMENT = re.compile(rb"//[^\n]*|/\*.*?\*/", re.DOTALL)
ARGUMENTS: MemoKey[dict[int, tuple[CallArgument, ...] | None]] = MemoKey(
    "analysis.callsites.arguments"
)
CALLS: MemoKey[list[tuple[FileContext, Node]]] = MemoKey("analysis.callsites.calls")
CODE: MemoKey[list[bytes]] = MemoKey("analysis.callsites.code")
MENTIONS: MemoKey[list[int]] = MemoKey("analysis.callsites.mentions")
MAX_SITES = 32  # more call sites than this: not worth following


@dataclass(frozen=True, slots=True)
class CallArgument:
    """One call site's argument for a parameter, in the file ``ctx``."""

    ctx: FileContext
    node: Node


def parameter_arguments(
    ctx: FileContext, definition: Definition
) -> tuple[CallArgument, ...] | None:
    """The argument every call site passes for parameter ``definition``.

    ``None`` when the call sites are not all known (exported function,
    method, function value, variadic call, no caller at all).
    """
    cache = ctx.memo(ARGUMENTS, dict)
    key = definition.node.id
    if key not in cache:
        cache[key] = None  # recursion through the same parameter proves nothing
        cache[key] = _arguments(ctx, definition)
    return cache[key]


def _arguments(
    ctx: FileContext, definition: Definition
) -> tuple[CallArgument, ...] | None:
    decl = definition.node.parent
    plist = decl.parent if decl is not None else None
    func = plist.parent if plist is not None else None
    if (
        decl is None
        or plist is None
        or decl.type != "parameter_declaration"
        or func is None
        or func.type != "function_declaration"
        or func.child_by_field_name("parameters") != plist
    ):
        return None
    name_node = func.child_by_field_name("name")
    name = go_ast.text(name_node)
    if not name or not name[0].islower() or name in ("main", "init"):
        return None
    position = _position(plist, definition.node)
    mentions = _mentions(ctx.package, ctx.package_name, name)
    if mentions < 2 or mentions > MAX_SITES + 1:
        return None  # never called, or too often to be worth following
    sites = _package_calls(ctx.package, ctx.package_name, name)
    if mentions != len(sites) + 1:
        return None
    out: list[CallArgument] = []
    for site_ctx, call in sites:
        args = go_ast.call_args(call)
        if position is None or position >= len(args):
            return None
        if any(go_ast.is_variadic_arg(a) for a in args):
            return None
        fn = go_ast.call_function(call)
        target = site_ctx.resolver.lookup(fn) if fn is not None else None
        if target is None or target.node != name_node:
            return None
        out.append(CallArgument(site_ctx, args[position]))
    return tuple(out)


def function_calls(ctx: FileContext, func: Node) -> list[tuple[FileContext, Node]]:
    """Every direct call of the package-level function ``func`` in the package.

    Empty for methods, function literals and names also used as values.
    """
    if func.type != "function_declaration":
        return []
    name_node = func.child_by_field_name("name")
    name = go_ast.text(name_node)
    mentions = _mentions(ctx.package, ctx.package_name, name)
    if mentions < 2 or mentions > MAX_SITES + 1:
        return []
    sites = _package_calls(ctx.package, ctx.package_name, name)
    if mentions != len(sites) + 1:
        return []
    out = []
    for site_ctx, call in sites:
        fn = go_ast.call_function(call)
        target = site_ctx.resolver.lookup(fn) if fn is not None else None
        if target is not None and target.node == name_node:
            out.append((site_ctx, call))
    return out


def _position(plist: Node, name: Node) -> int | None:
    """Index of parameter ``name`` among all the function's parameters."""
    index = 0
    for decl in plist.named_children:
        if decl.type == "variadic_parameter_declaration":
            return None if name.parent == decl else index
        if decl.type != "parameter_declaration":
            continue
        names = decl.children_by_field_name("name")
        for n in names or [decl]:
            if n == name:
                return index
            index += 1
    return None


def _files(pkg: PackageContext, package_name: str) -> list[FileContext]:
    return [f for f in pkg.files if f.package_name == package_name]


def _package_calls(
    pkg: PackageContext, package_name: str, name: str
) -> list[tuple[FileContext, Node]]:
    """Calls ``name(…)`` in the package, found from the text (no tree query)."""

    def find() -> list[tuple[FileContext, Node]]:
        out: list[tuple[FileContext, Node]] = []
        pattern = word_pattern(name, rb"[\w.]", rb"\s*\(")
        _mentions(pkg, package_name, name)
        per_file = pkg.memo(MENTIONS.at(package_name, name), list)
        files = zip(
            _files(pkg, package_name), _code(pkg, package_name), per_file, strict=True
        )
        for f, code, mentioned in files:
            if not mentioned:
                continue  # most files never mention the function
            for match in pattern.finditer(code):
                ident = f.root.descendant_for_byte_range(
                    match.start(), match.start() + len(name)
                )
                call = ident.parent if ident is not None else None
                if (
                    ident is not None
                    and ident.type == "identifier"
                    and call is not None
                    and call.type == "call_expression"
                    and go_ast.call_function(call) == ident
                ):
                    out.append((f, call))
        return out

    return pkg.memo(CALLS.at(package_name, name), find)


def _code(pkg: PackageContext, package_name: str) -> list[bytes]:
    """The package's sources with comments blanked out (offsets kept)."""
    return pkg.memo(
        CODE.at(package_name),
        lambda: [
            _COMMENT.sub(lambda m: b" " * len(m.group(0)), f.source)
            for f in _files(pkg, package_name)
        ],
    )


def _mentions(pkg: PackageContext, package_name: str, name: str) -> int:
    """How often ``name`` occurs as a word in the package's code (comments removed).

    A word preceded by ``.`` is a selector's field, another name. Files whose
    bytes do not contain the name at all are skipped at C speed.
    """

    def count() -> list[int]:
        key = name.encode()
        word = word_pattern(name, rb"[\w.]", rb"\b")
        return [
            len(word.findall(code)) if key in code else 0
            for code in _code(pkg, package_name)
        ]

    per_file = pkg.memo(MENTIONS.at(package_name, name), count)
    return sum(per_file)
