"""GSL206 unsafe-pointer: Use of package `unsafe`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL206",
    name="unsafe-pointer",
    summary='Use of package `unsafe`.',
    description=(
        'Use of package `unsafe`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message="Use of `{name}` bypasses Go's type and memory safety",
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=('security', 'deep-scan'),
    cwe=(242,),
    implemented=False,
)
