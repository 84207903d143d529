"""GSL406 tag-naming: A struct tag name not in the configured naming style. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL406",
    name="tag-naming",
    summary='A struct tag name not in the configured naming style.',
    description=(
        'A struct tag name not in the configured naming style.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{key}` name `{name}` is not {style} (want `{want}`)',
    level=Level.NOTE,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('style', 'struct-tags'),
    cwe=(),
    implemented=False,
)
