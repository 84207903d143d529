"""GSL210 exit-skips-cleanup: `os.Exit` or `log.Fatal*` in a function with deferred calls, which then never run. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL210",
    name="exit-skips-cleanup",
    summary='`os.Exit` or `log.Fatal*` in a function with deferred calls, which then never run.',
    description=(
        '`os.Exit` or `log.Fatal*` in a function with deferred calls, which then never run.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{callee}` exits without running the deferred calls of `{function}`',
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'reliability'),
    cwe=(),
    implemented=False,
)
