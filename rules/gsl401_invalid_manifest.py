"""GSL401 invalid-manifest: `go-script.yaml` violates its schema. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL401",
    name="invalid-manifest",
    summary='`go-script.yaml` violates its schema.',
    description=(
        '`go-script.yaml` violates its schema.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='{detail}',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
