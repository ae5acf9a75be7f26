"""Checking a parsed document against the ``psr/1`` schema, with messages a person can act on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ..errors import Problem
from .schema import SCHEMA

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        raise ValueError("expected a date written YYYY-MM-DD, like 2015-07-14")
    date.fromisoformat(value)
    return True


@FORMATS.checks("local-datetime", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME.match(value):
        raise ValueError("expected a local time written YYYY-MM-DDTHH:MM, like 2015-07-14T10:00")
    datetime.fromisoformat(value)
    return True


@FORMATS.checks("timezone", raises=(ValueError, ZoneInfoNotFoundError))
def _is_timezone(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("expected an IANA time zone name, like Europe/London") from None
    return True


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)


def path_of(parts: Iterable[str | int]) -> str:
    """``meetings[3].attendance.gary-hall`` from the parts of a path inside a document."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _found(value: Any) -> str:
    kind = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    if value is None:
        return kind
    if isinstance(value, dict | list):
        return kind
    return f"{kind} {value!r}"


_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}


def _describe(error: ValidationError) -> Iterator[Problem]:
    path = path_of(error.absolute_path)
    validator: Any = error.validator
    value: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        for key in extra:
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            yield Problem(path_of([*error.absolute_path, key]), f"unknown key {key!r}{hint}")
    elif validator == "required":
        missing = [key for key in value if isinstance(error.instance, dict) and key not in error.instance]
        for key in missing:
            yield Problem(path, f"missing the required key {key!r}")
    elif validator == "type":
        expected = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPES.get(str(t), str(t)) for t in expected)
        yield Problem(path, f"expected {wanted}, found {_found(error.instance)}")
    elif validator == "enum":
        yield Problem(path, f"expected one of {', '.join(map(str, value))}; found {_found(error.instance)}")
    elif validator == "const":
        yield Problem(path, f"expected {value!r}; found {_found(error.instance)}")
    elif validator == "format":
        cause = f" ({error.cause})" if error.cause else ""
        yield Problem(path, f"{_found(error.instance)} is not a valid {value}{cause}")
    elif validator in ("anyOf", "oneOf"):
        yield from _alternatives(error)
    elif validator in ("minLength", "pattern"):
        yield Problem(path, f"expected a non-empty id without leading spaces; found {_found(error.instance)}")
    elif validator == "minItems":
        yield Problem(path, f"expected at least {value} entry; found an empty list")
    elif validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        yield Problem(path, f"expected {bound} {value}; found {_found(error.instance)}")
    else:
        yield Problem(path, error.message)


def _alternatives(error: ValidationError) -> Iterator[Problem]:
    """For "a status or a mapping": describe the branch that matches the kind of value given."""
    instance = error.instance
    kind = "object" if isinstance(instance, dict) else "string" if isinstance(instance, str) else None
    branch = [
        sub
        for sub in error.context or ()
        if kind is not None and isinstance(sub.schema, dict) and sub.schema.get("type") == kind
    ]
    if branch:
        for sub in branch:
            yield from _describe(sub)
        return
    yield Problem(
        path_of(error.absolute_path),
        f"expected an attendance status (present, apologies, absent, deputy) or a mapping with "
        f"status, deputy and exceptional; found {_found(instance)}",
    )


def structure_problems(document: Any) -> Sequence[Problem]:
    """Every way ``document`` breaks the schema, in document order."""
    if not isinstance(document, dict):
        return [Problem("", f"expected a mapping with format: psr/1 at the top; found {_found(document)}")]
    problems: list[Problem] = []
    for error in sorted(
        VALIDATOR.iter_errors(document),
        key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path],
    ):
        problems.extend(_describe(error))
    return problems
