"""The Go version a script is built with: ``//go:requires go``, else go.mod's ``go`` line.

Rules whose verdict depends on the standard library's defaults (GSL213: Go
servers accepted TLS 1.0 before 1.22) or on what the fix may use (GSL211:
``os.Root`` from 1.24) ask here; ``None`` means "unknown" and such rules
then say nothing that depends on the version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from go_script_lint.golang.directives import header
from go_script_lint.golang.gomod import package_gomod
from go_script_lint.golang.module_paths import parse_go_version

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext


def script_go_version(ctx: FileContext) -> tuple[int, int] | None:
    """``(major, minor)`` the file declares, or its module's go.mod does."""
    directive = header(ctx).go
    if directive is not None and directive.version is not None:
        parsed = parse_go_version(directive.version)
        if parsed is not None:
            return parsed[:2]
    mod = package_gomod(ctx.package)
    if mod is not None and mod.go is not None:
        parsed = parse_go_version(mod.go)
        if parsed is not None:
            return parsed[:2]
    return None


def version_text(version: tuple[int, int] | None) -> str:
    """``go 1.21`` for messages, ``an unknown Go version`` when unknown."""
    return "an unknown Go version" if version is None else "go {}.{}".format(*version)
