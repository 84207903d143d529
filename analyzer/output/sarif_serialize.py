"""Turn sarif-om objects into SARIF JSON.

sarif-om is generated attrs classes and ships no serializer; ``attrs.asdict``
would keep Python attribute names and emit every placeholder default
(``rank: -1``, ``ruleIndex: -1``, ``byteOffset: -1``, ``kinds: ["relevant"]``).
:func:`to_json_value` walks the attrs fields instead, names them by their
``schema_property_name`` metadata, and drops ``None`` and values equal to the
field's default. A few properties are always written even when they equal
the default (see :data:`ALWAYS_EMIT`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attr

__all__ = ["ALWAYS_EMIT", "SARIF_SCHEMA_URI", "SARIF_VERSION", "dumps", "to_json_value"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json"
)

#: Properties written even when equal to sarif-om's default. A result without
#: ``level`` takes the rule's ``defaultConfiguration.level``, not "warning",
#: so dropping a result's "warning" would change its meaning.
ALWAYS_EMIT = frozenset({"level"})

#: Keys written first (in this order) so that logs read well; the rest
#: follow in sarif-om's declaration order.
_LEADING = (
    "$schema",
    "version",
    "id",
    "ruleId",
    "ruleIndex",
    "name",
    "shortDescription",
    "fullDescription",
    "level",
    "kind",
    "message",
    "startLine",
    "startColumn",
    "endLine",
    "endColumn",
)


# attrs' stubs declare Factory as a function; its instances are of this class.
_FACTORY: type = type(attr.Factory(list))


def _default_of(field: attr.Attribute[Any]) -> Any:
    default: Any = field.default
    if isinstance(default, _FACTORY):
        factory: Any = getattr(default, "factory")  # noqa: B009 - typed as object
        return factory()
    return default


def _ordered(items: dict[str, Any]) -> dict[str, Any]:
    head = {k: items[k] for k in _LEADING if k in items}
    head.update((k, v) for k, v in items.items() if k not in head)
    return head


def to_json_value(obj: Any) -> Any:
    """The JSON value of a sarif-om object, or of plain JSON data holding them.

    Args:
        obj: An attrs instance from sarif-om, a mapping, a list or tuple, or
            a JSON scalar. Attributes set on an attrs instance beyond its
            declared fields (how extra ``PropertyBag`` entries such as
            ``"security-severity"`` are given) are written under their own
            names after the declared ones.

    Returns:
        Plain dicts, lists and scalars, ready for :func:`json.dumps`.

    Raises:
        TypeError: for a value JSON cannot hold.
    """
    if obj is None or isinstance(obj, str | bool | int | float):
        return obj
    if attr.has(type(obj)):
        out: dict[str, Any] = {}
        names = set()
        for field in attr.fields(type(obj)):
            names.add(field.name)
            value = getattr(obj, field.name)
            key = field.metadata.get("schema_property_name", field.name)
            if value is None:
                continue
            if key not in ALWAYS_EMIT and value == _default_of(field):
                continue
            out[key] = to_json_value(value)
        for name, value in getattr(obj, "__dict__", {}).items():
            if name not in names and value is not None:
                out[name] = to_json_value(value)
        return _ordered(out)
    if isinstance(obj, Mapping):
        return {str(k): to_json_value(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_json_value(v) for v in obj]
    raise TypeError(f"cannot serialise {type(obj).__name__} to SARIF")


def dumps(data: Any) -> str:
    """Serialise a SARIF log (object or dict) deterministically, newline-terminated."""
    value = to_json_value(data)
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
