"""GSL104 undeclared-import: A non-standard-library import whose module no `//go:requires` declares. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL104",
    name="undeclared-import",
    summary='A non-standard-library import whose module no `//go:requires` declares.',
    description=(
        'A non-standard-library import whose module no `//go:requires` declares.'
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='Import `{path}` belongs to no module declared with `//go:requires`',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'directives', 'modules'),
    cwe=(),
    implemented=False,
)
