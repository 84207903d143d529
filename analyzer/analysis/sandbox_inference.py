"""The ``sandbox:`` section a script needs, from the capability analysis.

Every call of the directory's non-test files is looked up in the capability
table (:func:`~go_script_lint.analysis.capabilities.need_of`), as GSL501-GSL504
do: ``network`` and ``exec`` are true when some call needs them, ``syscalls``
lists what the other calls need beyond the runtime's own, and ``gomaxprocs``
is the highest constant ``runtime.GOMAXPROCS`` argument. A key that cannot be
inferred soundly (a raw syscall with a computed number, a computed
GOMAXPROCS) is left out, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from go_script_lint.analysis.capabilities import need_of, table
from go_script_lint.golang.parsing import iter_nodes_of_types

if TYPE_CHECKING:
    from go_script_lint.analysis.context import PackageContext

GOMAXPROCS = "runtime.GOMAXPROCS"


@dataclass
class InferredSandbox:
    """The sandbox keys to write, and what each was inferred from."""

    network: bool = False
    exec: bool = False
    syscalls: list[str] | None = field(default_factory=list)
    gomaxprocs: int | None = None
    notes: dict[str, list[str]] = field(default_factory=dict)
    syscall_sources: dict[str, str] = field(
        default_factory=dict
    )  # syscall → first call

    def note(self, key: str, text: str) -> None:
        """Record why ``key`` has its value (the first few reasons are kept)."""
        reasons = self.notes.setdefault(key, [])
        if text not in reasons and len(reasons) < 3:
            reasons.append(text)


def infer_sandbox(pkg: PackageContext) -> InferredSandbox:
    """What the directory's code needs from the sandbox."""
    out = InferredSandbox()
    needed: dict[str, str] = {}  # syscall → the first call needing it
    unknown = ""
    limits: list[int] = []
    computed_limit = ""
    for f in sorted(pkg.files, key=lambda c: c.path):
        if f.path.endswith("_test.go"):
            continue
        for call in iter_nodes_of_types(f.root, ["call_expression"]):
            line = call.start_point.row + 1
            where = f"{f.path.rsplit('/', 1)[-1]}:{line}"
            if f.callee(call) == GOMAXPROCS:
                args = call.child_by_field_name("arguments")
                value = (
                    f.int_value(args.named_children[0])
                    if args and args.named_children
                    else None
                )
                if value is None:
                    computed_limit = where
                elif value >= 1:
                    limits.append(value)
            need = need_of(f, call)
            if need is None:
                continue
            if need.unknown_syscall:
                unknown = unknown or f"`{need.callee}` ({where})"
                continue
            if need.capability in ("network", "exec"):
                setattr(out, need.capability, True)
                out.note(need.capability, f"`{need.callee}` ({where})")
                continue
            for name in need.syscalls:
                needed.setdefault(name, f"`{need.callee}` ({where})")
    granted = set(table().implicit)
    extra = sorted(s for s in needed if s not in granted)
    if unknown:
        out.syscalls = None
        out.note(
            "syscalls", f"left out: {unknown} makes a syscall whose number is computed"
        )
    else:
        out.syscalls = extra
        out.syscall_sources = {name: needed[name] for name in extra}
    if computed_limit:
        out.note(
            "gomaxprocs",
            f"left out: `runtime.GOMAXPROCS` gets a computed value ({computed_limit})",
        )
    elif limits:
        out.gomaxprocs = max(limits)
        out.note("gomaxprocs", "the highest constant `runtime.GOMAXPROCS` argument")
    return out
