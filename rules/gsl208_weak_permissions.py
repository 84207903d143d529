"""GSL208 weak-permissions: Group/world-writable or setuid/setgid file modes. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL208",
    name="weak-permissions",
    summary='Group/world-writable or setuid/setgid file modes.',
    description=(
        'Group/world-writable or setuid/setgid file modes.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` uses mode {mode}, {detail}',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('security', 'filesystem'),
    cwe=(732,),
    implemented=False,
)
