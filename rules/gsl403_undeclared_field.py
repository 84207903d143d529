"""GSL403 undeclared-field: A field of the parameters struct that the schema does not declare. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL403",
    name="undeclared-field",
    summary='A field of the parameters struct that the schema does not declare.',
    description=(
        'A field of the parameters struct that the schema does not declare.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Field `{field}` (`{tag}`) is not a declared parameter',
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
