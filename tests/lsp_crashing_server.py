"""``python -m tests.lsp_crashing_server``: the server with a rule that always crashes."""

from __future__ import annotations

from go_script_lint.base.model import Level, Risk
from go_script_lint.base.rule import Rule
from go_script_lint.lsp.handlers import serve
from go_script_lint.rules import REGISTRY


def crash(node: object, ctx: object) -> list[object]:
    raise RuntimeError("boom")


CRASHING = Rule(
    id="GSL599",
    name="always-crashes",
    summary="Raises on every call.",
    description="A rule that fails, to show the server survives it.",
    message="never reported",
    level=Level.ERROR,
    risk=Risk.LOW,
    node_types=("call_expression",),
    check=crash,
)

if __name__ == "__main__":
    serve((*REGISTRY, CRASHING))
