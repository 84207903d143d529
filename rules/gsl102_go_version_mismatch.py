"""GSL102 go-version-mismatch: The declared Go version is below what the code uses or below go.mod's `go` line. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL102",
    name="go-version-mismatch",
    summary="The declared Go version is below what the code uses or below go.mod's `go` line.",
    description=(
        "The declared Go version is below what the code uses or below go.mod's `go` line."
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='{detail}',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'directives'),
    cwe=(),
    implemented=False,
)
