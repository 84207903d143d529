"""Where a value comes from: untrusted input, a temporary directory, or unknown.

Intra-procedural and syntactic: an expression is followed through
identifiers to their initialisers and later re-assignments (bounded).
Recognised sources are ``os.Args``, ``flag`` values (pointers and
``flag.StringVar(&v, …)`` targets), environment reads, stdin readers
(``bufio`` over ``os.Stdin``, ``fmt.Scan``), fields of an ``*http.Request``
parameter, and other function parameters (the weakest evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from go_script_lint.analysis.constness import fixed_element
from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.dataflow import declaring_rhs, facts
from go_script_lint.analysis.scopes import Definition
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

__all__ = ["Source", "declaring_rhs", "input_source", "sources_of"]

MAX_NODES = 400  # per query: bounds the work on huge expressions
MAX_HOPS = 12  # identifier → initialiser steps

ENV_SOURCES = frozenset(
    {"os.Getenv", "os.LookupEnv", "os.Environ", "syscall.Getenv", "os.ExpandEnv"}
)
STDIN_NAMES = frozenset({"os.Stdin"})
TEMP_SOURCES = frozenset(
    {
        "os.MkdirTemp",
        "os.TempDir",
        "os.CreateTemp",
        "io/ioutil.TempDir",
        "io/ioutil.TempFile",
    }
)
HOME_SOURCES = frozenset(
    {"os.UserHomeDir", "os/user.Current", "os.UserConfigDir", "os.UserCacheDir"}
)
SELF_SOURCES = frozenset({"os.Executable"})
GOROOT_SOURCES = frozenset({"runtime.GOROOT"})
FLAG_ARGS = frozenset({"flag.Arg", "flag.Args"})
FLAG_NON_SOURCES = frozenset(
    {
        "flag.Parse",
        "flag.Parsed",
        "flag.NArg",
        "flag.NFlag",
        "flag.Usage",
        "flag.PrintDefaults",
        "flag.Set",
        "flag.CommandLine",
    }
)
# Builtins whose result carries no data of their operand worth tracking.
OPAQUE_BUILTINS = frozenset({"len", "cap"})
_TEMP_HELPER = re.compile(r"(?i)tmp|tempdir|tempfile|mktemp")
INPUT_KINDS = frozenset({"args", "env", "flag", "stdin", "http"})
_LABELS = {
    "args": "command-line arguments",
    "env": "the environment",
    "flag": "a command-line flag",
    "stdin": "standard input",
    "http": "an HTTP request",
    "param": "a function parameter",
    "temp": "a temporary directory",
    "home": "the home directory",
    "self": "the running program itself",
    "goroot": "the Go installation",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value came from.

    ``kind`` is one of ``args``, ``env``, ``flag``, ``stdin``, ``http``,
    ``param``, ``temp``, ``home``, ``self``, ``goroot``; ``node`` is the expression that
    produced it.
    """

    kind: str
    node: Node
    description: str

    @property
    def is_input(self) -> bool:
        """Untrusted input (not a parameter, temp or home directory)."""
        return self.kind in INPUT_KINDS


def _describe(kind: str, ctx: FileContext, node: Node) -> Source:
    snippet = " ".join(ctx.text(node).split())[:60]
    return Source(kind, node, f"from {_LABELS[kind]} (`{snippet}`)")


def sources_of(ctx: FileContext, expr: Node | None) -> list[Source]:
    """Every recognised origin of ``expr``, in the order found."""
    if expr is None:
        return []
    found: list[Source] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(expr, 0)]
    visited = 0
    while stack and visited < MAX_NODES:
        node, hops = stack.pop()
        if node.id in seen:
            continue
        seen.add(node.id)
        visited += 1
        source, follow = _step(ctx, node, hops)
        if source is not None:
            found.append(source)
        stack.extend(follow)
    return found


def _step(
    ctx: FileContext, node: Node, hops: int
) -> tuple[Source | None, list[tuple[Node, int]]]:
    """One node: the source it is, or the nodes its value comes from."""
    kind = node.type
    if kind == "selector_expression":
        name = ctx.qualified_name(node)
        if name == "os.Args":
            return _describe("args", ctx, node), []
        if name in STDIN_NAMES:
            return _describe("stdin", ctx, node), []
    elif kind == "index_expression":
        operand = node.child_by_field_name("operand")
        if ctx.qualified_name(operand) == "os.Args":
            index = ctx.int_value(node.child_by_field_name("index"))
            return _describe("self" if index == 0 else "args", ctx, node), []
        element = fixed_element(ctx, node)
        if element is not None:
            return None, [(element, hops)]
        # An element's value comes from the container; the index only selects.
        return None, [(operand, hops)] if operand is not None else []
    elif kind == "call_expression":
        source = _call_source(ctx, node)
        if source is not None:
            return source, []
        fn = go_ast.call_function(node)
        if (
            fn is not None
            and fn.type == "identifier"
            and ctx.text(fn) in OPAQUE_BUILTINS
        ):
            return None, []
    elif kind == "identifier":
        if hops >= MAX_HOPS:
            return None, []
        definition = ctx.resolver.lookup(node)
        if definition is None:
            return None, []
        return _definition_step(ctx, node, definition, hops)
    elif kind in (
        "func_literal",
        "type_identifier",
        "qualified_type",
        "field_identifier",
    ):
        return None, []
    children = [(c, hops) for c in reversed(node.named_children)]
    return None, children


def _definition_step(
    ctx: FileContext, node: Node, definition: Definition, hops: int
) -> tuple[Source | None, list[tuple[Node, int]]]:
    if definition.kind == "param":
        kind = "http" if _is_http_request(ctx, definition) else "param"
        return _describe(kind, ctx, node), []
    bound = facts(ctx).bound.get(definition.node.id)
    if bound is not None:
        return _describe(bound[0], ctx, bound[1]), []
    values: list[Node] = []
    value = definition.value
    if value is None and definition.kind in ("range", "var"):
        value = declaring_rhs(definition.node)
    if value is not None:
        values.append(value)
    if definition.kind in ("var", "range"):
        values.extend(facts(ctx).assigned.get(definition.node.id, ()))
    return None, [(v, hops + 1) for v in values]


def _call_source(ctx: FileContext, call: Node) -> Source | None:
    callee = ctx.callee(call)
    if callee is not None:
        kind = None
        if callee in ENV_SOURCES:
            kind = "env"
        elif callee in TEMP_SOURCES:
            kind = "temp"
        elif callee in HOME_SOURCES:
            kind = "home"
        elif callee in SELF_SOURCES:
            kind = "self"
        elif callee in GOROOT_SOURCES:
            kind = "goroot"
        elif callee in FLAG_ARGS:
            kind = "args"
        elif (
            callee.startswith("flag.")
            and callee not in FLAG_NON_SOURCES
            and callee[5:6].isupper()
        ):
            kind = "flag"
        if kind is not None:
            return _describe(kind, ctx, call)
    if _is_test_tempdir(call) or (callee is None and _names_temp_helper(call)):
        return _describe("temp", ctx, call)
    return None


def _names_temp_helper(call: Node) -> bool:
    """A local helper such as ``mktmpdir(t)`` or ``makeTempDir()``: by its name."""
    fn = go_ast.call_function(call)
    if fn is not None and fn.type == "selector_expression":
        fn = fn.child_by_field_name("field")
    return fn is not None and _TEMP_HELPER.search(go_ast.text(fn)) is not None


def _is_test_tempdir(call: Node) -> bool:
    """``t.TempDir()`` / ``b.TempDir()`` on a testing value."""
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return False
    parts = go_ast.selector_parts(fn)
    return parts is not None and parts[1] == "TempDir"


def _is_http_request(ctx: FileContext, definition: Definition) -> bool:
    """A parameter declared as ``*http.Request`` (or ``http.Request``)."""
    decl = definition.node.parent
    type_node = decl.child_by_field_name("type") if decl is not None else None
    if type_node is not None and type_node.type == "pointer_type":
        type_node = next(iter(type_node.named_children), None)
    if type_node is None or type_node.type != "qualified_type":
        return False
    package = type_node.child_by_field_name("package")
    name = type_node.child_by_field_name("name")
    if package is None or ctx.text(name) != "Request":
        return False
    return ctx.resolver.is_package_name(package) == "net/http"


def input_source(ctx: FileContext, expr: Node | None) -> Source | None:
    """The first untrusted-input origin of ``expr``, if any."""
    return next((s for s in sources_of(ctx, expr) if s.is_input), None)
