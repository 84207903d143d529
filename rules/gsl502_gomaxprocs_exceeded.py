"""GSL502 gomaxprocs-exceeded: `runtime.GOMAXPROCS(n)` above `sandbox.gomaxprocs`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL502",
    name="gomaxprocs-exceeded",
    summary='`runtime.GOMAXPROCS(n)` above `sandbox.gomaxprocs`.',
    description=(
        '`runtime.GOMAXPROCS(n)` above `sandbox.gomaxprocs`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`runtime.GOMAXPROCS({value})` exceeds `sandbox.gomaxprocs: {limit}`',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("sandbox",),
    cwe=(),
    implemented=False,
)
