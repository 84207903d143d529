"""GSL202 non-constant-command: The program passed to exec is not a compile-time constant. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL202",
    name="non-constant-command",
    summary='The program passed to exec is not a compile-time constant.',
    description=(
        'The program passed to exec is not a compile-time constant.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` runs a program chosen at run time ({source})',
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('security', 'exec'),
    cwe=(78,),
    implemented=False,
)
