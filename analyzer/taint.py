"""Where a value comes from: untrusted input, a temporary directory, or unknown.

Intra-procedural and syntactic: an expression is followed through
identifiers to their initialisers (bounded), and recognised sources are
``os.Args``, environment reads, ``flag`` values, stdin readers and function
parameters (the weakest evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer import go_ast
from analyzer.context import FileContext
from analyzer.parsing import Node

MAX_NODES = 400  # per query: bounds the work on huge expressions
MAX_HOPS = 12  # identifier → initialiser steps

ENV_SOURCES = frozenset({"os.Getenv", "os.LookupEnv", "os.Environ", "syscall.Getenv", "os.ExpandEnv"})
STDIN_NAMES = frozenset({"os.Stdin"})
TEMP_SOURCES = frozenset({"os.MkdirTemp", "os.TempDir", "os.CreateTemp", "io/ioutil.TempDir", "io/ioutil.TempFile"})
HOME_SOURCES = frozenset({"os.UserHomeDir", "os/user.Current", "os.UserConfigDir", "os.UserCacheDir"})
FLAG_NON_SOURCES = frozenset({"flag.Parse", "flag.Parsed", "flag.NArg", "flag.NFlag", "flag.Usage", "flag.PrintDefaults", "flag.Set", "flag.CommandLine"})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value came from.

    ``kind`` is one of ``args``, ``env``, ``flag``, ``stdin``, ``param``,
    ``temp``, ``home``; ``node`` is the expression that produced it.
    """

    kind: str
    node: Node
    description: str

    @property
    def is_input(self) -> bool:
        """Untrusted input (not a parameter, temp or home directory)."""
        return self.kind in ("args", "env", "flag", "stdin")


def _describe(kind: str, ctx: FileContext, node: Node) -> Source:
    labels = {
        "args": "command-line arguments",
        "env": "the environment",
        "flag": "a command-line flag",
        "stdin": "standard input",
        "param": "a function parameter",
        "temp": "a temporary directory",
        "home": "the home directory",
    }
    return Source(kind, node, f"from {labels[kind]} (`{ctx.text(node)[:60]}`)")


def sources_of(ctx: FileContext, expr: Node | None) -> list[Source]:
    """Every recognised origin of ``expr``, in the order found."""
    if expr is None:
        return []
    found: list[Source] = []
    seen: set[int] = set()
    stack: list[tuple[Node, FileContext, int]] = [(expr, ctx, 0)]
    visited = 0
    while stack and visited < MAX_NODES:
        node, fctx, hops = stack.pop()
        if node.id in seen:
            continue
        seen.add(node.id)
        visited += 1
        kind = node.type
        if kind == "selector_expression":
            name = fctx.qualified_name(node)
            if name == "os.Args":
                found.append(_describe("args", fctx, node))
                continue
            if name in STDIN_NAMES:
                found.append(_describe("stdin", fctx, node))
                continue
        elif kind == "call_expression":
            callee = fctx.callee(node)
            if callee is not None:
                source = _call_source(callee)
                if source is not None:
                    found.append(_describe(source, fctx, node))
                    continue
            if _is_test_tempdir(fctx, node):
                found.append(_describe("temp", fctx, node))
                continue
        elif kind == "identifier" and hops < MAX_HOPS:
            definition = fctx.resolver.lookup(node)
            if definition is not None:
                if definition.kind == "param":
                    found.append(_describe("param", fctx, node))
                    continue
                value = definition.value
                if value is None and definition.kind in ("range", "var"):
                    value = _declaring_rhs(definition.node)
                if value is not None:
                    stack.append((value, fctx, hops + 1))
                continue
        stack.extend((c, fctx, hops) for c in reversed(node.named_children))
    return found


def _call_source(callee: str) -> str | None:
    if callee in ENV_SOURCES:
        return "env"
    if callee in TEMP_SOURCES:
        return "temp"
    if callee in HOME_SOURCES:
        return "home"
    if callee.startswith("flag.") and callee not in FLAG_NON_SOURCES and callee[5:6].isupper():
        return "flag"
    return None


def _is_test_tempdir(ctx: FileContext, call: Node) -> bool:
    """``t.TempDir()`` / ``b.TempDir()`` on a testing value."""
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return False
    parts = go_ast.selector_parts(fn)
    return parts is not None and parts[1] == "TempDir"


def _declaring_rhs(name_node: Node) -> Node | None:
    """For ``x, err := f()`` or ``for _, x := range xs``: the right-hand side."""
    parent = name_node.parent
    if parent is not None and parent.type == "expression_list":
        parent = parent.parent
    if parent is None:
        return None
    if parent.type in ("short_var_declaration", "range_clause", "receive_statement"):
        return parent.child_by_field_name("right")
    if parent.type == "var_spec":
        return parent.child_by_field_name("value")
    return None


def input_source(ctx: FileContext, expr: Node | None) -> Source | None:
    """The first untrusted-input origin of ``expr``, if any."""
    return next((s for s in sources_of(ctx, expr) if s.is_input), None)
