"""GSL002 unreadable-input: a file that could not be read or decoded."""

from go_script_lint.api import Level, Risk, Rule

RULE = Rule(
    id="GSL002",
    name="unreadable-input",
    summary="A file that could not be read or decoded as UTF-8 Go source.",
    description=(
        "The file could not be analysed: it is unreadable (permissions, a symbolic "
        "link loop, a directory or FIFO named `*.go`, `go.mod` or `go-script.yaml`), "
        "over its size budget, not UTF-8 text (UTF-16, binary data), over the per-file "
        "time budget, or nested deeper than the rules can see. Such files are not "
        "analysed and the run exits 2. A file with a few invalid UTF-8 bytes is "
        "reported as a warning and analysed anyway. Budgets and limits: "
        "docs/security.md."
    ),
    message="Cannot analyse file: {problem}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "input"),
    precision="very-high",
    help=(
        "**Why:** a file the linter cannot read is a file nobody checked; CI must not "
        "pass silently.\n\n"
        "**Fix:** make the file readable, save it as UTF-8, or exclude it with "
        "`--exclude` if it is not Go source."
    ),
    # "\udcff" is the byte 0xFF (surrogateescape): invalid UTF-8 in the file.
    engine_rule=True,
)
