"""Where a value comes from: untrusted input, a temporary directory, or unknown.

Intra-procedural and syntactic: an expression is followed through
identifiers to their initialisers and later re-assignments (bounded).
Recognised sources are ``os.Args``, ``flag`` values (pointers and
``flag.StringVar(&v, …)`` targets), environment reads, stdin readers
(``bufio`` over ``os.Stdin``, ``fmt.Scan``), data of an ``*http.Request``
parameter (``r.URL``, ``r.FormValue(…)``, ``r.Header``, ``r.Body``, … but
not ``r.Context()`` or ``r.Method``), and other function parameters (the
weakest evidence). A parameter of an unexported function that the package
only ever calls directly is followed into the arguments of every call site
(:mod:`go_script_lint.analysis.callsites`), in whichever file they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from go_script_lint.analysis.callsites import parameter_arguments
from go_script_lint.analysis.constness import fixed_element
from go_script_lint.analysis.context import FileContext
from go_script_lint.analysis.dataflow import declaring_rhs, facts
from go_script_lint.analysis.scopes import Definition
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Location
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

__all__ = ["Source", "declaring_rhs", "input_source", "package_has_input", "sources_of"]

MAX_NODES = 400  # per query: bounds the work on huge expressions
MAX_HOPS = 12  # identifier → initialiser steps
PARAMETER_HOPS = 4  # a step into the callers costs more: at most ~3 levels of calls

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
# Request members that carry no client-chosen data worth tracking.
HTTP_NON_DATA = frozenset(
    {"Context", "Method", "ContentLength", "TLS", "ProtoMajor", "ProtoMinor", "Cancel"}
)
MAX_HTTP_SHOWN = 3  # selector / call levels shown when naming a request field

Follow = list[tuple[Node, int, FileContext]]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value came from.

    ``kind`` is one of ``args``, ``env``, ``flag``, ``stdin``, ``http``,
    ``param``, ``temp``, ``home``, ``self``, ``goroot``; ``node`` is the expression
    that produced it, in the file ``where`` (another file of the package when a
    parameter was followed to its call sites).
    """

    kind: str
    node: Node
    description: str
    where: FileContext

    def location(self, message: str) -> Location:
        """Where the value comes from, for a finding's related locations."""
        return self.where.location(self.node, message=message)

    @property
    def is_input(self) -> bool:
        """Untrusted input (not a parameter, temp or home directory)."""
        return self.kind in INPUT_KINDS


def _describe(kind: str, ctx: FileContext, node: Node) -> Source:
    snippet = " ".join(ctx.text(node).split())[:60]
    return Source(kind, node, f"from {_LABELS[kind]} (`{snippet}`)", ctx)


def package_has_input(ctx: FileContext) -> bool:
    """Whether any file of the package mentions an input source at all (cheap gate).

    A byte search for the names every source needs (``Args``, ``Getenv``,
    ``flag``, ``Stdin``, ``Scan``, ``Request``…): a package without any of them
    cannot produce an input source, so callers may skip the walk.
    """

    def scan() -> bool:
        return any(
            token in f.source for f in ctx.package.files for token in _INPUT_TOKENS
        )

    return ctx.package.memo(HAS_INPUT, scan)


HAS_INPUT: MemoKey[bool] = MemoKey("analysis.taint.has_input")
_INPUT_TOKENS = (
    b"Args",
    b"Getenv",
    b"LookupEnv",
    b"Environ",
    b"ExpandEnv",
    b"Stdin",
    b"Scan",
    b"Request",
    b"flag",
)


def sources_of(
    ctx: FileContext,
    expr: Node | None,
    stop: frozenset[str] = frozenset(),
    limit: int = MAX_NODES,
) -> list[Source]:
    """Every recognised origin of ``expr``, in the order found.

    Calls of a function named in ``stop`` (qualified, ``path/filepath.Base``)
    are not looked into: the caller treats their result as sanitised. At most
    ``limit`` nodes are visited.
    """
    if expr is None:
        return []
    found: list[Source] = []
    seen: set[tuple[int, int]] = set()
    stack: Follow = [(expr, 0, ctx)]
    visited = 0
    while stack and visited < limit:
        node, hops, where = stack.pop()
        key = (id(where), node.id)
        if key in seen:
            continue
        seen.add(key)
        visited += 1
        if stop and node.type == "call_expression" and where.callee(node) in stop:
            continue
        source, follow = _step(where, node, hops)
        if source is not None:
            found.append(source)
        stack.extend(follow)
    return found


def _step(ctx: FileContext, node: Node, hops: int) -> tuple[Source | None, Follow]:
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
            return None, [(element, hops, ctx)]
        # An element's value comes from the container; the index only selects.
        return None, [(operand, hops, ctx)] if operand is not None else []
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
    children = [(c, hops, ctx) for c in reversed(node.named_children)]
    return None, children


def _definition_step(
    ctx: FileContext, node: Node, definition: Definition, hops: int
) -> tuple[Source | None, Follow]:
    if definition.kind == "param":
        if _is_http_request(ctx, definition):
            field = _request_use(node)
            if field is None:
                return None, []
            return _describe("http", ctx, field), []
        later: Follow = [
            (v, hops + 1, ctx)
            for v in facts(ctx).assigned(definition.node, definition.name)
        ]
        arguments = parameter_arguments(ctx, definition)
        if arguments is None:
            return _describe("param", ctx, node), later
        step = hops + PARAMETER_HOPS
        return None, [(a.node, step, a.ctx) for a in arguments] + later
    bound = facts(ctx).bound(definition.node, definition.name)
    if bound is not None:
        return _describe(bound[0], ctx, bound[1]), []
    values: list[Node] = []
    value = definition.value
    if value is None and definition.kind in ("range", "var"):
        value = declaring_rhs(definition.node)
    if value is not None:
        values.append(value)
    if definition.kind in ("var", "range"):
        values.extend(facts(ctx).assigned(definition.node, definition.name))
    return None, [(v, hops + 1, ctx) for v in values]


def _request_use(ident: Node) -> Node | None:
    """The request data ``r`` is used for (``r.URL.Path``, ``r.FormValue("f")``).

    ``None`` when the use carries no client-chosen data (``r.Context()``).
    """
    node = ident
    for level in range(MAX_HTTP_SHOWN):
        parent = node.parent
        if parent is None:
            break
        if (
            parent.type == "selector_expression"
            and parent.child_by_field_name("operand") == node
        ):
            if (
                level == 0
                and go_ast.text(parent.child_by_field_name("field")) in HTTP_NON_DATA
            ):
                return None
            node = parent
        elif parent.type == "call_expression" and level > 0:
            node = parent
        else:
            break
    return node


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
