"""Generate the rule pages (`docs/rules/GSLxxx.md`) and index from the catalog.

Usage: ``python -m go_script_lint.cli.rule_docs [--check] [DOCS_DIR]`` from the
repository root. ``--check`` writes nothing and exits 1 when a committed page
differs from the catalog (a test runs it), so the docs can never drift from the
code. The examples come from ``fixtures/rules/GSLNNN/examples/`` (see
:mod:`go_script_lint.cli.rule_examples`), the very files the tests run.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from go_script_lint.base.rule import PEER_TOOLS, Rule
from go_script_lint.cli.rule_examples import MAIN, RuleExamples, load_examples
from go_script_lint.engine.suppress import (
    BARE,
    PEER_COMMENTS,
    WHOLE_LINTERS,
    foreign_id_map,
)

# Where the examples are in a checkout (an editable install); a wheel has none.
CHECKOUT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"

FAMILIES = {
    "0": "Tool diagnostics",
    "1": "Directives and modules",
    "2": "Dangerous calls",
    "3": "Unchecked errors",
    "4": "Manifest and struct tags",
    "5": "Sandbox contract",
}


def _option_text(value: object) -> str:
    if isinstance(value, tuple | list):
        return "[" + ", ".join(f"`{v}`" for v in value) + "]"
    return f"`{value!r}`" if isinstance(value, str) else f"`{value}`"


def _language(name: str) -> str:
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if name.endswith(".json") else ""


def _example_lines(examples: RuleExamples) -> list[str]:
    lines: list[str] = []
    if MAIN in examples.bad:
        lines += ["## Example", "", "```go", examples.bad[MAIN].rstrip("\n"), "```", ""]
    if MAIN in examples.good:
        body = examples.good[MAIN].rstrip("\n")
        lines += ["## Use instead", "", "```go", body, "```", ""]
    for prefix, files in (
        ("With", examples.shared_files),
        ("Fixed", examples.fixed_files),
    ):
        for name, content in sorted(files.items()):
            fence = f"```{_language(name)}"
            lines += [f"{prefix} `{name}`:", "", fence, content.rstrip("\n"), "```", ""]
    return lines


def rule_markdown(rule: Rule, rule_fixtures: Path = CHECKOUT_FIXTURES) -> str:
    """The documentation page of one rule (examples from ``rule_fixtures``)."""
    lines = [f"# {rule.id} {rule.name}", ""]
    if not rule.implemented:
        lines += [
            "> **Reserved.** This id is catalogued; the rule is not implemented yet and never runs.",
            "",
        ]
    lines += [rule.summary, ""]
    facts = [
        ("Default level", rule.level.value),
        ("Risk", rule.risk.value),
        ("Runs at `--risk-level`", f"{rule.scan_level.value} and above"),
        ("Precision", rule.precision),
        ("Tags", ", ".join(f"`{t}`" for t in rule.tags) or "none"),
        (
            "CWE",
            ", ".join(
                f"[CWE-{c}](https://cwe.mitre.org/data/definitions/{c}.html)"
                for c in rule.cwe
            )
            or "none",
        ),
        (
            "Enabled by default",
            "yes" if rule.default_enabled else "no (opt in with `--select`)",
        ),
        (
            "In test files (`*_test.go`)",
            "reported"
            if rule.in_tests
            else "not reported by default: rarely worth a look in tests "
            "(deep scan and the config's [`tests:`](../configuration.md#test-files) "
            "section change it)",
        ),
    ]
    if rule.aliases:
        facts.append(("Former ids", ", ".join(rule.aliases)))
    lines += ["| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in facts], ""]
    lines += ["## What it does", "", rule.description, ""]
    if rule.help:
        lines += ["## Why and how to fix", "", rule.help, ""]
    lines += _example_lines(load_examples(rule_fixtures, rule.id))
    if rule.options:
        lines += [
            "## Options",
            "",
            "Set them in `.go-script-lint.yaml` under `rules: {"
            + rule.id
            + ": {options: …}}`.",
            "",
        ]
        lines += ["| option | default |", "|---|---|"]
        lines += [
            f"| `{k}` | {_option_text(v)} |" for k, v in sorted(rule.options.items())
        ]
        lines += [""]
    lines += [
        "## Suppressing",
        "",
        f"`//go-script-lint:ignore {rule.id} -- reason` on the line or the line above.",
        "",
    ]
    peer_comments = [
        f"`{PEER_COMMENTS[tool][1].format(id=i)}`"
        for tool in PEER_TOOLS
        for i in rule.foreign_ids.get(tool, ())
    ]
    if peer_comments:
        lines += [
            "With `foreign-suppressions: true` also "
            + ", ".join(peer_comments)
            + " ([peers' comments](../configuration.md#peers-suppression-comments)).",
            "",
        ]
    return "\n".join(lines)


def index_markdown(rules: Sequence[Rule]) -> str:
    """The rule index page."""
    lines = [
        "# Rules",
        "",
        "Generated from the catalog by `python -m go_script_lint.cli.rule_docs`; do not edit.",
        "",
    ]
    for digit, title in FAMILIES.items():
        family = [r for r in rules if r.id[3] == digit]
        if not family:
            continue
        lines += [
            f"## {title}",
            "",
            "| id | name | level | scan level | summary |",
            "|---|---|---|---|---|",
        ]
        for r in family:
            note = " *(reserved)*" if not r.implemented else ""
            summary = r.summary.replace("|", "\\|")
            lines.append(
                f"| [{r.id}]({r.id}.md) | {r.name}{note} | {r.level.value} | {r.scan_level.value} | {summary} |"
            )
        lines.append("")
    return "\n".join(lines)


# The block of docs/configuration.md generated from the rules' ``foreign_ids``.
PEER_TABLE_START = (
    "<!-- generated by `python -m go_script_lint.cli.rule_docs`: do not edit -->"
)
PEER_TABLE_END = "<!-- end of generated table -->"


def _selectors_text(selectors: Sequence[str]) -> str:
    names = {"GSL": "every rule"}
    return ", ".join(names.get(s, f"{s}xx" if len(s) < 6 else s) for s in selectors)


def peer_table(rules: Sequence[Rule]) -> str:
    """Markdown table: each peer's comment and the rules it suppresses."""
    mapping = foreign_id_map(rules)
    rows = ["| comment | suppresses |", "|---|---|"]
    for tool in PEER_TOOLS:
        key, form = PEER_COMMENTS[tool]
        if key in BARE:
            bare = form.split("{id}")[0].rstrip(" :")
            rows.append(f"| `{bare}` (bare) | {_selectors_text(BARE[key])} |")
        ids = sorted({i for r in rules for i in r.foreign_ids.get(tool, ())})
        if tool == "golangci-lint":
            ids = sorted(WHOLE_LINTERS) + ids
        rows += [
            f"| `{form.format(id=i)}` | {_selectors_text(mapping[i])} |" for i in ids
        ]
    return "\n".join([PEER_TABLE_START, "", *rows, "", PEER_TABLE_END])


def with_peer_table(page: str, rules: Sequence[Rule]) -> str:
    """``page`` (docs/configuration.md) with its generated block replaced."""
    start = page.index(PEER_TABLE_START)
    end = page.index(PEER_TABLE_END) + len(PEER_TABLE_END)
    return page[:start] + peer_table(rules) + page[end:]


def expected_pages(
    rules: Sequence[Rule], rule_fixtures: Path = CHECKOUT_FIXTURES
) -> dict[str, str]:
    """File name (under ``docs/rules``) → content."""
    pages = {f"{r.id}.md": rule_markdown(r, rule_fixtures) for r in rules}
    pages["index.md"] = index_markdown(rules)
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    """Write or check the generated pages; returns the exit status."""
    from go_script_lint.cli.registry import load_registry

    registry = load_registry()
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    rest = [a for a in args if a != "--check"]
    target = Path(rest[0]) if rest else Path("docs") / "rules"
    stale = []
    pages = expected_pages(registry, target.parent.parent / "fixtures" / "rules")
    if not check:
        target.mkdir(parents=True, exist_ok=True)
    for name, content in pages.items():
        path = target / name
        content = content.encode("utf-8", errors="replace").decode("utf-8")
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != content:
            stale.append(name)
            if not check:
                path.write_text(content, encoding="utf-8", errors="replace")
    configuration = target.parent / "configuration.md"
    if configuration.is_file():
        current = configuration.read_text(encoding="utf-8")
        generated = with_peer_table(current, registry)
        if generated != current:
            stale.append(str(configuration))
            if not check:
                configuration.write_text(generated, encoding="utf-8")
    extra = (
        sorted(p.name for p in target.glob("*.md") if p.name not in pages)
        if target.is_dir()
        else []
    )
    if check and (stale or extra):
        print(
            f"docs out of date: {', '.join(stale + extra)}; run `python -m go_script_lint.cli.rule_docs`",
            file=sys.stderr,
        )
        return 1
    for name in extra:
        if not check:
            (target / name).unlink()
    if not check:
        print(f"wrote {len(stale)} of {len(pages)} pages to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
