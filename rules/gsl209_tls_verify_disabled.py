"""GSL209 tls-verify-disabled: `InsecureSkipVerify: true` disables TLS certificate checks. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL209",
    name="tls-verify-disabled",
    summary='`InsecureSkipVerify: true` disables TLS certificate checks.',
    description=(
        '`InsecureSkipVerify: true` disables TLS certificate checks.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='TLS certificate verification is disabled',
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    tags=('security', 'tls'),
    cwe=(295,),
    implemented=False,
)
