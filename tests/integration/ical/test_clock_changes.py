"""Meetings either side of both UK clock changes keep their wall-clock time (issue 5: "A subscription that
shifts by an hour in summer ... is worse than none"), and the VTIMEZONE says when the clocks change the way
:rfc:`5545#section-3.6.5` reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from ical_reading import events, expanded, parse
from icalendar import Calendar, TimezoneDaylight, TimezoneStandard

from psr_adapters.ical import render_calendar
from psr_adapters.ical.timezones import vtimezone
from psr_core import CHORLEY_2015, Group, History, Meeting, MeetingStatus, Partnership, Tier

LONDON = ZoneInfo("Europe/London")
# 2015: the clocks went forward on Sunday 29 March and back on Sunday 25 October.
AROUND_THE_CHANGES = {
    "before-spring": (datetime(2015, 3, 28, 10, 0), timedelta(0)),
    "after-spring": (datetime(2015, 3, 30, 10, 0), timedelta(hours=1)),
    "spring-sunday": (datetime(2015, 3, 29, 10, 0), timedelta(hours=1)),
    "before-autumn": (datetime(2015, 10, 24, 10, 0), timedelta(hours=1)),
    "autumn-sunday": (datetime(2015, 10, 25, 10, 0), timedelta(0)),
    "after-autumn": (datetime(2015, 10, 26, 10, 0), timedelta(0)),
}


def _history(zone: str = "Europe/London") -> History:
    return History(
        partnerships=[Partnership("chorley", "Chorley", "chorley-2015", zone, date(2015, 1, 1))],
        groups=[Group("exec", "chorley", Tier.EXECUTIVE)],
        meetings=[
            Meeting(
                id=key,
                groups=["exec"],
                start=start,
                end=start + timedelta(hours=2),
                status=MeetingStatus.SCHEDULED,
            )
            for key, (start, _) in AROUND_THE_CHANGES.items()
        ],
    )


def test_meetings_either_side_of_both_clock_changes_keep_their_wall_clock_time() -> None:
    found = events(render_calendar(_history(), CHORLEY_2015))
    for key, (start, offset) in AROUND_THE_CHANGES.items():
        event = found[f"meeting-{key}@psr"]
        assert event.DTSTART.replace(tzinfo=None) == start
        assert event.DTSTART.utcoffset() == offset
        assert timedelta(hours=2) == event.DTEND - event.DTSTART


def test_the_second_reader_sees_the_same_wall_clock_times() -> None:
    data = render_calendar(_history(), CHORLEY_2015)
    found = {str(e["UID"]): e for e in expanded(data, date(2015, 3, 1), date(2015, 11, 1))}
    for key, (start, offset) in AROUND_THE_CHANGES.items():
        event = found[f"meeting-{key}@psr"]
        assert (event.DTSTART.replace(tzinfo=None), event.DTSTART.utcoffset()) == (start, offset)


def _offsets_as_the_rfc_reads_them(calendar: Calendar) -> list[tuple[datetime, timedelta]]:
    """Each change of offset in the VTIMEZONE as (UTC instant, offset after it): an onset is local time in
    the offset in force before it, TZOFFSETFROM (:rfc:`5545#section-3.6.5`)."""
    changes = []
    parts: list[TimezoneStandard | TimezoneDaylight] = [
        *calendar.timezones[0].standard,
        *calendar.timezones[0].daylight,
    ]
    for part in parts:
        onsets = [part.DTSTART, *(onset for onset, _ in part.rdates)]
        for onset in onsets:
            instant = (onset - part.TZOFFSETFROM).replace(tzinfo=UTC)
            changes.append((instant, part.TZOFFSETTO))
    return sorted(changes)


@pytest.mark.parametrize(
    "zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"]
)
def test_the_vtimezone_changes_offset_at_the_moment_the_tz_database_does(zone: str) -> None:
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test", *vtimezone(zone, 2015, 2016), "END:VCALENDAR"]
    )
    changes = _offsets_as_the_rfc_reads_them(parse((text + "\r\n").encode()))
    there, moment = ZoneInfo(zone), datetime(2015, 1, 2, tzinfo=UTC)
    while moment < datetime(2017, 1, 1, tzinfo=UTC):
        in_force = [offset for instant, offset in changes if instant <= moment][-1]
        assert in_force == moment.astimezone(there).utcoffset(), moment
        moment += timedelta(minutes=15)


def test_the_london_observances_begin_at_one_in_march_and_two_in_october_local_time() -> None:
    lines = vtimezone("Europe/London", 2015, 2015)
    assert "DTSTART:20150329T010000" in lines
    assert "DTSTART:20151025T020000" in lines


def test_a_calendar_of_a_zone_with_no_clock_changes_still_reads_back() -> None:
    found = events(render_calendar(_history("UTC"), CHORLEY_2015))
    start, _ = AROUND_THE_CHANGES["after-spring"]
    assert start.replace(tzinfo=UTC) == found["meeting-after-spring@psr"].DTSTART
