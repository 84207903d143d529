"""GSL405 parameter-type-mismatch: The schema type of a parameter disagrees with its Go field type. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL405",
    name="parameter-type-mismatch",
    summary='The schema type of a parameter disagrees with its Go field type.',
    description=(
        'The schema type of a parameter disagrees with its Go field type.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Parameter `{name}` is `{schema_type}` but field `{field}` is `{go_type}`',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
