"""GSL402 missing-parameter-field: a declared parameter that no struct field, flag or environment read binds."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    Finding,
    InputCheck,
    Level,
    Location,
    PackageContext,
    ParameterBinding,
    Risk,
    Rule,
    normalise,
    parameter_bindings,
    upper_snake,
)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    found = parameter_bindings(pkg)
    if found is None or not found.check.schema.parameters:
        return
    unbound = [b for b in found.bindings if not b.bound]
    if not unbound:
        return
    check = found.check
    decl = check.binding.struct
    some_bound = len(unbound) < len(found.bindings)
    if decl is None and not found.inputs.flags and not some_bound:
        # Guessing would put findings on an unrelated struct: say so once instead.
        yield pkg.finding(
            RULE,
            check.schema.location,
            level=Level.NOTE,
            precision="medium",
            detail=(
                f"no struct convincingly carries the parameters ({check.binding.detail}), "
                "and no flag or environment read binds them; mark the struct with "
                "`//go-script:parameters`"
            ),
        )
        return
    related = _searched(found)
    for binding in unbound:
        yield pkg.finding(
            RULE,
            binding.param.location,
            related=related,
            detail=f"parameter `{binding.param.name}` is bound by nothing: "
            + "; ".join(_where_looked(found, binding)),
        )


def _where_looked(found: InputCheck, binding: ParameterBinding) -> list[str]:
    """What the message says was searched, one phrase per kind of binding."""
    param = binding.param
    decl = found.check.binding.struct
    out = [
        f'no field of `{decl.name}` has `json:"{param.name}"`'
        if decl is not None
        else f"no parameters struct ({found.check.binding.detail})"
        if found.check.binding.detail
        else "no parameters struct"
    ]
    flags = found.inputs.flags
    if param.flag is not None:
        out.append(f"no flag is named `{param.flag}` (its `flag:`)")
    elif flags:
        compared = normalise(param.name)
        out.append(
            f"none of the {len(flags)} flag{'s' if len(flags) > 1 else ''} "
            f"is named like `{param.name}`"
            + (f" (compared as `{compared}`)" if compared != param.name else "")
        )
    else:
        out.append("no flag is defined")
    env = param.env if param.env is not None else upper_snake(param.name)
    out.append(f'no `os.Getenv("{env}")` or `os.LookupEnv("{env}")`')
    return out


def _searched(found: InputCheck) -> tuple[Location, ...]:
    """Where the code's inputs are: the struct and the first flag definition."""
    out: list[Location] = []
    decl = found.check.binding.struct
    if decl is not None:
        name_node = decl.spec.child_by_field_name("name") or decl.spec
        out.append(
            decl.file.location(
                name_node, message=f"the parameters struct `{decl.name}`"
            )
        )
    if found.inputs.flags:
        first = found.inputs.flags[0]
        out.append(
            first.file.location(first.call, message="the flags are defined here")
        )
    return tuple(out)


RULE = Rule(
    id="GSL402",
    name="missing-parameter-field",
    summary="A declared parameter that no struct field, flag or environment read binds.",
    description=(
        "Each parameter of `go-script.yaml` (or of the `--schema-path` JSON Schema) must be "
        "bound in the entrypoint's package by at least one of: a field of the parameters "
        "struct (the struct marked `//go-script:parameters`, or else the struct whose "
        "`json` names cover the parameters best; names match as `encoding/json` matches "
        "them, fields of embedded structs count); a flag of `flag`, `spf13/pflag` or a "
        "cobra command whose name normalises to the parameter's (`batch-size` = "
        "`batch_size` = `batchSize`); an `os.Getenv`/`os.LookupEnv` of its upper-snake "
        "name (`BATCH_SIZE`). The manifest keys `flag:` and `env:` name the binding "
        "exactly. The finding is on the manifest entry and says where the rule looked; "
        "the related locations are the struct and the flag definitions. When there is no "
        "convincing struct and no flag at all, the rule says so once, as a note, instead "
        "of guessing."
    ),
    message="{detail}",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** a parameter nothing binds is silently dropped: callers set it and "
        "nothing happens.\n\n"
        "**Fix:** add a field with the parameter's name as its `json` tag, a flag of that "
        "name, or name the flag or environment variable with `flag:`/`env:`; or remove the "
        "parameter from the manifest."
    ),
    package_check=package_check,
)
