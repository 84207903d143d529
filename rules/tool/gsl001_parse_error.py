"""GSL001 parse-error: Go syntax the parser could not read."""

from go_script_lint.api import Level, Risk, Rule

RULE = Rule(
    id="GSL001",
    name="parse-error",
    summary="Go syntax the parser could not read.",
    description=(
        "tree-sitter could not parse a region of the file. The finding points at the "
        "start of each error region; the rest of the file is still analysed, but rules "
        "may miss code inside the broken region. Valid Go newer than the grammar "
        "(Go 1.26 `new(expr)`, Go 1.27 generic methods) is recognised and not reported. "
        "A file without a `package` clause, with a second one, or with a statement at "
        "the top level (`foo()`) is reported too: the grammar accepts these, Go does not."
    ),
    message="Syntax error: {detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "syntax"),
    precision="high",
    help=(
        "**Why:** code the parser cannot read is code the linter cannot check.\n\n"
        "**Fix:** correct the syntax (`gofmt -l` shows the same place). If the file is "
        "valid Go that this tool misreads, please report it."
    ),
    engine_rule=True,
)
