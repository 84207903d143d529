"""The layering contract: imports point down, rules see only the API, no cycles.

Layers, bottom to top (each subpackage's ``__init__`` docstring says the same):
``base`` < ``golang`` < ``project`` < ``analysis`` < ``api`` < ``engine`` <
``output`` < ``lsp`` < ``cli``. A module may import its own layer and the layers below.
Rules (``rules/``, installed as ``go_script_lint.rules``) import
``go_script_lint.api`` and nothing else of the package, and only ``cli``
imports the rules. Imports under ``if TYPE_CHECKING:`` are annotations, not
run-time dependencies, and are exempt; imports inside functions count.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import ROOT

PACKAGE = "go_script_lint"
LAYERS = (
    "base",
    "golang",
    "project",
    "analysis",
    "api",
    "engine",
    "output",
    "lsp",
    "cli",
)
# Top-level modules of the package that sit outside the layers.
TOP_LEVEL = {"go_script_lint": -1, "go_script_lint.__main__": len(LAYERS)}


def module_name(path: Path) -> str:
    """The import name of a source file (``analyzer/`` and ``rules/`` are mapped)."""
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    parts[0:1] = [PACKAGE] if parts[0] == "analyzer" else [PACKAGE, "rules"]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    return sorted(
        p
        for folder in ("analyzer", "rules")
        for p in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in p.parts
    )


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, imported module)`` for every run-time import of the package."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def owner(module: str, known: set[str]) -> str | None:
    """The package module an imported name belongs to (``a.b.func`` -> ``a.b``)."""
    while module and module not in known:
        module = module.rpartition(".")[0]
    return module or None


def layer_of(module: str) -> int:
    """Index of the module's layer; rules get their own marker (``None`` is not used)."""
    if module in TOP_LEVEL:
        return TOP_LEVEL[module]
    return LAYERS.index(module.split(".")[1])


def is_rule(module: str) -> bool:
    return module == f"{PACKAGE}.rules" or module.startswith(f"{PACKAGE}.rules.")


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported package module: first line}."""
    files = {module_name(p): p for p in source_files()}
    known = set(files)
    graph: dict[str, dict[str, int]] = {}
    for name, path in files.items():
        edges: dict[str, int] = {}
        for line, imported in imports_of(path):
            if not imported.startswith(PACKAGE):
                continue
            target = owner(imported, known)
            if target and target != name and not name.startswith(target + "."):
                edges.setdefault(target, line)
        graph[name] = edges
    return graph


def layering_violations(graph: dict[str, dict[str, int]]) -> list[str]:
    problems = []
    for module, edges in sorted(graph.items()):
        for target, line in sorted(edges.items()):
            where = f"{module}:{line} imports {target}"
            if target == PACKAGE:
                continue  # the root package holds only the version
            if is_rule(module):
                if not (is_rule(target) or target == f"{PACKAGE}.api"):
                    problems.append(
                        f"{where}: rules may import go_script_lint.api only"
                    )
            elif is_rule(target):
                if layer_of(module) != LAYERS.index("cli"):
                    problems.append(f"{where}: only cli imports the rule catalog")
            elif layer_of(target) > layer_of(module):
                problems.append(f"{where}: an upward import")
    return problems


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, {})))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_imports_point_down_and_rules_use_the_api_only() -> None:
    assert layering_violations(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_contract_catches_an_upward_import_and_a_cycle() -> None:
    graph = import_graph()
    graph["go_script_lint.base.model"]["go_script_lint.engine.scheduler"] = 1
    graph["go_script_lint.engine.scheduler"]["go_script_lint.base.model"] = 2
    problems = layering_violations(graph)
    assert any("base.model:1 imports go_script_lint.engine" in p for p in problems)
    assert any("go_script_lint.base.model" in c for c in cycles(graph))


@pytest.mark.parametrize("layer", LAYERS)
def test_every_layer_says_what_it_may_import(layer: str) -> None:
    doc = ast.get_docstring(
        ast.parse((ROOT / "analyzer" / layer / "__init__.py").read_text())
    )
    assert doc and "May import:" in doc


def test_no_module_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in source_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_build_configuration_lists_every_package_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {module_name(p) for p in source_files() if p.name == "__init__.py"}
    on_disk.add(f"{PACKAGE}.data")
    assert listed == on_disk
