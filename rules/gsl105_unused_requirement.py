"""GSL105 unused-requirement: A module declared with `//go:requires` that no import uses. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL105",
    name="unused-requirement",
    summary='A module declared with `//go:requires` that no import uses.',
    description=(
        'A module declared with `//go:requires` that no import uses.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Module `{module}` is required but never imported',
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('maintainability', 'directives', 'modules'),
    cwe=(),
    implemented=False,
)
