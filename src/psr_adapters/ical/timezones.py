"""The VTIMEZONE component (:rfc:`5545#section-3.6.5`) for a partnership's time zone, from the tz database.

Events carry ``DTSTART;TZID=Europe/London:...`` in the partnership's wall-clock time, so a meeting at 10:00
stays at 10:00 on either side of a clock change; the VTIMEZONE tells a client without its own copy of the
tz database when the clocks change. :mod:`icalendar` works out the observances from :mod:`zoneinfo`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from . import lines
from .errors import CalendarError


@lru_cache(maxsize=64)
def zone(tzid: str) -> ZoneInfo:
    """The tz database zone ``tzid``; a :class:`CalendarError` when there is none."""
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarError(f"unknown time zone {tzid!r}: expected an IANA name like Europe/London") from None


def in_utc(moment: datetime, tzid: str) -> datetime:
    """The wall-clock time ``moment`` in ``tzid`` as a UTC time (the earlier one where clocks go back)."""
    return moment.replace(tzinfo=zone(tzid)).astimezone(UTC)


def exists(moment: datetime, tzid: str) -> bool:
    """Whether the wall clock in ``tzid`` shows ``moment`` at all (not in the hour skipped in spring)."""
    there = zone(tzid)
    return moment.replace(tzinfo=there).astimezone(UTC).astimezone(there).replace(tzinfo=None) == moment


@attrs.frozen
class Observance:
    """One STANDARD or DAYLIGHT part of a VTIMEZONE: an offset, and every onset at which it begins."""

    kind: str
    offset_from: timedelta
    offset_to: timedelta
    name: str
    onsets: tuple[datetime, ...]


def observances(tzid: str, first: date, last: date) -> tuple[Observance, ...]:
    """The observances of ``tzid`` from ``first`` until ``last``, with each onset in local time *before* it.

    :rfc:`5545#section-3.6.5` gives the onset "in local time" by the offset in force before it (the US
    example: ``DTSTART:19870405T020000`` with ``TZOFFSETFROM:-0500``). :mod:`icalendar` 7 gives an onset at
    which the clocks go forward in the time after it (``03:00`` for that example, ``02:00`` rather than
    ``01:00`` for Europe/London); such an onset is moved back by the jump. An onset already in the form the
    RFC asks for falls in the skipped hour and is kept as it is.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone(tzid)
    try:
        component = Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError as exc:
        raise CalendarError(f"no VTIMEZONE can be made for {tzid!r}: {exc}") from None
    found = []
    parts: list[TimezoneStandard | TimezoneDaylight] = [*component.standard, *component.daylight]
    for part in parts:
        offset_from, offset_to = part.TZOFFSETFROM, part.TZOFFSETTO
        begins = part.DTSTART
        if offset_from is None or offset_to is None or not isinstance(begins, datetime):
            raise CalendarError(f"the VTIMEZONE made for {tzid!r} has an observance without its offsets")
        onsets = [begins, *(onset for onset, _ in part.rdates if isinstance(onset, datetime))]
        jump = offset_to - offset_from
        if jump > timedelta(0):
            onsets = [onset - jump if exists(onset, tzid) else onset for onset in onsets]
        found.append(
            Observance(
                kind="DAYLIGHT" if isinstance(part, TimezoneDaylight) else "STANDARD",
                offset_from=offset_from,
                offset_to=offset_to,
                name=str(part.get("TZNAME", "")),
                onsets=tuple(sorted(onsets)),
            )
        )
    return tuple(found)


@lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """The unfolded content lines of a VTIMEZONE for ``tzid``, good from 1 January ``first_year`` to the end
    of ``last_year``."""
    first, last = date(first_year, 1, 1), date(min(last_year + 1, 9999), 1, 1)
    lines_out = ["BEGIN:VTIMEZONE", f"TZID:{lines.text(tzid)}"]
    for part in observances(tzid, first, last):
        lines_out += [
            f"BEGIN:{part.kind}",
            f"DTSTART:{lines.local_time(part.onsets[0])}",
            *([f"RDATE:{','.join(lines.local_time(o) for o in part.onsets[1:])}"] if part.onsets[1:] else []),
            f"TZOFFSETFROM:{lines.utc_offset(part.offset_from)}",
            f"TZOFFSETTO:{lines.utc_offset(part.offset_to)}",
            f"TZNAME:{lines.text(part.name)}",
            f"END:{part.kind}",
        ]
    lines_out.append("END:VTIMEZONE")
    return tuple(lines_out)


def years(days: Iterable[date]) -> tuple[int, int] | None:
    """The first and last year among ``days``, or ``None`` when there are none."""
    found = [d.year for d in days]
    return (min(found), max(found)) if found else None
