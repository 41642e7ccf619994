"""Comparing Disclosures by content: the same package read from two formats differs only in sources."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from .source import Source

T = TypeVar("T")

_BLANK = Source("")


def without_sources(value: T) -> T:
    """A copy of `value` (any model object) with every Source blanked, the file/reader cleared and
    every field marked `PROVENANCE` (the forms' `field_sources`) emptied.

    Two Disclosures read from the same package in different formats (markdown, PDF, XLSX) are
    equal after this when every value was read the same.
    """
    return _strip(value)  # type: ignore[no-any-return]


def _strip(value: Any) -> Any:
    if isinstance(value, Source):
        return _BLANK
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if field.name in ("file", "reader") and isinstance(current, str):
                changes[field.name] = ""
            elif field.metadata.get("provenance"):
                if current:
                    changes[field.name] = type(current)()
            else:
                stripped = _strip(current)
                if stripped is not current:
                    changes[field.name] = stripped
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_strip(v) for v in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value
