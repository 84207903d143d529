"""GSL406 tag-naming: a struct tag name not in the configured naming style."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from go_script_lint.api import (
    FileContext,
    Finding,
    Fix,
    Level,
    Location,
    MemoKey,
    Node,
    PackageContext,
    Replacement,
    Risk,
    Rule,
    crosscheck,
    marked_structs,
    nested_structs,
    source_tag,
)

# golint's list of initialisms (what Go code writes in capitals).
INITIALISMS = (
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID",
    "IP", "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS",
    "TTL", "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
)  # fmt: skip
STYLES = ("camel", "goCamel", "pascal", "snake", "kebab")
_WORD = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+")
_CHECKABLE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def words(name: str) -> list[str]:
    """``userID`` → user, ID; ``user_id`` → user, id; ``HTTPServer`` → HTTP, Server."""
    return [w for part in re.split(r"[_\-\s.]+", name) for w in _WORD.findall(part)]


def _cap(word: str, upper_initialisms: frozenset[str] | None) -> str:
    if upper_initialisms is not None:
        plural = word.upper().endswith("S") and word.upper()[:-1] in upper_initialisms
        if word.upper() in upper_initialisms:
            return word.upper()
        if plural and len(word) > 2:
            return word[:-1].upper() + "s"
    return word[:1].upper() + word[1:].lower()


def render(parts: Sequence[str], style: str, initialisms: frozenset[str] | None) -> str:
    """Spell ``parts`` in ``style``; ``initialisms`` (or None) are kept in capitals."""
    if not parts:
        return ""
    if style == "snake":
        return "_".join(p.lower() for p in parts)
    if style == "kebab":
        return "-".join(p.lower() for p in parts)
    rest = "".join(_cap(p, initialisms) for p in parts[1:])
    if style == "pascal":
        return _cap(parts[0], initialisms) + rest
    return parts[0].lower() + rest


def expected(
    name: str, style: str, case: str, initialisms: frozenset[str]
) -> str | None:
    """``None`` when ``name`` is in ``style``, else the name it should have."""
    parts = words(name)
    if style == "goCamel":
        style, case = "camel", "upper"
    spellings = {
        "lower": [render(parts, style, None)],
        "upper": [render(parts, style, initialisms)],
    }.get(case, [render(parts, style, None), render(parts, style, initialisms)])
    return None if name in spellings else spellings[0]


SCOPE: MemoKey[frozenset[tuple[int, int]]] = MemoKey("GSL406.scope")


def scope(pkg: PackageContext) -> frozenset[tuple[int, int]]:
    """Field lists of the parameters struct and the structs nested in it (cached)."""

    def build() -> frozenset[tuple[int, int]]:
        check = crosscheck(pkg)
        decl = check.binding.struct if check is not None else None
        if decl is None:
            marked = marked_structs(pkg)
            decl = marked[0] if marked else None
        if decl is None:
            return frozenset()
        return frozenset((n.id, n.start_byte) for n in nested_structs(decl))

    return pkg.memo(SCOPE, build)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    options = ctx.options(RULE)
    if not options["all-structs"] and (node.id, node.start_byte) not in scope(
        ctx.package
    ):
        return
    styles = options["styles"]
    initialisms = frozenset(w.upper() for w in options["initialisms"])
    for decl in (c for c in node.named_children if c.type == "field_declaration"):
        tag = source_tag(decl)
        if tag is None:
            continue
        for pair in tag.tag.pairs:
            style = styles.get(pair.key)
            name = pair.name
            if style not in STYLES or not _CHECKABLE.fullmatch(name):
                continue
            want = expected(name, style, options["initialism-case"], initialisms)
            if want is None or not want:
                continue
            begin = pair.value_start + 1
            start, end = tag.byte_span(begin, begin + len(name))
            region = ctx.region(start, end)
            fixes: tuple[Fix, ...] = ()
            if pair.plain and end - start == len(name.encode("utf-8")):
                fixes = (
                    Fix(
                        f"Rename to `{want}`",
                        (Replacement(ctx.path, start, end, region, want),),
                    ),
                )
            yield ctx.finding(
                RULE,
                Location(ctx.path, region),
                fixes=fixes,
                key=pair.key,
                name=name,
                style=style,
                want=want,
            )


RULE = Rule(
    id="GSL406",
    name="tag-naming",
    summary="A struct tag name not in the configured naming style.",
    description=(
        "Names in struct tags follow one style per tag key: by default `json` names are "
        "camelCase; `styles` sets a style per key (`camel`, `goCamel`, `pascal`, `snake`, "
        "`kebab`). Initialisms are configurable: with `initialism-case: any` (the default) "
        "both `userID` and `userId` pass camelCase; `upper` asks for `userID` (as `goCamel` "
        "does), `lower` for `userId`. By default only the parameters struct and the structs "
        "nested in it are checked; `all-structs: true` checks every struct. The fix renames "
        "the tag."
    ),
    message="`{key}` name `{name}` is not {style} case (want `{want}`)",
    level=Level.NOTE,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("style", "struct-tags"),
    precision="high",
    help=(
        "**Why:** callers spell parameters the way the manifest and the API do; one "
        "`user_id` among camelCase names is a parameter nobody sets correctly the first "
        "time.\n\n"
        "**Fix:** rename the tag (`--fix` does it), or configure the style your API uses:\n\n"
        "```yaml\nrules:\n  GSL406:\n    options:\n      styles: {json: snake, yaml: kebab}\n"
        "      all-structs: true\n```"
    ),
    options={
        "styles": {"json": "camel"},
        "all-structs": False,
        "initialism-case": "any",
        "initialisms": INITIALISMS,
    },
    node_types=("field_declaration_list",),
    check=check,
    foreign_ids={"golangci-lint": ("tagliatelle", "musttag")},
)
