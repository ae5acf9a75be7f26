"""The VTIMEZONE component (:rfc:`5545#section-3.6.5`) for a partnership's time zone, from the tz database.

Events carry ``DTSTART;TZID=Europe/London:...`` in the partnership's wall-clock time, so a meeting at 10:00
stays at 10:00 on either side of a clock change; the VTIMEZONE tells a client without its own copy of the
tz database when the clocks change. The changes are read from :mod:`zoneinfo` (the tz database).
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
class Change:
    """One change of a zone's clocks: the wall-clock time just before it (the onset as :rfc:`5545#section-3.6.5`
    writes it, in the offset in force before), the offsets either side, and the name after it."""

    onset: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    def days(self) -> frozenset[str]:
        """The RRULE BYDAY values that describe the onset's day within its month: its ordinal weekday
        (``2SU``), and ``-1SU`` too when it is the last such weekday of the month."""
        weekday = _WEEKDAYS[self.onset.weekday()]
        found = {f"{(self.onset.day - 1) // 7 + 1}{weekday}"}
        if (self.onset + timedelta(days=7)).month != self.onset.month:
            found.add(f"-1{weekday}")
        return frozenset(found)

    def pattern(self) -> tuple[object, ...]:
        """What a yearly rule keeps the same from one year to the next (all but the year and the day)."""
        return (
            self.daylight,
            self.onset.month,
            self.onset.time(),
            self.offset_from,
            self.offset_to,
            self.name,
        )


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEK = timedelta(days=7)
"""Clocks change at most once a week: the tz database is read a week at a time, then halved to the second."""


def _offset(there: ZoneInfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(there)
    return local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or ""


@lru_cache(maxsize=4096)
def changes(tzid: str, year: int) -> tuple[Change, ...]:
    """The changes of ``tzid``'s clocks in ``year``, from the tz database, in order."""
    there = zone(tzid)
    found = []
    moment, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    before = _offset(there, moment)
    while moment < end:
        step = min(_WEEK, end - moment)
        after = _offset(there, moment + step)
        if after[0] != before[0] or after[1] != before[1]:
            low, high = moment, moment + step  # the change is in (low, high]: halve to the second
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if _offset(there, middle)[:2] == before[:2] else (low, middle)
            change_at = high.replace(microsecond=0)
            found.append(
                Change(
                    onset=(change_at + before[0]).replace(tzinfo=None),
                    offset_from=before[0],
                    offset_to=after[0],
                    name=_offset(there, change_at)[2],
                    daylight=after[1] != timedelta(0),
                )
            )
        moment, before = moment + step, after
    return tuple(found)


@lru_cache(maxsize=256)
def current_rule(tzid: str, year: int) -> tuple[int, tuple[str, ...]]:
    """The first year from which ``tzid`` has changed its clocks as it does in ``year``, every year until
    ``year`` (same months, times, offsets and names, on a weekday of the month that one RRULE BYDAY value
    describes each year); and that BYDAY value of each of the year's changes."""
    sample = changes(tzid, year)
    days = [set(change.days()) for change in sample]
    first = year
    while first > 1900:
        earlier = changes(tzid, first - 1)
        if len(earlier) != len(sample) or any(
            a.pattern() != b.pattern() for a, b in zip(earlier, sample, strict=True)
        ):
            break
        narrower = [d & change.days() for d, change in zip(days, earlier, strict=True)]
        if not all(narrower):
            break
        days, first = narrower, first - 1
    # The ordinal (2SU) rather than "the last" (-1SU) where both describe every year.
    return first, tuple(min(d, key=lambda value: (value.startswith("-"), value)) for d in days)


def _rule_parts(tzid: str, until: int) -> tuple[int, list[str]]:
    """The year the zone's rule of ``until`` began, and its STANDARD and DAYLIGHT parts repeating yearly
    (``RRULE``) from then; a zone that no longer changes its clocks gets one STANDARD part."""
    since, bydays = current_rule(tzid, until)
    sample = changes(tzid, until)
    if not sample:
        offset, _, name = _offset(zone(tzid), datetime(until, 1, 1, tzinfo=UTC))
        return since, _part(False, datetime(since, 1, 1), offset, offset, name)
    parts: list[str] = []
    for change, first, byday in zip(sample, changes(tzid, since), bydays, strict=True):
        rule = f"RRULE:FREQ=YEARLY;BYMONTH={change.onset.month};BYDAY={byday}"
        parts += _part(change.daylight, first.onset, change.offset_from, change.offset_to, change.name, rule)
    return since, parts


def _part(
    daylight: bool,
    onset: datetime,
    offset_from: timedelta,
    offset_to: timedelta,
    name: str,
    repeat: str | None = None,
    more: tuple[datetime, ...] = (),
) -> list[str]:
    kind = "DAYLIGHT" if daylight else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{lines.local_time(onset)}",
        *([repeat] if repeat else []),
        *([f"RDATE:{','.join(lines.local_time(o) for o in more)}"] if more else []),
        f"TZOFFSETFROM:{lines.utc_offset(offset_from)}",
        f"TZOFFSETTO:{lines.utc_offset(offset_to)}",
        *([f"TZNAME:{lines.text(name)}"] if name else []),
        f"END:{kind}",
    ]


def _listed_parts(tzid: str, first: int, last: int) -> list[str]:
    """Each change of ``first`` to ``last`` (the years before a zone's current rule), grouped into one part
    per kind, offsets and name, with its onsets as ``DTSTART`` and ``RDATE``."""
    grouped: dict[tuple[bool, timedelta, timedelta, str], list[datetime]] = {}
    for year in range(first, last + 1):
        for change in changes(tzid, year):
            key = (change.daylight, change.offset_from, change.offset_to, change.name)
            grouped.setdefault(key, []).append(change.onset)
    parts: list[str] = []
    for (daylight, offset_from, offset_to, name), onsets in grouped.items():
        parts += _part(daylight, onsets[0], offset_from, offset_to, name, more=tuple(onsets[1:]))
    return parts


@lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """The unfolded content lines of a VTIMEZONE for ``tzid``, good from 1 January ``first_year`` on.

    As the major calendar services send them: the zone's current rule as yearly ``RRULE`` parts, from the
    year the rule began (1996 for Europe/London: last Sunday of March at 01:00, last Sunday of October at
    02:00), so the same component is right for every later year. A reader that keeps the first VTIMEZONE it
    sees for a TZID (as vobject does) then places a 2021 meeting right after reading a 2016 calendar. Only
    when the calendar reaches back before the current rule are the earlier changes listed, one by one.
    ``last_year`` is the latest year the calendar's events fall in.
    """
    since, rule = _rule_parts(tzid, max(first_year, last_year))
    before = _listed_parts(tzid, first_year, since - 1) if first_year < since else []
    return ("BEGIN:VTIMEZONE", f"TZID:{lines.text(tzid)}", *before, *rule, "END:VTIMEZONE")


def years(days: Iterable[date]) -> tuple[int, int] | None:
    """The first and last year among ``days``, or ``None`` when there are none."""
    found = [d.year for d in days]
    return (min(found), max(found)) if found else None
