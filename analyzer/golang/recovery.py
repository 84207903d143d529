"""Go newer than the grammar: recover the constructs tree-sitter-go 0.25 rejects.

tree-sitter-go 0.25 predates Go 1.26 ``new(expr)`` and Go 1.27 generic methods,
and it lexes ``new``/``make`` as keywords whose first argument must be a type,
so a call to a local function shadowing them is a syntax error as well. Valid
Go must never be GSL001 and the code in such places must still be analysed.

Only places inside error regions are touched, and only with rewrites of the
same byte length, so every offset of the recovered tree is an offset of the
file:

* ``new(`` / ``make(`` → ``ne_(`` / ``mak_(``: the call becomes an ordinary call
  of an unknown function (kept only when the call, read on its own, really
  needs it: ``new([]T)`` elsewhere is never rewritten);
* ``func (r *T) M[P any](…)`` → the type parameter list is blanked with spaces,
  leaving an ordinary method declaration.

Each rewrite is kept only if the re-parsed construct is free of errors. The
rewritten names are visible in ``node.text`` of the recovered tree (offsets,
``FileContext.source`` and every other byte are the file's own). The constructs
found are returned so GSL102 can tell the file needs Go 1.26 / 1.27; the
engine stores them with ``ctx.memo(RECOVERED, …)``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.golang.parsing import (
    Node,
    Tree,
    edit_tree,
    error_regions,
    parse,
    query_captures,
)
from go_script_lint.golang.source_scan import line_end, line_start, matching_bracket

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

__all__ = [
    "GENERIC_METHOD",
    "NEW_EXPRESSION",
    "RECOVERED",
    "SHADOWED_BUILTIN",
    "ParsedGo",
    "RecoveredSyntax",
    "parse_go",
    "recovered_syntax",
]


NEW_EXPRESSION = "new-expression"  # Go 1.26: new(int64(300))
GENERIC_METHOD = "generic-method"  # Go 1.27: func (r *Rand) N[Int intType](n Int) Int
SHADOWED_BUILTIN = "shadowed-builtin-call"  # make(1, 2) with a local func `make`

GO_VERSIONS = {NEW_EXPRESSION: "1.26", GENERIC_METHOD: "1.27"}

_MAX_ROUNDS = 4
# A file with more error regions than this is broken, not newer Go: re-parsing a
# heavily broken file costs as much as its (slow) first parse, once per round.
_MAX_ERROR_REGIONS = 1000
_MAX_CANDIDATES = 2000  # per round; random garbage must not cost minutes
_RENAMES = {b"new": b"ne_", b"make": b"mak_"}
_BUILTIN_CALL = re.compile(rb"(?<![\w.])(new|make)[ \t]*\(")
_METHOD_START = re.compile(rb"(?:\A|(?<=[\r\n]))[ \t]*(func)[ \t]*\(")
_IDENT = re.compile(rb"[ \t]*([A-Za-z_]\w*)[ \t]*")


@dataclass(frozen=True, slots=True)
class RecoveredSyntax:
    """A construct the grammar could not read but Go accepts.

    Attributes:
        kind: ``NEW_EXPRESSION``, ``GENERIC_METHOD`` or ``SHADOWED_BUILTIN``.
        start_byte: Start of the construct in the file.
        end_byte: End of the construct (the call, or name + type parameters).
    """

    kind: str
    start_byte: int
    end_byte: int

    @property
    def go_version(self) -> str | None:
        """The Go release that introduced the construct (None: any version)."""
        return GO_VERSIONS.get(self.kind)


@dataclass(frozen=True, slots=True)
class ParsedGo:
    """A parse with recovery: the tree and what had to be recovered in it."""

    tree: Tree
    recovered: tuple[RecoveredSyntax, ...] = ()


#: What the engine recovered in a file (stored when it parses the file).
RECOVERED: MemoKey[tuple[RecoveredSyntax, ...]] = MemoKey("golang.recovered-syntax")


def parse_go(source: bytes) -> ParsedGo:
    """Parse Go source, recovering newer-than-the-grammar constructs.

    Never raises; when no rewrite helps, the plain parse is returned.
    """
    tree = parse(source)
    if not tree.root_node.has_error:
        return ParsedGo(tree)
    return _Recovery(source, tree).run()


def recovered_syntax(ctx: FileContext) -> tuple[RecoveredSyntax, ...]:
    """What the engine recovered in a file.

    The engine fills the memo when it parses the file; a context built
    elsewhere (tests) simply has nothing recovered.
    """
    return ctx.memo(RECOVERED, tuple)


@dataclass(slots=True)
class _Rewrite:
    offset: int  # where the rewritten bytes start
    old: bytes
    new: bytes
    kind: str  # GENERIC_METHOD, or "call" until verification classifies it


class _Recovery:
    def __init__(self, source: bytes, tree: Tree) -> None:
        self.source = source
        self.original = tree
        self.buf = bytearray(source)
        self.kept: dict[int, RecoveredSyntax] = {}
        self.rejected: set[int] = set()
        self._rows: list[int] | None = None

    def run(self) -> ParsedGo:
        tree = self.original.copy()  # edits mutate a tree; keep the plain parse intact
        for _ in range(_MAX_ROUNDS):
            done = self.kept.keys() | self.rejected
            candidates = [
                c for c in self.candidates(tree.root_node) if c.offset not in done
            ]
            if not candidates:
                break
            tree = self.reparse(tree, candidates, forward=True)
            undo = []
            for cand in candidates:
                found = self.verify(cand, tree.root_node)
                if found is None:
                    undo.append(cand)
                    self.rejected.add(cand.offset)
                else:
                    self.kept[cand.offset] = found
            if undo:
                tree = self.reparse(tree, undo, forward=False)
            if not self.kept or not tree.root_node.has_error:
                break
        if not self.kept:
            return ParsedGo(self.original)
        # A guard, not an expectation: never trade the plain parse for a worse one.
        if len(error_regions(tree.root_node)) > len(
            error_regions(self.original.root_node)
        ):
            return ParsedGo(self.original)
        recovered = _shadowed_new(tree.root_node, self.kept.values())
        return ParsedGo(
            tree, tuple(sorted(recovered, key=lambda r: (r.start_byte, r.end_byte)))
        )

    def reparse(self, tree: Tree, rewrites: list[_Rewrite], *, forward: bool) -> Tree:
        """Apply (or undo) same-length rewrites and re-parse incrementally."""
        for cand in rewrites:
            data = cand.new if forward else cand.old
            self.buf[cand.offset : cand.offset + len(data)] = data
            start = self.point(cand.offset)
            end = self.point(cand.offset + len(data))
            edit_tree(tree, cand.offset, cand.offset + len(data), start, end)
        return parse(bytes(self.buf), tree)

    def point(self, offset: int) -> tuple[int, int]:
        """tree-sitter's (row, byte column): rows count LF only."""
        if self._rows is None:
            self._rows = [m.end() for m in re.finditer(rb"\n", self.source)]
        row = bisect.bisect_right(self._rows, offset)
        return row, offset - (self._rows[row - 1] if row else 0)

    # -- finding candidates ---------------------------------------------------

    def windows(self, root: Node) -> list[tuple[int, int]]:
        """Whole lines touched by each outermost ERROR node or MISSING token.

        Empty when there are too many to be worth recovering.
        """
        spans: list[tuple[int, int]] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if node.is_error or node.is_missing:
                if len(spans) >= _MAX_ERROR_REGIONS:
                    return []
                spans.append(
                    (
                        line_start(self.buf, node.start_byte),
                        line_end(self.buf, node.end_byte),
                    )
                )
                continue
            stack.extend(c for c in node.children if c.has_error or c.is_missing)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def candidates(self, root: Node) -> Iterator[_Rewrite]:
        count = 0
        for start, end in self.windows(root):
            for cand in self._in_window(root, start, end):
                count += 1
                if count > _MAX_CANDIDATES:
                    return
                yield cand

    def _in_window(self, root: Node, start: int, end: int) -> Iterator[_Rewrite]:
        for match in _METHOD_START.finditer(self.buf, start, end):
            if _token(root, match.start(1), match.end(1)) == "func":
                rewrite = self._generic_method(match.end() - 1)
                if rewrite is not None:
                    yield rewrite
        for match in _BUILTIN_CALL.finditer(self.buf, start, end):
            name = match.group(1)
            kind = _token(root, match.start(1), match.end(1))
            # Only real tokens: never a word inside a comment or a string.
            if kind in ("identifier", "type_identifier", "new", "make"):
                yield _Rewrite(
                    match.start(1), bytes(name), _RENAMES[bytes(name)], "call"
                )

    def _generic_method(self, receiver_open: int) -> _Rewrite | None:
        """``func (recv) Name[…](`` → the rewrite that blanks ``[…]``."""
        receiver_close = matching_bracket(self.buf, receiver_open)
        if receiver_close is None:
            return None
        name = _IDENT.match(self.buf, receiver_close + 1)
        if (
            name is None
            or name.end() >= len(self.buf)
            or self.buf[name.end()] != ord("[")
        ):
            return None
        open_at = name.end()
        close_at = matching_bracket(self.buf, open_at)
        if close_at is None:
            return None
        old = bytes(self.buf[open_at : close_at + 1])
        blank = bytes(b if b in b"\r\n" else 0x20 for b in old)
        return _Rewrite(open_at, old, blank, GENERIC_METHOD)

    # -- verification ---------------------------------------------------------

    def verify(self, cand: _Rewrite, root: Node) -> RecoveredSyntax | None:
        """The construct the rewrite recovered, or None to undo it."""
        if cand.kind == GENERIC_METHOD:
            return self._verify_method(cand, root)
        return self._verify_call(cand, root)

    def _verify_method(self, cand: _Rewrite, root: Node) -> RecoveredSyntax | None:
        node: Node | None = root.descendant_for_byte_range(cand.offset, cand.offset + 1)
        while node is not None and node.type != "method_declaration":
            node = node.parent
        if node is None:
            return None
        for child in node.children:
            if child.type != "block" and (
                child.has_error or child.is_missing or child.is_error
            ):
                return None
        name = node.child_by_field_name("name")
        start = name.start_byte if name is not None else cand.offset
        return RecoveredSyntax(GENERIC_METHOD, start, cand.offset + len(cand.old))

    def _verify_call(self, cand: _Rewrite, root: Node) -> RecoveredSyntax | None:
        ident = root.descendant_for_byte_range(cand.offset, cand.offset + len(cand.new))
        call = ident.parent if ident is not None else None
        if (
            ident is None
            or ident.type != "identifier"
            or call is None
            or call.type != "call_expression"
            or call.child_by_field_name("function") != ident
            or call.has_error
        ):
            return None
        original = self.source[call.start_byte : call.end_byte]
        if not _fails_alone(original):
            return None  # the grammar reads it as is (``new([]T)``): not our business
        args = call.child_by_field_name("arguments")
        values = [c for c in args.named_children if c.type != "comment"] if args else []
        single = len(values) == 1 and values[0].type != "variadic_argument"
        kind = NEW_EXPRESSION if cand.old == b"new" and single else SHADOWED_BUILTIN
        return RecoveredSyntax(kind, call.start_byte, call.end_byte)


_SCOPES = frozenset(
    {
        "block",
        "function_declaration",
        "method_declaration",
        "func_literal",
        "source_file",
    }
)


def _shadowed_new(
    root: Node, found: Iterable[RecoveredSyntax]
) -> list[RecoveredSyntax]:
    """Reclassify ``new(x)`` calls made where a local ``new`` is in scope.

    The builtin cannot be used as a value, so a ``new`` identifier left in the
    tree other than a callee (``new := …``, a parameter, ``f := new``) names a
    user's ``new``; a call after it in the same block or function calls that one.
    """
    items = list(found)
    if not any(r.kind == NEW_EXPRESSION for r in items):
        return items
    scopes: list[tuple[int, int, int]] = []  # (declared at, scope start, scope end)
    for ident in query_captures('((identifier) @n (#eq? @n "new"))', root).get("n", []):
        scope = ident.parent
        if scope is not None and scope.type == "call_expression":
            continue  # `new(T)` as the grammar reads it: the builtin itself
        if scope is not None and scope.type == "function_declaration":
            scopes.append((0, root.start_byte, root.end_byte))  # `func new(…)`
            continue
        while scope is not None and scope.type not in _SCOPES:
            scope = scope.parent
        if scope is not None:
            declared = 0 if scope.type == "source_file" else ident.start_byte
            scopes.append((declared, scope.start_byte, scope.end_byte))
    out = []
    for r in items:
        if r.kind == NEW_EXPRESSION and any(
            d <= r.start_byte and s <= r.start_byte < e for d, s, e in scopes
        ):
            r = RecoveredSyntax(SHADOWED_BUILTIN, r.start_byte, r.end_byte)
        out.append(r)
    return out


def _fails_alone(call_text: bytes) -> bool:
    """True when the grammar cannot read the call even as a lone expression."""
    return parse(b"package p\nvar _ = " + call_text + b"\n").root_node.has_error


def _token(root: Node, start: int, end: int) -> str | None:
    node = root.descendant_for_byte_range(start, end)
    if node is None or node.start_byte != start or node.end_byte != end:
        return None
    return node.type
