"""SEQUENCE (:rfc:`5545#section-3.8.7.4`): the revision number of an event, carried from the last calendar.

The psr/1 format keeps no history of changes, so a calendar cannot tell from the data alone that a meeting
moved. It can tell by comparing with the calendar published before: an event whose time, place or status
(``STATUS``, or the meeting's own in ``X-PSR-STATUS``: scheduled, held, cancelled) differs from the one with
the same UID there gets that event's SEQUENCE plus one; an unchanged event keeps
it; an event that was not there starts at 0. SEQUENCE therefore never decreases from one published calendar
to the next, as long as each is made from the one before (``psr ical ... --previous FEED``). Without a
previous calendar every SEQUENCE is 0.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs

from .errors import CalendarError

Fingerprint = tuple[Any, ...]
"""What makes a revision: start, end, their time zone, the place, the status (the iCalendar STATUS and the
meeting's own: held, scheduled or cancelled, kept in ``X-PSR-STATUS``)."""


@attrs.frozen
class Revision:
    """An event as the previous calendar published it: its SEQUENCE and what that revision said."""

    sequence: int
    fingerprint: Fingerprint


def fingerprint(
    start: date | datetime,
    end: date | datetime | None,
    tzid: str | None,
    location: str | None,
    status: str,
    meeting_status: str,
) -> Fingerprint:
    """The parts of an event whose change is a new revision. Times are compared as instants, so the same
    calendar written twice, or read back, gives the same fingerprint."""
    return (start, end, tzid or "", location or "", status.upper(), meeting_status)


def revisions_from_calendar(data: bytes, source: str) -> dict[str, Revision]:
    """The revision of each event in a calendar published earlier, by UID; ``source`` names it in errors."""
    from icalendar import Calendar  # imported when a calendar is read: psr check never needs it

    if not data.rstrip().endswith(b"END:VCALENDAR"):
        raise CalendarError(f"{source}: not a whole iCalendar file (it does not end with END:VCALENDAR)")
    try:
        parsed = Calendar.from_ical(data, multiple=True)
    except ValueError as exc:
        raise CalendarError(f"{source}: not an iCalendar file psr can read ({exc})") from None
    calendars = [c for c in (parsed if isinstance(parsed, list) else [parsed]) if isinstance(c, Calendar)]
    if not calendars:
        raise CalendarError(f"{source}: holds no VCALENDAR")
    found: dict[str, Revision] = {}
    for calendar in calendars:
        for event in calendar.events:
            uid = str(event.get("UID", ""))
            start = event.get("DTSTART")
            if not uid or start is None:
                continue
            try:
                sequence = int(event.get("SEQUENCE", 0))
                begins, ends = event.DTSTART, event.DTEND
            except (TypeError, ValueError):
                raise CalendarError(
                    f"{source}: event {uid} has an unreadable SEQUENCE, DTSTART or DTEND"
                ) from None
            tzid = getattr(start, "params", {}).get("TZID")
            location, status = str(event.get("LOCATION", "")), str(event.get("STATUS", ""))
            meeting_status = str(event.get("X-PSR-STATUS", ""))
            revision = Revision(sequence, fingerprint(begins, ends, tzid, location, status, meeting_status))
            if uid not in found or found[uid].sequence < sequence:
                found[uid] = revision
    return found


def next_sequence(current: Fingerprint, before: Revision | None) -> int:
    """The SEQUENCE of an event that now reads ``current`` and was published as ``before``."""
    if before is None:
        return 0
    return before.sequence if before.fingerprint == current else before.sequence + 1
