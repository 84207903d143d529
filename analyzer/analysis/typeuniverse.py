"""The named types one file can see, and what their methods and fields are.

Named types come from the file's own package (bare names: ``Config``), the
standard-library signature index (``os.File``), and packages imported with
``.`` (a bare ``Client`` in a ``package http_test`` file with ``. "net/http"``).
Inside GOROOT/src an import of ``golang.org/x/net/http2/hpack`` is the
standard library's vendored copy, indexed as ``vendor/golang.org/x/...``;
elsewhere it is a module the index knows nothing about.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from go_script_lint.analysis.declarations import (
    PREDECLARED,
    UNKNOWN,
    PackageDecls,
    Results,
    TypeDecl,
)
from go_script_lint.analysis.signatures import stdlib

COMPOSITE = ("[", "map[", "func{", "chan{", "struct{", "interface{", UNKNOWN)
MAX_EMBEDDING = 6  # bound on alias / embedding chains
_ERROR_DECL = TypeDecl("interface", methods={"Error": ("string",)})
_VENDOR = "vendor/"


def is_named(type_str: str) -> bool:
    """A type named by an identifier (``os.File``, ``Config``), not a composite."""
    return not type_str.lstrip("*").startswith(COMPOSITE)


class TypeUniverse:
    """Type lookups for one file.

    Args:
        local_decls: Gives the declarations of the file's package (unit), read
            when a bare type name is first looked up: calls typed from the
            standard library alone never need them.
        pkg_name: Its package name, the prefix of its types' keys.
        dot_imports: Import paths the file imports with ``.``.
        in_std: The file is part of the standard library (GOROOT/src).
    """

    def __init__(
        self,
        local_decls: Callable[[], PackageDecls],
        pkg_name: str,
        dot_imports: tuple[str, ...],
        in_std: bool,
    ) -> None:
        """Look types up for one file."""
        self._local_decls = local_decls
        self.pkg_name = pkg_name
        self.dot_imports = dot_imports
        self.in_std = in_std
        self._errors: dict[str, bool] = {}

    @cached_property
    def local(self) -> PackageDecls:
        """The declarations of the file's package (unit)."""
        return self._local_decls()

    def index_path(self, path: str) -> str:
        """The index key of an imported package (its vendored copy inside GOROOT/src)."""
        if self.in_std and path not in stdlib() and _VENDOR + path in stdlib():
            return _VENDOR + path
        return path

    def func_results(self, path: str, name: str) -> Results | None:
        """Results of the indexed function ``path.name``."""
        return stdlib().func_results(self.index_path(path), name)

    def var_type(self, path: str, name: str) -> str | None:
        """Type of the indexed package variable ``path.name``."""
        return stdlib().var_type(self.index_path(path), name)

    def type_decl(self, type_str: str) -> tuple[TypeDecl, str] | None:
        """Declaration of a named type and the key prefix naming it (``os.File``)."""
        base = type_str.lstrip("*")
        if not is_named(base):
            return None
        if "." in base:
            path, name = base.rsplit(".", 1)
            decl = stdlib().type_decl(self.index_path(path), name)
            return (decl, base) if decl is not None else None
        if base == "error":
            return _ERROR_DECL, "error"
        local = self.local.types.get(base)
        if local is not None:
            return local, f"{self.pkg_name}.{base}"
        # `. "net/http"` in a `package http_test` file: `Client` is `http.Client`.
        for path in self.dot_imports:
            decl = stdlib().type_decl(path, base)
            if decl is not None:
                return decl, f"{path}.{base}"
        return None

    def method(
        self, type_str: str, name: str, depth: int = 0
    ) -> tuple[Results, str, bool] | None:
        """Results of method ``name`` on ``type_str``, its declaring type, pointer receiver."""
        found = self.type_decl(type_str) if depth <= MAX_EMBEDDING else None
        if found is None:
            return None
        decl, key = found
        if decl.kind == "alias" or (
            decl.kind == "named" and decl.target and name not in decl.methods
        ):
            target = self.type_decl(decl.target) if decl.kind == "named" else None
            if decl.kind == "alias" or (
                target is not None and target[0].kind == "interface"
            ):
                return self.method(decl.target, name, depth + 1)
        if name in decl.methods:
            return decl.methods[name], key, name in decl.pointer_methods
        for embedded in decl.embeds:
            hit = self.method(embedded, name, depth + 1)
            if hit is not None:
                return hit
        return None

    def field(self, type_str: str, name: str, depth: int = 0) -> str | None:
        """Type of field ``name`` of a struct type (embedded fields promoted)."""
        found = self.type_decl(type_str) if depth <= MAX_EMBEDDING else None
        if found is None:
            return None
        decl, _ = found
        if decl.kind == "alias":
            return self.field(decl.target, name, depth + 1)
        if name in decl.fields:
            return decl.fields[name]
        for embedded in decl.embeds:
            if embedded.lstrip("*").rsplit(".", 1)[-1] == name:
                return embedded
        for embedded in decl.embeds:
            hit = self.field(embedded, name, depth + 1)
            if hit is not None:
                return hit
        return None

    def implements_error(self, type_str: str) -> bool:
        """``error`` itself, or a named type (or pointer to one) with ``Error() string``.

        ``syscall.Errno`` and ``*os.PathError`` results are errors as much as
        ``error`` is (errcheck reports them too). A pointer-receiver ``Error``
        makes only the pointer type one.
        """
        if type_str == "error":
            return True
        if type_str in PREDECLARED or not is_named(type_str):
            return False
        known = self._errors.get(type_str)
        if known is None:
            hit = self.method(type_str, "Error")
            known = (
                hit is not None
                and hit[0] == ("string",)
                and (type_str.startswith("*") or not hit[2])
            )
            self._errors[type_str] = known
        return known
