"""What a rule sees: one file (:class:`FileContext`) or one package directory
(:class:`PackageContext`), with per-file facts computed lazily and once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from go_script_lint.analysis.declaration_events import file_declarations
from go_script_lint.analysis.finding_factory import FindingFactory
from go_script_lint.analysis.imports import ImportTable
from go_script_lint.analysis.resolve import Resolver
from go_script_lint.analysis.scopes import Definition
from go_script_lint.analysis.struct_types import declared_type_names
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import (
    Finding,
    Fix,
    Level,
    LineIndex,
    Location,
    Region,
)
from go_script_lint.base.safe_io import UNBOUNDED, Kind, ReadResult, Roots, read_regular
from go_script_lint.golang import go_ast, limits
from go_script_lint.golang.directives import header_without_nodes
from go_script_lint.golang.parsing import Node, Tree

if TYPE_CHECKING:
    from go_script_lint.base.rule import Rule
    from go_script_lint.project.config import Config

T = TypeVar("T")
# `go run gen.go` builds an ignored file alone: it shares no declarations.
_BUILD_IGNORE = re.compile(rb"^//(?:go:build|\s*\+build)\s+ignore\s*$", re.MULTILINE)

#: Package-level names of the package's files → the file declaring each first,
#: per unit (package name, or one ``go:build ignore`` program).
_TOP_LEVEL: MemoKey[dict[str, FileContext]] = MemoKey("context.top-level")


class FileContext(FindingFactory):
    """One parsed Go file.

    Attributes:
        path: Display path (POSIX, relative to the source root).
        abspath: Where the file is on disk.
        source: Its bytes, exactly as read (what every offset refers to).
        tree: The tree-sitter tree.
        package: The directory the file belongs to.
    """

    _callees: dict[int, str | None]

    def __init__(
        self,
        path: str,
        abspath: Path,
        source: bytes,
        tree: Tree,
        package: PackageContext,
        config: Config,
    ) -> None:
        """Wrap a parsed file."""
        self.path = path
        self.abspath = abspath
        self.source = source
        self._tree: Tree | None = tree
        self._reparse: Callable[[], Tree] | None = None
        # Kept when the tree is let go (see keep_facts_only).
        self._top_names: list[str] | None = None
        self._top_variables: frozenset[str] | None = None
        self.package = package
        self.config = config

    @property
    def tree(self) -> Tree:
        """The tree-sitter tree (parsed again if :meth:`keep_facts_only` let it go)."""
        tree = self._tree
        if tree is None:
            assert self._reparse is not None, "a released file context"
            with limits.paused():  # a fact of this file, not of the asking one
                tree = self._tree = self._reparse()
        return tree

    @property
    def root(self) -> Node:
        """The ``source_file`` node."""
        return self.tree.root_node

    @property
    def holds_tree(self) -> bool:
        """Whether the file's tree is in memory now."""
        return self._tree is not None

    def keep_facts_only(self, reparse: Callable[[], Tree]) -> None:
        """Read what the package's other files ask of this one, then let the tree go.

        For a file read as context only (a generated sibling): its package
        name, unit, top-level names and declarations stay (plain data); the
        tree and everything holding its nodes go. Should anything still ask
        for a node, ``reparse`` parses the file again, once.
        """
        self.unit_key  # noqa: B018 - cached now: package_name and unit_key
        self._top_names = self.resolver.top_level_names()
        self._top_variables = self.resolver.top_level_variables()
        file_declarations(self)
        declared_type_names(self)
        header_without_nodes(self)
        resolver = vars(self).pop("resolver")
        vars(resolver).clear()  # its index and it refer to each other
        for node_holder in ("imports", "_callees"):
            vars(self).pop(node_holder, None)
        self._tree = None
        self._reparse = reparse

    def top_level_names(self) -> list[str]:
        """Package-level names this file declares, in declaration order."""
        if self._top_names is not None:
            return self._top_names
        return self.resolver.top_level_names()

    def top_level_variables(self) -> frozenset[str] | None:
        """Package-level variables this file declares (``None``: any name may be one)."""
        if self._top_names is not None:  # the tree was let go
            return self._top_variables
        return self.resolver.top_level_variables()

    @cached_property
    def lines(self) -> LineIndex:
        """Byte offset → line/column conversion for this file."""
        return LineIndex(self.source)

    @cached_property
    def imports(self) -> ImportTable:
        """The file's imports."""
        return ImportTable(self.root)

    @cached_property
    def resolver(self) -> Resolver:
        """Name and constant resolution for this file."""
        return Resolver(self.root, self.imports, self.package.lookup_other_files(self))

    @cached_property
    def package_name(self) -> str:
        """The name in the ``package`` clause (empty when missing)."""
        for child in self.root.named_children:
            if child.type == "package_clause":
                ident = next(
                    (c for c in child.named_children if c.type == "package_identifier"),
                    None,
                )
                return go_ast.text(ident)
        return ""

    @cached_property
    def unit_key(self) -> str:
        """Which files share package-level declarations with this one.

        The package name, except for a ``//go:build ignore`` program (run with
        ``go run gen.go``), which is its own unit even next to others.
        """
        package_clause = next(
            (c for c in self.root.children if c.type == "package_clause"), None
        )
        head = self.source[: package_clause.start_byte if package_clause else 0]
        if _BUILD_IGNORE.search(head):
            return f"{self.package_name}#{self.path}"
        return self.package_name

    # -- resolution shortcuts used by most rules -----------------------------

    def callee(self, call: Node) -> str | None:
        """Qualified name of the called function (``"os/exec.Command"``), if known.

        Memoised per node: several rules ask about every call.
        """
        try:
            cache = self._callees
        except AttributeError:
            cache = self._callees = {}
        key = call.id
        if key not in cache:
            cache[key] = self.resolver.callee(call)
        return cache[key]

    def qualified_name(self, node: Node | None) -> str | None:
        """Qualified name of a package member reference."""
        return self.resolver.qualified_name(node)

    def string_value(self, node: Node | None) -> str | None:
        """Value of a constant string expression."""
        return self.resolver.string_value(node)

    def int_value(self, node: Node | None) -> int | None:
        """Value of a constant integer expression."""
        return self.resolver.int_value(node)

    def text(self, node: Node | None) -> str:
        """Source text of a node."""
        return go_ast.text(node)

    # -- locations and findings ----------------------------------------------

    def region(self, start_byte: int, end_byte: int) -> Region:
        """Region of a byte span of this file."""
        return self.lines.region(start_byte, end_byte)

    def location(self, node: Node, *, message: str | None = None) -> Location:
        """Location of a node, or of its first line when it spans many.

        A call over 40 lines is highlighted where it starts (``exec.Command(``),
        not as a 40-line region that buries the line that matters.
        """
        end = node.end_byte
        if node.end_point[0] > node.start_point[0]:
            newline = self.source.find(b"\n", node.start_byte, end)
            if newline != -1:
                end = len(self.source[:newline].rstrip(b" \t\r"))
        return Location(self.path, self.region(node.start_byte, end), message)

    def finding(
        self,
        rule: Rule,
        location: Location | Node,
        *,
        related: Iterable[Location] = (),
        fixes: Iterable[Fix] = (),
        level: Level | None = None,
        precision: str | None = None,
        **message_args: object,
    ) -> Finding:
        """A finding of ``rule`` at a node of this file (or at a location)."""
        return super().finding(
            rule,
            location if isinstance(location, Location) else self.location(location),
            related=related,
            fixes=fixes,
            level=level,
            precision=precision,
            **message_args,
        )


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A package input (go.mod, manifest, schema) that could not be read."""

    path: str
    message: str
    outside: bool


class PackageContext(FindingFactory):
    """The analysed Go files of one directory, plus its go.mod and manifest.

    Attributes:
        directory: Display path of the directory.
        abs_dir: The directory on disk.
        files: Parsed Go files of the directory (filled by the engine).
        gomod_path: The nearest ``go.mod`` at or above the directory.
        manifest_path: ``go-script.yaml`` of this directory, if any.
        owns_gomod: The go.mod lives in this very directory (its own checks run here).
        roots: Where every input must resolve to (see :mod:`~go_script_lint.base.safe_io`).
        sources: Bytes of each input read so far, by display path: snippets
            come from these, never from a second read through the path.
        input_problems: Inputs that could not be read, for GSL002 and notes.
    """

    def __init__(
        self,
        directory: str,
        abs_dir: Path,
        config: Config,
        gomod_path: Path | None = None,
        manifest_path: Path | None = None,
        owns_gomod: bool = False,
        display: Any = None,
        roots: Roots = UNBOUNDED,
    ) -> None:
        """Describe a directory; the engine appends the parsed files."""
        self.directory = directory
        self.abs_dir = abs_dir
        self.config = config
        self.gomod_path = gomod_path
        self.manifest_path = manifest_path
        self.owns_gomod = owns_gomod
        self.files: list[FileContext] = []
        self._display = display
        self.roots = roots
        self.sources: dict[str, bytes] = {}
        self.input_problems: list[InputProblem] = []

    def memo(self, key: MemoKey[T], factory: Callable[[], T]) -> T:
        """Like :meth:`FindingFactory.memo`; the time is not charged to a Go file.

        Package facts are computed while some Go file's rules run, under that
        file's deadline (:func:`go_script_lint.golang.limits.paused`).
        """
        known = getattr(self, "_memo", None)
        if known is not None:
            try:
                return cast(T, known[key])
            except KeyError:
                pass
        with limits.paused():
            return super().memo(key, factory)

    def read_input(self, path: Path, kind: Kind, *, report: bool = True) -> ReadResult:
        """Read a package input inside the roots, bounded by its kind's cap.

        The bytes are kept for snippets; a failure is recorded for GSL002
        (``report``) unless the file is simply missing, which the rules that
        name the file report themselves.
        """
        result = read_regular(path, kind, roots=self.roots)
        shown = self.display_path(path)
        if result.data is not None:
            self.sources[shown] = result.data
        elif (
            report
            and result.error is not None
            and (result.outside or not _missing(path))
        ):
            self.input_problems.append(
                InputProblem(shown, result.error, result.outside)
            )
        return result

    def display_path(self, path: Path) -> str:
        """POSIX path relative to the source root, as findings show it."""
        if self._display is not None:
            return str(self._display(path))
        return path.as_posix()

    def lookup_other_files(
        self, current: FileContext
    ) -> Callable[[str], Definition | None]:
        """A function finding package-level names in the package's other files.

        The current file's own names are looked up before this is asked, so
        one merged index per package name (first declaration in file order)
        answers for every file.
        """

        def lookup(name: str) -> Definition | None:
            index = self.memo(
                _TOP_LEVEL.at(current.unit_key),
                lambda: self._top_level_index(current),
            )
            declared_in = index.get(name)
            if declared_in is None:
                return None
            return declared_in.resolver.top_definition(name)

        return lookup

    def _top_level_index(self, current: FileContext) -> dict[str, FileContext]:
        """Name → the first file declaring it (whose tree may be let go)."""
        index: dict[str, FileContext] = {}
        for other in self.files:
            if other.unit_key == current.unit_key:
                for name in other.top_level_names():
                    index.setdefault(name, other)
        return index

    def file_with_root(self, root: Node) -> FileContext | None:
        """The file whose tree ``root`` (a ``source_file`` node) is the root of."""
        # A file whose tree was let go holds none of the nodes in hand.
        return next(
            (f for f in self.files if f.holds_tree and f.root.id == root.id), None
        )

    def file_of(self, resolver: Resolver) -> FileContext | None:
        """The file ``resolver`` resolves names of (one of this package's)."""
        # Files whose resolver was never made cannot own it: none is made here.
        return next(
            (f for f in self.files if vars(f).get("resolver") is resolver), None
        )


def _missing(path: Path) -> bool:
    return not path.is_symlink() and not path.exists()
