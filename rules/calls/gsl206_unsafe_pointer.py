"""GSL206 unsafe-pointer: a use of package `unsafe` (deep scan)."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import FileContext, Finding, Level, Node, Risk, Rule

# Compile-time queries: they read layout, they cannot corrupt memory.
LAYOUT_ONLY = frozenset({"Sizeof", "Alignof", "Offsetof"})


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if ctx.scan_level is not Risk.HIGH:
        return  # deep-scan rule, even when selected by id
    if "unsafe" not in ctx.imports.paths:
        return  # the common case, decided without resolving the selector
    if node.type == "qualified_type":
        package = node.child_by_field_name("package")
        name = ctx.text(node.child_by_field_name("name"))
        if package is None or ctx.resolver.is_package_name(package) != "unsafe":
            return
    else:
        qualified = ctx.qualified_name(node)
        if qualified is None or not qualified.startswith("unsafe."):
            return
        name = qualified[len("unsafe.") :]
    if name in LAYOUT_ONLY:
        return  # compile-time constants: they bypass nothing
    yield ctx.finding(RULE, node, what=f"unsafe.{name}")


RULE = Rule(
    id="GSL206",
    name="unsafe-pointer",
    summary="A use of package `unsafe` (deep scan).",
    description=(
        "`unsafe.Pointer`, `unsafe.Add`, `unsafe.Slice`, `unsafe.String` and friends "
        "step outside Go's type and memory safety: a wrong offset or lifetime is a "
        "memory-corruption bug the compiler cannot catch. The deep scan reports each use "
        "of `unsafe.X` (in expressions and in types), not the import. `unsafe.Sizeof`, "
        "`Alignof` and `Offsetof` are compile-time constants that only read layout and "
        "bypass nothing: they are not reported."
    ),
    message="`{what}` bypasses Go's type and memory safety",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=("security", "memory"),
    cwe=(242, 787),
    precision="high",
    help=(
        "**Why:** code using `unsafe` can read or write arbitrary memory; a script "
        "has no reason to, and such code breaks across Go versions.\n\n"
        "**Fix:** use typed conversions, `encoding/binary`, `bytes` and `strings` "
        "instead (`[]byte(s)` instead of `unsafe.Slice(unsafe.StringData(s), len(s))`)."
    ),
    node_types=("selector_expression", "qualified_type"),
    check=check,
    requires_imports=frozenset({"unsafe"}),
    in_tests=False,
    foreign_ids={"gosec": ("G103",), "semgrep": ("use-of-unsafe-block",)},
)
