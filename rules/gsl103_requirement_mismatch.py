"""GSL103 requirement-mismatch: A `//go:requires` module version differs from go.mod, or go.mod lacks the module. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL103",
    name="requirement-mismatch",
    summary='A `//go:requires` module version differs from go.mod, or go.mod lacks the module.',
    description=(
        'A `//go:requires` module version differs from go.mod, or go.mod lacks the module.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='{detail}',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'directives', 'modules'),
    cwe=(),
    implemented=False,
)
