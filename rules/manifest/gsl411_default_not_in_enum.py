"""GSL411 default-not-in-enum: a flag's constant default is outside its parameter's `enum`."""

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


def same_value(a: object, b: object) -> bool:
    """YAML and Go constants compared by type: `true` is not `1`, `1` is `1.0`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    for binding in bound_parameters(pkg):
        param = binding.param
        if param.enum is None:
            continue
        for flag in binding.flags:
            known, value = flag.constant_default()
            if flag.default is None or not known:
                continue
            if not value and not param.required:
                continue  # the zero value of an optional flag means "not given"
            if any(same_value(value, allowed) for allowed in param.enum):
                continue
            at = param.enum_location or param.location
            yield flag.file.finding(
                RULE,
                flag.default,
                related=(Location(at.path, at.region, f"the enum of `{param.name}`"),),
                default=json.dumps(value),
                flag=flag.spelled,
                name=param.name,
                allowed=", ".join(json.dumps(v) for v in param.enum),
            )


RULE = Rule(
    id="GSL411",
    name="default-not-in-enum",
    summary="A flag's constant default is not one of its parameter's `enum` values.",
    description=(
        "A parameter with an `enum` is bound to a flag (GSL402 says how flags bind) whose "
        "default argument is a constant outside the enum. Callers that leave the flag out "
        'get a value the contract says cannot happen. The zero value (`""`, `0`, '
        "`false`) of an optional parameter's flag is allowed: it usually means \"not "
        'given". The finding is on the default argument; the related location is the '
        "manifest's `enum`."
    ),
    message="default {default} of flag `{flag}` is not in the enum of parameter `{name}` ({allowed})",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** the manifest promises the parameter is one of the enum values, but the "
        "script runs with another one whenever the flag is not given.\n\n"
        "**Fix:** change the default to an enum value, or add it to the `enum`."
    ),
    package_check=package_check,
)
