"""GSL209 tls-verify-disabled: `InsecureSkipVerify` set to the constant `true`."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import FileContext, Finding, Level, Node, Risk, Rule, go_ast

FIELD = "InsecureSkipVerify"


def mentions_field(ctx: FileContext) -> bool:
    """Only files spelling the field can set it (their nodes are not even captured)."""
    return FIELD.encode() in ctx.source


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if FIELD.encode() not in (node.text or b""):
        return  # cheap filter before looking at the structure
    if node.type == "keyed_element":
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) != 2 or _element(parts[0]) != FIELD:
            return
        value = _unwrap(parts[1])
        if is_true(ctx, value, 0):
            yield ctx.finding(RULE, node, where=f"{FIELD}: {ctx.text(value)}")
        return
    left = go_ast.expression_list_items(node.child_by_field_name("left"))
    right = go_ast.expression_list_items(node.child_by_field_name("right"))
    operator = node.child_by_field_name("operator")
    if len(left) != len(right) or ctx.text(operator) != "=":
        return
    for target, value in zip(left, right, strict=True):
        selector = go_ast.selector_parts(target)
        if selector is not None and selector[1] == FIELD and is_true(ctx, value, 0):
            shown = " ".join(ctx.text(target).split())[:60]
            yield ctx.finding(RULE, node, where=f"{shown} = {ctx.text(value)}")


def _unwrap(element: Node) -> Node | None:
    if element.type == "literal_element":
        return next((c for c in element.named_children if c.type != "comment"), None)
    return element


def _element(element: Node) -> str:
    inner = _unwrap(element)
    return go_ast.text(inner) if inner is not None else ""


def is_true(ctx: FileContext, node: Node | None, depth: int) -> bool:
    """The constant ``true``, directly or through a constant / single-assignment name."""
    node = go_ast.unparen(node)
    if node is None or depth > 8:
        return False
    if node.type == "true":
        return True
    if node.type == "identifier":
        found = ctx.resolver.definition_value(node)
        return found is not None and is_true(ctx, found[0], depth + 1)
    return False


RULE = Rule(
    id="GSL209",
    name="tls-verify-disabled",
    summary="TLS certificate verification is switched off with `InsecureSkipVerify: true`.",
    description=(
        "A `tls.Config` with `InsecureSkipVerify` set to `true` accepts any "
        "certificate for any host, so anyone on the network path can read and change "
        "the traffic. Struct literal fields and assignments (`cfg.InsecureSkipVerify = "
        "true`, also through `http.Transport.TLSClientConfig`) are reported when the "
        "value is the constant `true` (directly or through a constant); a value taken "
        "from a flag or configuration is a deliberate opt-in and is not."
    ),
    message="`{where}` disables TLS certificate verification",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    tags=("security", "tls", "network"),
    cwe=(295,),
    precision="very-high",
    help=(
        "**Why:** without verification TLS still encrypts, but to whoever answers: "
        "a man in the middle sees credentials and can alter responses (CWE-295).\n\n"
        "**Fix:** trust the server's CA instead — load it into an `x509.CertPool` and "
        "set `RootCAs` — or, for a test server, use `httptest.NewTLSServer` and its "
        "`Client()`. If skipping must stay possible, gate it behind an explicit "
        "`--insecure` flag so it is never the default."
    ),
    node_types=("keyed_element", "assignment_statement"),
    check=check,
    applies=mentions_field,
    in_tests=False,
    foreign_ids={
        "gosec": ("G402",),
        "semgrep": ("avoid-ssh-insecure-ignore-host-key",),
    },
)
