"""GSL403 undeclared-field: a struct field, flag or environment read the manifest does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    InputCheck,
    Level,
    Location,
    PackageContext,
    Risk,
    Rule,
    file_of,
    parameter_bindings,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    found = parameter_bindings(pkg)
    if found is None:
        return
    at = found.check.schema.location
    related = (Location(at.path, at.region, "the declared parameters"),)
    yield from _fields(pkg, found, related)
    for flag in found.undeclared_flags():
        yield flag.file.finding(
            RULE, flag.call, related=related, what=f"flag `{flag.spelled}`"
        )
    options = pkg.options(RULE)
    if options["environment"]:
        allowed = set(options["environment-allow"])
        for env in found.undeclared_env_reads():
            if env.name not in allowed:
                yield env.file.finding(
                    RULE,
                    env.call,
                    related=related,
                    what=f"environment variable `{env.name}`",
                )


def _fields(
    pkg: PackageContext, found: InputCheck, related: tuple[Location, ...]
) -> Iterator[Finding]:
    check = found.check
    if check.binding.struct is None:
        return
    declared = {p.name.lower() for p in check.schema.parameters}
    for field, _depth in check.fields:
        carried = field.encoding_name()
        if carried is None or carried.lower() in declared:
            continue
        ctx = file_of(pkg, field.decl)
        if ctx is None:
            continue
        yield ctx.finding(
            RULE,
            field.name_node or field.decl,
            related=related,
            what=f"field `{field.name}` (`{carried}`)",
        )


RULE = Rule(
    id="GSL403",
    name="undeclared-field",
    summary="A struct field, flag or environment read that the manifest or schema does not declare.",
    description=(
        "Every exported field of the parameters struct that `encoding/json` would fill (not "
        '`json:"-"`, not unexported; fields of embedded structs of the same package '
        "included) and every flag the entrypoint's package defines (`flag`, "
        "`spf13/pflag`, cobra `cmd.Flags()`) must be a declared parameter of "
        "`go-script.yaml` or of the `--schema-path` schema (names compared as GSL402 "
        "does). Environment reads are not reported by default (`HOME`, `CI` or "
        "`GITHUB_TOKEN` are not parameters); the option `environment: true` reports "
        "constant `os.Getenv`/`os.LookupEnv` reads outside `environment-allow`. The "
        "finding is on the Go definition; the related location is the manifest's "
        "`parameters`."
    ),
    message="{what} is not a declared parameter",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** an input the manifest does not declare can never be set by callers that "
        "follow the manifest; it is dead input or a parameter someone forgot to document.\n\n"
        "**Fix:** declare the parameter in `go-script.yaml` (`go-script-lint "
        "--init-manifest` writes one from the code), or hide the field from the decoder "
        'with `json:"-"` (or make it unexported).'
    ),
    options={
        "environment": False,
        "environment-allow": (
            "HOME",
            "USER",
            "PATH",
            "PWD",
            "SHELL",
            "TERM",
            "TMPDIR",
            "LANG",
            "TZ",
            "CI",
            "DEBUG",
            "GITHUB_TOKEN",
        ),
    },
    package_check=package_check,
)
