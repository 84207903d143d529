"""What a call needs from the sandbox: Linux system calls, network, process creation.

The knowledge is data, not code: ``analyzer/data/capabilities.json`` is the
reviewed capability table (standard-library calls and methods → syscalls and
capability, the Go runtime's implicit syscalls, the Linux x86-64 syscall
names, and the ``syscall`` / ``golang.org/x/sys/unix`` wrappers generated from
Go sources by ``scripts/gen_capabilities.py``). This module answers "what does
this call need?" (:func:`need_of`) and "what does this directory's manifest
allow?" (:func:`sandbox_of`) for the GSL5xx rules. ``docs/sandbox.md`` says
what the table can and cannot prove.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from go_script_lint.analysis.package_manifest import manifest_of
from go_script_lint.analysis.resolve import Resolver
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Location
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext
    from go_script_lint.base.yamlpos import YNode

MAX_DEPTH = 8  # constant chains followed to find a raw syscall's number
RAW_PACKAGES = ("syscall", "golang.org/x/sys/unix")
_IMPORT_PATH_PREFIX = re.compile(r"[\w.\-]+/")


@dataclass(frozen=True, slots=True)
class Need:
    """What one call needs.

    Attributes:
        callee: How messages name the call (``exec.Command``, ``(*http.Client).Do``).
        syscalls: Linux system calls it makes (implicit ones included).
        capability: ``"network"``, ``"exec"`` or ``None``.
        action: What it does, for messages (``dials out``, ``starts a process``).
        approximate: Why the entry is approximate (empty when it is not).
        unknown_syscall: A raw syscall whose number is not a constant.
    """

    callee: str
    syscalls: tuple[str, ...]
    capability: str | None = None
    action: str = ""
    approximate: str = ""
    unknown_syscall: bool = False


class CapabilityTable:
    """The decoded ``capabilities.json``."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Index the table's sections."""
        self.numbers: dict[str, int] = dict(data.get("linux_amd64_syscalls", {}))
        self.by_number: dict[int, str] = {n: s for s, n in self.numbers.items()}
        self.implicit: frozenset[str] = frozenset(
            data.get("implicit", {}).get("syscalls", ())
        )
        self.profiles: dict[str, dict[str, Any]] = dict(data.get("profiles", {}))
        self.calls: dict[str, dict[str, Any]] = dict(data.get("calls", {}))
        self.methods: dict[str, dict[str, Any]] = dict(data.get("methods", {}))
        self.wrappers: dict[str, list[str]] = dict(data.get("wrappers", {}))
        self.raw_functions: frozenset[str] = frozenset(
            data.get("raw_syscall_functions", {}).get("functions", ())
        )
        self.method_names: frozenset[str] = frozenset(
            key.rsplit(".", 1)[-1] for key in self.methods
        )

    def capability_syscalls(self, capability: str) -> frozenset[str]:
        """Every syscall the table's profiles of ``capability`` need."""
        return frozenset(
            s
            for p in self.profiles.values()
            if p.get("capability") == capability
            for s in p.get("syscalls", ())
        )

    def entry_need(self, callee: str, entry: dict[str, Any]) -> Need:
        """A :class:`Need` from a ``calls`` or ``methods`` entry."""
        profile = self.profiles.get(str(entry.get("profile", "")), {})
        syscalls = tuple(
            dict.fromkeys([*profile.get("syscalls", ()), *entry.get("syscalls", ())])
        )
        return Need(
            callee=callee,
            syscalls=syscalls,
            capability=profile.get("capability"),
            action=str(profile.get("action", "")),
            approximate=str(entry.get("approximate", "")),
        )


@cache
def table() -> CapabilityTable:
    """The committed capability table, loaded once per process."""
    text = (
        resources.files("go_script_lint.data")
        .joinpath("capabilities.json")
        .read_text("utf-8")
    )
    return CapabilityTable(json.loads(text))


def short_name(qualified: str) -> str:
    """``golang.org/x/sys/unix.Mount`` → ``unix.Mount``; ``(*net/http.Client).Do`` → ``(*http.Client).Do``."""
    return _IMPORT_PATH_PREFIX.sub("", qualified)


# -- calls ------------------------------------------------------------------------


#: Per file: call node → what it needs from the sandbox.
NEEDS: MemoKey[dict[int, Need | None]] = MemoKey("analysis.capability-needs")


def need_of(ctx: FileContext, call: Node) -> Need | None:
    """What ``call`` needs from the sandbox, or ``None`` when the table does not know it.

    Memoised per call node: all four GSL5xx rules ask about every call.
    """
    cache_ = ctx.memo(NEEDS, dict)
    key = call.id
    if key not in cache_:
        cache_[key] = _need_of(ctx, call)
    return cache_[key]


def _need_of(ctx: FileContext, call: Node) -> Need | None:
    caps = table()
    callee = ctx.callee(call)
    if callee is not None:
        entry = caps.calls.get(callee)
        if entry is not None:
            return caps.entry_need(short_name(callee), entry)
        if callee in caps.raw_functions:
            return _raw_need(ctx, call, callee)
        found = caps.wrappers.get(callee)
        if found is not None:
            return Need(short_name(callee), tuple(found))
        return None
    fn = go_ast.call_function(call)
    if fn is None or fn.type != "selector_expression":
        return None
    parts = go_ast.selector_parts(fn)
    if parts is None or parts[1] not in caps.method_names:
        return None  # cheap filter before type inference
    from go_script_lint.analysis.typeinfo import (
        file_types,  # heavy; only for candidate methods
    )

    method = file_types(ctx).callee(call)
    if method is None:
        return None
    for method_key in method.keys:
        entry = caps.methods.get(method_key)
        if entry is not None:
            return caps.entry_need(short_name(method.display), entry)
    return None


def _raw_need(ctx: FileContext, call: Node, callee: str) -> Need:
    args = go_ast.call_args(call)
    name = syscall_name(ctx.resolver, args[0]) if args else None
    if name is None:
        return Need(short_name(callee), (), unknown_syscall=True)
    return Need(short_name(callee), (name,))


def syscall_name(res: Resolver, node: Node | None, depth: int = 0) -> str | None:
    """The Linux syscall a raw-syscall number argument names (``syscall.SYS_MOUNT`` → ``mount``)."""
    node = go_ast.unparen(node)
    if node is None or depth > MAX_DEPTH:
        return None
    caps = table()
    if node.type == "selector_expression":
        qualified = res.qualified_name(node) or ""
        package, _, member = qualified.rpartition(".")
        if package in RAW_PACKAGES and member.startswith("SYS_"):
            name = member[4:].lower()
            return name if name in caps.numbers else None
        return None
    if node.type == "identifier":
        found = res.definition_value(node)
        if found is not None:
            return syscall_name(found[1], found[0], depth + 1)
        return None
    if node.type == "call_expression":
        # `uintptr(syscall.SYS_MOUNT)`: a conversion keeps the number.
        fn = go_ast.call_function(node)
        args = go_ast.call_args(node)
        if fn is not None and fn.type == "identifier" and len(args) == 1:
            return syscall_name(res, args[0], depth + 1)
        return None
    number = res.int_value(node)
    return caps.by_number.get(number) if number is not None else None


# -- the manifest's sandbox section -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Sandbox:
    """A manifest's ``sandbox:`` section; a key that is absent or ill-typed is ``None``.

    The ``*_at`` locations are the keys' lines in the manifest (related
    locations of findings).
    """

    location: Location
    gomaxprocs: int | None = None
    gomaxprocs_at: Location | None = None
    syscalls: frozenset[str] | None = None
    syscalls_at: Location | None = None
    network: bool | None = None
    network_at: Location | None = None
    exec: bool | None = None
    exec_at: Location | None = None

    def granted(self) -> frozenset[str]:
        """Syscalls allowed without listing: the runtime's, and those of granted capabilities."""
        caps = table()
        out = set(caps.implicit)
        if self.network is True:
            out |= caps.capability_syscalls("network")
        if self.exec is True:
            out |= caps.capability_syscalls("exec")
        return frozenset(out)


def _key_location(path: str, node: YNode | None) -> Location | None:
    return Location(path, node.first_line) if node is not None else None


def _parse_sandbox(path: str, node: YNode) -> Sandbox:
    gomaxprocs = node.get("gomaxprocs")
    syscalls = node.get("syscalls")
    network = node.get("network")
    exec_ = node.get("exec")
    limit = gomaxprocs.value if gomaxprocs is not None else None
    allowed: frozenset[str] | None = None
    if syscalls is not None and isinstance(syscalls.value, list):
        allowed = frozenset(
            item.value for item in syscalls.value if isinstance(item.value, str)
        )
    return Sandbox(
        location=Location(path, node.first_line),
        # bool is an int in Python; GSL401 reports ill-typed values, we ignore them.
        gomaxprocs=limit if isinstance(limit, int) and not isinstance(limit, bool) else None,
        gomaxprocs_at=_key_location(path, gomaxprocs),
        syscalls=allowed,
        syscalls_at=_key_location(path, syscalls),
        network=network.value if network is not None and isinstance(network.value, bool) else None,
        network_at=_key_location(path, network),
        exec=exec_.value if exec_ is not None and isinstance(exec_.value, bool) else None,
        exec_at=_key_location(path, exec_),
    )  # fmt: skip


SANDBOX: MemoKey[Sandbox | None] = MemoKey("analysis.sandbox")


def sandbox_of(pkg: PackageContext) -> Sandbox | None:
    """The ``sandbox`` section of the directory's manifest, parsed once per package."""

    def load() -> Sandbox | None:
        manifest = manifest_of(pkg)
        if manifest is None or manifest.sandbox is None:
            return None
        if not manifest.sandbox.is_mapping:
            return None  # GSL401 reports it
        return _parse_sandbox(manifest.path, manifest.sandbox)

    return pkg.memo(SANDBOX, load)


@dataclass(frozen=True, slots=True)
class Denial:
    """A call needing a capability the sandbox switches off, and where it does."""

    need: Need
    related: tuple[Location, ...]


def denied(ctx: FileContext, call: Node, capability: str) -> Denial | None:
    """The call's need when it uses ``capability`` (``network``/``exec``) and the
    manifest sets that key to ``false`` (GSL503/GSL504)."""
    sandbox = sandbox_for(ctx)
    if sandbox is None or getattr(sandbox, capability) is not False:
        return None
    need = need_of(ctx, call)
    if need is None or need.capability != capability:
        return None
    at: Location | None = getattr(sandbox, f"{capability}_at")
    what = "network access" if capability == "network" else "starting programs"
    related = (
        () if at is None else (Location(at.path, at.region, f"{what} is denied here"),)
    )
    return Denial(need, related)


def has_sandbox(ctx: FileContext) -> bool:
    """Whether the sandbox rules have anything to check in this file (engine gate)."""
    return sandbox_for(ctx) is not None


def sandbox_for(ctx: FileContext) -> Sandbox | None:
    """The sandbox a Go file runs under; test files are not run in the sandbox."""
    if ctx.path.endswith("_test.go"):
        return None
    return sandbox_of(ctx.package)
