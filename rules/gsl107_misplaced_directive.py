"""GSL107 misplaced-directive: A directive after the `package` clause, where tools ignore it. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL107",
    name="misplaced-directive",
    summary='A directive after the `package` clause, where tools ignore it.',
    description=(
        'A directive after the `package` clause, where tools ignore it.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{directive}` after the package clause is ignored by tools',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'directives'),
    cwe=(),
    implemented=False,
)
