"""GSL003 unused-suppression: an inline suppression that suppresses nothing."""

from go_script_lint.api import Level, Risk, Rule

RULE = Rule(
    id="GSL003",
    name="unused-suppression",
    summary="An inline suppression comment that suppresses nothing.",
    description=(
        "A `//go-script-lint:ignore` comment whose rules reported nothing on its line "
        "or the next one. Stale suppressions hide future findings at that place. Off by "
        "default: enable it with `--select GSL003`."
    ),
    message="Suppression `{selectors}` matches no finding",
    level=Level.NOTE,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("maintainability", "suppression"),
    precision="very-high",
    help=(
        "**Why:** a suppression that matches nothing will silently hide the next real "
        "finding on that line.\n\n"
        "**Fix:** delete the comment, or narrow it to the rule that still fires."
    ),
    engine_rule=True,
    default_enabled=False,
)
