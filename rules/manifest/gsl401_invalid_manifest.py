"""GSL401 invalid-manifest: `go-script.yaml` (or the `--schema-path` file) violates its schema."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    PackageContext,
    Problem,
    Risk,
    Rule,
    manifest_of,
    schema_file_of,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    problems: list[Problem] = []
    manifest = manifest_of(pkg)
    if manifest is not None:
        problems.extend(manifest.problems)
    schema_file = schema_file_of(pkg)
    if schema_file is not None:
        # Every directory sees the same file; identical findings are merged into one.
        problems.extend(schema_file.problems)
    for problem in problems:
        yield pkg.finding(
            RULE, problem.location, level=problem.level, detail=problem.message
        )


RULE = Rule(
    id="GSL401",
    name="invalid-manifest",
    summary="`go-script.yaml` (or the `--schema-path` JSON Schema) is invalid.",
    description=(
        "The manifest `go-script.yaml` is checked against the JSON Schema the project ships "
        "(`docs/go-script.schema.json`): required keys `name`, `version` (a semantic version) "
        "and `entrypoint`, parameter types from a fixed list, enum values of the parameter's "
        "type, a `sandbox` section whose `syscalls` are Linux syscall names (a misspelt "
        "name gets the closest ones as a suggestion), and no unknown keys. YAML syntax errors, tabs, duplicate "
        "keys, duplicate parameter names, alias bombs and documents that are not a mapping "
        "are reported too, each at its line: an unknown key or a wrong value at the key, a "
        "missing key at its parent mapping. A `--schema-path` file that cannot be read is "
        "reported the same way, and JSON Schema keywords the cross-checks do not understand "
        "(`anyOf`, `allOf` …) are reported once as notes."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "manifest"),
    precision="very-high",
    help=(
        "**Why:** a manifest that does not follow the schema is rejected or misread by the "
        "tools that run the script, and every cross-check that relies on it is unreliable.\n\n"
        "**Fix:** correct the key or value the finding points at. Editors validate the file "
        "as you type when it starts with\n"
        "`# yaml-language-server: $schema=<url of docs/go-script.schema.json>`."
    ),
    package_check=package_check,
)
