"""GSL409 missing-manifest-reference: The manifest's `entrypoint` or `openapi` file is missing or unreadable. Reserved: not implemented yet."""

from analyzer.model import Level, Risk
from analyzer.rule import Rule

RULE = Rule(
    id="GSL409",
    name="missing-manifest-reference",
    summary="The manifest's `entrypoint` or `openapi` file is missing or unreadable.",
    description=(
        "The manifest's `entrypoint` or `openapi` file is missing or unreadable."
        " This id is reserved and documented; the rule is not implemented yet."
    ),
    message='`{key}` file `{path}` {problem}',
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=('correctness', 'manifest'),
    cwe=(),
    implemented=False,
)
