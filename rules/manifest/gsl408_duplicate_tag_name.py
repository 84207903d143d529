"""GSL408 duplicate-tag-name: two fields of one struct with the same `json`/`yaml` name."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from go_script_lint.api import (
    Field,
    FileContext,
    Finding,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    TypeIndex,
    file_of,
    go_ast,
    struct_fields,
    type_index,
)

MAX_DEPTH = 4


def _named(
    field_list: Node,
    ctx: FileContext,
    key: str,
    fields_of: Callable[[Node], list[Field]],
) -> Iterator[tuple[str, int, Field, Field]]:
    """(name, depth, field, the field of this struct it comes through).

    `encoding/json` promotes the fields of untagged embedded structs one level
    deeper (the shallower name wins); yaml flattens only `,inline` fields, at
    the same level (a clash there is an error).
    """
    index: TypeIndex | None = None
    queue: list[tuple[Node, int, Field | None]] = [(field_list, 0, None)]
    seen = {field_list.id}
    while queue:
        current, depth, via = queue.pop(0)
        # Inline fields are expanded in place (declaration order decides which is "later").
        stack: list[tuple[Iterator[Field], Field | None]] = [
            (iter(fields_of(current)), via)
        ]
        while stack:
            fields, through = stack[-1]
            f = next(fields, None)
            if f is None:
                stack.pop()
                continue
            pair = f.tag.tag.get(key) if f.tag is not None else None
            if pair is not None and pair.value == "-":
                continue
            inline = key == "yaml" and pair is not None and "inline" in pair.options
            if pair is not None and pair.name and not inline:
                yield pair.name, depth, f, through or f
                continue
            flatten = inline or (key != "yaml" and f.embedded)
            if not flatten or depth >= MAX_DEPTH or len(seen) > 64:
                continue
            if index is None:
                index = type_index(ctx.package, ctx.package_name)
            inner = index.struct_of(f.type_node)
            if inner is None or inner.id in seen:
                continue
            seen.add(inner.id)
            if inline:
                stack.append((iter(fields_of(inner)), through or f))
            else:
                queue.append((inner, depth + 1, through or f))


def _location(
    ctx: FileContext, field: Field, message: str | None = None
) -> Location | None:
    owner = file_of(
        ctx.package, field.decl
    )  # an embedded struct may live in another file
    if owner is None:
        return None
    node = field.tag.node if field.tag is not None else field.decl
    return owner.location(node, message=message)


def _may_repeat(field_list: Node, keys: tuple[str, ...]) -> bool:
    """Whether two fields of this struct could bring one name (a cheap bound).

    Names come from ``key`` tags only, so a struct whose text spells no key
    brings names through embedded structs alone, and needs two of them for a
    clash: names reached through one are reported on that struct itself.
    Most structs pass neither test and are never parsed.
    """
    raw = field_list.text or b""
    if any(key.encode() in raw for key in keys):
        return True
    embedded = sum(
        1
        for decl in go_ast.named_children_of(field_list, "field_declaration")
        if decl.child_by_field_name("name") is None
    )
    return embedded >= 2


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    keys = tuple(ctx.options(RULE)["keys"])
    if not _may_repeat(node, keys):
        return
    parsed: dict[
        int, list[Field]
    ] = {}  # each struct's fields and tags, once for all keys

    def fields_of(field_list: Node) -> list[Field]:
        if field_list.id not in parsed:
            parsed[field_list.id] = struct_fields(field_list)
        return parsed[field_list.id]

    for key in keys:
        first: dict[tuple[str, int], tuple[Field, Field]] = {}
        for name, depth, field, via in _named(node, ctx, key, fields_of):
            earlier = first.get((name, depth))
            if earlier is None:
                first[(name, depth)] = (field, via)
                continue
            if via is not field and earlier[1] is via:
                continue  # both inside one embedded struct: reported on that struct itself
            where = _location(ctx, via if via is not field else field)
            if where is None:
                continue
            related = _location(ctx, earlier[0], "first here")
            yield ctx.finding(
                RULE,
                where,
                related=(related,) if related else (),
                key=key,
                name=name,
                field=field.name,
                other=earlier[0].name,
            )


RULE = Rule(
    id="GSL408",
    name="duplicate-tag-name",
    summary="Two fields of one struct with the same `json` or `yaml` name.",
    description=(
        'Two fields of a struct that encode under the same name (`json:"id"` twice) make '
        "`encoding/json` drop both when decoding and encoding at the same depth, and YAML "
        "libraries reject the type. Names given by tags are compared per key, with the "
        "fields of embedded structs of the same package promoted as the encoders promote "
        'them (and `yaml:",inline"` structs flattened); names at different embedding '
        "depths do not collide, because the shallower one wins. Embedded types of other "
        "packages are not looked into. The later field is reported; the first is related."
    ),
    message="`{key}` name `{name}` of field `{field}` repeats field `{other}`",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "struct-tags"),
    precision="high",
    help=(
        "**Why:** with two fields under one name, `encoding/json` silently ignores both, "
        "so the value never arrives.\n\n"
        "**Fix:** rename one of the tags, or hide the field that should not be encoded "
        'with `json:"-"`.'
    ),
    options={"keys": ("json", "yaml")},
    node_types=("field_declaration_list",),
    check=check,
)
