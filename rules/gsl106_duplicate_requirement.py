"""GSL106 duplicate-requirement: The same module or `go` version is declared twice. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL106",
    name="duplicate-requirement",
    summary='The same module or `go` version is declared twice.',
    description=(
        'The same module or `go` version is declared twice.'
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
