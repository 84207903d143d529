"""Which struct field, flags and environment reads bind each declared parameter.

A parameter is bound by the field of the parameters struct that carries it
(:func:`~go_script_lint.analysis.parameters.field_for`), by every flag and
by every environment read whose name matches it
(:mod:`~go_script_lint.analysis.input_names`). GSL402, GSL403, GSL405, GSL411 and GSL412 share
these bindings through :func:`parameter_bindings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from go_script_lint.analysis.flag_bindings import (
    EnvRead,
    FlagDef,
    ScriptInputs,
    script_inputs,
)
from go_script_lint.analysis.input_names import binding_flags, env_binds
from go_script_lint.analysis.parameters import CrossCheck, crosscheck, field_for
from go_script_lint.analysis.struct_types import Field
from go_script_lint.base.memo import MemoKey
from go_script_lint.project.manifest import Parameter

if TYPE_CHECKING:
    from go_script_lint.analysis.context import PackageContext


@dataclass(frozen=True, slots=True)
class ParameterBinding:
    """One declared parameter and everything in the code that binds it."""

    param: Parameter
    field: Field | None
    flags: tuple[FlagDef, ...]
    env_reads: tuple[EnvRead, ...]

    @property
    def bound(self) -> bool:
        """Bound by at least one field, flag or environment read."""
        return self.field is not None or bool(self.flags) or bool(self.env_reads)


@dataclass(frozen=True, slots=True)
class InputCheck:
    """The struct cross-check, the package's inputs and each parameter's bindings."""

    check: CrossCheck
    inputs: ScriptInputs
    bindings: tuple[ParameterBinding, ...]

    def undeclared_flags(self) -> list[FlagDef]:
        """Flags that bind no declared parameter."""
        used = {f.call.id for b in self.bindings for f in b.flags}
        return [f for f in self.inputs.flags if f.call.id not in used]

    def undeclared_env_reads(self) -> list[EnvRead]:
        """Environment reads that bind no declared parameter."""
        used = {e.call.id for b in self.bindings for e in b.env_reads}
        return [e for e in self.inputs.env_reads if e.call.id not in used]


INPUT_CHECK: MemoKey[InputCheck | None] = MemoKey("analysis.input-bindings")


def parameter_bindings(pkg: PackageContext) -> InputCheck | None:
    """Bindings of the declared parameters (cached per package); ``None`` without any."""
    return pkg.memo(INPUT_CHECK, lambda: _bind(pkg))


def _bind(pkg: PackageContext) -> InputCheck | None:
    check = crosscheck(pkg)
    if check is None:
        return None
    inputs = script_inputs(pkg, check.package_name)
    bindings = tuple(
        ParameterBinding(
            param,
            field_for(check, param.name) if check.binding.struct is not None else None,
            binding_flags(param, inputs.flags),
            tuple(e for e in inputs.env_reads if env_binds(param, e)),
        )
        for param in check.schema.parameters
    )
    return InputCheck(check, inputs, bindings)


def bound_parameters(pkg: PackageContext) -> tuple[ParameterBinding, ...]:
    """Every declared parameter with its bindings; empty without a manifest."""
    found = parameter_bindings(pkg)
    return found.bindings if found is not None else ()
