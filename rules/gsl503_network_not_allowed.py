"""GSL503 network-not-allowed: Network use when `sandbox.network: false`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL503",
    name="network-not-allowed",
    summary='Network use when `sandbox.network: false`.',
    description=(
        'Network use when `sandbox.network: false`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` uses the network, which `sandbox.network: false` forbids',
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('security', 'sandbox'),
    cwe=(),
    implemented=False,
)
