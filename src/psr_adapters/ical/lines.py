"""Content lines (:rfc:`5545#section-3.1`): values written as text, escaped, and folded at 75 octets.

psr writes its calendars line by line rather than through :mod:`icalendar`'s component tree: a calendar of
ten thousand meetings must render in well under a second, and the component tree takes several. Every
calendar psr writes is read back by :mod:`icalendar` and by ``recurring-ical-events`` in the tests.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

CRLF = "\r\n"
"""The line break of every content line (:rfc:`5545#section-3.1`)."""

LIMIT = 75
"""The longest a line may be, in octets, not counting the line break."""

# Control characters other than HTAB may not appear in a TEXT value (:rfc:`5545#section-3.3.11`); line
# breaks of any kind become the escaped newline, anything else a space.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def text(value: str) -> str:
    """``value`` as a TEXT value (:rfc:`5545#section-3.3.11`): backslash, semicolon, comma and newline
    escaped, other control characters replaced by a space."""
    if _UNUSUAL.search(value) is not None:
        value = clean(value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def clean(value: str) -> str:
    """What a reader gets back from :func:`text`: line breaks made newlines, control characters spaces."""
    return _CONTROL.sub(" ", _BREAKS.sub("\n", value))


def parameter(value: str) -> str:
    """A parameter value (:rfc:`5545#section-3.2`), quoted where it holds ``;``, ``:`` or ``,``; a double quote
    cannot appear in one and is dropped."""
    value = _CONTROL.sub(" ", _BREAKS.sub(" ", value)).replace('"', "")
    return f'"{value}"' if any(c in value for c in ";:,") else value


def local_time(moment: datetime) -> str:
    """A DATE-TIME in local ("floating" or ``TZID=``) form (:rfc:`5545#section-3.3.5`, forms 1 and 3), to the
    second."""
    return moment.isoformat(timespec="seconds")[:19].replace("-", "").replace(":", "")


def utc_time(moment: datetime) -> str:
    """A DATE-TIME in UTC (:rfc:`5545#section-3.3.5`, form 2); ``moment`` is already in UTC."""
    return local_time(moment) + "Z"


def day(value: date) -> str:
    """A DATE (:rfc:`5545#section-3.3.4`)."""
    return value.isoformat()[:10].replace("-", "")


def utc_offset(offset: timedelta) -> str:
    """A UTC-OFFSET (:rfc:`5545#section-3.3.14`): ``+0100``, ``-0500``, ``+053000`` with seconds."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def duration(length: timedelta) -> str:
    """A positive DURATION (:rfc:`5545#section-3.3.6`) in whole seconds: ``PT12H``, ``P1D``, ``PT1H30M``."""
    total = int(length.total_seconds())
    if total <= 0:
        raise ValueError(f"a duration must be positive, got {length}")
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return "P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def folded(content: list[str]) -> str:
    """Content lines folded (:func:`fold`) and joined with CRLF, ending with one."""
    return (
        CRLF.join([line if len(line) <= LIMIT and line.isascii() else fold(line) for line in content]) + CRLF
    )


def fold(line: str) -> str:
    """``line`` folded so that no line is longer than 75 octets (:rfc:`5545#section-3.1`).

    Each continuation starts with one space; a multi-octet UTF-8 character is never split.
    """
    if line.isascii():
        if len(line) <= LIMIT:
            return line
        rest = (line[start : start + LIMIT - 1] for start in range(LIMIT, len(line), LIMIT - 1))
        return (CRLF + " ").join([line[:LIMIT], *rest])
    if len(line.encode("utf-8")) <= LIMIT:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, room = 0, LIMIT
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > room:
            pieces.append("".join(current))
            current, size, room = [], 0, LIMIT - 1
        current.append(character)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)
