"""GSL212 archive-path-traversal: an archive entry's name is extracted without confinement."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Node,
    Risk,
    Rule,
    confined,
    entry_name,
    go_ast,
    last_identifiers,
    short_callee,
    value_nodes,
)

# Calls that create or change a file system entry → their path arguments.
SINKS: dict[str, tuple[int, ...]] = {
    "os.Create": (0,),
    "os.OpenFile": (0,),
    "os.WriteFile": (0,),
    "os.Mkdir": (0,),
    "os.MkdirAll": (0,),
    "os.Symlink": (0, 1),
    "os.Link": (0, 1),
    "os.Chmod": (0,),
    "os.Chtimes": (0,),
    "os.Lchown": (0,),
    "os.Chown": (0,),
    "os.Rename": (1,),
    "io/ioutil.WriteFile": (0,),
}
SANITIZERS = frozenset({"path/filepath.Base", "path.Base", "path/filepath.IsLocal"})
ARCHIVES = frozenset({"archive/zip", "archive/tar"})


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.callee(node)
    indexes = SINKS.get(callee or "")
    if not indexes:
        return
    args = go_ast.call_args(node)
    for index in indexes:
        if index >= len(args):
            continue
        path = args[index]
        found = next(
            (
                (part, named)
                for part in value_nodes(ctx, path, SANITIZERS)
                if (named := entry_name(ctx, part)) is not None
            ),
            None,
        )
        if found is None or confined(ctx, node, path):
            continue
        part, (archive, field) = found
        link = field == "Linkname"
        yield ctx.finding(
            RULE,
            node,
            related=(ctx.location(part, message="the entry's name comes from here"),),
            callee=short_callee(callee or ""),
            what=(
                f"the link target `{ctx.text(part)}` of a `{archive}` entry"
                if link
                else f"the entry name `{ctx.text(part)}` of a `{archive}` archive"
            ),
        )
        return


RULE = Rule(
    id="GSL212",
    name="archive-path-traversal",
    summary="A file name from a zip or tar archive is written to disk without a confinement check.",
    description=(
        "Entry names in `archive/zip` (`File.Name`) and `archive/tar` (`Header.Name`, "
        "`Header.Linkname`) are chosen by whoever made the archive. Joined into a "
        "destination and passed to `os.Create`, `OpenFile`, `WriteFile`, `MkdirAll`, "
        "`Chmod` or `Symlink`, a name like `../../.bashrc` or `/etc/cron.d/x` writes "
        'outside the destination ("zip slip"), and a symlink entry extracted as a link '
        "lets later entries write through it. Names reduced with `filepath.Base`, or "
        "checked in the same function (`filepath.IsLocal`, `strings.HasPrefix` on the "
        'cleaned target, `filepath.Rel`, `strings.Contains(name, "..")`, a helper named '
        "like `sanitizePath`) are not reported."
    ),
    message="`{callee}` writes to {what}, which can point outside the destination",
    level=Level.ERROR,
    risk=Risk.HIGH,
    scan_level=Risk.LOW,
    in_tests=False,
    tags=("security", "filesystem", "archive"),
    cwe=(22, 59),
    precision="high",
    help=(
        '**Why:** an archive is input. `filepath.Join(dest, "../../etc/cron.d/job")` '
        "leaves `dest`, so unpacking a downloaded release can overwrite any file the "
        "script may write (CWE-22); a symlink entry pointing at `/` followed by a regular "
        "entry under it does the same (CWE-59).\n\n"
        "**Fix:** reject entries whose name is not local, and do not create symlinks "
        "from archives you do not trust:\n\n"
        "```go\n"
        "if !filepath.IsLocal(hdr.Name) {\n"
        '\treturn fmt.Errorf("unsafe entry %q", hdr.Name)\n'
        "}\n"
        "target := filepath.Join(dest, hdr.Name)\n"
        "```\n\n"
        "On Go 1.24+ writing through `os.OpenRoot(dest)` confines every entry, links included."
    ),
    node_types=("call_expression",),
    check=check,
    call_names=last_identifiers(SINKS),
    requires_imports=ARCHIVES,
)
