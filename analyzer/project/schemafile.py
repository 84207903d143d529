"""`--schema-path`: a JSON Schema (draft 2020-12 or 07) read as a parameter :class:`Schema`.

Only what the cross-checks need is read: the root's ``properties`` and
``required``, each property's ``type`` (a list with ``null`` means nullable)
and ``enum``/``const``, following ``$ref`` pointers within the file.
Keywords that would change which parameters exist or what type they have
(``anyOf``, ``allOf``, ``patternProperties`` …) are not understood: each is
reported once per file as a note, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from go_script_lint.base import yamlpos
from go_script_lint.base.model import Level, Location, Region
from go_script_lint.base.safe_io import Kind, read_regular
from go_script_lint.base.yamlpos import YNode
from go_script_lint.project.manifest import (
    PARAMETER_TYPES,
    SCHEMA_MAX_BYTES,
    Parameter,
    Problem,
    Schema,
)

KNOWN_DRAFTS = (
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema",
)
UNSUPPORTED = (
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "patternProperties",
    "dependentSchemas", "dependentRequired", "dependencies", "unevaluatedProperties",
    "propertyNames", "$dynamicRef", "$recursiveRef",
)  # fmt: skip
MAX_REF_HOPS = 16


@dataclass(frozen=True)
class SchemaFile:
    """A loaded ``--schema-path`` file: its parameters and its problems."""

    path: str
    problems: tuple[Problem, ...]
    schema: Schema | None


class _Reader:
    def __init__(self, root: YNode, path: str) -> None:
        self.root = root
        self.path = path
        self.problems: list[Problem] = []
        self.reported: set[str] = set()

    def loc(self, node: YNode) -> Location:
        return Location(self.path, node.first_line)

    def note_unsupported(self, node: YNode) -> None:
        if not isinstance(node.value, dict):
            return
        for key, child in node.value.items():
            if key in UNSUPPORTED and key not in self.reported:
                self.reported.add(key)
                message = (
                    f"`{key}` is not supported by the parameter cross-checks; "
                    "what it adds to the schema is not checked"
                )
                self.problems.append(Problem(message, self.loc(child), Level.NOTE))

    def resolve(self, node: YNode) -> YNode:
        """Follow ``$ref`` within the file; local keywords override the target's."""
        seen: set[str] = set()
        for _ in range(MAX_REF_HOPS):
            ref = node.get("$ref")
            if ref is None or not isinstance(ref.value, str):
                return node
            target = self.pointer(ref)
            if target is None or ref.value in seen:
                return node
            seen.add(ref.value)
            merged = dict(target.value) if isinstance(target.value, dict) else {}
            merged.update({k: v for k, v in node.value.items() if k != "$ref"})
            node = YNode(merged, target.region, node.key_region)
        return node

    def pointer(self, ref: YNode) -> YNode | None:
        text: str = ref.value
        if not text.startswith("#"):
            self.problems.append(
                Problem(
                    f"`$ref` to another document (`{text}`) is not followed",
                    self.loc(ref),
                    Level.WARNING,
                )
            )
            return None
        node = self.root
        for raw in text[1:].split("/")[1:] if text != "#" else []:
            step = raw.replace("~1", "/").replace("~0", "~")
            child: YNode | None = None
            if isinstance(node.value, dict):
                child = node.value.get(step)
            elif (
                isinstance(node.value, list)
                and step.isdigit()
                and int(step) < len(node.value)
            ):
                child = node.value[int(step)]
            if child is None:
                self.problems.append(
                    Problem(
                        f"`$ref` `{text}` points nowhere in this file",
                        self.loc(ref),
                        Level.WARNING,
                    )
                )
                return None
            node = child
        return node

    def parameter(self, name: str, node: YNode, required: bool) -> Parameter:
        schema = self.resolve(node)
        self.note_unsupported(schema)
        types: tuple[str, ...] = ()
        nullable = False
        type_node = schema.get("type")
        if type_node is not None:
            raw = type_node.value if isinstance(type_node.value, list) else [type_node]
            names = [t.value if isinstance(t, YNode) else t for t in raw]
            nullable = "null" in names
            types = tuple(
                t for t in names if isinstance(t, str) and t in PARAMETER_TYPES
            )
            for bad in (t for t in names if t not in PARAMETER_TYPES and t != "null"):
                self.problems.append(
                    Problem(f"`{name}`: unknown type `{bad}`", self.loc(type_node))
                )
        if schema.get("nullable") is not None and schema.get("nullable").value is True:  # type: ignore[union-attr]
            nullable = True
        enum, enum_loc = self.enum_of(schema)
        return Parameter(
            name, types, required, self.loc(node), nullable, enum, enum_loc
        )

    def enum_of(self, schema: YNode) -> tuple[tuple[Any, ...] | None, Location | None]:
        enum_node = schema.get("enum")
        if enum_node is not None and enum_node.is_sequence:
            return tuple(v.plain() for v in enum_node.value), self.loc(enum_node)
        const = schema.get("const")
        if const is not None:
            return (const.plain(),), self.loc(const)
        return None, None

    def read(self) -> Schema | None:
        root = self.resolve(self.root)
        draft = root.get("$schema")
        if draft is not None and str(draft.value).rstrip("#") not in KNOWN_DRAFTS:
            self.problems.append(
                Problem(
                    f"`$schema` `{draft.value}` is not draft 2020-12 or 07; read as 2020-12",
                    self.loc(draft),
                    Level.NOTE,
                )
            )
        self.note_unsupported(root)
        props = root.get("properties")
        if props is None or not isinstance(props.value, dict):
            where = Location(self.path, self.root.first_line)
            self.problems.append(
                Problem(
                    "the schema has no `properties` mapping: no parameters to check",
                    where,
                )
            )
            return None
        required_node = root.get("required")
        required = (
            {r.value for r in required_node.value if isinstance(r.value, str)}
            if required_node is not None and required_node.is_sequence
            else set()
        )
        params = tuple(
            self.parameter(name, node, name in required)
            for name, node in props.value.items()
            if isinstance(node.value, dict)
        )
        for name in sorted(required - set(props.value)):
            assert required_node is not None
            self.problems.append(
                Problem(
                    f"`required` names `{name}`, which `properties` does not declare",
                    self.loc(required_node),
                )
            )
        return Schema(
            "schema", self.path, Location(self.path, props.first_line), params
        )


def load_schema_file(abspath: Path, display: str) -> SchemaFile:
    """Read a ``--schema-path`` file (JSON, or YAML) into parameters and problems."""
    first = Location(display, Region(1, 1, 1, 1))
    read = read_regular(abspath, Kind.SCHEMA)
    data = read.data
    if data is None:
        return SchemaFile(
            display,
            (Problem(f"the schema {read.error or 'cannot be read'}", first),),
            None,
        )
    is_json = abspath.suffix.lower() == ".json" or data.lstrip()[:1] == b"{"
    loaded = yamlpos.load(data, json_text=is_json, max_bytes=SCHEMA_MAX_BYTES)
    problems = [Problem(e.message, Location(display, e.region)) for e in loaded.errors]
    if loaded.root is None:
        return SchemaFile(display, tuple(problems), None)
    if not loaded.root.is_mapping:
        problems.append(
            Problem(
                "a JSON Schema must be an object",
                Location(display, loaded.root.first_line),
            )
        )
        return SchemaFile(display, tuple(problems), None)
    reader = _Reader(loaded.root, display)
    schema = reader.read()
    return SchemaFile(display, tuple(problems + reader.problems), schema)
