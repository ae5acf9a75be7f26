"""Reading calendars back for the tests: with icalendar, with recurring-ical-events, and line by line."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import recurring_ical_events  # the package ships no type information
from icalendar import Calendar, Event

from psr_adapters.ical.events import uid
from psr_core import History, Meeting


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    return calendar


def events(data: bytes) -> dict[str, Event]:
    """Every VEVENT of the calendar by UID, as icalendar reads it (each UID once)."""
    found: dict[str, Event] = {}
    for event in parse(data).events:
        key = str(event["UID"])
        assert key not in found, f"UID {key} appears twice"
        found[key] = event
    return found


def expanded(data: bytes, start: date, end: date) -> list[Any]:
    """The events recurring-ical-events finds between ``start`` and ``end``."""
    return list(recurring_ical_events.of(parse(data)).between(start, end))


def unfolded(data: bytes) -> list[str]:
    """The content lines, unfolded (:rfc:`5545#section-3.1`)."""
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def sequences(data: bytes) -> dict[str, int]:
    return {key: event.sequence for key, event in events(data).items()}


def blocks(data: bytes) -> dict[str, list[str]]:
    """Each VEVENT's unfolded lines by UID, read line by line: a quick reader for the properties that
    compare many calendars (the two real readers are checked on every calendar shape elsewhere)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in unfolded(data):
        if line == "BEGIN:VEVENT":
            current = []
        if current is None:
            continue
        current.append(line)
        if line == "END:VEVENT":
            key = next(item[4:] for item in current if item.startswith("UID:"))
            assert key not in found, f"UID {key} appears twice"
            found[key], current = current, None
    return found


def meeting_uid(meeting: Meeting) -> str:
    return uid("meeting", meeting.id, "psr")


def whole(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def window(history: History) -> tuple[date, date]:
    """Days wide enough to hold every meeting of ``history`` and its agenda deadline."""
    days = [m.day for m in history.meetings] or [date(2015, 1, 1)]
    return min(days) - timedelta(days=40), max(days) + timedelta(days=2)
