"""GSL215 insecure-random: `math/rand` output used as a secret."""

from __future__ import annotations

import re
from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    MemoKey,
    Node,
    Risk,
    Rule,
    assigned_values,
    bound_names,
    function_calls,
    go_ast,
    is_secret_name,
    is_test_file,
    qualified_type,
)

RAND_PACKAGES = ("math/rand.", "math/rand/v2.")
# Constructors and seeding: no random output of their own.
NOT_OUTPUT = frozenset({"Seed", "New", "NewSource", "NewPCG", "NewChaCha8", "NewZipf"})
# Methods of *rand.Rand (math/rand and math/rand/v2) that return random output.
GENERATORS: MemoKey[bool] = MemoKey("rules.gsl215.generators")
RAND_METHODS = frozenset(
    {
        "Int", "Intn", "Int31", "Int31n", "Int63", "Int63n", "IntN", "Int32", "Int32N",
        "Int64", "Int64N", "Uint32", "Uint64", "UintN", "Uint32N", "Uint64N", "Float32",
        "Float64", "Perm", "Read", "NormFloat64", "ExpFloat64",
    }
)  # fmt: skip
# Every exported name of math/rand and math/rand/v2 (Go 1.27) a call can name,
# constructors and types (conversions) included: what `callee` may resolve to.
RAND_MEMBERS = frozenset(
    {
        "ExpFloat64", "Float32", "Float64", "Int", "Int31", "Int31n", "Int63", "Int63n",
        "Intn", "New", "NewSource", "NewZipf", "NormFloat64", "Perm", "Read", "Seed",
        "Shuffle", "Uint32", "Uint64", "Int32", "Int32N", "Int64", "Int64N", "IntN", "N",
        "NewChaCha8", "NewPCG", "Uint", "Uint32N", "Uint64N", "UintN", "Rand", "Source",
        "Source64", "Zipf", "ChaCha8", "PCG",
    }
)  # fmt: skip
SESSION_ONLY = re.compile(r"(?i)session")
OTHER_SECRET = re.compile(r"(?i)token|secret|passw|key|nonce|salt|otp|csrf")
MAX_UP = 8  # parents climbed to find where the value goes


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node) or _generator_method(ctx, node)
    if callee is None or not callee.startswith(RAND_PACKAGES):
        return
    if callee.rsplit(".", 1)[-1] in NOT_OUTPUT:
        return
    if ctx.scan_level is not Risk.HIGH and is_test_file(ctx):
        return  # tests want reproducible "random" data
    reason = _secret_use(ctx, node, callee)
    if reason is not None:
        yield ctx.finding(
            RULE, node, call=ctx.text(go_ast.call_function(node)), reason=reason
        )


def _secret_use(ctx: FileContext, call: Node, callee: str) -> str | None:
    """Where the random value ends up, when that is a secret."""
    names: list[str] = []
    if callee.endswith(".Read"):  # rand.Read(buf): the buffer is the output
        names += [ctx.text(a) for a in go_ast.call_args(call)[:1]]
    current: Node | None = call
    for _ in range(MAX_UP):
        parent = current.parent if current is not None else None
        if parent is None:
            break
        if parent.type == "call_expression" and parent != call:
            target = ctx.callee(parent) or ""
            if target.startswith(("crypto/", "golang.org/x/crypto/")):
                return f"passed to `{target.rsplit('/', 1)[-1]}`"
        if parent.type in ("block", "function_declaration", "func_literal"):
            break
        current = parent
    names += bound_names(call)
    secret = next((n for n in names if is_secret_name(n) and _guards(call, n)), None)
    if secret is not None:
        return f"stored in `{secret}`"
    func = go_ast.enclosing_function(call)
    func_name = func.child_by_field_name("name") if func is not None else None
    if func is None or func_name is None:
        return None
    if is_secret_name(ctx.text(func_name)):
        return f"in `{ctx.text(func_name)}`, which makes a secret"
    for site_ctx, site in function_calls(ctx, func):  # `pw := randomString(12)`
        secret = next((n for n in bound_names(site) if is_secret_name(n)), None)
        if secret is not None:
            line = site.start_point.row + 1
            where = "" if site_ctx is ctx else f"{site_ctx.path}:"
            return (
                f"`{ctx.text(func_name)}` is stored in `{secret}` ({where}line {line})"
            )
    return None


def _guards(call: Node, name: str) -> bool:
    """A session id only matters when it is handed out: a cookie, or a sessions table key.

    ``sessionID`` for log correlation or load-test payloads guards nothing.
    """
    if not SESSION_ONLY.search(name) or OTHER_SECRET.search(name):
        return True
    func = go_ast.enclosing_function(call)
    text = (func.text if func is not None else None) or b""
    return b"Cookie" in text or f"[{name}]".encode() in text


def _generator_method(ctx: FileContext, call: Node) -> str | None:
    """``r.Intn(…)`` on ``r := rand.New(…)`` / ``var r *rand.Rand``: as ``math/rand.Intn``."""
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return None
    parts = go_ast.selector_parts(fn)
    if parts is None or parts[0].type != "identifier" or parts[1] not in RAND_METHODS:
        return None
    if not ctx.memo(
        GENERATORS,
        lambda: b"rand.New" in ctx.source or b"rand.Rand" in ctx.source,
    ):
        return None  # no generator of its own in this file
    definition = ctx.resolver.lookup(parts[0])
    if definition is None or definition.kind != "var":
        return None
    holder = definition.node.parent
    type_node = (
        holder.child_by_field_name("type")
        if holder is not None and holder.type == "var_spec"
        else None
    )
    if type_node is not None and type_node.type == "pointer_type":
        type_node = next(iter(type_node.named_children), None)
    package = qualified_type(ctx, type_node)
    if package in ("math/rand.Rand", "math/rand/v2.Rand"):
        return package.rsplit(".", 1)[0] + "." + parts[1]
    values = [definition.value, *assigned_values(ctx, definition)]
    for value in values:
        made = (
            ctx.callee(value)
            if value is not None and value.type == "call_expression"
            else None
        )
        if made in ("math/rand.New", "math/rand/v2.New"):
            return made.rsplit(".", 1)[0] + "." + parts[1]
    return None


RULE = Rule(
    id="GSL215",
    name="insecure-random",
    summary="`math/rand` output becomes a token, password, key, nonce or salt.",
    description=(
        "`math/rand` and `math/rand/v2` are predictable: their output can be recovered "
        "from a few samples (and before Go 1.20 the global source was seeded with 1). A "
        "call is reported when its value is stored in a name meaning a secret (`token`, "
        "`password`, `secret`, `apiKey`, `nonce`, `salt`, `session`, `otp`…), fills the "
        "buffer of such a name (`rand.Read(token)`), is passed to a `crypto/*` function, "
        "or is made inside a function named so (`randomToken`, `newSessionID`). "
        "`rand.Intn` for jitter, sampling or shuffling is not reported; `_test.go` files "
        "only in the deep scan."
    ),
    message="`{call}` is predictable but {reason}; use `crypto/rand`",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "crypto"),
    cwe=(338,),
    precision="high",
    help=(
        "**Why:** whoever sees a few values from `math/rand` can predict the next ones, "
        "so a session token or password made from it can be guessed (CWE-338).\n\n"
        "**Fix:** `crypto/rand`: `rand.Read(buf)` then `hex.EncodeToString(buf)`, or "
        "`rand.Text()` on Go 1.24+."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=RAND_MEMBERS | RAND_METHODS,
    requires_imports=frozenset({"math/rand", "math/rand/v2"}),
)
