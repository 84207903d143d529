"""`go-script.yaml` manifests and `--schema-path` JSON Schemas → one :class:`Schema`.

Both describe a script's parameters; rules only ever see the :class:`Schema`
built here, with the position of every parameter, so a finding can point at
the manifest line (or the schema file line) it is about. Problems with the
files themselves are :class:`Problem` records that GSL401 reports: a
manifest is input, not configuration, so nothing here raises or exits.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from go_script_lint.base import yamlpos
from go_script_lint.base.model import Level, Location, Region
from go_script_lint.base.safe_io import Kind, ReadResult, read_regular
from go_script_lint.base.yamlpos import YNode

if TYPE_CHECKING:
    import jsonschema  # type: ignore[import-untyped]

PARAMETER_TYPES = ("string", "integer", "number", "boolean", "array", "object")
SCHEMA_MAX_BYTES = 5 << 20


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a manifest or schema file (a GSL401 finding)."""

    message: str
    location: Location
    level: Level | None = None  # None: the rule's default level


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared parameter.

    ``types`` are the JSON types allowed besides ``null`` (empty: any type);
    ``enum`` is ``None`` when the parameter has none.
    """

    name: str
    types: tuple[str, ...]
    required: bool
    location: Location
    nullable: bool = False
    enum: tuple[Any, ...] | None = None
    enum_location: Location | None = None
    flag: str | None = None  # the explicit `flag:` binding
    env: str | None = None  # the explicit `env:` binding


@dataclass(frozen=True, slots=True)
class Schema:
    """The parameters of a script, from a manifest or a JSON Schema file."""

    origin: str  # "manifest" or "schema"
    path: str
    location: Location  # the `parameters` key or the schema's `properties`
    parameters: tuple[Parameter, ...]

    def by_name(self) -> dict[str, Parameter]:
        """Parameters by name."""
        return {p.name: p for p in self.parameters}


@dataclass(frozen=True, slots=True)
class Reference:
    """A file the manifest names (``entrypoint``, ``openapi``)."""

    key: str
    value: str
    location: Location


@dataclass(frozen=True)
class Manifest:
    """A loaded ``go-script.yaml``."""

    path: str
    abspath: Path
    root: YNode | None
    problems: tuple[Problem, ...] = ()
    references: tuple[Reference, ...] = ()
    schema: Schema | None = None
    sandbox: YNode | None = field(default=None)

    def reference(self, key: str) -> Reference | None:
        """The ``entrypoint`` or ``openapi`` reference, when given as a string."""
        return next((r for r in self.references if r.key == key), None)

    def resolve(self, reference: Reference) -> Path:
        """The file a reference names: its path is relative to the manifest."""
        return self.abspath.parent / reference.value


@cache
def manifest_json_schema() -> dict[str, Any]:
    """The manifest's JSON Schema shipped in ``analyzer/data``."""
    text = (
        resources.files("go_script_lint.data")
        .joinpath("go-script.schema.json")
        .read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # Imported on first use: jsonschema costs more to import than a one-file run
    # without a manifest takes in all.
    import jsonschema

    return jsonschema.Draft202012Validator(manifest_json_schema())


def _path_text(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += (
            f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
        )
    return out or "the manifest"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


_PATTERN_HINTS = {
    "version": "a semantic version such as `1.2.0`",
    "entrypoint": "a relative path to a `.go` file",
    "openapi": "a relative path",
    "name": "letters, digits, `.`, `_` and `-`, starting with a letter or digit",
}


def _schema_problems(root: YNode, path: str) -> list[Problem]:
    out: list[Problem] = []
    plain = root.plain()
    for error in sorted(
        _validator().iter_errors(plain), key=lambda e: list(map(str, e.absolute_path))
    ):
        steps: list[str | int] = list(error.absolute_path)
        node = root.at(steps)
        where = _path_text(steps)
        kind = error.validator
        if kind == "required":
            missing = error.message.split("'")[1] if "'" in error.message else "?"
            message = f"missing required key `{missing}`" + (
                "" if not steps else f" in `{where}`"
            )
            region = Region(
                node.region.start_line,
                node.region.start_column,
                node.region.start_line,
                node.region.start_column,
            )
            out.append(Problem(message, Location(path, node.key_region or region)))
        elif kind == "additionalProperties" and isinstance(node.value, dict):
            known = sorted(error.schema.get("properties", {}))
            for key, child in node.value.items():
                if key not in known:
                    region = child.key_region or child.region
                    message = f"unknown key `{key}`" + (
                        f" in `{where}`" if steps else ""
                    )
                    out.append(
                        Problem(
                            f"{message} (known: {', '.join(known)})",
                            Location(path, region),
                        )
                    )
        elif kind == "type":
            want = error.validator_value
            want = " or ".join(want) if isinstance(want, list) else want
            message = f"`{where}` must be {_article(want)} {want}, not {yamlpos.type_name(error.instance)} `{_shown(error.instance)}`"
            out.append(Problem(message, Location(path, node.first_line)))
        elif kind == "enum" and len(error.validator_value) > _LISTED_CHOICES:
            out.append(
                Problem(_not_one_of(where, error), Location(path, node.first_line))
            )
        elif kind == "enum":
            allowed = ", ".join(str(v) for v in error.validator_value)
            message = (
                f"`{where}` must be one of {allowed}, not `{_shown(error.instance)}`"
            )
            out.append(Problem(message, Location(path, node.first_line)))
        elif kind == "pattern":
            hint = _PATTERN_HINTS.get(
                str(steps[-1]) if steps else "", f"match `{error.validator_value}`"
            )
            message = f"`{where}` must be {hint}, not `{_shown(error.instance)}`"
            out.append(Problem(message, Location(path, node.first_line)))
        elif kind == "uniqueItems":
            out.append(
                Problem(
                    f"`{where}` has duplicate items", Location(path, node.first_line)
                )
            )
        else:
            out.append(
                Problem(f"`{where}`: {error.message}", Location(path, node.first_line))
            )
    return out


#: Enumerations longer than this (the 362 syscall names) get a "did you mean".
_LISTED_CHOICES = 20


def _not_one_of(where: str, error: Any) -> str:
    """``x`` is not a known value, with the closest known ones."""
    choices = [str(v) for v in error.validator_value]
    close = difflib.get_close_matches(str(error.instance), choices, n=3, cutoff=0.6)
    what = "a Linux syscall" if where.startswith("sandbox.syscalls") else "allowed"
    hint = (
        "; did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close else ""
    )
    value = (
        error.instance if isinstance(error.instance, str) else _shown(error.instance)
    )
    return f"`{where}`: `{value}` is not {what}{hint}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def load_manifest(
    abspath: Path, display: str, read: ReadResult | None = None
) -> Manifest:
    """Validate a manifest (read here unless ``read`` holds the bounded read).

    Problems become :class:`Problem` records.
    """
    if read is None:
        read = read_regular(abspath, Kind.MANIFEST)
    data = read.data
    if data is None:
        loc = Location(display, Region(1, 1, 1, 1))
        return Manifest(
            display,
            abspath,
            None,
            (Problem(f"the manifest {read.error or 'cannot be read'}", loc),),
        )
    return parse_manifest(data, abspath, display)


def parse_manifest(data: bytes, abspath: Path, display: str) -> Manifest:
    """Validate manifest text (read from ``abspath``, or about to be written there)."""
    loaded = yamlpos.load(data)
    problems = [Problem(e.message, Location(display, e.region)) for e in loaded.errors]
    root = loaded.root
    if root is None:
        return Manifest(display, abspath, None, tuple(problems))
    if not root.is_mapping:
        message = f"the manifest must be a mapping of keys, not a {yamlpos.type_name(root.plain())}"
        problems.append(Problem(message, Location(display, root.first_line)))
        return Manifest(display, abspath, None, tuple(problems))
    problems.extend(_schema_problems(root, display))
    schema = _manifest_parameters(root, display, problems)
    refs = tuple(
        Reference(key, node.value, Location(display, node.first_line))
        for key in ("entrypoint", "openapi")
        if (node := root.get(key)) is not None
        and isinstance(node.value, str)
        and node.value
    )
    problems.sort(
        key=lambda p: (
            p.location.region.start_line,
            p.location.region.start_column,
            p.message,
        )
    )
    return Manifest(
        display, abspath, root, tuple(problems), refs, schema, root.get("sandbox")
    )


def _string_or_none(node: YNode | None) -> str | None:
    """A non-empty string value (GSL401 reports any other)."""
    return (
        node.value
        if node is not None and isinstance(node.value, str) and node.value
        else None
    )


def _manifest_parameters(
    root: YNode, path: str, problems: list[Problem]
) -> Schema | None:
    params = root.get("parameters")
    if params is None or not isinstance(params.value, list):
        return None
    out: list[Parameter] = []
    seen: dict[str, Parameter] = {}
    for item in params.value:
        name_node = item.get("name")
        if (
            name_node is None
            or not isinstance(name_node.value, str)
            or not name_node.value
        ):
            continue
        type_node = item.get("type")
        ptype = (
            type_node.value
            if type_node is not None and type_node.value in PARAMETER_TYPES
            else None
        )
        required_node = item.get("required")
        enum_node = item.get("enum")
        enum = (
            tuple(e.plain() for e in enum_node.value)
            if enum_node is not None and enum_node.is_sequence
            else None
        )
        flag_node, env_node = item.get("flag"), item.get("env")
        param = Parameter(
            name=name_node.value,
            types=(ptype,) if ptype else (),
            required=required_node is not None and required_node.value is True,
            location=Location(path, item.first_line),
            enum=enum,
            enum_location=Location(path, enum_node.first_line)
            if enum is not None and enum_node is not None
            else None,
            flag=_string_or_none(flag_node),
            env=_string_or_none(env_node),
        )
        if param.name in seen:
            first = seen[param.name].location.region.start_line
            where = Location(path, name_node.first_line)
            problems.append(
                Problem(
                    f"parameter `{param.name}` is declared twice (first at line {first})",
                    where,
                )
            )
            continue
        seen[param.name] = param
        out.append(param)
    return Schema("manifest", path, Location(path, params.first_line), tuple(out))
