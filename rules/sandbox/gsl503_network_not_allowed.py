"""GSL503 network-not-allowed: network use when `sandbox.network` is false."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    denied,
    has_sandbox,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    denial = denied(ctx, node, "network")
    if denial is None:
        return
    yield ctx.finding(
        RULE,
        node,
        related=denial.related,
        precision="medium" if denial.need.approximate else "high",
        callee=denial.need.callee,
        action=denial.need.action,
    )


RULE = Rule(
    id="GSL503",
    name="network-not-allowed",
    summary="A call dials, listens, resolves names or sends HTTP requests while `sandbox.network` is false.",
    description=(
        "With `sandbox.network: false` in `go-script.yaml` the script runs without "
        "network access: every socket fails. This rule reports the calls that use the "
        "network, from the capability table: `net.Dial*`, `net.Listen*`, "
        "`net.Lookup*` and `(*net.Resolver)` lookups, `http.Get`/`Post`/`Head`/"
        "`PostForm`, `(*http.Client).Do`/`Get`/`Post`, `http.ListenAndServe` and "
        "`(*http.Server).ListenAndServe`, `tls.Dial`/`Listen`, `rpc.Dial*`, "
        "`smtp.Dial`/`SendMail` … Imports and building a request "
        "(`http.NewRequest`) are not network use. Silent unless the manifest says "
        "`network: false`."
    ),
    message="`{callee}` {action}, but `sandbox.network` is false",
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.LOW,
    tags=("security", "sandbox", "network"),
    cwe=(),
    precision="high",
    help=(
        "**Why:** the sandbox has no network, so this call fails at run time "
        "(`socket: operation not permitted`, `dial tcp: lookup …`).\n\n"
        "**Fix:** read the data from a file or a parameter instead, or declare "
        "`network: true` in the manifest's `sandbox` section if the script really "
        "needs the network."
    ),
    node_types=("call_expression",),
    check=check,
    applies=has_sandbox,
    in_tests=False,
)
