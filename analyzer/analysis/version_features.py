"""Language features a Go file uses, with the Go version each needs (for GSL102).

One compiled query finds every candidate construct; Python then classifies
the few ``range`` clauses and builtin calls it returns. Each feature is kept
once, at its first use in the file. Go 1.26 ``new(expr)`` and Go 1.27 generic
methods are beyond tree-sitter-go 0.25: the robustness layer recovers them and
hands them over through :func:`recovered_feature_uses`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, query_captures
from go_script_lint.golang.recovery import recovered_syntax

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext
    from go_script_lint.analysis.resolve import Resolver

GENERICS = "generics"
MINMAX = "minmax"
RANGE_INT = "range-int"
RANGE_FUNC = "range-func"
GENERIC_ALIAS = "generic-alias"
NEW_EXPR = "new-expr"
GENERIC_METHOD = "generic-method"

FEATURES: dict[str, tuple[str, tuple[int, int]]] = {
    GENERICS: ("generics (type parameters, constraints, `any`, `comparable`)", (1, 18)),
    MINMAX: ("the `min`/`max`/`clear` builtins", (1, 21)),
    RANGE_INT: ("range over an integer", (1, 22)),
    RANGE_FUNC: ("range over a function (iterators)", (1, 23)),
    GENERIC_ALIAS: ("generic type aliases", (1, 24)),
    NEW_EXPR: ("`new` with an expression operand", (1, 26)),
    GENERIC_METHOD: ("generic methods", (1, 27)),
}

_QUERY = """
(type_parameter_list) @generics
(type_arguments) @generics
(negated_type) @generics
(type_elem (_) (_)) @generics
((type_identifier) @predeclared (#any-of? @predeclared "any" "comparable"))
(call_expression function: (identifier) @builtin (#any-of? @builtin "min" "max" "clear"))
(range_clause right: (_) @range)
(type_alias type_parameters: (type_parameter_list)) @alias
"""

_INT_TYPES = frozenset(
    {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
     "uintptr", "byte", "rune"}
)  # fmt: skip
# Standard-library functions that return iterators (iter.Seq / iter.Seq2).
ITERATOR_FUNCS = frozenset(
    {
        "maps.All", "maps.Keys", "maps.Values", "slices.All", "slices.Values", "slices.Backward",
        "slices.Chunk", "strings.Lines", "strings.SplitSeq", "strings.SplitAfterSeq",
        "strings.FieldsSeq", "strings.FieldsFuncSeq", "bytes.Lines", "bytes.SplitSeq",
        "bytes.SplitAfterSeq", "bytes.FieldsSeq", "bytes.FieldsFuncSeq", "go/ast.Preorder",
        "reflect.Value.Seq", "reflect.Value.Seq2",
    }
)  # fmt: skip
MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class FeatureUse:
    """The first use of a feature in a file."""

    feature: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """Human name of the feature."""
        return FEATURES[self.feature][0]

    @property
    def version(self) -> tuple[int, int]:
        """The Go language version that introduced it."""
        return FEATURES[self.feature][1]


FEATURE_USES: MemoKey[tuple[FeatureUse, ...]] = MemoKey("analysis.go-features")


def feature_uses(ctx: FileContext) -> tuple[FeatureUse, ...]:
    """First use of each feature in the file, computed once per file."""
    return ctx.memo(FEATURE_USES, lambda: _scan(ctx))


def _scan(ctx: FileContext) -> tuple[FeatureUse, ...]:
    first: dict[str, FeatureUse] = {}

    def add(feature: str, node: Node) -> None:
        known = first.get(feature)
        if known is None or node.start_byte < known.start:
            first[feature] = FeatureUse(feature, node.start_byte, node.end_byte)

    caps = query_captures(_QUERY, ctx.root)
    resolver = ctx.resolver
    for node in caps.get("generics", []):
        add(GENERICS, node)
    for node in caps.get("alias", []):
        add(GENERIC_ALIAS, node)
    for node in caps.get("predeclared", []):
        if (
            resolver.lookup(node) is None
        ):  # a type named `any` before 1.18 is not generics
            add(GENERICS, node)
    for node in caps.get("builtin", []):
        if resolver.lookup(node) is None:
            call = node.parent
            add(MINMAX, call if call is not None else node)
    for node in caps.get("range", []):
        kind = range_kind(node, resolver)
        if kind is not None:
            clause = node.parent
            add(kind, clause if clause is not None else node)
    for use in recovered_feature_uses(_recovered_constructs(ctx)):
        known = first.get(use.feature)
        if known is None or use.start < known.start:
            first[use.feature] = use
    return tuple(sorted(first.values(), key=lambda u: u.start))


def range_kind(expr: Node | None, resolver: Resolver, depth: int = 0) -> str | None:
    """``range-int`` / ``range-func`` when the ranged expression is surely one, else None."""
    expr_ = go_ast.unparen(expr)
    if expr_ is None or depth > MAX_DEPTH:
        return None
    kind = expr_.type
    if kind == "int_literal":
        return RANGE_INT
    if kind == "func_literal":
        return RANGE_FUNC
    if kind == "call_expression":
        return _call_kind(expr_, resolver)
    if kind == "binary_expression":
        op = go_ast.text(expr_.child_by_field_name("operator"))
        if op in ("+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&^"):
            left = range_kind(expr_.child_by_field_name("left"), resolver, depth + 1)
            right = range_kind(expr_.child_by_field_name("right"), resolver, depth + 1)
            if (RANGE_INT in (left, right) and op != "+") or left == right == RANGE_INT:
                return RANGE_INT
        return None
    if kind == "identifier":
        return _identifier_kind(expr_, resolver, depth)
    return None


def _call_kind(call: Node, resolver: Resolver) -> str | None:
    fn = go_ast.call_function(call)
    if fn is None:
        return None
    if fn.type == "identifier":
        name = go_ast.text(fn)
        definition = resolver.lookup(fn)
        if definition is None:
            return RANGE_INT if name in ("len", "cap") or name in _INT_TYPES else None
        if definition.kind == "func":
            func = definition.node.parent
            result = func.child_by_field_name("result") if func is not None else None
            return _type_kind(result)
        return None
    if resolver.callee(call) in ITERATOR_FUNCS:
        return RANGE_FUNC
    return None


def _identifier_kind(ident: Node, resolver: Resolver, depth: int) -> str | None:
    definition = resolver.lookup(ident)
    if definition is None or definition.kind not in ("var", "const", "param"):
        return None
    declaration = definition.node.parent
    if declaration is not None and declaration.type in (
        "parameter_declaration",
        "var_spec",
        "const_spec",
    ):
        declared = _type_kind(declaration.child_by_field_name("type"))
        if declared is not None or declaration.child_by_field_name("type") is not None:
            return declared
    if definition.value is not None:
        # A variable's type is fixed by its initialiser, whatever is assigned later.
        return range_kind(definition.value, definition.resolver, depth + 1)
    return None


def _type_kind(type_node: Node | None) -> str | None:
    if type_node is None:
        return None
    if type_node.type == "function_type":
        return RANGE_FUNC
    name = go_ast.text(type_node)
    if type_node.type == "type_identifier" and name in _INT_TYPES:
        return RANGE_INT
    if name.startswith(("iter.Seq[", "iter.Seq2[")):
        return RANGE_FUNC
    return None


# -- hook for constructs the grammar cannot parse -----------------------------

_RECOVERED_KINDS = {
    "new-expression": NEW_EXPR,  # go_script_lint.golang.recovery.NEW_EXPRESSION
    "new_expr": NEW_EXPR,
    "new-expr": NEW_EXPR,
    "generic_method": GENERIC_METHOD,
    "generic-method": GENERIC_METHOD,
}


def recovered_feature_uses(constructs: Iterable[object]) -> list[FeatureUse]:
    """Feature uses for constructs the robustness layer recovered from error regions.

    Each construct needs ``kind`` (``"new_expr"`` for Go 1.26 ``new(expr)``,
    ``"generic_method"`` for Go 1.27 generic methods; dashes also accepted),
    ``start_byte`` and ``end_byte``. Other kinds are ignored.
    """
    out: list[FeatureUse] = []
    for item in constructs:
        feature = _RECOVERED_KINDS.get(str(getattr(item, "kind", "")))
        start = getattr(item, "start_byte", None)
        end = getattr(item, "end_byte", None)
        if feature is not None and isinstance(start, int) and isinstance(end, int):
            out.append(FeatureUse(feature, start, end))
    return out


def _recovered_constructs(ctx: FileContext) -> Iterable[object]:
    # The engine stores what go_script_lint.golang.recovery rewrote under this memo key
    # when it parses the file; a context built elsewhere has nothing recovered.
    return recovered_syntax(ctx)
