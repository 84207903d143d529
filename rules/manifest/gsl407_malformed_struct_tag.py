"""GSL407 malformed-struct-tag: a struct tag with bad syntax, or a key repeated in one tag."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import (
    FileContext,
    Finding,
    Level,
    Location,
    Node,
    Risk,
    Rule,
    source_tag,
)


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    tag = source_tag(node)
    if tag is None:
        return
    end = len(tag.offsets) - 1
    if tag.tag.error is not None:
        start = min(tag.tag.error_offset, end)
        begin, stop = tag.byte_span(start, end)
        yield ctx.finding(
            RULE, Location(ctx.path, ctx.region(begin, stop)), detail=tag.tag.error
        )
    seen: dict[str, int] = {}
    for pair in tag.tag.pairs:
        if pair.key in seen:
            begin, stop = tag.byte_span(pair.key_start, pair.value_end)
            first_begin, first_stop = tag.byte_span(
                seen[pair.key], seen[pair.key] + len(pair.key)
            )
            yield ctx.finding(
                RULE,
                Location(ctx.path, ctx.region(begin, stop)),
                related=(
                    Location(
                        ctx.path, ctx.region(first_begin, first_stop), "first here"
                    ),
                ),
                detail=f"key `{pair.key}` repeated in one struct tag; `reflect` only sees the first",
            )
        else:
            seen[pair.key] = pair.key_start


RULE = Rule(
    id="GSL407",
    name="malformed-struct-tag",
    summary="A struct tag that `reflect.StructTag` cannot read, or with a key repeated.",
    description=(
        'Struct tags are `key:"value"` pairs separated by single spaces, values being Go '
        "double-quoted strings (the convention `reflect.StructTag.Get` implements). A tag "
        "that breaks it — missing quotes, a comma instead of a space between pairs, a bad "
        "escape, suspicious spaces in `json`/`xml` values — is read as empty or truncated by "
        'every encoder, silently. A key repeated in one tag (`json:"a" json:"b"`) is '
        "reported too: `reflect` only sees the first, and go vet does not check it. Raw and "
        "interpreted string literals are both understood."
    ),
    message="{detail}",
    level=Level.ERROR,
    risk=Risk.LOW,
    scan_level=Risk.LOW,
    tags=("correctness", "struct-tags"),
    precision="very-high",
    help=(
        '**Why:** `reflect.StructTag.Get` returns `""` for everything after a syntax '
        "error, so `encoding/json`, YAML and validation libraries ignore the tag without "
        "any error.\n\n"
        '**Fix:** write each pair as `key:"value"`, separated by one space, and keep one '
        'pair per key: `json:"name,omitempty" yaml:"name"`.'
    ),
    node_types=("field_declaration",),
    check=check,
    foreign_ids={"golangci-lint": ("govet", "staticcheck"), "staticcheck": ("SA9005",)},
)
