"""Is a value fixed by the program text, even when it is not a Go constant?

``resolve.Resolver.const_value`` folds true constants. Rules that must stay
quiet on fixed values also accept values *built only from constants*:
``fmt.Sprintf`` / ``strings.Join`` / ``filepath.Join`` of constants, a
variable whose every assignment is constant (``sh := "sh"; if win { sh =
"cmd" }``), ``exec.LookPath("git")``, ``runtime.GOOS``, an element of a constant table
(``tools[name]`` where ``tools`` is a literal of constants), and a parameter
every call site passes a constant for (:mod:`~go_script_lint.analysis.callsites`).
"""

from __future__ import annotations

from go_script_lint.analysis.callsites import parameter_arguments
from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.dataflow import declaring_rhs, facts
from go_script_lint.analysis.scopes import Definition
from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

MAX_DEPTH = 16

# Functions whose result is fixed when every argument is.
PURE_CALLS = frozenset(
    {
        "fmt.Sprintf",
        "fmt.Sprint",
        "fmt.Sprintln",
        "path/filepath.Join",
        "path/filepath.Clean",
        "path/filepath.FromSlash",
        "path/filepath.ToSlash",
        "path.Join",
        "path.Clean",
        "strings.Join",
        "strings.ToLower",
        "strings.ToUpper",
        "strings.TrimSpace",
        "strings.Repeat",
        "strings.ReplaceAll",
        "strings.Replace",
        "strconv.Itoa",
        "strconv.Quote",
        "os/exec.LookPath",
    }
)
CONSTANT_SELECTORS = frozenset(
    {"runtime.GOOS", "runtime.GOARCH", "runtime.Compiler", "os.DevNull"}
)
LITERAL_KINDS = frozenset(
    {
        "interpreted_string_literal",
        "raw_string_literal",
        "int_literal",
        "float_literal",
        "rune_literal",
        "imaginary_literal",
        "true",
        "false",
        "nil",
        "iota",
    }
)


#: Per file: identifier declaration → whether it holds a constant.
CONSTANT_IDENTIFIERS: MemoKey[dict[int, bool]] = MemoKey("analysis.constness")


def is_constant(ctx: FileContext, node: Node | None, depth: int = 0) -> bool:
    """True when ``node``'s value depends on nothing but the program text."""
    node = go_ast.unparen(node)
    if node is None or depth > MAX_DEPTH:
        return False
    kind = node.type
    if kind in LITERAL_KINDS:
        return True
    if kind == "binary_expression":
        return all(
            is_constant(ctx, node.child_by_field_name(f), depth + 1)
            for f in ("left", "right")
        )
    if kind == "selector_expression":
        name = ctx.qualified_name(node)
        return name in CONSTANT_SELECTORS or ctx.resolver.const_value(node) is not None
    if kind == "call_expression":
        return _constant_call(ctx, node, depth)
    if kind == "composite_literal":
        body = node.child_by_field_name("body")
        return body is not None and all(
            is_constant(ctx, v, depth + 1) for v in _literal_values(body)
        )
    if kind == "index_expression":
        element = fixed_element(ctx, node)
        if element is not None:
            return is_constant(ctx, element, depth + 1)
        # An element of a table of constants is one of those constants.
        return is_constant(ctx, node.child_by_field_name("operand"), depth + 1)
    if kind == "identifier":
        return _constant_identifier(ctx, node, depth)
    return False


def _literal_values(body: Node) -> list[Node]:
    """Element values of a ``literal_value`` (keys of keyed elements skipped)."""
    out: list[Node] = []
    for element in body.named_children:
        if element.type == "keyed_element":
            parts = [c for c in element.named_children if c.type != "comment"]
            element = parts[-1] if parts else element
        if element.type == "literal_element":
            out.extend(c for c in element.named_children if c.type != "comment")
    return out


def _constant_call(ctx: FileContext, call: Node, depth: int) -> bool:
    if ctx.resolver.const_value(call) is not None:
        return True
    callee = ctx.callee(call)
    args = go_ast.call_args(call)
    if callee not in PURE_CALLS:
        fn = go_ast.call_function(call)
        # Conversions such as string(b) keep constness; other calls are opaque.
        if fn is None or fn.type != "identifier" or ctx.text(fn) != "string":
            return False
    for arg in args:
        value = go_ast.variadic_operand(arg) if go_ast.is_variadic_arg(arg) else arg
        if not is_constant(ctx, value, depth + 1):
            return False
    return True


def _constant_identifier(ctx: FileContext, ident: Node, depth: int) -> bool:
    definition = ctx.resolver.lookup(ident)
    if definition is None:
        return False
    if definition.kind == "const":
        return True
    if definition.kind not in ("var", "range", "param"):
        return False
    cache = ctx.memo(CONSTANT_IDENTIFIERS, dict)
    key = definition.node.id
    if key not in cache:
        cache[key] = False  # a cycle (`s = s + "x"`) proves nothing
        cache[key] = (
            _constant_parameter(ctx, definition, depth)
            if definition.kind == "param"
            else _constant_definition(ctx, definition, depth)
        )
    return cache[key]


def _constant_parameter(ctx: FileContext, definition: Definition, depth: int) -> bool:
    """A parameter every call site passes a constant for (never re-assigned)."""
    if facts(ctx).assigned(definition.node, definition.name):
        return False
    arguments = parameter_arguments(ctx, definition)
    return arguments is not None and all(
        is_constant(a.ctx, a.node, depth + 1) for a in arguments
    )


def _constant_definition(ctx: FileContext, definition: Definition, depth: int) -> bool:
    info = facts(ctx)
    if info.address_taken(definition.node, definition.name):
        return False
    values: list[Node] = []
    value = definition.value
    if value is None:
        rhs = declaring_rhs(definition.node)
        holder = definition.node.parent
        local = definition.scope is not None
        if rhs is None and local and holder is not None and holder.type == "var_spec":
            value = None  # `var s string`: the zero value, then assignments
        elif rhs is None or (
            definition.kind == "var" and not _first_name(definition.node)
        ):
            return False
        else:
            items = go_ast.expression_list_items(rhs)
            if len(items) != 1:
                return False
            value = items[0]
    if value is not None:
        values.append(value)
    values.extend(info.assigned(definition.node, definition.name))
    return all(is_constant(ctx, v, depth + 1) for v in values)


def _first_name(name: Node) -> bool:
    """``p`` in ``p, err := f()``: the only result that carries ``f``'s value."""
    left = name.parent
    if left is None or left.type != "expression_list":
        return True
    return left.named_children[:1] == [name]


def constant_strings(ctx: FileContext, node: Node | None) -> list[str]:
    """Every string a variable may hold when all its assignments are constants."""
    node = go_ast.unparen(node)
    if node is None:
        return []
    value = ctx.string_value(node)
    if value is not None:
        return [value]
    if node.type != "identifier":
        return []
    definition = ctx.resolver.lookup(node)
    if definition is not None and definition.kind == "range":
        return _range_literal_strings(ctx, definition.node)
    if definition is None or definition.kind != "var" or definition.value is None:
        return []
    info = facts(ctx)
    if info.address_taken(definition.node, definition.name):
        return []
    out: list[str] = []
    for v in (definition.value, *info.assigned(definition.node, definition.name)):
        s = ctx.string_value(v)
        if s is None:
            return []
        out.append(s)
    return out


def _range_literal_strings(ctx: FileContext, name: Node) -> list[str]:
    """``sh`` of ``for _, sh := range []string{"pwsh", "powershell"}``: each element."""
    left = name.parent
    clause = (
        left.parent if left is not None and left.type == "expression_list" else None
    )
    if clause is None or clause.type != "range_clause":
        return []
    names = go_ast.expression_list_items(left)
    if len(names) != 2 or names[1].id != name.id:
        return []  # the index, not the element
    info = facts(ctx)
    name_text = go_ast.text(name)
    if info.address_taken(name, name_text) or info.assigned(name, name_text):
        return []
    literal = go_ast.unparen(clause.child_by_field_name("right"))
    body = literal.child_by_field_name("body") if literal is not None else None
    if literal is None or literal.type != "composite_literal" or body is None:
        return []
    out: list[str] = []
    for element in body.named_children:
        if element.type == "comment":
            continue
        value = ctx.string_value(
            element.named_children[0] if element.named_children else element
        )
        if element.type == "keyed_element" or value is None:
            return []
        out.append(value)
    return out


def fixed_element(ctx: FileContext, index_expr: Node) -> Node | None:
    """``args[0]`` where ``args := []string{"go", …}`` only grows by ``append``.

    Appending never changes an existing element, so element ``i`` of the
    literal is still the value at ``i``.
    """
    operand = go_ast.unparen(index_expr.child_by_field_name("operand"))
    index = ctx.int_value(index_expr.child_by_field_name("index"))
    if operand is None or operand.type != "identifier" or index is None:
        return None
    definition = ctx.resolver.lookup(operand)
    if definition is None or definition.kind != "var" or definition.value is None:
        return None
    info = facts(ctx)
    if info.address_taken(definition.node, definition.name):
        return None
    literal = go_ast.unparen(definition.value)
    if literal is None or literal.type != "composite_literal":
        return None
    for value in info.assigned(definition.node, definition.name):
        if not _appends_to(ctx, value, definition.name):
            return None
    body = literal.child_by_field_name("body")
    if body is None or any(c.type == "keyed_element" for c in body.named_children):
        return None
    items = _literal_values(body)
    return items[index] if 0 <= index < len(items) else None


def _appends_to(ctx: FileContext, value: Node, name: str) -> bool:
    value = go_ast.unparen(value) or value
    if value.type != "call_expression":
        return False
    fn = go_ast.call_function(value)
    args = go_ast.call_args(value)
    return (
        fn is not None
        and ctx.text(fn) == "append"
        and bool(args)
        and ctx.text(args[0]) == name
    )
