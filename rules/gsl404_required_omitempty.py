"""GSL404 required-omitempty: A required parameter whose field is `omitempty`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL404",
    name="required-omitempty",
    summary='A required parameter whose field is `omitempty`.',
    description=(
        'A required parameter whose field is `omitempty`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Required parameter `{name}` is tagged `omitempty`',
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
