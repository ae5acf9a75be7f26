"""Meetings either side of both UK clock changes keep their wall-clock time ("A subscription that
shifts by an hour in summer ... is worse than none"), and the VTIMEZONE says when the clocks change the way
:rfc:`5545#section-3.6.5` reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from ical_reading import events, expanded, parse

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


def _zone_as_read(tzid: str, first: int, last: int) -> tzinfo:
    """The VTIMEZONE psr writes for ``first`` to ``last``, as an independent reader (icalendar, with
    dateutil expanding its RRULE and RDATE) turns it into a time zone."""
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test", *vtimezone(tzid, first, last), "END:VCALENDAR"]
    )
    read: tzinfo = parse((text + "\r\n").encode()).timezones[0].to_tz()
    return read


def _assert_same_offsets(tzid: str, read: tzinfo, years: range) -> None:
    there = ZoneInfo(tzid)
    moment, end = datetime(years.start, 1, 1, tzinfo=UTC), datetime(years.stop, 1, 1, tzinfo=UTC)
    while moment < end:
        assert moment.astimezone(read).utcoffset() == moment.astimezone(there).utcoffset(), moment
        moment += timedelta(minutes=30)


@pytest.mark.parametrize(
    "zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"]
)
def test_the_vtimezone_changes_offset_at_the_moment_the_tz_database_does(zone: str) -> None:
    _assert_same_offsets(zone, _zone_as_read(zone, 2015, 2016), range(2015, 2017))


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe"])
def test_a_vtimezone_made_for_2016_is_right_for_2021_too(zone: str) -> None:
    """A reader may keep the first VTIMEZONE it sees for a TZID and use it for every later calendar."""
    _assert_same_offsets(zone, _zone_as_read(zone, 2016, 2016), range(2021, 2022))


def test_a_calendar_reaching_back_before_the_current_rule_lists_the_earlier_changes() -> None:
    """The United Kingdom moved its autumn change to the last Sunday of October in 1996."""
    _assert_same_offsets("Europe/London", _zone_as_read("Europe/London", 1990, 2016), range(1990, 1998))


def test_london_repeats_yearly_from_1996_at_one_in_march_and_two_in_october_local_time() -> None:
    lines = vtimezone("Europe/London", 2015, 2015)
    assert lines == vtimezone("Europe/London", 2021, 2021)
    assert lines == (
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "DTSTART:19960331T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "END:STANDARD",
        "END:VTIMEZONE",
    )


def test_a_calendar_of_a_zone_with_no_clock_changes_still_reads_back() -> None:
    found = events(render_calendar(_history("UTC"), CHORLEY_2015))
    start, _ = AROUND_THE_CHANGES["after-spring"]
    assert start.replace(tzinfo=UTC) == found["meeting-after-spring@psr"].DTSTART
