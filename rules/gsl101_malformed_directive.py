"""GSL101 malformed-directive: `//go:script` or `//go:requires` has bad syntax, a bad version or module path, or a near-miss spelling. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL101",
    name="malformed-directive",
    summary='`//go:script` or `//go:requires` has bad syntax, a bad version or module path, or a near-miss spelling.',
    description=(
        '`//go:script` or `//go:requires` has bad syntax, a bad version or module path, or a near-miss spelling.'
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
