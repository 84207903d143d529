"""GSL205 raw-syscall: A direct `syscall` or `golang.org/x/sys/unix` call. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL205",
    name="raw-syscall",
    summary='A direct `syscall` or `golang.org/x/sys/unix` call.',
    description=(
        'A direct `syscall` or `golang.org/x/sys/unix` call.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Raw system call `{callee}`',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=('security', 'deep-scan'),
    cwe=(242,),
    implemented=False,
)
