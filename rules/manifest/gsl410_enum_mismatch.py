"""GSL410 enum-mismatch: a parameter's enum disagrees with the OpenAPI document's enum of that name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from go_script_lint.api import (
    Finding,
    Level,
    Location,
    PackageContext,
    Risk,
    Rule,
    YNode,
    manifest_of,
    openapi_of,
)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _resolve(doc: YNode, node: YNode | None, hops: int = 8) -> YNode | None:
    """Follow local ``$ref`` pointers (``#/components/...``)."""
    for _ in range(hops):
        ref = node.get("$ref") if node is not None else None
        if (
            ref is None
            or not isinstance(ref.value, str)
            or not ref.value.startswith("#/")
        ):
            return node
        node = doc
        for step in ref.value[2:].split("/"):
            node = (
                node.get(step.replace("~1", "/").replace("~0", "~"))
                if node is not None
                else None
            )
    return node


def _enum_node(doc: YNode, schema_or_param: YNode | None) -> YNode | None:
    node = _resolve(doc, schema_or_param)
    if node is None:
        return None
    enum = node.get("enum")  # OpenAPI 2 parameters carry the enum themselves
    if enum is None:
        enum = (_resolve(doc, node.get("schema")) or YNode({}, node.region)).get("enum")
    return enum if enum is not None and enum.is_sequence else None


def _parameters(doc: YNode) -> Iterator[YNode]:
    paths = doc.get("paths")
    for item in paths.value.values() if paths is not None and paths.is_mapping else ():
        lists = [item.get("parameters")] + [
            (op.get("parameters") if op is not None else None)
            for op in map(item.get, METHODS)
        ]
        for plist in lists:
            if plist is not None and plist.is_sequence:
                yield from (
                    p for p in (_resolve(doc, x) for x in plist.value) if p is not None
                )
    components = doc.get("components")
    shared = components.get("parameters") if components is not None else None
    if shared is not None and shared.is_mapping:
        yield from (
            p
            for p in (_resolve(doc, x) for x in shared.value.values())
            if p is not None
        )


def openapi_enums(doc: YNode, name: str) -> list[YNode]:
    """Enums of the OpenAPI parameters and schema properties called ``name``."""
    found: list[YNode] = []
    for param in _parameters(doc):
        pname = param.get("name")
        if (
            pname is not None
            and pname.value == name
            and (enum := _enum_node(doc, param)) is not None
        ):
            found.append(enum)
    components = doc.get("components")
    holders = [
        components.get("schemas") if components is not None else None,
        doc.get("definitions"),
    ]
    for schemas in holders:
        for schema in (
            schemas.value.values() if schemas is not None and schemas.is_mapping else ()
        ):
            props = (_resolve(doc, schema) or schema).get("properties")
            prop = props.get(name) if props is not None else None
            if prop is not None and (enum := _enum_node(doc, prop)) is not None:
                found.append(enum)
    return found


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def package_check(pkg: PackageContext) -> Iterator[Finding]:
    manifest = manifest_of(pkg)
    loaded = openapi_of(pkg)
    if manifest is None or manifest.schema is None or loaded is None:
        return
    _ref, path, result = loaded
    if result.root is None or not result.root.is_mapping:
        return  # GSL409 reports an unreadable document
    display = pkg.display_path(path)
    for param in manifest.schema.parameters:
        if param.enum is None or param.enum_location is None:
            continue
        candidates = openapi_enums(result.root, param.name)
        ours = {_key(v): v for v in param.enum}
        if not candidates or any(
            {_key(v.plain()) for v in c.value} == set(ours) for c in candidates
        ):
            continue
        other = candidates[0]
        theirs = {_key(v.plain()): v.plain() for v in other.value}
        parts = []
        if only_here := [str(ours[k]) for k in ours if k not in theirs]:
            parts.append("only here: " + ", ".join(f"`{v}`" for v in only_here))
        if only_there := [str(theirs[k]) for k in theirs if k not in ours]:
            parts.append("only in OpenAPI: " + ", ".join(f"`{v}`" for v in only_there))
        related = Location(display, other.first_line, "the OpenAPI enum")
        yield pkg.finding(
            RULE,
            param.enum_location,
            related=(related,),
            name=param.name,
            diff="; ".join(parts),
        )


RULE = Rule(
    id="GSL410",
    name="enum-mismatch",
    summary="A parameter's `enum` disagrees with the OpenAPI document's enum of the same name.",
    description=(
        "When `go-script.yaml` names an `openapi` document, each parameter's `enum` is "
        "compared, as a set and case-sensitively, with the enum of the OpenAPI parameter of "
        "the same name (any operation, path item or `components.parameters`, `$ref`s "
        "followed) or of a schema property of that name (`components.schemas`). The finding "
        "is on the manifest's enum; the related location is the OpenAPI enum. Parameters "
        "the document does not describe are not reported."
    ),
    message="enum of `{name}` differs from the OpenAPI document ({diff})",
    level=Level.WARNING,
    risk=Risk.LOW,
    scan_level=Risk.MEDIUM,
    tags=("correctness", "manifest"),
    precision="high",
    help=(
        "**Why:** the API and the script accept different values: requests the API "
        "validates can be refused by the script, or the other way round.\n\n"
        "**Fix:** make the two lists equal (usually by updating the one that is older)."
    ),
    package_check=package_check,
)
