"""GSL412 required-with-default: a required parameter whose flag has a non-zero constant default."""

from __future__ import annotations

import json
from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    Level,
    Location,
    PackageContext,
    Risk,
    Rule,
    bound_parameters,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    for binding in bound_parameters(pkg):
        param = binding.param
        if not param.required:
            continue
        for flag in binding.flags:
            known, value = flag.constant_default()
            if not known or not value:
                continue
            at = param.location
            yield flag.file.finding(
                RULE,
                flag.call,
                related=(
                    Location(at.path, at.region, "declared `required: true` here"),
                ),
                flag=flag.spelled,
                default=json.dumps(value),
                name=param.name,
            )


RULE = Rule(
    id="GSL412",
    name="required-with-default",
    summary="A `required: true` parameter whose flag has a non-zero constant default.",
    description=(
        "The manifest declares a parameter `required: true`, but the flag that binds it "
        "(GSL402 says how flags bind) has a constant default other than the zero value "
        '(`""`, `0`, `false`). The code makes optional what the contract says is '
        "required: callers following the code leave it out, callers following the "
        "manifest cannot. Defaults that are not constants (`os.Getenv(…)`) are not "
        "judged. The finding is on the flag definition; the related location is the "
        "manifest entry."
    ),
    message="flag `{flag}` defaults to {default}, but parameter `{name}` is required",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** a required parameter with a default is either not required (the "
        "default works) or the default is a trap (it silently stands in for a missing "
        "value).\n\n"
        "**Fix:** drop `required: true` (and document the default with `default:`), or "
        "give the flag a zero default and reject a missing value."
    ),
    package_check=package_check,
)
