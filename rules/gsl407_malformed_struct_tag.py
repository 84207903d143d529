"""GSL407 malformed-struct-tag: Struct tag syntax errors and duplicate keys. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL407",
    name="malformed-struct-tag",
    summary='Struct tag syntax errors and duplicate keys.',
    description=(
        'Struct tag syntax errors and duplicate keys.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='{detail}',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'struct-tags'),
    cwe=(),
    implemented=False,
)
