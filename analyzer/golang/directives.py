"""Header directives of a Go file: ``//go:script`` and ``//go:requires``.

The header is every comment before the ``package`` clause, across ``//`` and
``/* */`` comment groups and blank lines. Only ``//`` line comments are
directives (as for every Go directive). Near-miss spellings
(``//go:require``, ``// go:requires``, ``//go:requires:``) are parsed as the
directive they were meant to be, so cross-checks do not pile up on a typo, and
carry a problem with a certain fix. Text after `` //`` on a directive line is
a comment, as in go.mod.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from go_script_lint.base.memo import MemoKey
from go_script_lint.base.model import Fix, Location, Replacement
from go_script_lint.golang import module_paths
from go_script_lint.golang.parsing import Node

if TYPE_CHECKING:
    from go_script_lint.analysis.context import FileContext

SCRIPT = "script"
GO = "go"
MODULE = "module"
REQUIRES = "requires"  # a `//go:requires` whose arguments make no sense

_CANDIDATE = re.compile(
    r"//(?P<s1>[ \t]*)(?P<go>go)(?P<s2>[ \t]*):(?P<s3>[ \t]*)(?P<word>[A-Za-z_-]+)(?P<colon>:?)(?=[ \t]|$)",
    re.IGNORECASE,
)
_ARG = re.compile(r"\"(?:[^\"\\]|\\.)*\"|`[^`]*`|\S+")
# Directives of the go command and the compiler: never a near miss of ours.
GO_DIRECTIVES = frozenset(
    {
        "build", "debug", "embed", "generate", "linkname", "noinline", "nosplit", "noescape",
        "norace", "nocheckptr", "uintptrescapes", "uintptrkeepalive", "notinheap", "systemstack",
        "nowritebarrier", "nowritebarrierrec", "yeswritebarrierrec", "registerparams",
        "wasmimport", "wasmexport", "fix", "cgo_import_dynamic", "cgo_export_static",
        "cgo_export_dynamic", "cgo_import_static", "cgo_dynamic_linker", "cgo_ldflag",
        "cgo_unsafe_args", "binary-only-package", "nointerface", "noframe",
    }
)  # fmt: skip
_MARKER = {b"//go:requires": REQUIRES, b"//go:script": SCRIPT}


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument word: its value (unquoted) and byte span in the file."""

    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A GSL101 problem; ``fix`` replaces bytes ``[start, end)`` when certain."""

    message: str
    start: int
    end: int
    fix: str | None = None
    fix_description: str = ""


@dataclass(frozen=True, slots=True)
class Directive:
    """A header directive.

    Attributes:
        kind: ``script``, ``go`` (Go version), ``module``, or ``requires``
            when the arguments are unusable.
        start / end: The comment's byte span.
        args: The argument words.
        module: Module path of a ``module`` directive when it is valid.
        version: The version when it is valid (Go version or module version).
        version_arg: The version word as written (for fixes), if any.
        problems: What GSL101 reports about it.
    """

    kind: str
    start: int
    end: int
    args: tuple[Arg, ...]
    module: str | None
    version: str | None
    version_arg: Arg | None
    problems: tuple[Problem, ...]

    @property
    def spelled(self) -> str:
        """The directive as users write it (for messages)."""
        return "//go:script" if self.kind == SCRIPT else "//go:requires"


@dataclass(frozen=True, slots=True)
class Misplaced:
    """A directive comment after the ``package`` clause."""

    spelled: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Header:
    """The directives of one file."""

    directives: tuple[Directive, ...]
    misplaced: tuple[Misplaced, ...]
    package_clause: Node | None

    @property
    def is_script(self) -> bool:
        """Marked ``//go:script`` or carrying a ``//go:requires``."""
        return bool(self.directives)

    @property
    def go(self) -> Directive | None:
        """The first valid ``//go:requires go VERSION``."""
        return next((d for d in self.directives if d.kind == GO and d.version), None)

    @property
    def modules(self) -> tuple[Directive, ...]:
        """``//go:requires MODULE VERSION`` directives with a valid module path."""
        return tuple(d for d in self.directives if d.kind == MODULE and d.module)


DIRECTIVES: MemoKey[Header] = MemoKey("golang.directives")


def header(ctx: FileContext) -> Header:
    """The file's header directives, parsed once per file."""
    return ctx.memo(DIRECTIVES, lambda: parse_header(ctx.root, ctx.source))


def header_without_nodes(ctx: FileContext) -> Header:
    """:func:`header` for a file whose tree is let go: no node in it.

    Only its own file's GSL107 points at the package clause, and a file read
    for context only is not checked.
    """
    return ctx.memo(
        DIRECTIVES,
        lambda: replace(parse_header(ctx.root, ctx.source), package_clause=None),
    )


def parse_header(root: Node, source: bytes) -> Header:
    """Directives before the ``package`` clause and directive comments after it."""
    directives: list[Directive] = []
    package: Node | None = None
    end = len(source)
    for child in _leading_children(root):
        if child.type == "comment":
            if source.startswith(b"//", child.start_byte):
                found = parse_comment(
                    source, child.start_byte, line_comment_end(source, child)
                )
                if found is not None:
                    directives.append(found)
            continue
        if child.type == "package_clause":
            package = child
        end = child.start_byte
        break
    return Header(tuple(directives), tuple(_misplaced(root, source, end)), package)


def _leading_children(root: Node) -> Iterator[Node]:
    """The root's children from the first on, as far as the caller reads.

    A cursor, not ``root.children``: that is a list of every declaration, and
    the header ends at the first of them.
    """
    cursor = root.walk()
    more = cursor.goto_first_child()
    while more:
        node = cursor.node
        if node is not None:
            yield node
        more = cursor.goto_next_sibling()


def line_comment_end(source: bytes, comment: Node) -> int:
    """End of a ``//`` comment's text: tree-sitter keeps a CRLF file's CR in the
    node, and a lone CR ends the line as the reported positions count lines."""
    cr = source.find(b"\r", comment.start_byte, comment.end_byte)
    return comment.end_byte if cr == -1 else cr


def _misplaced(root: Node, source: bytes, after: int) -> list[Misplaced]:
    out: list[Misplaced] = []
    for marker, kind in _MARKER.items():
        pos = source.find(marker, after)
        while pos != -1:
            tail = source[pos + len(marker) : pos + len(marker) + 1]
            if tail in (b"", b" ", b"\t", b"\r", b"\n"):
                node = root.descendant_for_byte_range(pos, pos + 2)
                if (
                    node is not None
                    and node.type == "comment"
                    and node.start_byte == pos
                ):
                    spelled = "//go:script" if kind == SCRIPT else "//go:requires"
                    out.append(Misplaced(spelled, pos, line_comment_end(source, node)))
            pos = source.find(marker, pos + len(marker))
    out.sort(key=lambda m: m.start)
    return out


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def intended(word: str) -> str | None:
    """The directive a spelling was meant to be (``require`` → requires), if any."""
    lower = word.lower()
    if lower in GO_DIRECTIVES:
        return None
    if _edit_distance(lower, "requires") <= 2:
        return REQUIRES
    if _edit_distance(lower, "script") <= 1:
        return SCRIPT
    return None


def parse_comment(source: bytes, start: int, end: int) -> Directive | None:
    """The directive in the ``//`` comment at ``[start, end)``, or ``None``."""
    raw = source[start:end]
    if b"go" not in raw[:16].lower():
        return None  # fast path: most header comments are licences and docs
    text = raw.decode("utf-8", errors="replace").rstrip("\r")
    m = _CANDIDATE.match(text)
    if m is None:
        return None
    meant = intended(m.group("word"))
    if meant is None:
        return None
    exact = (
        m.group("go") == "go"
        and not (m.group("s1") or m.group("s2") or m.group("s3") or m.group("colon"))
        and m.group("word") == meant
    )
    problems: list[Problem] = []
    spelled = "//go:requires" if meant == REQUIRES else "//go:script"
    if not exact:
        problems.append(
            Problem(
                f"`{m.group(0)}` is not a directive; write `{spelled}`",
                start,
                start + len(m.group(0).encode()),
                spelled,
                f"Spell the directive `{spelled}`",
            )
        )
    rest_start = start + len(m.group(0).encode())
    rest = text[m.end() :]
    cut = re.search(r"(?:^|[ \t])//", rest)
    if cut is not None:
        rest = rest[: cut.start()]
    args = tuple(_args(rest, rest_start))
    if meant == SCRIPT:
        if args:
            problems.append(
                Problem("`//go:script` takes no arguments", args[0].start, args[-1].end)
            )
        return Directive(SCRIPT, start, end, args, None, None, None, tuple(problems))
    return _requires(start, end, args, problems)


def _args(rest: str, offset: int) -> list[Arg]:
    out: list[Arg] = []
    encoded_upto = 0
    byte_pos = offset
    for m in _ARG.finditer(rest):
        byte_pos += len(rest[encoded_upto : m.start()].encode())
        word = m.group(0)
        size = len(word.encode())
        value = word[1:-1] if word[:1] in '"`' and len(word) >= 2 else word
        out.append(Arg(value, byte_pos, byte_pos + size))
        byte_pos += size
        encoded_upto = m.end()
    return out


def _requires(
    start: int, end: int, args: tuple[Arg, ...], problems: list[Problem]
) -> Directive:
    usage = "`//go:requires` needs `go VERSION` or `MODULE VERSION`"
    if not args:
        problems.append(Problem(usage, start, end))
        return Directive(REQUIRES, start, end, args, None, None, None, tuple(problems))
    if args[0].value == "go":
        if len(args) != 2:
            problems.append(
                Problem(
                    "usage: `//go:requires go VERSION` (one Go version)", start, end
                )
            )
            return Directive(
                GO,
                start,
                end,
                args,
                None,
                None,
                args[1] if len(args) > 1 else None,
                tuple(problems),
            )
        arg = args[1]
        if module_paths.parse_go_version(arg.value) is None:
            fix = module_paths.go_version_fix(arg.value)
            hint = f"; write `{fix}`" if fix else " (want `1.N` or `1.N.P`)"
            problems.append(
                Problem(
                    f"invalid Go version `{arg.value}`{hint}",
                    arg.start,
                    arg.end,
                    fix,
                    f"Write the Go version as `{fix}`",
                )
            )
            return Directive(GO, start, end, args, None, None, arg, tuple(problems))
        return Directive(GO, start, end, args, None, arg.value, arg, tuple(problems))
    path_arg = args[0]
    path_problem = module_paths.check_path(path_arg.value)
    if path_problem is not None:
        problems.append(Problem(path_problem, path_arg.start, path_arg.end))
    module = path_arg.value if path_problem is None else None
    if len(args) != 2:
        if len(args) == 1:
            problems.append(
                Problem(f"`//go:requires {path_arg.value}` has no version", start, end)
            )
        else:
            problems.append(
                Problem(
                    "usage: `//go:requires MODULE VERSION`", args[2].start, args[-1].end
                )
            )
        return Directive(MODULE, start, end, args, module, None, None, tuple(problems))
    arg = args[1]
    problem = module_paths.check_version(arg.value)
    fix = None
    if problem is not None:
        canonical = module_paths.canonical_version(arg.value)
        fix = canonical if canonical is not None and canonical != arg.value else None
    elif module is not None:
        problem = module_paths.check_path_major(module, arg.value)
    if problem is not None:
        problems.append(
            Problem(problem, arg.start, arg.end, fix, f"Write the version as `{fix}`")
        )
        return Directive(MODULE, start, end, args, module, None, arg, tuple(problems))
    return Directive(MODULE, start, end, args, module, arg.value, arg, tuple(problems))


def span_location(
    ctx: FileContext, start: int, end: int, message: str | None = None
) -> Location:
    """Location of a byte span of the file (a directive, one of its words)."""
    return Location(ctx.path, ctx.region(start, end), message)


def replace_fix(
    ctx: FileContext, start: int, end: int, text: str, description: str
) -> Fix:
    """A one-replacement fix of bytes ``[start, end)`` of the file."""
    return Fix(
        description, (Replacement(ctx.path, start, end, ctx.region(start, end), text),)
    )
