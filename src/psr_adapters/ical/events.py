"""One VEVENT per meeting (:rfc:`5545#section-3.6.1`) and one per agenda deadline, as plain values.

- UID: ``meeting-<id>@<domain>`` from the meeting's id alone, so it is the same in every render and every
  feed (a joint meeting has one UID in both partnerships' calendars). Characters outside ``A-Z a-z 0-9 - .
  _ ~`` are percent-encoded, so two ids never share a UID.
- DTSTAMP: psr/1 records no time of change, so the stamp is taken from the data: midnight UTC of the day the
  agenda went out when that is recorded, else the meeting's start in UTC. It changes only when the data does.
- DTSTART/DTEND: the partnership's wall-clock time with its TZID. A meeting without a recorded end, or
  whose end is not after its start, has ``DURATION`` instead: :data:`DEFAULT_MEETING_LENGTH` (two hours)
  unless the calendar is made with another ``default_length``, so that it shows as a block of time rather
  than an instant; its description says the end time is not recorded.
- URL: where the meeting's papers are published, when the data records it (:rfc:`5545#section-3.8.4.6`).
- STATUS: ``CONFIRMED`` for held and scheduled meetings; a cancelled meeting stays with ``CANCELLED``, its
  summary starts "Cancelled:" for clients that do not show the status, and it is transparent to free/busy.
  ``X-PSR-STATUS`` keeps the meeting's own status (``held``, ``scheduled``, ``cancelled``).
- The agenda deadline is an all-day event of its own, related to its meeting (``RELATED-TO``), transparent,
  and cancelled with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote

import attrs

from psr_core import Group, Meeting, MeetingStatus, Person, Policy

from . import lines
from .deadlines import AgendaDeadline, agenda_deadline
from .revisions import Fingerprint, fingerprint
from .scope import Directory
from .timezones import in_utc, zone

DEFAULT_MEETING_LENGTH = timedelta(hours=2)
"""How long a meeting with no recorded end is shown as lasting (``psr ical --default-length``)."""

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@lru_cache(maxsize=4096)
def long_date(day: date) -> str:
    """``Tuesday 14 July 2015``, the same whatever the locale."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@attrs.frozen
class CalendarEvent:
    """A VEVENT: a meeting (timed, with ``tzid``) or an agenda deadline (all day, ``tzid`` of ``None``)."""

    uid: str
    stamp: datetime
    start: datetime | date
    end: datetime | date | None
    tzid: str | None
    summary: str
    description: str
    status: str
    meeting_status: str
    transparent: bool
    location: str | None = None
    related_to: str | None = None
    sequence: int = 0
    duration: timedelta | None = None
    url: str | None = None
    modified: datetime | None = None
    """LAST-MODIFIED (:rfc:`5545#section-3.8.7.3`), in UTC: served feeds set it from the database."""

    def fingerprint(self) -> Fingerprint:
        """The parts whose change is a new revision: time, place and status (:mod:`.revisions`)."""
        if self.tzid is None:
            return fingerprint(self.start, self.end, None, self.location, self.status, self.meeting_status)
        there = zone(self.tzid)
        end = self.end.replace(tzinfo=there) if isinstance(self.end, datetime) else self.end
        start = self.start.replace(tzinfo=there) if isinstance(self.start, datetime) else self.start
        location = lines.clean(self.location) if self.location is not None else None
        return fingerprint(start, end, self.tzid, location, self.status, self.meeting_status)


_SAFE = re.compile(r"[A-Za-z0-9._~-]+")


def uid(kind: str, meeting_id: str, domain: str) -> str:
    """The UID of the ``kind`` event (``meeting``, ``agenda-deadline``) of a meeting."""
    safe = meeting_id if _SAFE.fullmatch(meeting_id) else quote(meeting_id, safe="-._~")
    return f"{kind}-{safe}@{domain}"


def stamp(meeting: Meeting, tzid: str) -> datetime:
    """The DTSTAMP of a meeting's events, from the data (see the module's notes)."""
    if meeting.agenda_published is not None:
        published = meeting.agenda_published
        return datetime(published.year, published.month, published.day, tzinfo=UTC)
    return in_utc(_whole_seconds(meeting.start), tzid)


def _whole_seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0) if moment.microsecond else moment


class EventWriter:
    """Builds the events of meetings, naming people, groups and partnerships from one history."""

    def __init__(
        self,
        directory: Directory,
        policies: dict[str, Policy],
        domain: str,
        default_length: timedelta = DEFAULT_MEETING_LENGTH,
    ) -> None:
        if default_length <= timedelta(0):
            raise ValueError(f"a default meeting length must be positive, got {default_length}")
        self.default_length = default_length
        self.directory = directory
        self.policies = policies
        self.domain = domain
        self.people: dict[str, Person] = {p.id: p for p in directory.history.people}
        self._titles: dict[tuple[str, ...], tuple[list[Group], list[str], str]] = {}

    def _groups(self, meeting: Meeting) -> tuple[list[Group], list[str], str]:
        """The meeting's groups, each one's title, and the meeting's title (computed once per set)."""
        found = self._titles.get(meeting.groups)
        if found is None:
            groups = self.directory.groups_of(meeting)
            titles = [self.directory.group_title(g) for g in groups]
            title = titles[0] if len(titles) == 1 else "Joint meeting: " + " and ".join(titles)
            found = self._titles[meeting.groups] = (groups, titles, title)
        return found

    def events(self, meeting: Meeting) -> list[CalendarEvent]:
        """The meeting's event, followed by its agenda deadline's where its policy sets one."""
        groups, titles, title = self._groups(meeting)
        tzid = self.directory.partnership(groups[0].partnership).timezone
        deadline = agenda_deadline(meeting, self._policies(g.partnership for g in groups))
        cancelled = meeting.status is MeetingStatus.CANCELLED
        status = "CANCELLED" if cancelled else "CONFIRMED"
        prefix = "Cancelled: " if cancelled else ""
        start = _whole_seconds(meeting.start)
        end = _whole_seconds(meeting.end) if meeting.end is not None and meeting.end > meeting.start else None
        meeting_uid = uid("meeting", meeting.id, self.domain)
        when = stamp(meeting, tzid)
        found = [
            CalendarEvent(
                uid=meeting_uid,
                stamp=when,
                start=start,
                end=end,
                tzid=tzid,
                summary=prefix + title,
                description=self._description(meeting, groups, titles, deadline),
                status=status,
                meeting_status=meeting.status.value,
                transparent=cancelled,
                location=meeting.location,
                duration=self.default_length if end is None else None,
                url=meeting.url,
            )
        ]
        if deadline is not None:
            found.append(
                CalendarEvent(
                    uid=uid("agenda-deadline", meeting.id, self.domain),
                    stamp=when,
                    start=deadline.day,
                    end=deadline.day + timedelta(days=1),
                    tzid=None,
                    summary=f"{prefix}Agenda deadline: {title}, {long_date(meeting.day)}",
                    description=self._deadline_description(meeting, title, deadline),
                    status=status,
                    meeting_status=meeting.status.value,
                    transparent=True,
                    related_to=meeting_uid,
                )
            )
        return found

    def _policies(self, partnerships: Iterable[str]) -> list[Policy]:
        return [self.policies[p] for p in dict.fromkeys(partnerships) if p in self.policies]

    def _name(self, person: str) -> str:
        found = self.people.get(person)
        return found.name if found is not None else person

    def _description(
        self, meeting: Meeting, groups: list[Group], titles: list[str], deadline: AgendaDeadline | None
    ) -> str:
        text = [f"{title} (group {group.id})" for title, group in zip(titles, groups, strict=True)]
        text.append(f"Status: {meeting.status.value}")
        if meeting.chair is not None:
            text.append(f"Chair: {self._name(meeting.chair)}")
        elif len(groups) == 1 and groups[0].chair is not None:
            text.append(f"Chair: {self._name(groups[0].chair)} (the group's named chair)")
        else:
            text.append("Chair: not recorded")
        if meeting.vice_chair is not None:
            text.append(f"Vice chair: {self._name(meeting.vice_chair)}")
        if meeting.end is None:
            text.append(f"End time: not recorded (shown as {_length(self.default_length)})")
        if deadline is not None:
            text.append(
                f"Agenda deadline: {long_date(deadline.day)}, {_notice(deadline)} "
                f"({deadline.policy}, clause {deadline.clause})"
            )
        if meeting.agenda_published is not None:
            text.append(f"Agenda distributed: {long_date(meeting.agenda_published)}")
        text.append(f"Meeting id: {meeting.id}")
        return "\n".join(text)

    def _deadline_description(self, meeting: Meeting, title: str, deadline: AgendaDeadline) -> str:
        text = [
            f"The agenda and reports for the {title} meeting on {long_date(meeting.day)} at "
            f"{meeting.start:%H:%M} go out by today: {_notice(deadline)}.",
            f'{deadline.policy}, clause {deadline.clause}: "{deadline.text}"',
        ]
        if meeting.agenda_published is not None:
            ahead = (meeting.day - meeting.agenda_published).days
            text.append(
                f"Agenda distributed: {long_date(meeting.agenda_published)} ({_days(ahead)} before the meeting)"
            )
        if meeting.status is MeetingStatus.CANCELLED:
            text.append("The meeting is cancelled.")
        text.append(f"Meeting id: {meeting.id}")
        return "\n".join(text)


def _length(length: timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    parts += [f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes or not hours else []
    return " ".join(parts)


def _uri(value: str) -> str:
    """A URI value (:rfc:`5545#section-3.3.13`): characters a URI cannot hold percent-encoded."""
    return quote(value.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def _notice(deadline: AgendaDeadline) -> str:
    return f"no less than {_days(deadline.notice_days)} before the meeting"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def event_lines(event: CalendarEvent) -> list[str]:
    """The unfolded content lines of one VEVENT."""
    out = [
        "BEGIN:VEVENT",
        f"UID:{lines.text(event.uid)}",
        f"DTSTAMP:{lines.utc_time(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
    ]
    if event.modified is not None:
        out.append(f"LAST-MODIFIED:{lines.utc_time(event.modified)}")
    if event.tzid is None:
        out.append(f"DTSTART;VALUE=DATE:{lines.day(event.start)}")
        if event.end is not None:
            out.append(f"DTEND;VALUE=DATE:{lines.day(event.end)}")
    elif isinstance(event.start, datetime):
        tzid = lines.parameter(event.tzid)
        out.append(f"DTSTART;TZID={tzid}:{lines.local_time(event.start)}")
        if isinstance(event.end, datetime):
            out.append(f"DTEND;TZID={tzid}:{lines.local_time(event.end)}")
        elif event.duration is not None:
            out.append(f"DURATION:{lines.duration(event.duration)}")
    out.append(f"SUMMARY:{lines.text(event.summary)}")
    if event.location is not None:
        out.append(f"LOCATION:{lines.text(event.location)}")
    out.append(f"DESCRIPTION:{lines.text(event.description)}")
    if event.url:
        out.append(f"URL:{_uri(event.url)}")
    if event.related_to is not None:
        out.append(f"RELATED-TO:{lines.text(event.related_to)}")
    out += [
        f"STATUS:{event.status}",
        f"X-PSR-STATUS:{event.meeting_status}",
        f"TRANSP:{'TRANSPARENT' if event.transparent else 'OPAQUE'}",
        "END:VEVENT",
    ]
    return out
