"""GSL409 missing-manifest-reference: the manifest's `entrypoint` or `openapi` file is missing or unreadable."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    PackageContext,
    Risk,
    Rule,
    manifest_of,
    openapi_of,
    reference_problem,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    manifest = manifest_of(pkg)
    if manifest is None:
        return
    for ref in manifest.references:
        problem = reference_problem(pkg, manifest, ref)
        if problem is None and ref.key == "openapi":
            loaded = openapi_of(pkg)
            if loaded is not None and loaded[2].root is None and loaded[2].errors:
                error = loaded[2].errors[0]
                problem = f"is not a YAML or JSON document: {error.message} (line {error.region.start_line})"
            elif (
                loaded is not None
                and loaded[2].root is not None
                and not loaded[2].root.is_mapping
            ):
                problem = "is not an OpenAPI document (not a mapping)"
        if problem is not None:
            yield pkg.finding(
                RULE, ref.location, key=ref.key, target=ref.value, problem=problem
            )


RULE = Rule(
    id="GSL409",
    name="missing-manifest-reference",
    summary="The manifest's `entrypoint` or `openapi` file is missing or unreadable.",
    description=(
        "`go-script.yaml` names the script's `entrypoint` Go file and, optionally, an "
        "`openapi` document, both relative to the manifest's directory. This rule reports "
        "a named file that does not exist, is a directory, cannot be read, or (for "
        "`openapi`) is not a YAML or JSON document. A path that leaves the scanned "
        "paths (`../secret.yaml`, `/etc/passwd`, a link pointing outside) is reported "
        "without being read, and without saying whether it exists."
    ),
    message="`{key}` file `{target}` {problem}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "manifest"),
    precision="very-high",
    help=(
        "**Why:** the runner starts the script from `entrypoint`; a wrong path means the "
        "script cannot run, and a broken `openapi` reference disables the enum cross-check "
        "(GSL410).\n\n"
        "**Fix:** correct the path (relative to the manifest's directory) or add the file."
    ),
    package_check=package_check,
)
