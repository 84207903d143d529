"""GSL410 enum-mismatch: A parameter enum disagrees with the OpenAPI schema it names. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL410",
    name="enum-mismatch",
    summary='A parameter enum disagrees with the OpenAPI schema it names.',
    description=(
        'A parameter enum disagrees with the OpenAPI schema it names.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Enum of `{name}` differs from the OpenAPI document: {detail}',
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
