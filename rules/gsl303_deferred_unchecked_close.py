"""GSL303 deferred-unchecked-close: `defer f.Close()` on a file opened for writing drops the write error. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL303",
    name="deferred-unchecked-close",
    summary='`defer f.Close()` on a file opened for writing drops the write error.',
    description=(
        '`defer f.Close()` on a file opened for writing drops the write error.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Deferred `{callee}` drops the error of a file opened for writing',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'errors'),
    cwe=(252,),
    implemented=False,
)
