"""The calendar a member subscribes to (:rfc:`5545#section-3.4`), as bytes ready to publish.

The calendar carries what subscribing clients look for: ``NAME`` (:rfc:`7986#section-5.1`) and its older
spelling ``X-WR-CALNAME``, ``X-WR-TIMEZONE``, ``REFRESH-INTERVAL`` (:rfc:`7986#section-5.7`) and
``X-PUBLISHED-TTL``. ``METHOD:PUBLISH`` (:rfc:`5546#section-3.2.1`) says it is a published calendar, not
an invitation, so it names no attendees. Output depends only on its inputs: the same history, policies
and previous calendar give the same bytes, lines folded at 75 octets and ended with CRLF.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import attrs

from psr_core import History, Policy

from . import lines
from .errors import CalendarError
from .events import DEFAULT_MEETING_LENGTH, CalendarEvent, EventWriter, event_lines
from .revisions import Revision, next_sequence
from .scope import Directory, select
from .timezones import vtimezone, years

PRODID = "-//psr//Partnership meetings//EN"
DEFAULT_REFRESH = timedelta(hours=12)
DEFAULT_DOMAIN = "psr"


@attrs.frozen
class MeetingCalendar:
    """A calendar before it is written: its name, time zone, events in order, and the years its VTIMEZONE
    components cover."""

    name: str
    tzid: str
    events: tuple[CalendarEvent, ...]
    span: tuple[int, int]

    def to_ical(self, refresh: timedelta = DEFAULT_REFRESH) -> bytes:
        """The calendar as an iCalendar stream: UTF-8, CRLF line endings, folded at 75 octets."""
        zones = dict.fromkeys([self.tzid, *(e.tzid for e in self.events if e.tzid is not None)])
        head = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"NAME:{lines.text(self.name)}",
            f"X-WR-CALNAME:{lines.text(self.name)}",
            f"X-WR-TIMEZONE:{lines.text(self.tzid)}",
            f"REFRESH-INTERVAL;VALUE=DURATION:{lines.duration(refresh)}",
            f"X-PUBLISHED-TTL:{lines.duration(refresh)}",
        ]
        body = [line for tzid in zones for line in vtimezone(tzid, *self.span)]
        for event in self.events:
            body += event_lines(event)
        return lines.folded([*head, *body, "END:VCALENDAR"]).encode("utf-8")


def _span(history: History, events: list[CalendarEvent]) -> tuple[int, int]:
    """The years the VTIMEZONE components must cover: those of the events, or for a calendar with none,
    those in which the partnerships started (so that even an empty calendar is the same every time)."""
    days = [e.start.date() if isinstance(e.start, datetime) else e.start for e in events]
    return years(days) or years(p.started for p in history.partnerships) or (2000, 2000)


def policies_for(history: History, policies: Policy | Mapping[str, Policy]) -> dict[str, Policy]:
    """Each partnership's policy: one policy for all, or one per partnership id (every one needed)."""
    if isinstance(policies, Policy):
        return {p.id: policies for p in history.partnerships}
    missing = sorted(p.id for p in history.partnerships if p.id not in policies)
    if missing:
        raise CalendarError(f"no policy was given for partnership(s) {', '.join(missing)}")
    return dict(policies)


def build_calendar(
    history: History,
    policies: Policy | Mapping[str, Policy],
    *,
    partnership: str | None = None,
    group: str | None = None,
    person: str | None = None,
    previous: Mapping[str, Revision] | None = None,
    uid_domain: str = DEFAULT_DOMAIN,
    default_length: timedelta = DEFAULT_MEETING_LENGTH,
) -> MeetingCalendar:
    """The calendar of a partnership, a group or a person (every meeting of ``history`` when none is given).

    ``policies`` gives the agenda notice of each partnership; ``previous`` the revisions of the calendar
    published before (:func:`~.revisions.revisions_from_calendar`), from which SEQUENCE is carried;
    ``default_length`` how long a meeting with no recorded end is shown as lasting.
    """
    directory = Directory.of(history)
    scope = select(directory, partnership=partnership, group=group, person=person)
    writer = EventWriter(directory, policies_for(history, policies), uid_domain, default_length)
    events = [event for meeting in scope.meetings for event in writer.events(meeting)]
    if previous:
        events = [
            attrs.evolve(e, sequence=next_sequence(e.fingerprint(), previous.get(e.uid))) for e in events
        ]
    return MeetingCalendar(
        name=scope.name, tzid=scope.tzid, events=tuple(events), span=_span(history, events)
    )


def render_calendar(
    history: History,
    policies: Policy | Mapping[str, Policy],
    *,
    partnership: str | None = None,
    group: str | None = None,
    person: str | None = None,
    previous: Mapping[str, Revision] | None = None,
    uid_domain: str = DEFAULT_DOMAIN,
    refresh: timedelta = DEFAULT_REFRESH,
    default_length: timedelta = DEFAULT_MEETING_LENGTH,
) -> bytes:
    """:func:`build_calendar`, written as an iCalendar stream (:meth:`MeetingCalendar.to_ical`)."""
    calendar = build_calendar(
        history,
        policies,
        partnership=partnership,
        group=group,
        person=person,
        previous=previous,
        uid_domain=uid_domain,
        default_length=default_length,
    )
    return calendar.to_ical(refresh)
