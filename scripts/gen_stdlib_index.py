"""Generate analyzer/data/stdlib_signatures.json from a Go tree's standard library.

Usage: ``python scripts/gen_stdlib_index.py [GOROOT] [-o OUT]`` (GOROOT defaults
to ``go env GOROOT``). Parses ``GOROOT/src`` with the project's own tree-sitter
parsing and writes, for every non-test package (internal ones included), its exported
functions, types (methods with result types, pointer receivers, interface
methods and embeddings, struct fields) and typed variables. The output is
deterministic: sorted keys, no timestamps; it records the Go version.

The standard library's vendored packages (``GOROOT/src/vendor/golang.org/x/...``)
are indexed under their ``vendor/...`` paths, their types named by the import
paths the standard library writes (``golang.org/x/net/http2/hpack.Encoder``).
Exported methods and fields of unexported embedded types are promoted into
the exported types embedding them: ``(*net.TCPConn).Close`` comes from the
unexported ``net.conn``, which the index does not hold.

Then run ``scripts/gen_error_names.py``: the error rules' precompiled name
table is derived from this index (a test fails while it is stale).
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from go_script_lint.analysis.declaration_events import collect  # noqa: E402
from go_script_lint.analysis.declarations import (  # noqa: E402
    PackageDecls,
    TypeDecl,
    TypeNamer,
)
from go_script_lint.analysis.imports import ImportTable  # noqa: E402
from go_script_lint.golang import go_ast  # noqa: E402
from go_script_lint.golang.parsing import Node, parse  # noqa: E402

DEFAULT_OUT = ROOT / "analyzer" / "data" / "stdlib_signatures.json"
# internal packages are indexed too: the standard library calls them (errcheck recall).
SKIP_DIRS = frozenset({"testdata", "vendor", "cmd", "builtin"})
VENDOR = "vendor"  # GOROOT/src/vendor: indexed; any other vendor directory is not
MAX_PROMOTION = 4  # bound on chains of unexported embedded types


def goroot_from_go() -> Path:
    """``go env GOROOT``."""
    out = subprocess.run(
        ["go", "env", "GOROOT"], check=True, capture_output=True, text=True
    )
    return Path(out.stdout.strip())


def go_version(goroot: Path) -> str:
    """First line of GOROOT/VERSION (``go1.27.3``)."""
    version = goroot / "VERSION"
    if version.is_file():
        return version.read_text(encoding="utf-8").splitlines()[0].strip()
    return "unknown"


def package_dirs(src: Path) -> list[Path]:
    """Directories of importable standard-library packages, sorted."""
    out = []
    for directory in sorted(p for p in src.rglob("*") if p.is_dir()):
        rel = directory.relative_to(src).parts
        rel = rel[1:] if rel[:1] == (VENDOR,) else rel
        if any(part in SKIP_DIRS or part.startswith((".", "_")) for part in rel):
            continue
        if any(f.suffix == ".go" for f in directory.iterdir()):
            out.append(directory)
    return out


def _is_ignored(root: Node) -> bool:
    """``//go:build ignore`` files are generators, not part of the package."""
    for child in root.children:
        if child.type == "package_clause":
            return False
        if child.type == "comment" and go_ast.text(child).replace(" ", "") in (
            "//go:buildignore",
            "//+buildignore",
        ):
            return True
    return False


def _package_name(root: Node) -> str:
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    ident = (
        next((c for c in clause.named_children if c.type == "package_identifier"), None)
        if clause
        else None
    )
    return go_ast.text(ident)


def index_package(directory: Path, import_path: str) -> PackageDecls | None:
    """Exported declarations of one package directory (``None`` if it has none)."""
    files = []
    for path in sorted(directory.glob("*.go")):
        if path.name.endswith("_test.go"):
            continue
        root = parse(path.read_bytes()).root_node
        if _is_ignored(root):
            continue
        files.append((root, _package_name(root)))
    names = Counter(name for _, name in files if name and name != "main")
    if not names:
        return None
    name = names.most_common(1)[0][0]
    own = import_path.removeprefix(VENDOR + "/")  # how importers name its types
    decls, everything = PackageDecls(), PackageDecls()
    for root, pkg in files:
        if pkg == name:
            namer = TypeNamer(ImportTable(root).by_name, own)
            collect(root, namer, decls, exported_only=True)
            collect(root, namer, everything, exported_only=False)
    for decl in decls.types.values():
        _promote_unexported(decl, everything, own + ".", 0)
    return decls


def _promote_unexported(
    decl: TypeDecl, everything: PackageDecls, prefix: str, depth: int
) -> None:
    """Move the exported methods and fields of ``decl``'s unexported embedded
    types (``prefix`` + lower-case name) into ``decl``; their exported embeds
    become ``decl``'s. A method on ``*conn`` embedded by value is a pointer method."""
    kept: list[str] = []
    for embedded in decl.embeds:
        name = embedded.lstrip("*").removeprefix(prefix)
        inner = everything.types.get(name) if "." not in name else None
        if inner is None or name[:1].isupper() or depth >= MAX_PROMOTION:
            kept.append(embedded)
            continue
        inner = copy.deepcopy(inner)
        _promote_unexported(inner, everything, prefix, depth + 1)
        for method, results in inner.methods.items():
            if method[:1].isupper() and method not in decl.methods:
                decl.methods[method] = results
                if method in inner.pointer_methods and not embedded.startswith("*"):
                    decl.pointer_methods.add(method)
        for field, typed in inner.fields.items():
            if field[:1].isupper():
                decl.fields.setdefault(field, typed)
        kept.extend(e for e in inner.embeds if e not in kept)
    decl.embeds = kept


def _value_type(
    value: Node, namer: TypeNamer, packages: dict[str, PackageDecls]
) -> str | None:
    """Type of a package variable's initialiser: a call of a known function or a literal."""
    node = go_ast.unparen(value)
    if node is None:
        return None
    if (
        node.type == "unary_expression"
        and go_ast.text(node.child_by_field_name("operator")) == "&"
    ):
        inner = (
            _value_type(node.child_by_field_name("operand"), namer, packages)
            if node.child_by_field_name("operand")
            else None
        )
        return "*" + inner if inner else None
    if node.type == "composite_literal":
        name = namer.name(node.child_by_field_name("type"))
        return None if name == "?" else name
    if node.type == "call_expression":
        fn = go_ast.call_function(node)
        if fn is None:
            return None
        if fn.type == "identifier":
            own = packages.get(namer.own) or packages.get(f"{VENDOR}/{namer.own}")
            results = own.funcs.get(go_ast.text(fn)) if own is not None else None
        elif fn.type == "selector_expression" and (parts := go_ast.selector_parts(fn)):
            path = namer.imports.get(go_ast.text(parts[0]))
            imported = packages.get(path or "") or packages.get(f"{VENDOR}/{path}")
            results = imported.funcs.get(parts[1]) if imported is not None else None
        else:
            return None
        if results is not None and len(results) == 1 and results[0] != "?":
            return results[0]
    return None


def build(goroot: Path) -> dict[str, object]:
    """The whole index as JSON-ready data."""
    src = goroot / "src"
    packages: dict[str, PackageDecls] = {}
    for directory in package_dirs(src):
        import_path = directory.relative_to(src).as_posix()
        decls = index_package(directory, import_path)
        if decls is not None:
            packages[import_path] = decls
    for decls in packages.values():
        for name, initialiser in decls.var_values.items():
            if initialiser is None:  # collect keeps every initialiser
                continue
            typed = _value_type(*initialiser, packages)
            if typed is not None:
                decls.vars[name] = typed
        decls.var_values.clear()
    out: dict[str, object] = {}
    for path, decls in sorted(packages.items()):
        entry: dict[str, object] = {}
        if decls.funcs:
            entry["funcs"] = {k: list(v) for k, v in decls.funcs.items()}
        if decls.types:
            entry["types"] = {k: v.to_json() for k, v in decls.types.items()}
        if decls.vars:
            entry["vars"] = dict(decls.vars)
        if entry:
            out[path] = entry
    return {"format": 1, "go_version": go_version(goroot), "packages": out}


def render(data: dict[str, object]) -> str:
    """Deterministic compact JSON, one package per line (reviewable diffs)."""
    packages = data["packages"]
    assert isinstance(packages, dict)
    head = {k: v for k, v in data.items() if k != "packages"}
    lines = [
        json.dumps(head, sort_keys=True, separators=(",", ":"))[:-1] + ',"packages":{'
    ]
    items = sorted(packages.items())
    for i, (path, entry) in enumerate(items):
        sep = "," if i < len(items) - 1 else ""
        body = json.dumps(entry, sort_keys=True, separators=(",", ":"))
        lines.append(f"{json.dumps(path)}:{body}{sep}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "goroot", nargs="?", type=Path, help="Go root (default: go env GOROOT)"
    )
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    goroot = args.goroot or goroot_from_go()
    args.output.write_text(render(build(goroot)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
