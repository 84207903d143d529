"""GSL408 duplicate-tag-name: Two fields of one struct with the same `json`/`yaml` name. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL408",
    name="duplicate-tag-name",
    summary='Two fields of one struct with the same `json`/`yaml` name.',
    description=(
        'Two fields of one struct with the same `json`/`yaml` name.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{key}` name `{name}` is used by `{other}` too',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=('correctness', 'struct-tags'),
    cwe=(),
    implemented=False,
)
