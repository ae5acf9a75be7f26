"""Every calendar psr writes reads back in icalendar and in recurring-ical-events, with exactly the meetings
stored ("Parse every generated calendar back with icalendar and check it with a second independent
reader")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from ical_reading import events, expanded, meeting_uid, parse, unfolded, whole, window
from ical_strategies import any_histories

from psr_adapters.dataset import read_dataset
from psr_adapters.ical import render_calendar
from psr_adapters.ical.events import uid
from psr_adapters.ical.scope import Directory
from psr_core import CHORLEY_2015, Group, History, Meeting, MeetingStatus, Partnership, Tier, built_in_policy

ROOT = Path(__file__).resolve().parents[3]
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"
JOINT = ROOT / "examples" / "joint-2021" / "joint.yaml"


def test_the_chorley_executive_calendar_holds_its_meetings_and_their_agenda_deadlines() -> None:
    history = read_dataset(CHORLEY)
    data = render_calendar(history, CHORLEY_2015, group="exec")
    stored = [m for m in history.meetings if "exec" in m.groups]
    expected = {meeting_uid(m) for m in stored} | {uid("agenda-deadline", m.id, "psr") for m in stored}
    found = expanded(data, date(2015, 1, 1), date(2017, 1, 1))
    assert sorted(str(e["UID"]) for e in found) == sorted(expected)
    assert set(events(data)) == expected


def test_the_calendar_is_published_with_what_subscribers_expect_and_no_invitation() -> None:
    data = render_calendar(read_dataset(CHORLEY), CHORLEY_2015, group="exec")
    calendar = parse(data)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//psr//Partnership meetings//EN"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "Public Service Reform Executive"
    assert calendar["X-WR-TIMEZONE"] == "Europe/London"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in unfolded(data)
    assert calendar["X-PUBLISHED-TTL"] == "PT12H"
    assert calendar["METHOD"] == "PUBLISH"
    assert all("ATTENDEE" not in event for event in calendar.events)
    assert [tz["TZID"] for tz in calendar.timezones] == ["Europe/London"]


def test_each_meeting_event_names_the_partnership_tier_chair_and_agenda_deadline() -> None:
    data = render_calendar(read_dataset(CHORLEY), CHORLEY_2015, group="exec")
    event = events(data)["meeting-exec-2015-07-14@psr"]
    assert event["SUMMARY"] == "Chorley Public Service Reform Partnership Executive"
    assert event["LOCATION"] == "Chorley Town Hall"
    description = str(event["DESCRIPTION"])
    assert "Chair: Councillor Alistair Bradley" in description
    assert "Agenda deadline: Thursday 9 July 2015" in description
    assert event.DTSTART.tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/London"


def test_a_joint_meeting_is_one_event_with_one_uid_in_both_partnerships_feeds() -> None:
    history = read_dataset(JOINT)
    policy = built_in_policy("chorley-south-ribble-2021")
    chorley = events(render_calendar(history, policy, partnership="chorley"))
    south_ribble = events(render_calendar(history, policy, partnership="south-ribble"))
    assert set(chorley) == set(south_ribble)
    assert "meeting-joint-2021-03-16@psr" in chorley
    for key, event in chorley.items():
        assert event.to_ical() == south_ribble[key].to_ical()
    assert str(chorley["meeting-joint-2021-03-16@psr"]["SUMMARY"]).startswith("Joint meeting: ")


def _expected(history: History) -> set[str]:
    return {meeting_uid(m) for m in history.meetings} | {
        uid("agenda-deadline", m.id, "psr") for m in history.meetings
    }


@given(any_histories())
def test_recurring_ical_events_lists_exactly_the_stored_meetings_at_their_times(history: History) -> None:
    """Times are compared as instants: recurring-ical-events applies X-WR-TIMEZONE (the calendar's zone) to
    events in UTC, which moves their wall clock but not the moment. In the calendar's own zone the wall
    clock is the one stored."""
    data = render_calendar(history, CHORLEY_2015)
    first, last = window(history)
    found = expanded(data, first, last)
    assert sorted(str(e["UID"]) for e in found) == sorted(_expected(history))
    directory = Directory.of(history)
    calendar_zone = str(parse(data)["X-WR-TIMEZONE"])
    by_uid = {str(e["UID"]): e for e in found}
    for meeting in history.meetings:
        event, zone = by_uid[meeting_uid(meeting)], directory.meeting_zone(meeting)
        assert whole(meeting.start).replace(tzinfo=ZoneInfo(zone)) == event.DTSTART
        if zone == calendar_zone:
            assert event.DTSTART.replace(tzinfo=None) == whole(meeting.start)


@given(any_histories())
def test_icalendar_reads_back_every_status_place_and_text(history: History) -> None:
    data = render_calendar(history, CHORLEY_2015)
    found = events(data)
    assert set(found) == _expected(history)
    for meeting in history.meetings:
        event = found[meeting_uid(meeting)]
        cancelled = meeting.status is MeetingStatus.CANCELLED
        assert event["STATUS"] == ("CANCELLED" if cancelled else "CONFIRMED")
        assert str(event["SUMMARY"]).startswith("Cancelled: ") == cancelled
        assert str(event.get("LOCATION", "")) == _read_back(meeting.location or "")
        deadline = found[uid("agenda-deadline", meeting.id, "psr")]
        assert deadline["STATUS"] == event["STATUS"]
        assert deadline["RELATED-TO"] == meeting_uid(meeting)


def _read_back(text: str) -> str:
    from psr_adapters.ical.lines import clean

    return clean(text)


@pytest.mark.parametrize(
    ("filters", "name"),
    [
        ({}, "Chorley Public Service Reform Partnership and South Ribble Partnership"),
        ({"partnership": "south-ribble"}, "South Ribble Partnership"),
        ({"group": "sr-board"}, "South Ribble Partnership Board"),
        ({"person": "gary-hall"}, "Gary Hall: partnership meetings"),
        (
            {"person": "gary-hall", "partnership": "chorley"},
            "Gary Hall: Chorley Public Service Reform Partnership",
        ),
        ({"person": "gary-hall", "group": "chorley-exec"}, "Gary Hall: Chorley PSR Executive"),
    ],
)
def test_the_calendar_is_named_after_whose_meetings_it_holds(filters: dict[str, str], name: str) -> None:
    data = render_calendar(
        read_dataset(JOINT),
        built_in_policy("chorley-south-ribble-2021"),
        partnership=filters.get("partnership"),
        group=filters.get("group"),
        person=filters.get("person"),
    )
    assert parse(data)["NAME"] == parse(data)["X-WR-CALNAME"] == name


def test_an_empty_calendar_still_has_its_time_zone_and_reads_back() -> None:
    history = read_dataset(ROOT / "tests" / "data" / "small.yaml")  # Gary Hall holds no seat there
    data = render_calendar(history, CHORLEY_2015, person="gary-hall")
    assert parse(data).events == []
    assert [tz["TZID"] for tz in parse(data).timezones] == ["Europe/London"]
    assert expanded(data, date(2015, 1, 1), date(2016, 1, 1)) == []


def _one_meeting(end: datetime | None, url: str | None = None) -> History:
    return History(
        partnerships=[Partnership("chorley", "Chorley", "chorley-2015", "Europe/London", date(2015, 1, 1))],
        groups=[Group("exec", "chorley", Tier.EXECUTIVE)],
        meetings=[
            Meeting(
                id="m1",
                groups=["exec"],
                start=datetime(2016, 7, 12, 10, 0),
                end=end,
                status=MeetingStatus.SCHEDULED,
                url=url,
            )
        ],
    )


@pytest.mark.parametrize("length", [None, timedelta(minutes=90)])
def test_a_meeting_with_no_recorded_end_lasts_the_default_length(length: timedelta | None) -> None:
    if length is None:
        data, lasting = render_calendar(_one_meeting(None), CHORLEY_2015), timedelta(hours=2)
    else:
        data, lasting = render_calendar(_one_meeting(None), CHORLEY_2015, default_length=length), length
    event = events(data)["meeting-m1@psr"]
    assert event.duration == lasting
    assert "DTEND" not in event
    assert "End time: not recorded" in str(event["DESCRIPTION"])
    (found,) = [
        e for e in expanded(data, date(2016, 7, 1), date(2016, 8, 1)) if "meeting-m1" in str(e["UID"])
    ]
    assert found.end - found.start == lasting


def test_a_meeting_with_a_recorded_end_keeps_it_and_has_no_duration() -> None:
    event = events(render_calendar(_one_meeting(datetime(2016, 7, 12, 11, 0)), CHORLEY_2015))[
        "meeting-m1@psr"
    ]
    assert "DURATION" not in event
    assert timedelta(hours=1) == event.DTEND - event.DTSTART


def test_the_page_of_a_meetings_papers_is_the_events_url() -> None:
    history = _one_meeting(None, url="https://democracy.chorley.gov.uk/ieListDocuments.aspx?MId=1 2")
    event = events(render_calendar(history, CHORLEY_2015))["meeting-m1@psr"]
    assert str(event["URL"]) == "https://democracy.chorley.gov.uk/ieListDocuments.aspx?MId=1%202"
