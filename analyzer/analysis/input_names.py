"""How a parameter's name matches a flag's or an environment variable's.

Names match after normalisation (``batch-size`` = ``batch_size`` =
``batchSize``), a flag named exactly like the parameter first; environment
variables match the upper-snake form (``BATCH_SIZE``). An explicit ``flag:`` / ``env:`` key in the manifest makes
that exact name the only binding of its kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from go_script_lint.analysis.flag_bindings import EnvRead, FlagDef, ScriptInputs
from go_script_lint.project.manifest import Parameter

_SEPARATORS = re.compile(r"[-_.\s]+")
_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def normalise(name: str) -> str:
    """The form names are compared in: no separators, lower case."""
    return _SEPARATORS.sub("", name).lower()


def upper_snake(name: str) -> str:
    """``batchSize``, ``batch-size``, ``userID`` → ``BATCH_SIZE``, ``BATCH_SIZE``, ``USER_ID``."""
    return _SEPARATORS.sub("_", _WORD_BREAK.sub("_", name)).strip("_").upper()


def binding_flags(param: Parameter, flags: Sequence[FlagDef]) -> tuple[FlagDef, ...]:
    """The flags that take ``param``.

    Flags named exactly like the parameter win: Go flag names are case
    sensitive, and ``-t`` and ``-T`` are different flags (rakyll/hey).
    """
    if param.flag is not None:
        return tuple(f for f in flags if f.name == param.flag)
    exact = tuple(f for f in flags if f.name == param.name)
    if exact:
        return exact
    key = normalise(param.name)
    return tuple(f for f in flags if normalise(f.name) == key)


def env_binds(param: Parameter, env: EnvRead) -> bool:
    """Whether ``env`` reads ``param``."""
    if param.env is not None:
        return env.name == param.env
    return env.name == upper_snake(param.name)


def bound_outside_struct(param: Parameter, inputs: ScriptInputs) -> bool:
    """Whether a flag or an environment read binds ``param``."""
    return bool(binding_flags(param, inputs.flags)) or any(
        env_binds(param, e) for e in inputs.env_reads
    )
