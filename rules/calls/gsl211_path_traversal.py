"""GSL211 path-traversal: a file path from input reaches a file operation unconfined."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    Source,
    confined,
    go_ast,
    is_constant,
    last_identifiers,
    package_has_input,
    script_go_version,
    short_callee,
    sources_of,
    value_nodes,
)

# File operations → the indexes of their path arguments.
SINKS: dict[str, tuple[int, ...]] = {
    "os.Open": (0,),
    "os.OpenFile": (0,),
    "os.ReadFile": (0,),
    "os.WriteFile": (0,),
    "os.Create": (0,),
    "os.Remove": (0,),
    "os.Rename": (0, 1),
    "os.Chmod": (0,),
    "os.Chown": (0,),
    "os.Lchown": (0,),
    "os.Truncate": (0,),
    "os.Mkdir": (0,),
    "os.MkdirAll": (0,),
    "os.ReadDir": (0,),
    "os.Symlink": (1,),
    "os.Link": (1,),
    "os.DirFS": (0,),
    "io/ioutil.ReadFile": (0,),
    "io/ioutil.WriteFile": (0,),
    "io/ioutil.ReadDir": (0,),
    "path/filepath.Walk": (0,),
    "path/filepath.WalkDir": (0,),
    "net/http.ServeFile": (2,),
}
# Calls whose result is no longer a traversal risk: a bare name, a number.
SANITIZERS = frozenset(
    {
        "path/filepath.Base",
        "path.Base",
        "path/filepath.IsLocal",
        "strconv.Atoi",
        "strconv.ParseInt",
        "strconv.ParseUint",
        "strconv.ParseBool",
        "strconv.ParseFloat",
        "net/url.PathEscape",
        "net/url.QueryEscape",
        "os.OpenInRoot",
    }
)
WALK_LIMIT = 200  # nodes per value walk: paths are short expressions
JOINS = frozenset({"path/filepath.Join", "path.Join"})
CLEANS = frozenset({"path/filepath.Clean", "path.Clean"})


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node)
    indexes = SINKS.get(callee or "")
    if not indexes:
        return
    args = go_ast.call_args(node)
    for index in indexes:
        if index < len(args):
            finding = _check_path(node, ctx, callee or "", args[index])
            if finding is not None:
                yield finding
                return


def _check_path(
    node: Node, ctx: FileContext, callee: str, path: Node
) -> Finding | None:
    deep = ctx.scan_level is Risk.HIGH
    if not deep and not package_has_input(ctx):
        return None  # nothing in the package reads input: no path can come from it
    found = sources_of(ctx, path, limit=WALK_LIMIT)
    if not any(s.is_input for s in found):
        if not deep or found or is_constant(ctx, path) or _rooted_clean(ctx, path):
            return None  # temporary, home or parameter paths: their own rules
        return ctx.finding(
            RULE,
            node,
            level=Level.NOTE,
            precision="low",
            callee=short_callee(callee),
            what=f"the path `{_shown(ctx, path)}` of unknown origin (deep scan)",
            advice=_advice(ctx),
        )
    joined, parts, bases = _joined_parts(ctx, path)
    base_origins = {s.node.id for b in bases for s in sources_of(ctx, b)}
    sources = [
        s
        for part in parts
        for s in sources_of(ctx, part, SANITIZERS)
        if s.is_input and s.node.id not in base_origins  # `p = Join(dir, p)` loops
    ]
    if not sources:
        return None  # a temporary, home or chosen base directory; or sanitised
    if callee == "net/http.ServeFile" and all(
        "URL.Path" in s.where.text(s.node) for s in sources
    ):
        return None  # ServeFile itself rejects a request path with `..` in it
    origin = _pick(sources)
    remote = origin.kind == "http"
    if not (remote or joined or deep):
        return None  # the script's own input file: what the user asked for
    if _rooted_clean(ctx, path) or confined(ctx, node, path):
        return None
    where = "joined under a directory " if joined else ""
    return ctx.finding(
        RULE,
        node,
        level=None if remote or joined else Level.WARNING,
        precision="high" if remote or joined else "medium",
        related=(origin.location("the path comes from here"),),
        callee=short_callee(callee),
        what=f"a path {where}{origin.description}"
        + ("" if remote or joined else " (deep scan)"),
        advice=_advice(ctx),
    )


def _pick(sources: list[Source]) -> Source:
    """The most remote origin: a request before the environment before flags."""
    order = ("http", "stdin", "env", "flag", "args")
    return min(sources, key=lambda s: order.index(s.kind) if s.kind in order else 9)


def _joined_parts(ctx: FileContext, path: Node) -> tuple[bool, list[Node], list[Node]]:
    """Whether ``path`` is built under a base directory, the parts after it, the bases.

    ``filepath.Join(dir, a, b)`` → ``[a, b]``; ``dir + "/" + name`` → ``[name]``.
    The base itself may come from input (the user picks where to work); what is
    appended to it is what may climb out.
    """
    tails: list[Node] = []
    bases: list[Node] = []
    base_from_input = False
    for part in value_nodes(ctx, path, SANITIZERS):
        base: Node | None = None
        if part.type == "call_expression" and ctx.callee(part) in JOINS:
            args = go_ast.call_args(part)
            base = args[0] if args else None
            tails.extend(args[1:])
        elif part.type == "binary_expression" and _directory_prefix(ctx, part):
            base = part.child_by_field_name("left")
            right = part.child_by_field_name("right")
            if right is not None:
                tails.append(right)
        if base is not None:
            bases.append(base)
            if any(s.is_input for s in sources_of(ctx, base)):
                base_from_input = True
    if not tails:
        return False, [path], []
    # A directory the user chose: leaving it crosses no boundary (deep scan only).
    return not base_from_input, tails, bases


def _directory_prefix(ctx: FileContext, concat: Node) -> bool:
    """``dir + "/" + name``: the left side ends with a path separator."""
    if ctx.text(concat.child_by_field_name("operator")) != "+":
        return False
    left = go_ast.unparen(concat.child_by_field_name("left"))
    while left is not None and left.type == "binary_expression":
        left = go_ast.unparen(left.child_by_field_name("right"))
    value = ctx.string_value(left)
    if value is None and left is not None:
        return ctx.text(left).endswith("PathSeparator)")
    return value is not None and value.endswith(("/", "\\"))


def _rooted_clean(ctx: FileContext, path: Node) -> bool:
    """``filepath.Clean("/" + p)``: a rooted clean cannot climb above the root."""
    for part in value_nodes(ctx, path):
        if part.type == "call_expression" and ctx.callee(part) in CLEANS:
            arg = go_ast.unparen(next(iter(go_ast.call_args(part)), None))
            if arg is not None and arg.type == "binary_expression":
                first = ctx.string_value(arg.child_by_field_name("left"))
                if first is not None and first.startswith("/"):
                    return True
    return False


def _advice(ctx: FileContext) -> str:
    version = script_go_version(ctx)
    if version is not None and version >= (1, 24):
        return "open it with `os.OpenInRoot(dir, name)` (or an `os.Root`)"
    return "check `filepath.IsLocal(name)` (Go 1.20+) or `filepath.Rel(dir, p)` first"


def _shown(ctx: FileContext, node: Node) -> str:
    return " ".join(ctx.text(node).split())[:60]


RULE = Rule(
    id="GSL211",
    name="path-traversal",
    summary="A file path taken from input reaches a file operation without being confined.",
    description=(
        "`os.Open`, `OpenFile`, `ReadFile`, `WriteFile`, `Create`, `Remove`, `Rename`, "
        "`Chmod`, `MkdirAll`, `filepath.Walk` roots and `http.ServeFile` act on whatever "
        "path they get. A path from an HTTP request, or input (arguments, flags, the "
        "environment, standard input) joined under a directory (`filepath.Join(dir, "
        "name)`), can climb out of that directory with `..` or an absolute path. Paths "
        'reduced to a name (`filepath.Base`), rooted before cleaning (`filepath.Clean("/" '
        "+ p)`), or checked in the same function (`filepath.Rel`, `strings.HasPrefix`, "
        "`filepath.IsLocal`, `os.OpenInRoot`, a helper named like `isSafePath`) are not "
        "reported, nor is `http.ServeFile` of a name taken from `r.URL.Path`, which "
        "`ServeFile` itself refuses when it contains `..`. See the help for how the scan levels differ."
    ),
    message="`{callee}` uses {what}; {advice}",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "filesystem", "injection"),
    cwe=(22, 73),
    precision="high",
    help=(
        '**Why:** `filepath.Join("/srv/files", "../../etc/passwd")` is `/etc/passwd`: '
        "joining does not confine (CWE-22). A server handing out or writing files by a "
        "request's name gives the client the whole file system the process can reach.\n\n"
        "**Fix:** on Go 1.24+ open through a root — `os.OpenInRoot(dir, name)` or "
        "`root, _ := os.OpenRoot(dir); root.Open(name)` — which refuses to leave `dir` "
        "even through symlinks. Before that, reject names that are not local:\n\n"
        "```go\n"
        "if !filepath.IsLocal(name) {\n"
        '\treturn fmt.Errorf("invalid name %q", name)\n'
        "}\n"
        "f, err := os.Open(filepath.Join(dir, name))\n"
        "```\n\n"
        "**Levels.** `--risk-level low` and the default report request paths and input "
        "joined under a directory. A bare input path — `os.Open(os.Args[1])`, the file the "
        "user asked the script to read — is what a script is for and is reported only by "
        "the deep scan (`--risk-level high`), which also notes non-constant paths of "
        "unknown origin. Parameters of unexported functions are followed to their call "
        "sites. The advice names `os.OpenInRoot` when the script's Go version (from "
        "`//go:requires go`, else go.mod) is 1.24 or later."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(SINKS),
    requires_imports=frozenset({"os", "io/ioutil", "path/filepath", "net/http"}),
)
