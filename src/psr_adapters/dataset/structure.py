"""Checking a fragment of a ``psr/1`` document on its own, and the JSON Schema format checks that go with
:data:`psr_adapters.dataset.schema.SCHEMA` (the schema published for HTTP request bodies)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jsonschema import FormatChecker

from ..errors import Problem
from .ordering import ordered
from .reading import read_document
from .values import FIRST_YEAR, LAST_YEAR

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        raise ValueError("expected a date written YYYY-MM-DD, like 2015-07-14")
    if not FIRST_YEAR <= date.fromisoformat(value).year <= LAST_YEAR:
        raise ValueError(f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}")
    return True


@FORMATS.checks("local-datetime", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME.match(value):
        raise ValueError("expected a local time written YYYY-MM-DDTHH:MM, like 2015-07-14T10:00")
    if not FIRST_YEAR <= datetime.fromisoformat(value).year <= LAST_YEAR:
        raise ValueError(f"expected a time in the years {FIRST_YEAR} to {LAST_YEAR}")
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


def path_of(parts: Iterable[str | int]) -> str:
    """``meetings[3].attendance.gary-hall`` from the parts of a path inside a document."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def structure_problems(document: Any) -> Sequence[Problem]:
    """Every way ``document`` breaks the format taken record by record (references are not resolved), in
    document order: the same checks as a dataset file's, for a fragment such as an HTTP request body."""
    _history, walk = read_document(document, None, references=False)
    return ordered(walk.problems)
