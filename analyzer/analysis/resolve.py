"""Name resolution without a type checker: imports, scopes and constants.

Rules ask two questions: "which package function is this call?" (through
import aliases and dot imports, and never when a local variable shadows the
package name) and "is this expression a compile-time constant, and what is
its value?" (string and integer constants, variables assigned exactly once
from a constant, ``+`` and ``|`` of constants, ``filepath.Join``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from go_script_lint.golang import go_ast
from go_script_lint.golang.go_ast import FUNCTION_KINDS, text
from go_script_lint.golang.parsing import Node, query_captures

MAX_DEPTH = 48  # bound on constant folding through identifiers and operators

_VERSION_SUFFIX = re.compile(r"v[0-9]+")


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


@dataclass(frozen=True, slots=True)
class Definition:
    """Where a name is declared.

    ``value`` is the initialising expression when one maps to this name
    (``a, b := 1, 2``), else ``None`` (``x, err := f()``, parameters).
    ``resolver`` is the file the declaration lives in.
    """

    name: str
    kind: str  # const | var | param | type | func | range
    node: Node
    value: Node | None
    scope: Node | None  # None for package level
    resolver: Resolver


def _spec_definitions(
    spec: Node, kind: str, scope: Node | None, res: Resolver
) -> list[Definition]:
    names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
    values = go_ast.expression_list_items(spec.child_by_field_name("value"))
    mapped = len(values) == len(names)
    return [
        Definition(text(n), kind, n, values[i] if mapped else None, scope, res)
        for i, n in enumerate(names)
    ]


def declarations_of(node: Node, scope: Node | None, res: Resolver) -> list[Definition]:
    """Names that ``node`` (a statement or clause) declares for what follows it."""
    kind = node.type
    if kind == "short_var_declaration":
        left = go_ast.expression_list_items(node.child_by_field_name("left"))
        right = go_ast.expression_list_items(node.child_by_field_name("right"))
        mapped = len(left) == len(right)
        return [
            Definition(text(n), "var", n, right[i] if mapped else None, scope, res)
            for i, n in enumerate(left)
            if n.type == "identifier"
        ]
    if kind in ("var_declaration", "const_declaration"):
        spec_kind = "var_spec" if kind == "var_declaration" else "const_spec"
        out: list[Definition] = []
        specs = list(go_ast.named_children_of(node, spec_kind))
        for group in go_ast.named_children_of(node, "var_spec_list"):
            specs.extend(go_ast.named_children_of(group, "var_spec"))
        for spec in specs:
            out.extend(
                _spec_definitions(
                    spec, "var" if kind == "var_declaration" else "const", scope, res
                )
            )
        return out
    if kind == "type_declaration":
        return [
            Definition(text(n), "type", n, None, scope, res)
            for spec in node.named_children
            if (n := spec.child_by_field_name("name")) is not None
        ]
    if kind == "parameter_list":
        return [
            Definition(text(n), "param", n, None, scope, res)
            for p in node.named_children
            for n in p.children_by_field_name("name")
        ]
    if kind == "for_clause":
        init = node.child_by_field_name("initializer")
        return declarations_of(init, scope, res) if init is not None else []
    if kind in ("range_clause", "receive_statement"):
        if not any(c.type == ":=" for c in node.children):
            return []
        return [
            Definition(text(n), "range", n, None, scope, res)
            for n in go_ast.expression_list_items(node.child_by_field_name("left"))
            if n.type == "identifier"
        ]
    if kind == "communication_case":
        comm = node.child_by_field_name("communication")
        return declarations_of(comm, scope, res) if comm is not None else []
    return []


@dataclass(frozen=True, slots=True)
class _LocalDecl:
    """Where a local name is declared and the byte range in which it is visible."""

    visible_from: int
    scope_start: int
    scope_end: int
    name_node: Node
    stmt: Node
    container: Node


def _declaration_site(ident: Node) -> tuple[Node, Node, int] | None:
    """(declaring statement, scope container, first visible byte) of a declared name."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "expression_list":
        stmt = parent.parent
        if stmt is None:
            return None
        if stmt.type == "type_switch_statement":
            value = stmt.child_by_field_name("value")
            return stmt, stmt, (value or parent).end_byte
        container = stmt.parent
        if container is not None and container.type == "for_clause":
            container = container.parent
        return (stmt, container, stmt.end_byte) if container is not None else None
    if parent.type in ("parameter_declaration", "variadic_parameter_declaration"):
        plist = parent.parent
        container = plist.parent if plist is not None else None
        if plist is None or container is None:
            return None
        return plist, container, plist.end_byte
    stmt = parent.parent  # var_spec / const_spec / type_spec → its declaration
    if stmt is not None and stmt.type == "var_spec_list":
        stmt = stmt.parent
    container = stmt.parent if stmt is not None else None
    if stmt is None or container is None or container.type == "source_file":
        return None  # package level: see Resolver.top_level
    return stmt, container, stmt.end_byte


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
        self._sites: dict[int, _LocalDecl | None] = {}
        self._definitions: dict[int, Definition] = {}
        self._top: dict[str, Definition] | None = None
        self._mutated: dict[int, frozenset[str]] = {}

    # -- declarations -------------------------------------------------------

    @property
    def top_level(self) -> dict[str, Definition]:
        """Package-level names declared in this file."""
        if self._top is None:
            top: dict[str, Definition] = {}
            for child in self.root.named_children:
                if child.type in ("function_declaration",):
                    name = child.child_by_field_name("name")
                    if name is not None:
                        top[text(name)] = Definition(
                            text(name), "func", name, None, None, self
                        )
                else:
                    for d in declarations_of(child, None, self):
                        top.setdefault(d.name, d)
            self._top = top
        return self._top

    def _local_index(self) -> dict[str, list[Node]]:
        """Every locally declared name of the file → its declaring identifiers.

        Built once from one query, so a lookup checks a few candidates instead
        of walking the ancestors of every identifier; where each candidate is
        visible is worked out only when its name is looked up.
        """
        if self._locals is None:
            index: dict[str, list[Node]] = {}
            for ident in query_captures(_DECLARED_NAMES_QUERY, self.root).get("n", []):
                index.setdefault(text(ident), []).append(ident)
            self._locals = index
        return self._locals

    def _site(self, ident: Node) -> _LocalDecl | None:
        key = ident.id
        if key in self._sites:
            return self._sites[key]
        found = _declaration_site(ident)
        decl = None
        if found is not None:
            stmt, container, visible_from = found
            decl = _LocalDecl(
                visible_from,
                container.start_byte,
                container.end_byte,
                ident,
                stmt,
                container,
            )
        self._sites[key] = decl
        return decl

    def _definition(self, decl: _LocalDecl) -> Definition | None:
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
        """The innermost local declaration of ``name`` visible at ``ident``."""
        idents = self._local_index().get(name or text(ident))
        if not idents:
            return None
        pos = ident.start_byte
        best: _LocalDecl | None = None
        for declared in idents:
            c = self._site(declared)
            if c is None:
                continue
            visible = c.scope_start <= pos < c.scope_end and c.visible_from <= pos
            inner = best is None or (c.scope_start, c.visible_from) > (
                best.scope_start,
                best.visible_from,
            )
            if visible and inner:
                best = c
        return self._definition(best) if best is not None else None

    def lookup(self, ident: Node) -> Definition | None:
        """Local, then file-level, then package-level declaration of an identifier."""
        name = text(ident)
        local = self.lookup_local(ident, name)
        if local is not None:
            return local
        top = self.top_level.get(name)
        if top is not None:
            return top
        if self._package_lookup is not None:
            return self._package_lookup(name)
        return None

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


_DECLARED_NAMES_QUERY = """
(short_var_declaration left: (expression_list (identifier) @n))
(parameter_declaration name: (identifier) @n)
(variadic_parameter_declaration name: (identifier) @n)
(var_spec name: (identifier) @n)
(const_spec name: (identifier) @n)
(range_clause left: (expression_list (identifier) @n))
(receive_statement left: (expression_list (identifier) @n))
(type_switch_statement alias: (expression_list (identifier) @n))
(type_spec name: (type_identifier) @n)
(type_alias name: (type_identifier) @n)
"""

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
