"""The agenda deadline comes from the policy's ``agenda_notice_days`` on the meeting's day (clause 1.7.1 of
chorley-2015: "no less than five days before the meeting"), read as the rule ``meeting.agenda-notice`` reads
it, and is an all-day event of its own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ical_reading import events

from psr_adapters.ical import agenda_deadline, render_calendar
from psr_core import CHORLEY_2015, Group, History, Meeting, MeetingStatus, Partnership, Tier, evaluate

TUESDAY = datetime(2015, 7, 14, 10, 0)


def _meeting(start: datetime = TUESDAY, groups: tuple[str, ...] = ("exec",)) -> Meeting:
    return Meeting(id="exec-2015-07-14", groups=groups, start=start, status=MeetingStatus.SCHEDULED)


def _history(*meetings: Meeting) -> History:
    return History(
        partnerships=[
            Partnership("chorley", "Chorley", "chorley-2015", "Europe/London", date(2015, 6, 16)),
            Partnership("south-ribble", "South Ribble", "chorley-2015", "Europe/London", date(2015, 4, 1)),
        ],
        groups=[Group("exec", "chorley", Tier.EXECUTIVE), Group("sr-board", "south-ribble", Tier.BOARD)],
        meetings=meetings,
    )


def test_under_chorley_2015_the_agenda_goes_out_five_days_before_the_meeting() -> None:
    deadline = agenda_deadline(_meeting(), [CHORLEY_2015])
    assert deadline is not None
    assert (deadline.day, deadline.notice_days, deadline.clause) == (date(2015, 7, 9), 5, "1.7.1")
    assert "no less than five days before the meeting" in deadline.text


def test_an_agenda_out_on_the_deadline_satisfies_the_rule_and_a_day_later_does_not() -> None:
    deadline = agenda_deadline(_meeting(), [CHORLEY_2015])
    assert deadline is not None
    for published, findings in ((deadline.day, 0), (deadline.day + timedelta(days=1), 1)):
        held = Meeting(
            id="exec-2015-07-14",
            groups=["exec"],
            start=TUESDAY,
            status=MeetingStatus.HELD,
            agenda_published=published,
        )
        evaluation = evaluate(_history(held), CHORLEY_2015, date(2015, 7, 31))
        assert len(evaluation.of_rule("meeting.agenda-notice")) == findings


def test_the_notice_is_the_policys_parameter_in_force_on_the_meetings_day() -> None:
    longer = CHORLEY_2015.with_parameter("agenda_notice_days", 10, since=date(2015, 7, 1))
    deadline = agenda_deadline(_meeting(), [longer])
    assert deadline is not None
    assert deadline.day == date(2015, 7, 4)
    earlier = agenda_deadline(_meeting(datetime(2015, 6, 30, 10)), [longer])
    assert earlier is not None
    assert earlier.day == date(2015, 6, 25)


def test_a_policy_without_the_agenda_rule_sets_no_deadline_and_the_feed_has_no_deadline_event() -> None:
    silent = CHORLEY_2015.without_rules("meeting.agenda-notice")
    assert agenda_deadline(_meeting(), [silent]) is None
    assert set(events(render_calendar(_history(_meeting()), silent))) == {"meeting-exec-2015-07-14@psr"}


def test_a_joint_meeting_takes_the_earliest_deadline_of_its_partnerships_policies() -> None:
    longer = CHORLEY_2015.with_parameter("agenda_notice_days", 7)
    joint = _meeting(groups=("exec", "sr-board"))
    deadline = agenda_deadline(joint, [CHORLEY_2015, longer])
    assert deadline is not None
    assert deadline.day == date(2015, 7, 7)
    found = events(render_calendar(_history(joint), {"chorley": CHORLEY_2015, "south-ribble": longer}))
    assert date(2015, 7, 7) == found["agenda-deadline-exec-2015-07-14@psr"].DTSTART


def test_the_deadline_is_an_all_day_transparent_event_related_to_its_meeting() -> None:
    event = events(render_calendar(_history(_meeting()), CHORLEY_2015))["agenda-deadline-exec-2015-07-14@psr"]
    assert (date(2015, 7, 9), date(2015, 7, 10)) == (event.DTSTART, event.DTEND)
    assert event["TRANSP"] == "TRANSPARENT"
    assert event["RELATED-TO"] == "meeting-exec-2015-07-14@psr"
    assert str(event["SUMMARY"]).startswith("Agenda deadline: Chorley Executive")
