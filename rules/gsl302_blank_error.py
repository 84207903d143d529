"""GSL302 blank-error: An error result assigned to `_`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL302",
    name="blank-error",
    summary='An error result assigned to `_`.',
    description=(
        'An error result assigned to `_`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Error result of `{callee}` is assigned to `_`',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'errors'),
    cwe=(391,),
    implemented=False,
)
