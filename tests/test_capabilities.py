"""Sanity checks of the reviewed capability table (analyzer/data/capabilities.json)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from go_script_lint.analysis.capabilities import (
    Sandbox,
    _parse_sandbox,
    short_name,
    table,
)
from go_script_lint.analysis.exec_commands import EXEC_CALLS
from go_script_lint.analysis.signatures import stdlib
from go_script_lint.project.manifest import load_manifest

HEADERS = (
    Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
    Path("/usr/include/asm/unistd_64.h"),
)


def _all_named_syscalls() -> dict[str, set[str]]:
    """Every syscall name the table mentions, with where it is mentioned."""
    caps = table()
    where: dict[str, set[str]] = {}

    def add(name: str, origin: str) -> None:
        where.setdefault(name, set()).add(origin)

    for s in caps.implicit:
        add(s, "implicit")
    for key, profile in caps.profiles.items():
        for s in profile.get("syscalls", ()):
            add(s, f"profile {key}")
    for section in (caps.calls, caps.methods):
        for key, entry in section.items():
            for s in entry.get("syscalls", ()):
                add(s, key)
    for key, found in caps.wrappers.items():
        for s in found:
            add(s, key)
    return where


def test_every_syscall_name_is_a_linux_amd64_syscall() -> None:
    known = set(table().numbers)
    assert len(known) > 300
    unknown = {
        n: sorted(w)[:3] for n, w in _all_named_syscalls().items() if n not in known
    }
    assert not unknown, f"not Linux x86-64 syscalls: {unknown}"


def test_stored_syscall_numbers_match_the_system_header() -> None:
    header = next((h for h in HEADERS if h.is_file()), None)
    if header is None:
        pytest.skip("no unistd_64.h on this machine")
    found = {
        m[1]: int(m[2])
        for m in re.finditer(r"#define __NR_(\w+)\s+(\d+)", header.read_text())
    }
    stored = table().numbers
    # A newer kernel header may add syscalls; names and numbers never change.
    mismatched = {n: (v, found.get(n)) for n, v in stored.items() if found.get(n) != v}
    assert not mismatched


def test_runtime_basics_are_implicit() -> None:
    implicit = table().implicit
    for name in (
        "read",
        "write",
        "mmap",
        "munmap",
        "futex",
        "clone",
        "rt_sigaction",
        "sigaltstack",
        "exit_group",
        "openat",
        "close",
    ):
        assert name in implicit
    for name in ("execve", "socket", "connect", "mount", "ioctl", "fchownat"):
        assert name not in implicit


def test_entries_name_existing_profiles_and_capabilities() -> None:
    caps = table()
    for key, entry in [*caps.calls.items(), *caps.methods.items()]:
        assert set(entry) <= {"profile", "syscalls", "approximate"}, key
        assert "profile" in entry or "syscalls" in entry, key
        if "profile" in entry:
            assert entry["profile"] in caps.profiles, key
    for key, profile in caps.profiles.items():
        assert profile["capability"] in ("network", "exec"), key
        assert profile["action"] and profile["syscalls"], key


def test_standard_library_entries_exist_in_the_signature_index() -> None:
    index = stdlib()
    caps = table()
    for key in caps.calls:
        path, name = key.rsplit(".", 1)
        if path in index:
            assert index.func_results(path, name) is not None, key
    for key in caps.methods:
        path, type_name, method = key.rsplit(".", 2)
        decl = index.type_decl(path, type_name)
        if path in index:
            assert decl is not None and method in decl.methods, key


def test_every_exec_call_is_process_creation() -> None:
    caps = table()
    for callee in EXEC_CALLS:
        need = caps.entry_need(callee, caps.calls[callee])
        assert need.capability == "exec", callee
        assert "execve" in need.syscalls


def test_network_means_dial_listen_resolve_or_send() -> None:
    caps = table()
    for key in ("net.Dial", "net.Listen", "net.LookupHost", "net/http.Get"):
        assert caps.entry_need(key, caps.calls[key]).capability == "network"
    for key in ("net/http.NewRequest", "net.ParseIP", "net/url.Parse"):
        assert key not in caps.calls
    assert caps.entry_need("m", caps.methods["net/http.Client.Do"]).capability == (
        "network"
    )


def test_generated_wrappers_follow_go_sources() -> None:
    wrappers = table().wrappers
    assert wrappers["syscall.Mount"] == ["mount"]
    assert wrappers["syscall.Unmount"] == ["umount2"]
    assert wrappers["syscall.Chown"] == ["fchownat"]
    assert wrappers["golang.org/x/sys/unix.Unshare"] == ["unshare"]
    assert wrappers["golang.org/x/sys/unix.IoctlGetTermios"] == ["ioctl"]


def test_numbers_resolve_both_ways() -> None:
    caps = table()
    assert caps.numbers["mount"] == 165
    assert caps.by_number[165] == "mount"


def test_short_names() -> None:
    assert short_name("golang.org/x/sys/unix.Mount") == "unix.Mount"
    assert short_name("(*net/http.Client).Do") == "(*http.Client).Do"
    assert short_name("os/exec.Command") == "exec.Command"


def _sandbox(tmp_path: Path, body: str) -> Sandbox:
    path = tmp_path / "go-script.yaml"
    path.write_text("name: s\nversion: 1.0.0\nentrypoint: main.go\nsandbox:\n" + body)
    manifest = load_manifest(path, "go-script.yaml")
    assert manifest.sandbox is not None
    return _parse_sandbox(manifest.path, manifest.sandbox)


def test_sandbox_section_is_read_with_positions(tmp_path: Path) -> None:
    box = _sandbox(
        tmp_path,
        "  gomaxprocs: 2\n  syscalls: [mount]\n  network: false\n  exec: true\n",
    )
    assert box.gomaxprocs == 2
    assert box.syscalls == frozenset({"mount"})
    assert box.network is False and box.exec is True
    assert box.syscalls_at is not None and box.syscalls_at.region.start_line == 6
    assert box.exec_at is not None and box.exec_at.region.start_line == 8
    granted = box.granted()
    assert "execve" in granted and "socket" not in granted and "read" in granted


def test_ill_typed_sandbox_values_are_ignored(tmp_path: Path) -> None:
    box = _sandbox(tmp_path, "  gomaxprocs: true\n  network: 'no'\n  syscalls: read\n")
    assert box.gomaxprocs is None and box.network is None and box.syscalls is None
