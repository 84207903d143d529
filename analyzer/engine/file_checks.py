"""The bounds of one file's analysis: its deadline, what is said when one is hit,
and the top-level statements that are not Go declarations (GSL001)."""

from __future__ import annotations

import time

from go_script_lint.golang import limits
from go_script_lint.golang.parsing import Node
from go_script_lint.golang.source_scan import line_end
from go_script_lint.project.config import Config

# What may stand at the top level of a Go file (comments and ERROR nodes are
# reported elsewhere or not at all).
TOP_LEVEL_KINDS = frozenset(
    {
        "package_clause",
        "import_declaration",
        "function_declaration",
        "method_declaration",
        "type_declaration",
        "var_declaration",
        "const_declaration",
        "comment",
        "ERROR",
    }
)


def deadline_for(config: Config, spent: float = 0.0) -> float | None:
    """The :func:`time.monotonic` deadline of a file that has used ``spent`` seconds."""
    budget = config.file_time_budget
    return time.monotonic() + budget - spent if budget > 0 else None


def budget_message(config: Config, exc: limits.BudgetExceeded) -> str:
    """GSL002's text for a file whose budget ran out during ``exc.what``."""
    return (
        f"analysis took over the {config.file_time_budget:g}-second budget "
        f"(during {exc.what}); skipped"
    )


def depth_message() -> str:
    """GSL002's text for a tree nested too deep for the queries."""
    return (
        f"nested more than {limits.MAX_TREE_DEPTH} syntax levels deep, "
        "beyond what the rules can see; not analysed"
    )


def top_level_problems(source: bytes, root: Node) -> list[tuple[int, int, str]]:
    """``(start, end, detail)`` of top-level statements tree-sitter accepts and Go
    does not (``foo()``, ``DDDD``), each pointing at its first line."""
    out = []
    for stray in root.named_children:
        if stray.type in TOP_LEVEL_KINDS:
            continue
        start = stray.start_byte
        end = min(line_end(source, start), stray.end_byte)
        shown = printable(source[start : min(end, start + 80)])
        out.append((start, end, f"unexpected `{shown[:40]}` at the top level"))
    return out


def printable(data: bytes) -> str:
    """Text for a message: control characters (NUL …) shown as ``\\xNN``."""
    text = data.decode("utf-8", errors="replace")
    return "".join(
        ch if ch.isprintable() or ch == "\t" else f"\\x{ord(ch):02x}" for ch in text
    )
