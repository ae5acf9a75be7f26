"""The values of a ``psr/1`` document and their bounds (docs/reference/dataset-format.md, "Values").

Each function takes the value as the parser gave it and returns it converted for the core, or raises
:class:`RefusedValueError` with what was expected and what was found. They are written for the common case first:
a valid value costs a type test and a lookup or two.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FIRST_YEAR = 1900
LAST_YEAR = 2199
"""Dates (and ``--as-of``) fall in the years 1900 to 2199: wide enough for any partnership's history,
narrow enough that every date can be stored, compared, put in a calendar and counted in months."""
MAX_DIGITS = 18
"""An integer has at most 18 digits, so that it fits every database's 64-bit column."""
MAX_DEPTH = 64
"""A document nested deeper than this is refused (a valid one is at most eight levels deep)."""
MAX_AMOUNT = 10**MAX_DIGITS

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")
_FINDING = re.compile(r"[A-Za-z0-9._~-]{1,64}")


class RefusedValueError(ValueError):
    """A value that breaks the format; the message says what was expected and what was found."""


def check_date_in_range(day: date) -> date:
    """``day`` itself when its year is between 1900 and 2199; otherwise a :class:`ValueError` saying so.

    The bound holds for every date in a dataset and for ``--as-of``.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RefusedValueError(
            f"{day.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR} that psr accepts"
        )
    return day


def found(value: Any) -> str:
    """How ``value`` is described in a message: its kind, and the value itself when it is short."""
    kind = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    if value is None or isinstance(value, dict | list):
        return kind
    if type(value) is int and value.bit_length() > 64:
        return f"{kind} too large to show"
    shown = repr(value[:60] if type(value) is str else value)
    return f"{kind} {shown if len(shown) <= 60 else shown[:57] + '...'}"


def identifier(value: Any) -> str:
    """An id: non-empty text with no control character and no white space at either end."""
    if type(value) is not str:
        raise RefusedValueError(f"expected an id (text), found {found(value)}")
    if not value or value[0].isspace() or value[-1].isspace() or _CONTROL.search(value):
        raise RefusedValueError(
            f"expected a non-empty id with no control character and no space at either end; "
            f"found {found(value)}"
        )
    return text(value)


def text(value: Any) -> str:
    """Text: any string that can be written back as UTF-8 and stored (no NUL character)."""
    if type(value) is not str:
        raise RefusedValueError(f"expected text, found {found(value)}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise RefusedValueError(
                "the text holds a lone surrogate (\\ud800 to \\udfff), which is not a character"
            ) from None
    if "\x00" in value:
        raise RefusedValueError("the text holds a NUL character")
    return value


def non_empty(value: Any) -> str:
    written = text(value)
    if not written:
        raise RefusedValueError("expected non-empty text")
    return written


def day(value: Any) -> date:
    """A date written ``YYYY-MM-DD`` in the years 1900 to 2199."""
    if type(value) is not str:
        raise RefusedValueError(f"expected a date written YYYY-MM-DD, like 2015-07-14; found {found(value)}")
    if not _DATE.fullmatch(value):
        raise RefusedValueError(f"{found(value)} is not a valid date (expected YYYY-MM-DD, like 2015-07-14)")
    try:
        parsed = date.fromisoformat(value)
    except ValueError as exc:
        raise RefusedValueError(f"{found(value)} is not a valid date ({exc})") from None
    return check_date_in_range(parsed)


def moment(value: Any) -> datetime:
    """A time written ``YYYY-MM-DDTHH:MM`` (seconds and an offset optional), in the years 1900 to 2199."""
    if type(value) is not str:
        raise RefusedValueError(
            f"expected a local time written YYYY-MM-DDTHH:MM, like 2015-07-14T10:00; found {found(value)}"
        )
    if not _DATETIME.fullmatch(value):
        raise RefusedValueError(
            f"{found(value)} is not a valid local-datetime (expected YYYY-MM-DDTHH:MM, like 2015-07-14T10:00)"
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise RefusedValueError(f"{found(value)} is not a valid local-datetime ({exc})") from None
    check_date_in_range(parsed.date())
    return parsed


def timezone(value: Any) -> str:
    name = identifier(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise RefusedValueError(
            f"{found(value)} is not a valid timezone (expected an IANA time zone name, like Europe/London)"
        ) from None
    return name


def whole_number(value: Any, low: int, high: int) -> int:
    if type(value) is not int:
        raise RefusedValueError(f"expected a whole number, found {found(value)}")
    if not low <= value <= high:
        raise RefusedValueError(f"expected a whole number from {low} to {high}; found {found(value)}")
    return value


def amount(value: Any) -> int | float:
    """A sum of money: a finite number of at least 0 with at most 18 digits before the point."""
    if type(value) is not int and type(value) is not float:
        raise RefusedValueError(f"expected a number, found {found(value)}")
    if (type(value) is float and not math.isfinite(value)) or not 0 <= value < MAX_AMOUNT:
        raise RefusedValueError(
            f"expected a finite amount of at least 0 with at most {MAX_DIGITS} digits; found {found(value)}"
        )
    return value


def flag(value: Any) -> bool:
    if type(value) is not bool:
        raise RefusedValueError(f"expected true or false, found {found(value)}")
    return value


def url(value: Any) -> str:
    if type(value) is not str or not _URL.fullmatch(value):
        raise RefusedValueError(
            f"expected a web address starting http:// or https://, with no spaces; found {found(value)}"
        )
    return value


def finding_id(value: Any) -> str:
    if type(value) is not str or not _FINDING.fullmatch(value):
        raise RefusedValueError(
            f"expected a finding id (1 to 64 characters from A-Z a-z 0-9 . _ ~ -); found {found(value)}"
        )
    return value


def deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` holds lists or mappings nested more than ``limit`` levels deep (looked at once per
    distinct container, so aliases that repeat a container cost nothing more)."""
    seen: set[int] = set()
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        current, depth = todo.pop()
        if not isinstance(current, dict | list) or id(current) in seen:
            continue
        if depth > limit:
            return True
        seen.add(id(current))
        children = current.values() if isinstance(current, dict) else current
        todo.extend((child, depth + 1) for child in children)
    return False
