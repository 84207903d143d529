"""Name resolution without a type checker: imports, scopes and constants.

Rules ask two questions: "which package function is this call?" (through
import aliases and dot imports, and never when a local variable shadows the
package name) and "is this expression a compile-time constant, and what is
its value?" (string and integer constants, variables assigned exactly once
from a constant, ``+`` and ``|`` of constants, ``filepath.Join``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from go_script_lint.analysis.imports import ImportTable
from go_script_lint.analysis.scopes import (
    DECLARED_NAMES_QUERY,
    Definition,
    LocalDecl,
    NameSites,
    declarations_of,
)
from go_script_lint.analysis.top_level import TopLevel
from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import FUNCTION_KINDS, text
from go_script_lint.golang.parsing import Node, query_captures

_ANY_ORDER = frozenset({"n"})  # NameSites orders declarations itself
MAX_DEPTH = 48  # bound on constant folding through identifiers and operators


class Resolver:
    """Per-file name resolution with caches; one per analysed file."""

    def __init__(
        self,
        root: Node,
        imports: ImportTable,
        package_lookup: Callable[[str], Definition | None] | None = None,
    ) -> None:
        """Resolve names in the tree ``root``.

        Args:
            root: The file's ``source_file`` node.
            imports: Its import table.
            package_lookup: Finds package-level names declared in the other
                files of the same package (``None`` for a lone file).
        """
        self.root = root
        self.imports = imports
        self._package_lookup = package_lookup
        self._locals: dict[str, list[Node]] | None = None
        self._declared: list[Node] | None = None  # handed over, not indexed yet
        self._sites: dict[str, NameSites] = {}
        self._local_answers: dict[int, Definition | None] = {}
        self._answers: dict[int, Definition | None] = {}
        self._qualified: dict[int, str | None] = {}
        self._definitions: dict[int, Definition] = {}
        self._top_level: TopLevel | None = None
        self._mutated: dict[int, frozenset[str]] = {}

    # -- declarations -------------------------------------------------------

    def _top(self) -> TopLevel:
        top = self._top_level
        if top is None:
            top = self._top_level = TopLevel(self.root, self)
        return top

    def top_level_names(self) -> list[str]:
        """Package-level names declared in this file, in declaration order."""
        return self._top().names()

    def top_level_variables(self) -> frozenset[str] | None:
        """Package-level variables of this file (``None``: a broken file, any name)."""
        return self._top().variable_names()

    def top_definition(self, name: str) -> Definition | None:
        """This file's package-level declaration of ``name``."""
        return self._top().get(name)

    def _local_index(self) -> dict[str, list[Node]]:
        """Every locally declared name of the file → its declaring identifiers.

        Built once from one query (or from the captures the engine's query
        pass handed over, :meth:`adopt_declared_names`), so a lookup checks a
        few candidates instead of walking the ancestors of every identifier;
        where each candidate is visible is worked out only when its name is
        looked up.
        """
        if self._locals is None:
            idents = self._declared
            if idents is None:
                caps = query_captures(DECLARED_NAMES_QUERY, self.root, _ANY_ORDER)
                idents = caps.get("n", [])
            self._declared = None
            index: dict[str, list[Node]] = {}
            for ident in idents:
                raw = ident.text  # inlined go_ast.text: one call per declared name
                name = "" if raw is None else raw.decode("utf-8", errors="replace")
                found = index.get(name)
                if found is None:
                    index[name] = [ident]
                else:
                    found.append(ident)
            self._locals = index
        return self._locals

    def declares_locally(self, name: str) -> bool:
        """Whether any declaration :meth:`lookup_local` can find names ``name``."""
        return name in self._local_index()

    def adopt_declared_names(self, idents: list[Node]) -> None:
        """The captures of :data:`DECLARED_NAMES_QUERY` over the file, in any order."""
        if self._locals is None:
            self._declared = idents

    def _name_sites(self, name: str) -> NameSites | None:
        sites = self._sites.get(name)
        if sites is None:
            idents = self._local_index().get(name)
            if not idents:
                return None
            sites = self._sites[name] = NameSites(idents)
        return sites

    def _definition(self, decl: LocalDecl) -> Definition | None:
        cached = self._definitions.get(decl.name_node.id)
        if cached is not None:
            return cached
        container = decl.container
        scope = (
            container
            if container.type in FUNCTION_KINDS
            else go_ast.enclosing_function(decl.stmt)
        )
        if decl.stmt.type == "type_switch_statement":
            defs = [
                Definition(
                    text(decl.name_node), "range", decl.name_node, None, scope, self
                )
            ]
        else:
            defs = declarations_of(decl.stmt, scope, self)
        for d in defs:
            self._definitions[d.node.id] = d
        return self._definitions.get(decl.name_node.id)

    def lookup_local(self, ident: Node, name: str | None = None) -> Definition | None:
        """The innermost local declaration of ``name`` visible at ``ident``.

        ``name`` is ``text(ident)`` when the caller has it already. Answers are
        kept per identifier: several rules ask about the same one.
        """
        key = ident.id
        try:
            return self._local_answers[key]
        except KeyError:
            pass
        sites = self._name_sites(name if name is not None else text(ident))
        best = sites.innermost(ident.start_byte) if sites is not None else None
        found = self._definition(best) if best is not None else None
        self._local_answers[key] = found
        return found

    def lookup(self, ident: Node) -> Definition | None:
        """Local, then file-level, then package-level declaration of an identifier."""
        key = ident.id
        try:
            return self._answers[key]
        except KeyError:
            pass
        name = text(ident)
        found = self.lookup_local(ident, name)
        if found is None:
            found = self._top().get(name)
        if found is None and self._package_lookup is not None:
            found = self._package_lookup(name)
        self._answers[key] = found
        return found

    def is_package_name(self, ident: Node) -> str | None:
        """Import path when ``ident`` names an imported package here (not shadowed)."""
        path = self.imports.by_name.get(text(ident))
        if path is None or self.lookup_local(ident) is not None:
            return None
        return path

    # -- calls --------------------------------------------------------------

    def qualified_name(self, node: Node | None) -> str | None:
        """``"os/exec.Command"`` for ``exec.Command`` / ``x.Command`` / dot-imported ``Command``."""
        node = go_ast.unparen(node)
        if node is None:
            return None
        key = node.id
        try:
            return self._qualified[key]
        except KeyError:
            pass
        found = self._qualify(node)
        self._qualified[key] = found
        return found

    def _qualify(self, node: Node) -> str | None:
        if node.type == "selector_expression":
            parts = go_ast.selector_parts(node)
            if parts is None:
                return None
            operand, field = parts
            if operand.type != "identifier":
                return None
            path = self.is_package_name(operand)
            return f"{path}.{field}" if path is not None else None
        if node.type == "identifier" and len(self.imports.dot_imports) == 1:
            if self.lookup(node) is not None:
                return None
            return f"{self.imports.dot_imports[0]}.{text(node)}"
        return None

    def callee(self, call: Node) -> str | None:
        """Qualified name of the function a ``call_expression`` calls, if known."""
        if call.type != "call_expression":
            return None
        return self.qualified_name(go_ast.call_function(call))

    # -- constants ----------------------------------------------------------

    def _mutated_names(self, scope: Node | None) -> frozenset[str]:
        root = scope if scope is not None else self.root
        cached = self._mutated.get(root.id)
        if cached is not None:
            return cached
        caps = query_captures(_MUTATION_QUERY, root)
        names = frozenset(text(n) for n in caps.get("m", []))
        self._mutated[root.id] = names
        return names

    def is_single_assignment(self, d: Definition) -> bool:
        """A variable that is never re-assigned, incremented or address-taken."""
        if d.kind == "const":
            return True
        if d.kind != "var" or d.value is None:
            return False
        return d.name not in d.resolver._mutated_names(d.scope)

    def definition_value(self, ident: Node) -> tuple[Node, Resolver] | None:
        """The constant initialiser an identifier stands for, with its file's resolver."""
        d = self.lookup(ident)
        if d is None or d.value is None or not self.is_single_assignment(d):
            return None
        return d.value, d.resolver

    def const_value(self, node: Node | None, depth: int = 0) -> str | int | None:
        """Value of a constant string or integer expression, else ``None``."""
        node = go_ast.unparen(node)
        if node is None or depth > MAX_DEPTH:
            return None
        kind = node.type
        if kind in go_ast.STRING_KINDS:
            return go_ast.string_literal_value(node)
        if kind == "int_literal":
            return go_ast.int_literal_value(node)
        if kind == "identifier":
            found = self.definition_value(node)
            if found is None:
                return None
            value, res = found
            return res.const_value(value, depth + 1)
        if kind == "binary_expression":
            return self._binary(node, depth)
        if kind == "call_expression":
            return self._const_call(node, depth)
        if kind == "selector_expression":
            return _WELL_KNOWN_CONSTANTS.get(self.qualified_name(node) or "")
        return None

    def _binary(self, node: Node, depth: int) -> str | int | None:
        op = node.child_by_field_name("operator")
        left = self.const_value(node.child_by_field_name("left"), depth + 1)
        if left is None:
            return None
        right = self.const_value(node.child_by_field_name("right"), depth + 1)
        if right is None or type(left) is not type(right):
            return None
        operator = text(op)
        if operator == "+":
            return left + right  # type: ignore[operator]
        if isinstance(left, int) and isinstance(right, int):
            return _INT_OPS[operator](left, right) if operator in _INT_OPS else None
        return None

    def _const_call(self, node: Node, depth: int) -> str | int | None:
        callee = self.callee(node)
        args = go_ast.call_args(node)
        if callee in ("path/filepath.Join", "path.Join"):
            parts = [self.const_value(a, depth + 1) for a in args]
            if any(not isinstance(p, str) for p in parts):
                return None
            joined = posixpath.join(*[str(p) for p in parts if p]) if parts else ""
            return posixpath.normpath(joined) if joined else ""
        if callee in _CONVERSIONS and len(args) == 1:
            return self.const_value(args[0], depth + 1)
        fn = go_ast.call_function(node)
        if (
            fn is not None
            and fn.type in ("identifier", "type_identifier")
            and len(args) == 1
        ):
            name = text(fn)
            if name in _BUILTIN_CONVERSIONS and self.lookup(fn) is None:
                return self.const_value(args[0], depth + 1)
        return None

    def string_value(self, node: Node | None) -> str | None:
        """Value of a constant string expression."""
        value = self.const_value(node)
        return value if isinstance(value, str) else None

    def int_value(self, node: Node | None) -> int | None:
        """Value of a constant integer expression."""
        value = self.const_value(node)
        return value if isinstance(value, int) else None


_MUTATION_QUERY = """
(assignment_statement left: (expression_list (identifier) @m))
(inc_statement (identifier) @m)
(dec_statement (identifier) @m)
(unary_expression operator: "&" operand: (identifier) @m)
"""

_INT_OPS: dict[str, Callable[[int, int], int]] = {
    "|": lambda a, b: a | b,
    "&": lambda a, b: a & b,
    "^": lambda a, b: a ^ b,
    "&^": lambda a, b: a & ~b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "<<": lambda a, b: a << b if 0 <= b < 64 else 0,
}

_CONVERSIONS = frozenset({"os.FileMode", "io/fs.FileMode"})
_BUILTIN_CONVERSIONS = frozenset(
    {"string", "int", "int32", "int64", "uint", "uint32", "uint64", "uintptr"}
)

# Exported constants of the standard library that rules compare against.
_WELL_KNOWN_CONSTANTS: dict[str, str | int] = {
    "os.ModePerm": 0o777,
    "io/fs.ModePerm": 0o777,
    "os.ModeSetuid": 1 << 23,
    "os.ModeSetgid": 1 << 22,
    "os.ModeSticky": 1 << 20,
    "os.ModeDir": 1 << 31,
    "io/fs.ModeDir": 1 << 31,
    "io/fs.ModeSetuid": 1 << 23,
    "io/fs.ModeSetgid": 1 << 22,
    "io/fs.ModeSticky": 1 << 20,
    "os.PathSeparator": 47,
    "os.O_RDONLY": 0x0,
    "os.O_WRONLY": 0x1,
    "os.O_RDWR": 0x2,
    "os.O_APPEND": 0x400,
    "os.O_CREATE": 0x40,
    "os.O_EXCL": 0x80,
    "os.O_SYNC": 0x101000,
    "os.O_TRUNC": 0x200,
}
