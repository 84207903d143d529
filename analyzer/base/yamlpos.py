"""YAML (and JSON) loading that keeps every value's position.

PyYAML's safe loader builds a node tree first (``compose``) and Python values
second; we stop after the first step and build :class:`YNode` values that
carry their :class:`~go_script_lint.base.model.Region`, so every finding in a manifest
points at its line. Hostile inputs become a :class:`YamlError`, never an
exception or a hang: the composer's recursion is bounded, alias expansion is
budgeted (a "billion laughs" document stops after ``max_nodes``), inputs over
``max_bytes`` are refused, duplicate keys and non-UTF-8 bytes are errors.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from go_script_lint.base.mark_positions import MarkPositions
from go_script_lint.base.model import Region
from go_script_lint.base.yaml_loaders import MAX_DEPTH, TooDeep, bounded_loader

MAX_BYTES = 1 << 20
MAX_NODES = 100_000


@dataclass(slots=True)
class YNode:
    """A YAML value with its position.

    Attributes:
        value: ``dict[str, YNode]`` for a mapping, ``list[YNode]`` for a
            sequence, else the scalar (str, int, float, bool or None).
        region: Where the value is.
        key_region: For a mapping entry's value, where its key is.
    """

    value: Any
    region: Region
    key_region: Region | None = None

    @property
    def is_mapping(self) -> bool:
        """True for a mapping."""
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        """True for a sequence."""
        return isinstance(self.value, list)

    def get(self, key: str) -> YNode | None:
        """The value of ``key`` when this is a mapping that has it."""
        return self.value.get(key) if isinstance(self.value, dict) else None

    def plain(self) -> Any:
        """The value as plain Python data (what a JSON Schema validator wants)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def at(self, path: Iterator[str | int] | list[str | int]) -> YNode:
        """The deepest node along ``path`` (keys and indexes) that exists."""
        node = self
        for step in path:
            child: YNode | None = None
            if isinstance(node.value, dict) and isinstance(step, str):
                child = node.value.get(step)
            elif (
                isinstance(node.value, list)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node = child
        return node

    @property
    def first_line(self) -> Region:
        """The node's first line only, from its key when it has one."""
        start = self.key_region or self.region
        if self.region.end_line == start.start_line:
            return Region(
                start.start_line,
                start.start_column,
                self.region.end_line,
                self.region.end_column,
            )
        return Region(
            start.start_line, start.start_column, start.end_line, start.end_column
        )


@dataclass(slots=True)
class YamlError:
    """Why a document could not be loaded, and where (``region`` may be line 1)."""

    message: str
    region: Region


@dataclass(slots=True)
class Loaded:
    """A loaded document: its root (``None`` on error) and the problems found.

    Duplicate keys do not stop loading (the later value wins, as in PyYAML),
    so ``errors`` can be non-empty while ``root`` is set.
    """

    root: YNode | None
    errors: list[YamlError] = field(default_factory=list)


class _Builder:
    """Node tree → :class:`YNode`, with an alias-expansion budget and duplicate-key checks."""

    def __init__(self, pos: MarkPositions, max_nodes: int) -> None:
        self.pos = pos
        self.budget = max_nodes
        self.errors: list[YamlError] = []
        self.constructor = SafeConstructor()

    def build(self, node: Node, depth: int = 0) -> YNode:
        self.budget -= 1
        if self.budget < 0:
            raise _Budget(node)
        if depth > MAX_DEPTH:
            raise TooDeep(node.start_mark)
        region = self.pos.region(node.start_mark, node.end_mark)
        if isinstance(node, MappingNode):
            return YNode(self.mapping(node, depth), region)
        if isinstance(node, SequenceNode):
            return YNode([self.build(item, depth + 1) for item in node.value], region)
        assert isinstance(node, ScalarNode)
        return YNode(self.scalar(node), region)

    def scalar(self, node: ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
        if isinstance(value, datetime.date | bytes | set):
            return node.value  # keep dates and binary as the text the user wrote
        return value

    def mapping(self, node: MappingNode, depth: int) -> dict[str, YNode]:
        out: dict[str, YNode] = {}
        merged: dict[str, YNode] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                for source in _merge_sources(value_node):
                    built = self.build(source, depth + 1)
                    if isinstance(built.value, dict):
                        for k, v in built.value.items():
                            merged.setdefault(k, v)
                continue
            key_value = (
                self.scalar(key_node)
                if isinstance(key_node, ScalarNode)
                else key_node.value
            )
            key = (
                key_value
                if isinstance(key_value, str)
                else _key_text(key_value, key_node)
            )
            key_region = self.pos.region(key_node.start_mark, key_node.end_mark)
            if key in out:
                first = out[key].key_region or out[key].region
                self.errors.append(
                    YamlError(
                        f"duplicate key `{key}` (first at line {first.start_line})",
                        key_region,
                    )
                )
            value = self.build(value_node, depth + 1)
            value.key_region = key_region
            out[key] = value
        for k, v in merged.items():
            out.setdefault(k, v)
        return out


def _key_text(value: Any, node: Node) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(node.value) if isinstance(node, ScalarNode) else "<complex key>"


def _merge_sources(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return [n for n in node.value if isinstance(n, MappingNode)]
    return [node] if isinstance(node, MappingNode) else []


class _Budget(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node


def _decode(data: bytes) -> str | YamlError:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return YamlError(
            f"not UTF-8 text (invalid byte at offset {exc.start})",
            Region(line, 1, line, 1),
        )


def load(
    data: bytes,
    *,
    json_text: bool = False,
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
) -> Loaded:
    """Load one YAML (or, with ``json_text``, JSON) document with positions.

    Never raises for bad input: every problem is a :class:`YamlError` with a
    one-line message and the best position known.
    """
    first = Region(1, 1, 1, 1)
    if len(data) > max_bytes:
        size = f"{len(data) / (1 << 20):.1f} MB"
        return Loaded(
            None,
            [
                YamlError(
                    f"file is {size}, over the {max_bytes >> 10} KB limit; not read",
                    first,
                )
            ],
        )
    text = _decode(data)
    if isinstance(text, YamlError):
        return Loaded(None, [text])
    pos = MarkPositions(text)
    if json_text:
        problem = _json_problem(text, pos)
        if problem is not None:
            return Loaded(None, [problem])
        # JSON allows tabs between tokens, YAML does not; inside JSON strings a raw
        # tab is invalid anyway, so replacing them keeps every position and value.
        text = text.replace("\t", " ")
    try:
        # The reader rejects NUL and other control characters as it is built.
        loader = bounded_loader(text)
    except yaml.YAMLError as exc:
        return Loaded(None, [YamlError(f"invalid YAML: {_problem(exc)}", first)])
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded(None, [YamlError("the document is empty", first)])
        # Without aliases a document cannot hold more values than it has
        # characters: only expansion beyond that is an alias bomb.
        builder = _Builder(pos, max(max_nodes, len(text)))
        root = builder.build(node)
    except TooDeep as exc:
        return Loaded(
            None,
            [
                YamlError(
                    f"nested more than {MAX_DEPTH} levels deep", pos.point(exc.mark)
                )
            ],
        )
    except _Budget as exc:
        where = pos.point(exc.node.start_mark)
        message = (
            f"aliases expand to more than {max_nodes} values (an alias bomb?); not read"
        )
        return Loaded(None, [YamlError(message, where)])
    except yaml.MarkedYAMLError as exc:
        return Loaded(None, [_yaml_error(exc, pos)])
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return Loaded(None, [YamlError(f"invalid YAML: {type(exc).__name__}", first)])
    finally:
        loader.dispose()
    return Loaded(root, builder.errors)


def _problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "reason", None) or type(exc).__name__)


def _yaml_error(exc: yaml.MarkedYAMLError, pos: MarkPositions) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "'\\t'" in problem or "\\t" in problem:
        problem = "a tab character where YAML allows only spaces (indent with spaces)"
    elif exc.context and exc.problem:
        problem = f"{problem} ({exc.context.strip()})"
    region = pos.point(mark) if mark is not None else Region(1, 1, 1, 1)
    return YamlError(f"YAML syntax error: {problem}", region)


def _json_problem(text: str, pos: MarkPositions) -> YamlError | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        col = pos.column(exc.lineno - 1, exc.colno - 1)
        return YamlError(
            f"JSON syntax error: {exc.msg}", Region(exc.lineno, col, exc.lineno, col)
        )
    except RecursionError:
        return YamlError("JSON nested too deeply", Region(1, 1, 1, 1))
    return None


def type_name(value: Any) -> str:
    """JSON-ish name of a plain value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__
