"""GSL213 weak-tls-config: TLS below 1.2, insecure cipher suites, or an old server default."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Fix,
    Level,
    Node,
    Risk,
    Rule,
    field_set_later,
    go_ast,
    is_test_file,
    qualified_type,
    replace_fix,
    script_go_version,
    version_text,
)

TLS = "crypto/tls"
VERSIONS = {
    "VersionSSL30": 0x0300,
    "VersionTLS10": 0x0301,
    "VersionTLS11": 0x0302,
    "VersionTLS12": 0x0303,
    "VersionTLS13": 0x0304,
}
NAMES = {v: k for k, v in VERSIONS.items()}
TLS12 = 0x0303
# tls.InsecureCipherSuites(): RC4, 3DES and the CBC-SHA256 suites.
INSECURE_SUITES = frozenset(
    {
        "TLS_RSA_WITH_RC4_128_SHA",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
        "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
        "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    }
)
# Fields only a server configuration sets.
SERVER_FIELDS = frozenset({"Certificates", "GetCertificate", "ClientAuth", "ClientCAs"})
SERVER_CALLS = frozenset(
    {"crypto/tls.Listen", "crypto/tls.NewListener", "crypto/tls.Server"}
)
SERVER_DEFAULT_FIXED = (1, 22)  # Go 1.22 servers default to TLS 1.2
MAX_DEPTH = 8


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if ctx.scan_level is not Risk.HIGH and is_test_file(ctx):
        return  # tests hand weak configurations to the code they test
    if node.type == "assignment_statement":
        yield from _assignment(node, ctx)
        return
    package = _tls_config_type(ctx, node)
    body = node.child_by_field_name("body")
    if package is None or body is None:
        return
    fields = go_ast.keyed_fields(node)
    for name in ("MinVersion", "MaxVersion"):
        value = fields.get(name)
        if value is not None:
            yield from _version(ctx, node, name, value, package)
    suites = fields.get("CipherSuites")
    if suites is not None:
        weak = _insecure_suites(ctx, suites, 0)
        if weak:
            yield ctx.finding(
                RULE,
                suites,
                what=f"`CipherSuites` includes the insecure {', '.join(f'`{s}`' for s in weak[:3])}",
            )
    if "MinVersion" not in fields and _is_server(ctx, node, fields):
        version = script_go_version(ctx)
        if (
            version is not None
            and version < SERVER_DEFAULT_FIXED
            and not field_set_later(node, ("MinVersion",))
        ):
            yield ctx.finding(
                RULE,
                node.child_by_field_name("type") or node,
                what=(
                    f"this server `tls.Config` has no `MinVersion`, and with "
                    f"{version_text(version)} servers still accept TLS 1.0 and 1.1"
                ),
            )


def _assignment(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if b"Version" not in (node.text or b""):
        return
    left = go_ast.expression_list_items(node.child_by_field_name("left"))
    right = go_ast.expression_list_items(node.child_by_field_name("right"))
    if len(left) != len(right) or TLS not in ctx.imports.paths:
        return
    for target, value in zip(left, right, strict=True):
        parts = (
            go_ast.selector_parts(target)
            if target.type == "selector_expression"
            else None
        )
        if parts is not None and parts[1] in ("MinVersion", "MaxVersion"):
            package = next((s.name for s in ctx.imports.specs if s.path == TLS), "tls")
            yield from _version(ctx, node, parts[1], value, package)


def _version(
    ctx: FileContext, at: Node, field: str, value: Node, package: str
) -> Iterator[Finding]:
    number = version_value(ctx, value, 0)
    if number is None or number == 0 or number >= TLS12:
        return
    shown = NAMES.get(number, hex(number))
    fixes: tuple[Fix, ...] = ()
    if field == "MinVersion":
        fixes = (
            replace_fix(
                ctx,
                value.start_byte,
                value.end_byte,
                f"{package}.VersionTLS12",
                "Require TLS 1.2 or later",
            ),
        )
    yield ctx.finding(
        RULE,
        at,
        fixes=fixes,
        what=f"`{field}` is `{shown}`, below TLS 1.2",
    )


def version_value(ctx: FileContext, node: Node | None, depth: int) -> int | None:
    """The protocol version a constant expression stands for."""
    node = go_ast.unparen(node)
    if node is None or depth > MAX_DEPTH:
        return None
    if node.type == "selector_expression":
        name = ctx.qualified_name(node) or ""
        if name.startswith(TLS + "."):
            return VERSIONS.get(name[len(TLS) + 1 :])
        return None
    if node.type == "identifier":
        found = ctx.resolver.definition_value(node)
        return version_value(ctx, found[0], depth + 1) if found is not None else None
    if node.type == "call_expression":  # uint16(tls.VersionTLS10)
        args = go_ast.call_args(node)
        return version_value(ctx, args[0], depth + 1) if len(args) == 1 else None
    return ctx.int_value(node)


def _tls_config_type(ctx: FileContext, literal: Node) -> str | None:
    """The name ``crypto/tls`` is imported as, when ``literal`` is a ``tls.Config``."""
    type_node = literal.child_by_field_name("type")
    if type_node is None or qualified_type(ctx, type_node) != TLS + ".Config":
        return None
    return go_ast.text(type_node.child_by_field_name("package"))


def _insecure_suites(ctx: FileContext, value: Node, depth: int) -> list[str]:
    value = go_ast.unparen(value) or value
    if value.type == "identifier" and depth < MAX_DEPTH:
        found = ctx.resolver.definition_value(value)
        return _insecure_suites(ctx, found[0], depth + 1) if found is not None else []
    if value.type != "composite_literal":
        return []
    body = value.child_by_field_name("body")
    out: list[str] = []
    for element in body.named_children if body is not None else ():
        item = go_ast.literal_element_value(element)
        name = ctx.qualified_name(item) or ""
        if name.startswith(TLS + ".") and name[len(TLS) + 1 :] in INSECURE_SUITES:
            out.append(name[len(TLS) + 1 :])
    return out


def _is_server(ctx: FileContext, literal: Node, fields: dict[str, Node]) -> bool:
    if SERVER_FIELDS & fields.keys():
        return True
    holder = literal.parent
    if holder is not None and holder.type == "unary_expression":
        holder = holder.parent
    if holder is not None and holder.type == "literal_element":
        holder = holder.parent
    if holder is not None and holder.type == "keyed_element":
        key = (
            go_ast.literal_element_value(holder.named_children[0])
            if holder.named_children
            else None
        )
        return go_ast.text(key) == "TLSConfig" and _in_http_server(ctx, holder)
    if holder is not None and holder.type == "argument_list":
        call = holder.parent
        return call is not None and ctx.callee(call) in SERVER_CALLS
    return False


def _in_http_server(ctx: FileContext, element: Node) -> bool:
    literal = go_ast.enclosing(element, frozenset({"composite_literal"}))
    type_node = literal.child_by_field_name("type") if literal is not None else None
    return qualified_type(ctx, type_node) == "net/http.Server"


RULE = Rule(
    id="GSL213",
    name="weak-tls-config",
    summary="A `tls.Config` allows TLS below 1.2, insecure cipher suites, or an old server default.",
    description=(
        "`tls.Config` literals and assignments are checked for `MinVersion` or "
        "`MaxVersion` below `tls.VersionTLS12` (through constants and variables), "
        "`CipherSuites` naming any suite of `tls.InsecureCipherSuites()` (RC4, 3DES, "
        "CBC-SHA256), and server configurations (with `Certificates`/`GetCertificate`, "
        "the `TLSConfig` of an `http.Server`, or passed to `tls.Listen`/`NewListener`/"
        "`Server`) without `MinVersion` when the script's Go version — `//go:requires go`, "
        "else go.mod's `go` line — is below 1.22, the release that raised the server "
        "default from TLS 1.0 to 1.2. With no known Go version that last check stays "
        "quiet. A later `cfg.MinVersion = …` in the same function counts as set; `_test.go` "
        "files are checked only by the deep scan. The "
        "fix for a low `MinVersion` sets `tls.VersionTLS12`."
    ),
    message="{what}",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "tls", "network"),
    cwe=(326, 327),
    precision="very-high",
    help=(
        "**Why:** TLS 1.0 and 1.1 and the RC4/3DES/CBC-SHA256 suites have practical "
        "attacks (BEAST, Lucky13, Sweet32, RC4 biases); a peer that can downgrade the "
        "connection can read it (CWE-327).\n\n"
        "**Fix:** set `MinVersion: tls.VersionTLS12` (or 13), leave `MaxVersion` unset, "
        "and leave `CipherSuites` unset so Go picks secure suites."
    ),
    node_types=("composite_literal", "assignment_statement"),
    check=check,
    requires_imports=frozenset({TLS}),
)
