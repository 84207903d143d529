"""GSL207 reflective-call: Calls chosen at run time through reflection. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL207",
    name="reflective-call",
    summary='Calls chosen at run time through reflection.',
    description=(
        'Calls chosen at run time through reflection.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Reflective call `{callee}`',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=('security', 'deep-scan'),
    cwe=(470,),
    implemented=False,
)
