"""Disclosure ⇄ JSON. Amounts are strings (no precision lost); the schema is docs/json.md.

The conversion is driven by the model's type hints, so a field added to the model appears in the
JSON under its own name and is read back without further code:

- a dataclass becomes an object with one key per field, in declaration order (a field marked
  `OMITTED_WHEN_EMPTY` only when it holds something, one marked `NOT_IN_JSON` never);
- `tuple[tuple[str, X], ...]` (ordered label → value pairs) becomes an object;
- `Decimal` becomes a string exactly as held ("3598.49", "1000084.00");
- an enum becomes its value; a `Source` drops its null fields (an absent key means unknown).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

from ..model import Disclosure, Source

SCHEMA_VERSION = 1

T = TypeVar("T")


def to_data(value: Any) -> Any:
    """Any model value → JSON-ready data (dict/list/str/int/None)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return value
    if isinstance(value, Source):
        return {k: to_data(v) for k, v in zip(Source._fields, value, strict=True) if v is not None}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {}
        for name, omitted in _json_fields(type(value)):
            field_value = getattr(value, name)
            if omitted is None or (omitted == "omitted when empty" and field_value):
                data[name] = to_data(field_value)
        return data
    if isinstance(value, tuple | list):
        if value and all(_is_pair(v) for v in value):
            return {k: to_data(v) for k, v in value}
        return [to_data(v) for v in value]
    raise TypeError(f"cannot serialize {type(value).__name__}")


@cache
def _json_fields(cls: type) -> tuple[tuple[str, str | None], ...]:
    """(name, when it is left out) of each field of a model dataclass, in declaration order."""
    return tuple((f.name, f.metadata.get("json")) for f in dataclasses.fields(cls))


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(cls: Any, data: Any) -> Any:
    """JSON data → a value of type `cls` (a model dataclass or any type used in one)."""
    origin = get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in get_args(cls) if a is not type(None)]
        return from_data(inner, data)
    if cls is Any:
        return data
    if origin is tuple:
        args = get_args(cls)
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if get_origin(item) is tuple and get_args(item)[0] is str and isinstance(data, dict):
                value_type = get_args(item)[1]
                return tuple((k, from_data(value_type, v)) for k, v in data.items())
            if isinstance(data, dict):  # an empty pair-tuple serializes as {} or []
                return ()
            return tuple(from_data(item, v) for v in data)
        return tuple(from_data(a, v) for a, v in zip(args, data, strict=True))
    if data is None:
        return None
    if cls is Decimal:
        return Decimal(data)
    if cls is Source:
        bbox = data.get("bbox")
        return Source(**{**data, "bbox": tuple(bbox) if bbox is not None else None})
    if isinstance(cls, type) and issubclass(cls, Enum):
        return cls(data)
    if cls in (str, int, float, bool):
        return cls(data)
    if dataclasses.is_dataclass(cls) and isinstance(cls, type):
        hints = _hints(cls)
        kwargs = {f.name: from_data(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
        return cls(**kwargs)
    raise TypeError(f"cannot read {cls!r}")


def disclosure_to_dict(disclosure: Disclosure) -> dict[str, Any]:
    data: dict[str, Any] = {"schema": SCHEMA_VERSION}
    data.update(to_data(disclosure))
    return data


def disclosure_from_dict(data: dict[str, Any]) -> Disclosure:
    result: Disclosure = from_data(Disclosure, {k: v for k, v in data.items() if k != "schema"})
    return result


def dumps(disclosure: Disclosure, indent: int | None = 1) -> str:
    return json.dumps(disclosure_to_dict(disclosure), ensure_ascii=False, indent=indent)


def loads(text: str) -> Disclosure:
    return disclosure_from_dict(json.loads(text))
