"""GSL402 missing-parameter-field: A declared parameter that no struct field carries. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL402",
    name="missing-parameter-field",
    summary='A declared parameter that no struct field carries.',
    description=(
        'A declared parameter that no struct field carries.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Parameter `{name}` has no field in `{struct}`',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
