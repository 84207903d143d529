"""GSL504 exec-not-allowed: Process creation when `sandbox.exec: false`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL504",
    name="exec-not-allowed",
    summary='Process creation when `sandbox.exec: false`.',
    description=(
        'Process creation when `sandbox.exec: false`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` starts a process, which `sandbox.exec: false` forbids',
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('security', 'sandbox'),
    cwe=(),
    implemented=False,
)
