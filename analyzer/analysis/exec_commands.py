"""The argument vector of process-creating calls, as far as it is known statically."""

from __future__ import annotations

import ntpath
import posixpath
from dataclasses import dataclass

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.rule import last_identifiers
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

# callee → (index of the program argument, how the remaining argv is passed)
#   "variadic": exec.Command(name, arg...)     "slice": os.StartProcess(name, argv []string, …)
EXEC_CALLS: dict[str, tuple[int, str]] = {
    "os/exec.Command": (0, "variadic"),
    "os/exec.CommandContext": (1, "variadic"),
    "os.StartProcess": (0, "slice"),
    "syscall.Exec": (0, "slice"),
    "syscall.ForkExec": (0, "slice"),
    "golang.org/x/sys/unix.Exec": (0, "slice"),
}
#: What :func:`exec_argv` calls are named (a rule's ``call_names``).
EXEC_CALL_NAMES = last_identifiers(EXEC_CALLS)


@dataclass(frozen=True, slots=True)
class Argv:
    """A call's program and arguments.

    ``args`` are the nodes after the program; ``complete`` is False when a
    spread or an opaque slice hides some of them.
    """

    callee: str
    program: Node
    args: tuple[Node, ...]
    complete: bool


def exec_argv(ctx: FileContext, call: Node) -> Argv | None:
    """Program and argument nodes of an exec-family call, or ``None``."""
    callee = ctx.callee(call)
    spec = EXEC_CALLS.get(callee or "")
    if spec is None or callee is None:
        return None
    index, style = spec
    args = go_ast.call_args(call)
    if len(args) <= index:
        return None
    program = args[index]
    if style == "variadic":
        rest, complete = _expand(ctx, args[index + 1 :])
        return Argv(callee, program, tuple(rest), complete)
    if len(args) <= index + 1:
        return Argv(callee, program, (), False)
    items = slice_items(ctx, args[index + 1])
    if items is None:
        return Argv(callee, program, (), False)
    # argv[0] repeats the program name by convention.
    return Argv(callee, program, tuple(items[1:]), True)


def _expand(ctx: FileContext, args: list[Node]) -> tuple[list[Node], bool]:
    out: list[Node] = []
    for arg in args:
        if go_ast.is_variadic_arg(arg):
            items = slice_items(ctx, go_ast.variadic_operand(arg))
            if items is None:
                return out, False
            out.extend(items)
        else:
            out.append(arg)
    return out, True


def slice_items(
    ctx: FileContext, node: Node | None, depth: int = 0
) -> list[Node] | None:
    """Elements of a ``[]string{...}`` literal, directly or through a single-assignment variable."""
    node = go_ast.unparen(node)
    if node is None or depth > 8:
        return None
    if node.type == "composite_literal":
        body = node.child_by_field_name("body")
        if body is None:
            return None
        items: list[Node] = []
        for element in body.named_children:
            if element.type == "literal_element":
                value = next(
                    (c for c in element.named_children if c.type != "comment"), None
                )
                if value is None:
                    return None
                items.append(value)
            elif element.type != "comment":
                return None  # keyed elements: index positions unknown
        return items
    if node.type == "identifier":
        found = ctx.resolver.definition_value(node)
        if found is None:
            return None
        value, _ = found
        return slice_items(ctx, value, depth + 1)
    return None


def program_name(value: str) -> str:
    """``/usr/bin/bash`` → ``bash``; ``C:\\Windows\\cmd.exe`` → ``cmd``."""
    base = ntpath.basename(posixpath.basename(value)).lower()
    return base[:-4] if base.endswith(".exe") else base


def short_callee(callee: str) -> str:
    """``os/exec.Command`` → ``exec.Command`` for messages."""
    return callee.rsplit("/", 1)[-1]
