"""GSL501 syscall-not-allowed: A system call outside `sandbox.syscalls`. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL501",
    name="syscall-not-allowed",
    summary='A system call outside `sandbox.syscalls`.',
    description=(
        'A system call outside `sandbox.syscalls`.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` needs syscall `{syscall}`, not in `sandbox.syscalls`',
    level=Level.ERROR,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('security', 'sandbox'),
    cwe=(),
    implemented=False,
)
