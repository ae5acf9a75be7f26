"""Field validators shared by the model classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs


def identifier(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id is a non-empty string that does not start with white space (``str.isspace``: any Unicode
    white space)."""
    # Two string tests rather than a regular expression: every id of every record passes through here.
    if not isinstance(value, str) or not value or value[0].isspace():
        raise ValueError(f"{attribute.name} must be a non-empty id string, got {value!r}")


def optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        identifier(instance, attribute, value)


def identifiers(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for item in value:
        identifier(instance, attribute, item)


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Store any iterable as a tuple, so that values stay immutable and hashable."""
    return tuple(values)
