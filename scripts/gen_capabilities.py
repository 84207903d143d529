"""Refresh the generated parts of ``analyzer/data/capabilities.json``.

Two sections are derived from sources, the rest of the file is reviewed by
hand and kept as is:

- ``linux_amd64_syscalls``: every Linux x86-64 system call name and number,
  from ``/usr/include/x86_64-linux-gnu/asm/unistd_64.h`` (or
  ``/usr/include/asm/unistd_64.h``) when present, else from Go's
  ``GOROOT/src/syscall/zsysnum_linux_amd64.go``.
- ``wrappers``: which system calls each exported function of ``syscall`` and
  ``golang.org/x/sys/unix`` (linux/amd64) makes, read from the Go sources:
  the ``SYS_*`` constants a function's body names, followed through the
  package's own helper functions (``Chown`` → ``Fchownat`` → ``fchownat``).

Usage: ``python scripts/gen_capabilities.py [GOROOT]`` (default: ``go env GOROOT``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "analyzer" / "data" / "capabilities.json"
HEADERS = (
    Path("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
    Path("/usr/include/asm/unistd_64.h"),
)
_FUNC = re.compile(r"^func (?:\([^)]*\) )?([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\(", re.M)
_SYS_CONST = re.compile(r"\b_?(?:SYS|sys)_([A-Za-z0-9_]+)\b")
_IDENT = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_CLOSE = re.compile(r"^}", re.M)
_NR = re.compile(r"#define __NR_(\w+)\s+(\d+)")
_GO_NR = re.compile(r"SYS_([A-Z0-9_]+)\s*=\s*(\d+)")
MAX_ROUNDS = 6


def syscall_numbers(goroot: Path) -> tuple[dict[str, int], str]:
    """Linux x86-64 syscall name → number, and where the list came from."""
    for header in HEADERS:
        if header.is_file():
            text = header.read_text()
            return {m[1]: int(m[2]) for m in _NR.finditer(text)}, str(header)
    source = goroot / "src" / "syscall" / "zsysnum_linux_amd64.go"
    text = source.read_text()
    return {m[1].lower(): int(m[2]) for m in _GO_NR.finditer(text)}, str(source)


def _bodies(files: list[Path]) -> dict[str, str]:
    """Top-level function name → body text (first definition wins)."""
    out: dict[str, str] = {}
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text()
        starts = list(_FUNC.finditer(text))
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            closing = _CLOSE.search(text, match.end(), end)
            body = text[match.end() : closing.end() if closing else end]
            # `//sys` lines name functions: comments are not calls.
            code = "\n".join(
                line for line in body.splitlines() if not line.lstrip().startswith("//")
            )
            out.setdefault(match[1], code)
    return out


def wrappers(directory: Path, known: set[str]) -> dict[str, list[str]]:
    """Exported function → the system calls it makes, for one package directory."""
    files = [
        directory / "zsyscall_linux.go",
        directory / "zsyscall_linux_amd64.go",
        directory / "syscall_linux.go",
        directory / "syscall_linux_amd64.go",
        directory / "syscall_unix.go",
        directory / "ioctl_linux.go",
        directory / "ioctl_unsigned.go",
        directory / "exec_linux.go",
        directory / "exec_unix.go",
        directory / "rlimit.go",
    ]
    bodies = _bodies(files)
    direct: dict[str, set[str]] = {}
    calls: dict[str, set[str]] = {}
    for name, body in bodies.items():
        direct[name] = {
            s.lower() for s in _SYS_CONST.findall(body) if s.lower() in known
        }
        calls[name] = {c for c in _IDENT.findall(body) if c in bodies and c != name}
    needs = {name: set(found) for name, found in direct.items()}
    for _ in range(MAX_ROUNDS):
        changed = False
        for name, callees in calls.items():
            before = len(needs[name])
            for callee in callees:
                needs[name] |= direct[callee] if not needs[callee] else needs[callee]
            changed |= len(needs[name]) != before
        if not changed:
            break
    return {
        name: sorted(found)
        for name, found in sorted(needs.items())
        if name[:1].isupper() and found
    }


def main() -> int:
    """Rewrite the generated sections of the capability table."""
    goroot = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else subprocess.run(
            ["go", "env", "GOROOT"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    numbers, source = syscall_numbers(goroot)
    data = json.loads(DATA.read_text()) if DATA.is_file() else {}
    data["linux_amd64_syscalls_source"] = source
    data["linux_amd64_syscalls"] = dict(sorted(numbers.items(), key=lambda kv: kv[1]))
    known = set(numbers)
    packages = {
        "syscall": goroot / "src" / "syscall",
        "golang.org/x/sys/unix": goroot
        / "src"
        / "cmd"
        / "vendor"
        / "golang.org"
        / "x"
        / "sys"
        / "unix",
    }
    generated: dict[str, list[str]] = {}
    for path, directory in packages.items():
        for name, found in wrappers(directory, known).items():
            generated[f"{path}.{name}"] = found
    data["wrappers"] = generated
    DATA.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    print(f"{len(numbers)} syscalls from {source}; {len(generated)} wrappers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
