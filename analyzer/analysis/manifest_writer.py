"""``go-script.yaml`` written from the code, with comments saying where each value came from.

:func:`manifest_text` renders what :mod:`~go_script_lint.analysis.manifest_inference`
and :mod:`~go_script_lint.analysis.sandbox_inference` found for one script;
:func:`manifest_problems` validates the text against the manifest's JSON
Schema before anything is written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from go_script_lint.analysis.manifest_inference import (
    InferredParameter,
    infer_parameters,
)
from go_script_lint.analysis.sandbox_inference import InferredSandbox, infer_sandbox
from go_script_lint.golang import go_ast
from go_script_lint.project.manifest import Problem, parse_manifest

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext, PackageContext

VERSION = "0.1.0"
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_./-]*$")
_YAML_WORDS = frozenset(
    {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
)
_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def scalar(value: object) -> str:
    """A YAML scalar: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def script_name(raw: str) -> str:
    """A manifest ``name`` from a directory or file name."""
    name = _NAME_CHARS.sub("-", raw).strip("-._")
    return name or "script"


def entrypoints(pkg: PackageContext) -> list[FileContext]:
    """Non-test files of package ``main`` that declare ``func main()``."""
    out = []
    for f in sorted(pkg.files, key=lambda c: c.path):
        if f.path.endswith("_test.go") or f.package_name != "main":
            continue
        for decl in go_ast.named_children_of(f.root, "function_declaration"):
            if go_ast.text(decl.child_by_field_name("name")) == "main":
                out.append(f)
                break
    return out


def manifest_text(
    pkg: PackageContext, entry: FileContext, name: str, skip_env: frozenset[str]
) -> str:
    """The manifest for the script whose ``func main`` is in ``entry``."""
    entry_name = entry.abspath.name
    lines = [
        "# go-script.yaml written by `go-script-lint --init-manifest` from the code;",
        "# review it, then keep it in step with `go-script-lint` (GSL4xx/GSL5xx).",
        f"name: {scalar(name)}",
        f"version: {VERSION}",
        f"entrypoint: {scalar(entry_name)}  # declares `func main`",
    ]
    params = infer_parameters(pkg, entry.package_name or None, skip_env)
    lines += _parameter_lines(params)
    lines += _sandbox_lines(infer_sandbox(pkg))
    return "\n".join(lines) + "\n"


def _parameter_lines(params: list[InferredParameter]) -> list[str]:
    if not params:
        return [
            "# parameters: none found (no flags, parameters struct or environment reads)"
        ]
    out = ["parameters:"]
    for p in params:
        out.append(f"  # from {'; '.join(p.notes)}")
        out.append(f"  - name: {scalar(p.name)}")
        out.append(f"    type: {p.type}")
        if p.required:
            out.append("    required: true")
        if p.enum is not None:
            out.append(f"    enum: [{', '.join(scalar(v) for v in p.enum)}]")
        if p.default is not None:
            out.append(f"    default: {scalar(p.default)}")
        if p.flag is not None:
            out.append(f"    flag: {scalar(p.flag)}")
        if p.env is not None:
            out.append(f"    env: {scalar(p.env)}")
    return out


def _sandbox_lines(box: InferredSandbox) -> list[str]:
    def why(key: str) -> str:
        reasons = box.notes.get(key)
        return f"  # {'; '.join(reasons)}" if reasons else ""

    out = [
        "# what the code needs, from the capability table (docs/sandbox.md)",
        "sandbox:",
    ]
    out.append(
        f"  network: {scalar(box.network)}{why('network') or '  # no call needs it'}"
    )
    out.append(
        f"  exec: {scalar(box.exec)}{why('exec') or '  # no call starts a program'}"
    )
    if box.syscalls is None:
        out.append(f"  #{why('syscalls')[3:]}")
    elif not box.syscalls:
        out.append("  syscalls: []  # none beyond the Go runtime's own")
    else:
        out.append("  syscalls:  # beyond the Go runtime's own")
        out += [f"    - {s}  # {box.syscall_sources.get(s, '')}" for s in box.syscalls]
    if box.gomaxprocs is not None:
        out.append(f"  gomaxprocs: {box.gomaxprocs}{why('gomaxprocs')}")
    elif "gomaxprocs" in box.notes:
        out.append(f"  #{why('gomaxprocs')[3:]}")
    return out


def manifest_problems(text: str, path: Path, display: str) -> list[Problem]:
    """What GSL401 would report about ``text`` as the manifest at ``path``."""
    return list(parse_manifest(text.encode("utf-8"), path, display).problems)
