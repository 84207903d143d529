"""GSL301 unchecked-error: A call whose error result is dropped. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL301",
    name="unchecked-error",
    summary='A call whose error result is dropped.',
    description=(
        'A call whose error result is dropped.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Error result of `{callee}` is not checked',
    level=Level.WARNING,
    risk=Risk.MEDIUM,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'errors'),
    cwe=(252,),
    implemented=False,
)
