"""How a script uses an input after reading it: rejected when empty, switched over.

The manifest writer infers ``required`` from a check that stops the script
when the value is empty (``if *region == "" { log.Fatal(…) }``) and ``enum``
from a ``switch`` over constant cases whose ``default`` rejects every other
value. Both look at the expression holding the value, by its text
(``*region``, ``cfg.Region``, ``token``), in the package's files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, iter_nodes_of_types

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

# Calls that end the script or the command: a branch calling one rejects the value.
STOPS = frozenset(
    {
        "os.Exit",
        "log.Fatal",
        "log.Fatalf",
        "log.Fatalln",
        "log.Panic",
        "log.Panicf",
        "flag.Usage",
        "fmt.Errorf",
        "errors.New",
    }
)
_STOP_METHODS = frozenset({"Fatal", "Fatalf", "Fatalln", "Usage", "Help", "Exit"})
_ZERO = frozenset({'""', "``", "0"})


def _statements(block: Node) -> list[Node]:
    out: list[Node] = []
    for child in block.named_children:
        out.extend(child.named_children if child.type == "statement_list" else [child])
    return out


def _rejects(ctx: FileContext, block: Node | None) -> bool:
    """A block that, on its own level (not in a nested branch), stops the script,
    returns an error or panics."""
    if block is None:
        return False
    for stmt in _statements(block):
        if stmt.type == "return_statement":
            if stmt.named_child_count:  # `return err`, `return fmt.Errorf(…)`
                return True
            continue
        if stmt.type != "expression_statement" or not stmt.named_children:
            continue
        call = go_ast.unparen(stmt.named_children[0])
        if call is None or call.type != "call_expression":
            continue
        if ctx.callee(call) in STOPS:
            return True
        fn = go_ast.call_function(call)
        if fn is not None and go_ast.text(fn) == "panic":
            return True
        parts = go_ast.selector_parts(fn) if fn is not None else None
        if parts is not None and parts[1] in _STOP_METHODS:
            return True
    return False


def _empty_test(cond: Node, target: str) -> bool:
    """``target == ""``, ``target == 0`` or ``len(target) == 0`` anywhere in ``cond``."""
    for node in iter_nodes_of_types(cond, ["binary_expression"]):
        op = node.child_by_field_name("operator")
        if go_ast.text(op) != "==":
            continue
        sides = [
            go_ast.text(go_ast.unparen(node.child_by_field_name(k)))
            for k in ("left", "right")
        ]
        for value, other in (sides, sides[::-1]):
            if other in _ZERO and value in (target, f"len({target})"):
                return True
    return False


def rejected_when_empty(files: list[FileContext], target: str) -> bool:
    """Whether some ``if`` stops the script when ``target`` is empty."""
    for f in files:
        if target.lstrip("*").split(".")[-1].encode() not in f.source:
            continue
        for node in iter_nodes_of_types(f.root, ["if_statement"]):
            cond = node.child_by_field_name("condition")
            if (
                cond is not None
                and _empty_test(cond, target)
                and _rejects(f, node.child_by_field_name("consequence"))
            ):
                return True
    return False


def switched_values(files: list[FileContext], target: str) -> list[str | int] | None:
    """Constant case values of a ``switch target`` whose ``default`` rejects; else ``None``."""
    for f in files:
        if target.lstrip("*").split(".")[-1].encode() not in f.source:
            continue
        for node in iter_nodes_of_types(f.root, ["expression_switch_statement"]):
            value = go_ast.unparen(node.child_by_field_name("value"))
            if value is None or go_ast.text(value) != target:
                continue
            found = _case_values(f, node)
            if found is not None:
                return found
    return None


def _case_values(f: FileContext, switch: Node) -> list[str | int] | None:
    values: list[str | int] = []
    rejecting_default = False
    for clause in switch.named_children:
        if clause.type == "default_case":
            rejecting_default = _rejects(f, clause)
        elif clause.type == "expression_case":
            for item in go_ast.expression_list_items(
                clause.child_by_field_name("value")
            ):
                constant = f.resolver.const_value(item)
                if constant is None:
                    return None
                if constant not in values:
                    values.append(constant)
    return values if rejecting_default and values else None
