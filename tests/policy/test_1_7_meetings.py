"""Section 1.7 of the terms of reference: operating arrangements for meetings.

The rules: ``meeting.agenda-notice`` (1.7.1), ``attendance.written-explanation`` and
``attendance.deemed-resignation`` (1.7.3), ``admission.new-partner`` (1.7.4), ``decision.vote-eligibility``
(1.7.5, 1.7.6), ``interest.prejudicial-participation`` (1.7.6) and ``meeting.attendance-recorded`` (1.7.7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_core import (
    CHORLEY_2015,
    Attendance,
    AttendanceStatus,
    Evaluation,
    Finding,
    History,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Policy,
    Severity,
    evaluate,
)
from psr_core.assessment import Assessment
from psr_core.attendance import AttendanceRecord
from psr_core.evaluation import FindingsBook, policy_for
from strategies import attendance_runs, histories, judgement_days, meetings
from strategies.chorley import (
    RUN_STARTS,
    STARTED,
    absent,
    chorley,
    deputised,
    findings_of,
    held,
    item,
    monthly,
    partner,
    personal,
    prejudicial,
    run_history,
    seat,
)
from strategies.minutes import REASONS

WRITTEN_EXPLANATION = "attendance.written-explanation"
DEEMED_RESIGNATION = "attendance.deemed-resignation"
ATTENDANCE_RULES = (WRITTEN_EXPLANATION, DEEMED_RESIGNATION)

EXEC_DAY = date(2015, 7, 14)
"""An Executive meeting on the second Tuesday of July 2015."""

PRESENT = AttendanceStatus.PRESENT
APOLOGIES = AttendanceStatus.APOLOGIES
ABSENT = AttendanceStatus.ABSENT
DEPUTY = AttendanceStatus.DEPUTY


# -- 1.7.1 Agenda setting -------------------------------------------------------------------------------


def agenda_findings(
    published: date | None, *, status: MeetingStatus = MeetingStatus.HELD
) -> tuple[Finding, ...]:
    meeting = held("exec", EXEC_DAY, agenda=published, status=status)
    return findings_of("meeting.agenda-notice", chorley(meetings=[meeting]), EXEC_DAY)


def test_an_agenda_sent_out_five_days_before_the_meeting_is_in_time() -> None:
    assert agenda_findings(date(2015, 7, 9)) == ()


def test_a_fourth_day_of_notice_is_not_enough() -> None:
    (finding,) = agenda_findings(date(2015, 7, 10))
    assert finding.clause == "1.7.1"
    assert finding.severity is Severity.BREACH
    assert finding.date == EXEC_DAY
    assert finding.subject.meeting == "exec-2015-07-14"
    assert finding.evidence["days_notice"] == 4
    assert finding.evidence["required_days"] == 5


def test_an_agenda_with_no_recorded_date_is_a_finding() -> None:
    (finding,) = agenda_findings(None)
    assert finding.evidence["agenda_published"] is None
    assert finding.evidence["days_notice"] is None


def test_an_agenda_sent_out_on_the_day_gives_no_notice() -> None:
    (finding,) = agenda_findings(EXEC_DAY)
    assert finding.evidence["days_notice"] == 0


def test_a_meeting_that_was_not_held_is_not_judged_on_its_agenda() -> None:
    assert agenda_findings(None, status=MeetingStatus.CANCELLED) == ()
    assert agenda_findings(None, status=MeetingStatus.SCHEDULED) == ()


def test_a_policy_asking_for_a_week_of_notice_finds_six_days_short() -> None:
    week = CHORLEY_2015.with_parameter("agenda_notice_days", 7)
    meeting = held("exec", EXEC_DAY, agenda=date(2015, 7, 8))
    (finding,) = findings_of("meeting.agenda-notice", chorley(meetings=[meeting]), EXEC_DAY, week)
    assert finding.evidence["required_days"] == 7


@given(notice=st.integers(-3, 40))
def test_an_agenda_is_late_exactly_when_it_went_out_fewer_than_five_days_before(notice: int) -> None:
    """1.7.1: "the agenda and associated reports will be distributed electronically no less than five days
    before the meeting." Days are counted from the day the agenda went out to the meeting's day."""
    found = agenda_findings(EXEC_DAY - timedelta(days=notice))
    assert len(found) == (1 if notice < 5 else 0)


@given(meeting=meetings())
def test_every_held_meeting_has_its_agenda_out_five_days_ahead(meeting: Meeting) -> None:
    """1.7.1: "Items for the agenda must be forwarded in advance of the meeting and the agenda and
    associated reports will be distributed electronically no less than five days before the meeting." A
    held meeting whose agenda date is not recorded, or is fewer than five days ahead, is one finding; a
    meeting that was not held is not judged."""
    found = findings_of("meeting.agenda-notice", chorley(meetings=[meeting]), meeting.day)
    published = meeting.agenda_published
    late = published is None or (meeting.day - published).days < 5
    assert len(found) == (1 if meeting.held and late else 0)


# -- 1.7.7 The record of attendance ---------------------------------------------------------------------


def recorded(
    attendance: dict[str, str], memberships: Sequence[tuple[str, date, date | None]]
) -> tuple[Finding, ...]:
    seats = [seat(person, "exec", start=start, end=end) for person, start, end in memberships]
    history = chorley(memberships=seats, meetings=[held("exec", EXEC_DAY, attendance)])
    return findings_of("meeting.attendance-recorded", history, EXEC_DAY)


def test_a_member_left_out_of_the_minutes_is_a_finding() -> None:
    (finding,) = recorded(
        {"gary-hall": "present"}, [("gary-hall", STARTED, None), ("tracie-ogara", STARTED, None)]
    )
    assert finding.clause == "1.7.7"
    assert finding.subject.meeting == "exec-2015-07-14"
    assert finding.evidence["unrecorded"] == ["tracie-ogara"]


def test_apologies_and_non_attendance_are_a_record_too() -> None:
    members = [("gary-hall", STARTED, None), ("tracie-ogara", STARTED, None), ("allan-jones", STARTED, None)]
    attendance = {"gary-hall": "apologies", "tracie-ogara": "absent", "allan-jones": "deputy"}
    assert recorded(attendance, members) == ()


def test_officers_in_attendance_need_not_be_members() -> None:
    attendance = {"gary-hall": "present", "hayley-hughes": "present"}
    assert recorded(attendance, [("gary-hall", STARTED, None)]) == ()


def test_a_member_whose_seat_begins_after_the_meeting_is_not_expected_at_it() -> None:
    members = [("gary-hall", STARTED, None), ("tracie-ogara", date(2015, 7, 15), None)]
    assert recorded({"gary-hall": "present"}, members) == ()


def test_a_member_whose_seat_ended_before_the_meeting_is_not_expected_at_it() -> None:
    members = [("gary-hall", STARTED, None), ("tracie-ogara", STARTED, date(2015, 7, 13))]
    assert recorded({"gary-hall": "present"}, members) == ()


def test_a_seat_ending_on_the_day_of_the_meeting_is_still_expected_at_it() -> None:
    members = [("gary-hall", STARTED, None), ("tracie-ogara", STARTED, EXEC_DAY)]
    (finding,) = recorded({"gary-hall": "present"}, members)
    assert finding.evidence["unrecorded"] == ["tracie-ogara"]


@given(
    statuses=st.dictionaries(
        st.sampled_from(["gary-hall", "tracie-ogara", "allan-jones", "hayley-hughes"]),
        st.sampled_from(AttendanceStatus),
    )
)
def test_the_minutes_are_complete_exactly_when_every_member_has_a_line(
    statuses: dict[str, AttendanceStatus],
) -> None:
    """1.7.7: "A full record of those present at the meeting, of apologies of absence and non-attendance
    shall be recorded in the minutes". Hayley Hughes, the programme officer, is not a member."""
    members = ["gary-hall", "tracie-ogara", "allan-jones"]
    found = recorded(dict(statuses), [(person, STARTED, None) for person in members])
    missing = sorted(set(members) - set(statuses))
    assert [finding.evidence["unrecorded"] for finding in found] == ([missing] if missing else [])


# -- 1.7.3 Attendance: worked examples ------------------------------------------------------------------


def entry(status: AttendanceStatus, person: str = "tracie-ogara") -> Attendance:
    return Attendance(person=person, status=status)


def attendance_findings(history: History, as_of: date = date(2016, 6, 30)) -> tuple[Finding, ...]:
    evaluation = evaluate(history, CHORLEY_2015, as_of)
    return tuple(finding for finding in evaluation.findings if finding.rule in ATTENDANCE_RULES)


def run_days(count: int) -> list[str]:
    return [f"exec-{day.isoformat()}" for day in monthly(RUN_STARTS, count)]


def test_a_single_missed_meeting_asks_for_nothing() -> None:
    assert attendance_findings(run_history([entry(ABSENT), entry(PRESENT)])) == ()


def test_missing_two_consecutive_meetings_may_lead_to_a_request_for_a_written_explanation() -> None:
    (finding,) = attendance_findings(run_history([entry(APOLOGIES), entry(ABSENT)]))
    july, august = run_days(2)
    assert finding.rule == WRITTEN_EXPLANATION
    assert finding.clause == "1.7.3"
    assert finding.severity is Severity.ACTION
    assert finding.date == date(2015, 8, 14)
    assert finding.subject.as_dict() == {"person": "tracie-ogara", "group": "exec", "meeting": august}
    assert finding.evidence["missed"] == [july, august]
    assert finding.interpretation["apologies_count_as_missed"] is True
    assert finding.interpretation["deputy_counts_as_missed"] is True


def test_missing_three_consecutive_meetings_is_considered_resignation() -> None:
    history = run_history([entry(APOLOGIES), entry(ABSENT), entry(ABSENT)])
    explanation, resignation = sorted(attendance_findings(history), key=lambda f: f.date)
    assert explanation.rule == WRITTEN_EXPLANATION
    assert resignation.rule == DEEMED_RESIGNATION
    assert resignation.clause == "1.7.3"
    assert resignation.severity is Severity.ACTION
    assert resignation.date == date(2015, 9, 14)
    assert resignation.subject.meeting == "exec-2015-09-14"
    assert resignation.evidence["missed"] == run_days(3)
    assert resignation.evidence["membership_ends"] == "2015-09-14"


def test_after_a_deemed_resignation_the_member_is_no_longer_expected() -> None:
    history = run_history([entry(ABSENT), entry(ABSENT), entry(ABSENT), None, None])
    evaluation = evaluate(history, CHORLEY_2015, date(2016, 6, 30))
    assert evaluation.of_rule("meeting.attendance-recorded") == ()
    assert [f.date for f in evaluation.of_rule(DEEMED_RESIGNATION)] == [date(2015, 9, 14)]


def test_a_deemed_resignation_leaves_the_constabulary_without_a_chief_officer() -> None:
    history = run_history([entry(ABSENT), entry(ABSENT), entry(ABSENT)])
    vacancies = findings_of("composition.executive", history, date(2015, 10, 1))
    constabulary = [f for f in vacancies if f.subject.organisation == "constabulary"]
    assert [f.evidence["vacant_since"] for f in constabulary] == ["2015-09-15"]


def test_an_exceptional_reason_stops_the_run_short_of_resignation() -> None:
    history = run_history(
        [entry(APOLOGIES), entry(ABSENT), absent("tracie-ogara", exceptional="hospital admission")]
    )
    assert [f.rule for f in attendance_findings(history)] == [WRITTEN_EXPLANATION]


def test_an_excused_miss_neither_counts_towards_nor_breaks_a_run() -> None:
    excused = absent("tracie-ogara", exceptional="hospital admission")
    history = run_history([entry(ABSENT), excused, entry(ABSENT), entry(ABSENT)])
    july, august, september, october = run_days(4)
    explanation, resignation = sorted(attendance_findings(history), key=lambda f: f.date)
    assert explanation.evidence == {
        "missed": [july, september],
        "skipped": [august],
        "exceptional": [
            {"meeting": august, "reason": "hospital admission", "accepted_by": None, "accepted_on": None}
        ],
    }
    assert resignation.evidence["missed"] == [july, september, october]
    assert resignation.date == date(2015, 10, 14)


def test_the_chairs_acceptance_of_an_exceptional_reason_is_in_the_evidence() -> None:
    """1.7.3: "Unless there are exceptional reasons, missing 3 consecutive meetings will be considered as
    resignation": the minutes may record who accepted the reason and when (the chair's discretion), and the
    finding shows it."""
    excused = attrs.evolve(
        absent("tracie-ogara", exceptional="bereavement"),
        exceptional_accepted_by="alistair-bradley",
        exceptional_accepted_on=date(2015, 8, 20),
    )
    history = run_history([entry(ABSENT), excused, entry(ABSENT)])
    (explanation,) = attendance_findings(history)
    assert explanation.evidence["exceptional"] == [
        {
            "meeting": run_days(3)[1],
            "reason": "bereavement",
            "accepted_by": "alistair-bradley",
            "accepted_on": "2015-08-20",
        }
    ]


def test_attending_in_person_breaks_the_run() -> None:
    history = run_history([entry(ABSENT), entry(ABSENT), entry(PRESENT), entry(ABSENT)])
    assert [f.rule for f in attendance_findings(history)] == [WRITTEN_EXPLANATION]


def test_sending_a_deputy_counts_as_missing_the_meeting() -> None:
    history = run_history([deputised("tracie-ogara", "deputy-chief-inspector")] * 3)
    assert sorted(f.rule for f in attendance_findings(history)) == [DEEMED_RESIGNATION, WRITTEN_EXPLANATION]


def test_where_a_deputy_counts_as_attending_a_deputy_breaks_the_run() -> None:
    history = run_history([entry(ABSENT), deputised("tracie-ogara", "hayley-hughes"), entry(ABSENT)])
    reading = CHORLEY_2015.with_parameter("deputy_counts_as_missed", False)
    found = evaluate(history, reading, date(2016, 6, 30)).findings
    assert [f.rule for f in found if f.rule in ATTENDANCE_RULES] == []


def test_where_apologies_are_not_misses_the_finding_says_which_reading_it_used() -> None:
    history = run_history([entry(ABSENT), entry(APOLOGIES), entry(ABSENT), entry(ABSENT)])
    reading = CHORLEY_2015.with_parameter("apologies_count_as_missed", False)
    (finding,) = evaluate(history, reading, date(2016, 6, 30)).of_rule(WRITTEN_EXPLANATION)
    assert finding.date == date(2015, 10, 14)
    assert finding.interpretation["apologies_count_as_missed"] is False


def test_a_meeting_whose_minutes_leave_the_member_out_neither_counts_nor_breaks_the_run() -> None:
    history = run_history([entry(ABSENT), None, entry(ABSENT)])
    (finding,) = attendance_findings(history)
    assert finding.evidence["missed"] == [run_days(3)[0], run_days(3)[2]]


def test_each_threshold_fires_once_per_run() -> None:
    history = run_history([entry(ABSENT)] * 6)
    reading = CHORLEY_2015.with_parameter("deemed_resignation_ends_membership", False)
    found = evaluate(history, reading, date(2016, 6, 30)).findings
    assert sorted(f.rule for f in found if f.rule in ATTENDANCE_RULES) == [
        DEEMED_RESIGNATION,
        WRITTEN_EXPLANATION,
    ]


def test_misses_are_counted_per_group() -> None:
    days = monthly(RUN_STARTS, 3)
    history = chorley(
        memberships=[seat("tracie-ogara", "exec"), seat("tracie-ogara", "ig", "operational-manager")],
        meetings=[
            held("exec", days[0], {"tracie-ogara": "absent"}),
            held("ig", days[0] + timedelta(days=7), {"tracie-ogara": "absent"}),
            held("exec", days[1], {"tracie-ogara": "present"}),
            held("ig", days[1] + timedelta(days=7), {"tracie-ogara": "absent"}),
            held("exec", days[2], {"tracie-ogara": "absent"}),
        ],
    )
    (finding,) = attendance_findings(history)
    assert finding.subject.group == "ig"
    assert finding.rule == WRITTEN_EXPLANATION


def test_someone_who_is_not_a_member_is_never_counted() -> None:
    meetings = [held("exec", day, {"hayley-hughes": "absent"}) for day in monthly(RUN_STARTS, 4)]
    assert attendance_findings(chorley(meetings=meetings)) == ()


def test_a_member_appointed_again_after_a_deemed_resignation_starts_a_new_run() -> None:
    days = monthly(RUN_STARTS, 6)
    history = chorley(
        memberships=[seat("tracie-ogara", "exec"), seat("tracie-ogara", "exec", start=date(2015, 10, 1))],
        meetings=[held("exec", day, {"tracie-ogara": "absent"}) for day in days],
    )
    resignations = evaluate(history, CHORLEY_2015, date(2016, 6, 30)).of_rule(DEEMED_RESIGNATION)
    assert [f.date for f in resignations] == [days[2], days[5]]


# -- 1.7.3 Attendance: the clause as properties ---------------------------------------------------------


DEFAULT_READINGS: dict[str, Any] = {
    "apologies_count_as_missed": True,
    "deputy_counts_as_missed": True,
    "exceptional_reason_skips": True,
    "unrecorded_attendance": "skip",
    "deemed_resignation_ends_membership": True,
}
"""The readings of 1.7.3 that ``chorley-2015`` takes by default (CONTRACT §4, "Counting missed meetings")."""

READINGS = st.fixed_dictionaries(
    {
        "apologies_count_as_missed": st.booleans(),
        "deputy_counts_as_missed": st.booleans(),
        "exceptional_reason_skips": st.booleans(),
        "unrecorded_attendance": st.sampled_from(["skip", "missed", "attended"]),
        "deemed_resignation_ends_membership": st.booleans(),
    }
)


def counted(line: Attendance | None, readings: dict[str, Any]) -> str:
    """How one line of the minutes counts in a run, as the policy's parameters describe their readings:
    ``"attended"`` breaks a run, ``"missed"`` counts towards it, ``"skipped"`` does neither.

    A meeting missed with apologies, or through a deputy, is a missed meeting only under the reading that
    says so ("If not, it counts as attended and breaks a run of misses"); an exceptional reason skips "a
    miss", so it matters only for a meeting that was missed.
    """
    if line is None:
        return {"skip": "skipped", "missed": "missed", "attended": "attended"}[
            readings["unrecorded_attendance"]
        ]
    if line.status is PRESENT:
        return "attended"
    if line.status is APOLOGIES and not readings["apologies_count_as_missed"]:
        return "attended"
    if line.status is DEPUTY and not readings["deputy_counts_as_missed"]:
        return "attended"
    if line.exceptional and readings["exceptional_reason_skips"]:
        return "skipped"
    return "missed"


def clause_1_7_3(
    run: Sequence[Attendance | None], readings: dict[str, Any] = DEFAULT_READINGS
) -> list[tuple[str, int, tuple[int, ...]]]:
    """The thresholds a run reaches, as ``(rule, meeting, meetings missed)`` by position in the run: the
    second counted miss in a row asks for an explanation, the third is a resignation (and, by default, ends
    the seat, so nothing later counts); each fires once per run."""
    reached: list[tuple[str, int, tuple[int, ...]]] = []
    missed: list[int] = []
    for position, line in enumerate(run):
        how = counted(line, readings)
        if how == "skipped":
            continue
        if how == "attended":
            missed = []
            continue
        missed.append(position)
        if len(missed) == 2:
            reached.append((WRITTEN_EXPLANATION, position, tuple(missed)))
        if len(missed) == 3:
            reached.append((DEEMED_RESIGNATION, position, tuple(missed)))
            if readings["deemed_resignation_ends_membership"]:
                break
    return reached


def thresholds(findings: Sequence[Finding]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The attendance findings as ``(rule, meeting, meetings missed)``, by meeting id."""
    return sorted(
        (f.rule, str(f.subject.meeting), tuple(f.evidence["missed"]))
        for f in findings
        if f.rule in ATTENDANCE_RULES
    )


@given(run=attendance_runs())
def test_the_attendance_findings_of_a_run_follow_clause_1_7_3(run: list[Attendance | None]) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings the partnership will consider whether that
    member should be asked for a written explanation. Unless there are exceptional reasons, missing 3
    consecutive meetings will be considered as resignation from the partnership"."""
    ids = run_days(len(run))
    expected = sorted(
        (rule, ids[at], tuple(ids[i] for i in missed)) for rule, at, missed in clause_1_7_3(run)
    )
    assert thresholds(attendance_findings(run_history(run))) == expected


@given(run=attendance_runs(statuses=st.sampled_from(AttendanceStatus)), readings=READINGS)
def test_the_attendance_findings_of_a_run_follow_clause_1_7_3_under_every_reading(
    run: list[Attendance | None], readings: dict[str, Any]
) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings the partnership will consider whether that
    member should be asked for a written explanation. Unless there are exceptional reasons, missing 3
    consecutive meetings will be considered as resignation from the partnership". Whatever the readings of
    what a miss is (apologies, deputies, exceptional reasons, a missing line), the findings are the runs of
    misses so read."""
    policy = CHORLEY_2015
    for name, value in readings.items():
        policy = policy.with_parameter(name, value)
    ids = run_days(len(run))
    expected = sorted(
        (rule, ids[at], tuple(ids[i] for i in missed)) for rule, at, missed in clause_1_7_3(run, readings)
    )
    found = evaluate(run_history(run), policy, date(2016, 6, 30)).findings
    assert thresholds(found) == expected


@given(run=attendance_runs())
def test_no_member_is_deemed_resigned_without_three_consecutive_counted_misses(
    run: list[Attendance | None],
) -> None:
    """1.7.3: "Unless there are exceptional reasons, missing 3 consecutive meetings will be considered as
    resignation from the partnership"."""
    lines = dict(zip(run_days(len(run)), run, strict=True))
    for finding in attendance_findings(run_history(run)):
        if finding.rule != DEEMED_RESIGNATION:
            continue
        missed = finding.evidence["missed"]
        assert len(missed) == 3
        for meeting_id in missed:
            line = lines[meeting_id]
            assert line is not None
            assert line.status is not PRESENT
            assert not line.exceptional
        window = [line for meeting_id, line in lines.items() if missed[0] <= meeting_id <= missed[-1]]
        assert all(line is None or line.status is not PRESENT for line in window)


@given(history=histories(), data=st.data())
def test_in_any_history_a_deemed_resignation_rests_on_three_consecutive_misses(
    history: History, data: st.DataObject
) -> None:
    """1.7.3: "Unless there are exceptional reasons, missing 3 consecutive meetings will be considered as
    resignation from the partnership". Consecutive: at no held meeting of the group between the first miss
    and the third was the member there in person."""
    as_of = data.draw(judgement_days(history))
    meetings = {meeting.id: meeting for meeting in history.meetings}
    for finding in evaluate(history, None, as_of).of_rule(DEEMED_RESIGNATION):
        person, group = str(finding.subject.person), str(finding.subject.group)
        missed = [meetings[meeting_id] for meeting_id in finding.evidence["missed"]]
        assert len(missed) == 3
        for meeting in missed:
            line = AttendanceRecord(meeting).entries.get(person)
            assert line is not None
            assert line.status is not PRESENT
            assert not line.exceptional
        between = [
            meeting
            for meeting in history.meetings
            if meeting.held and group in meeting.groups and missed[0].start < meeting.start < missed[-1].start
        ]
        for meeting in between:
            line = AttendanceRecord(meeting).entries.get(person)
            assert line is None or line.status is not PRESENT


@given(history=histories(), data=st.data())
def test_every_deemed_resignation_follows_a_request_for_explanation_in_the_same_run(
    history: History, data: st.DataObject
) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings the partnership will consider whether that
    member should be asked for a written explanation. Unless there are exceptional reasons, missing 3
    consecutive meetings will be considered as resignation from the partnership": the third miss of a run
    comes after its second."""
    evaluation = evaluate(history, None, data.draw(judgement_days(history)))
    explanations = {
        (f.subject.person, f.subject.group, tuple(f.evidence["missed"])): f
        for f in evaluation.of_rule(WRITTEN_EXPLANATION)
    }
    for resignation in evaluation.of_rule(DEEMED_RESIGNATION):
        run = tuple(resignation.evidence["missed"][:2])
        explanation = explanations.get((resignation.subject.person, resignation.subject.group, run))
        assert explanation is not None
        assert explanation.date <= resignation.date


@given(
    run=attendance_runs(),
    position=st.integers(0, 8),
    status=st.sampled_from([ABSENT, APOLOGIES, DEPUTY]),
    reason=st.sampled_from(REASONS),
)
def test_an_excused_miss_changes_a_run_only_by_being_left_out(
    run: list[Attendance | None], position: int, status: AttendanceStatus, reason: str
) -> None:
    """1.7.3: "Unless there are exceptional reasons, missing 3 consecutive meetings will be considered as
    resignation from the partnership". A miss for an exceptional reason, wherever it falls, neither counts
    towards a run nor breaks it: the meetings each finding counts as missed are the same without it."""
    position = min(position, len(run))
    days = monthly(RUN_STARTS, len(run))
    extra = days[position - 1] + timedelta(days=14) if position else RUN_STARTS - timedelta(days=13)
    excused = Attendance(person="tracie-ogara", status=status, exceptional=reason)
    with_excuse = run_history(
        [*run[:position], excused, *run[position:]], days=[*days[:position], extra, *days[position:]]
    )
    assert thresholds(attendance_findings(with_excuse)) == thresholds(attendance_findings(run_history(run)))


@given(run=attendance_runs(statuses=st.just(APOLOGIES)))
def test_where_apologies_are_not_misses_a_run_of_apologies_never_fires(run: list[Attendance | None]) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings ..." Whether a meeting missed with apologies is
    missed is a reading of the clause (``apologies_count_as_missed``); read as not missed, sending
    apologies every time is never a run."""
    reading = CHORLEY_2015.with_parameter("apologies_count_as_missed", False)
    found = evaluate(run_history(run), reading, date(2016, 6, 30)).findings
    assert [f for f in found if f.rule in ATTENDANCE_RULES] == []


@given(run=attendance_runs(statuses=st.just(DEPUTY)))
def test_where_a_deputy_counts_as_attending_a_run_of_deputies_never_fires(
    run: list[Attendance | None],
) -> None:
    """1.4.8: "Attending meetings in person, avoiding the use of deputies." and 1.7.3: "Should any member
    miss 2 consecutive meetings ...". Whether a member who sends a deputy missed the meeting is a reading
    (``deputy_counts_as_missed``); read as attending, deputising every time is never a run."""
    reading = CHORLEY_2015.with_parameter("deputy_counts_as_missed", False)
    found = evaluate(run_history(run), reading, date(2016, 6, 30)).findings
    assert [f for f in found if f.rule in ATTENDANCE_RULES] == []


@given(run=attendance_runs(statuses=st.sampled_from(AttendanceStatus)))
def test_a_meeting_attended_in_person_is_never_counted_as_missed(run: list[Attendance | None]) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings ...": a member recorded present did not miss
    the meeting, under any reading."""
    attended = {
        meeting_id
        for meeting_id, line in zip(run_days(len(run)), run, strict=True)
        if line is not None and line.status is PRESENT
    }
    for finding in attendance_findings(run_history(run)):
        assert not attended & set(finding.evidence["missed"])


# -- 1.7.4 New partners ---------------------------------------------------------------------------------

JOINED = date(2015, 9, 1)
AGREED = date(2015, 8, 20)
INDUCTED = date(2015, 9, 15)
EXEC_CHAIRED = date(2015, 7, 14)
"""Alistair Bradley chairs the Executive on 14 July 2015, so he chairs it when Runshaw's entry is agreed."""


def admission_findings(
    *,
    agreed_by_chair: str | None = "alistair-bradley",
    agreed_on: date | None = AGREED,
    inducted_on: date | None = INDUCTED,
    as_of: date = date(2015, 12, 31),
) -> tuple[Finding, ...]:
    """Runshaw College joining on 1 September 2015, admitted as given."""
    runshaw = partner(
        "runshaw",
        joined=JOINED,
        agreed_by_chair=agreed_by_chair,
        agreed_on=agreed_on,
        inducted_on=inducted_on,
    )
    history = chorley(
        organisations=[partner("chorley-council"), runshaw],
        meetings=[held("exec", EXEC_CHAIRED, chair="alistair-bradley")],
    )
    return findings_of("admission.new-partner", history, as_of)


def test_runshaw_college_agreed_with_the_chair_and_inducted_is_admitted_properly() -> None:
    assert admission_findings() == ()


def test_a_new_partner_without_an_induction_is_a_finding() -> None:
    (finding,) = admission_findings(inducted_on=None)
    assert finding.clause == "1.7.4"
    assert finding.severity is Severity.BREACH
    assert finding.subject.organisation == "runshaw"
    assert finding.date == JOINED
    assert "an induction" in finding.message


def test_a_new_partner_without_the_chairs_agreement_is_a_finding() -> None:
    (finding,) = admission_findings(agreed_by_chair=None)
    assert "the agreement of the appropriate chair" in finding.message


def test_the_appropriate_chair_is_one_who_chairs_one_of_the_partnerships_groups() -> None:
    """1.7.4: "agreement with the appropriate Chair": Gary Hall chairs none of the groups, so his
    agreement is not a chair's."""
    (finding,) = admission_findings(agreed_by_chair="gary-hall")
    assert "gary-hall chaired none of the partnership's groups on 2015-08-20" in finding.message
    assert finding.evidence["chairs_on_agreement"] == {"alistair-bradley": "exec", "steve-winterson": "ig"}


def test_the_implementation_groups_named_chair_may_agree_a_new_partner() -> None:
    """1.7.4 with table 1.2.1: Steve Winterson, the Implementation Group's named chair, is a chair."""
    assert admission_findings(agreed_by_chair="steve-winterson") == ()


def test_a_chair_counts_from_the_latest_meeting_they_chaired_on_or_before_the_agreement() -> None:
    """1.7.4: Alistair Bradley first chairs the Executive on 14 July 2015: an agreement of 13 July is not
    yet a chair's, one of 14 July is."""
    assert len(admission_findings(agreed_on=EXEC_CHAIRED - timedelta(days=1))) == 1
    assert admission_findings(agreed_on=EXEC_CHAIRED) == ()


def test_an_agreement_with_no_date_is_not_on_record() -> None:
    assert len(admission_findings(agreed_on=None)) == 1


def test_an_induction_not_yet_held_is_not_yet_on_record() -> None:
    assert len(admission_findings(as_of=date(2015, 9, 14))) == 1
    assert admission_findings(as_of=INDUCTED) == ()


def test_the_partners_of_table_1_4_1_are_not_new_partners() -> None:
    founders = [partner("chorley-council"), partner("ccg", joined=STARTED)]
    assert findings_of("admission.new-partner", chorley(organisations=founders), date(2016, 1, 1)) == ()


@given(
    joined=st.dates(STARTED - timedelta(days=30), STARTED + timedelta(days=200)),
    agreed_by_chair=st.sampled_from([None, "alistair-bradley", "steve-winterson"]),
    agreed=st.booleans(),
    inducted=st.booleans(),
)
def test_a_partner_joining_after_the_start_needs_the_chairs_agreement_and_an_induction(
    joined: date, agreed_by_chair: str | None, agreed: bool, inducted: bool
) -> None:
    """1.7.4: "New partners will be agreed through discussion with relevant groups and agreement with the
    appropriate Chair, and have an appropriate induction." """
    runshaw = partner(
        "runshaw",
        joined=joined,
        agreed_by_chair=agreed_by_chair,
        agreed_on=joined - timedelta(days=10) if agreed else None,
        inducted_on=joined + timedelta(days=10) if inducted else None,
    )
    exec_meeting = held("exec", EXEC_CHAIRED, chair="alistair-bradley")
    history = chorley(organisations=[runshaw], meetings=[exec_meeting])
    found = findings_of("admission.new-partner", history, date(2016, 6, 30))
    # The appropriate Chair: one who chairs one of the partnership's groups on the day of the agreement
    # (Steve Winterson is named; Alistair Bradley chairs the Executive from 14 July 2015).
    chairing = agreed_by_chair == "steve-winterson" or (
        agreed_by_chair == "alistair-bradley" and joined - timedelta(days=10) >= EXEC_CHAIRED
    )
    properly = chairing and agreed and inducted
    assert len(found) == (0 if joined <= STARTED or properly else 1)


# -- 1.7.5 and 1.7.6 Items, declarations and votes ------------------------------------------------------

IG_DAY = date(2015, 7, 21)
IG_MEMBERS = ("steve-winterson", "dave-mcbride", "chorley-council-operational-manager")


def ig_meeting(
    *agenda: Item, attendance: Mapping[str, str | Attendance] | None = None, policy: Policy = CHORLEY_2015
) -> Evaluation:
    """An Implementation Group meeting chaired by Steve Winterson on 21 July 2015, every member present
    unless ``attendance`` says otherwise."""
    lines: dict[str, str | Attendance] = dict.fromkeys(IG_MEMBERS, "present")
    lines.update(attendance or {})
    meeting = held("ig", IG_DAY, lines, items=agenda)
    history = chorley(memberships=[seat(person, "ig") for person in IG_MEMBERS], meetings=[meeting])
    return evaluate(history, policy, IG_DAY)


PREJUDICIAL = "interest.prejudicial-participation"
ELIGIBILITY = "decision.vote-eligibility"


def test_a_member_with_a_prejudicial_interest_who_withdrew_and_took_no_part_is_in_order() -> None:
    evaluation = ig_meeting(
        item("4", prejudicial("steve-winterson", withdrew=True), votes_for=["dave-mcbride"])
    )
    assert evaluation.of_rule(PREJUDICIAL) == ()
    assert evaluation.of_rule(ELIGIBILITY) == ()


def test_a_member_with_a_prejudicial_interest_who_stayed_in_the_room_is_a_finding() -> None:
    (finding,) = ig_meeting(item("4", prejudicial("steve-winterson", withdrew=False))).of_rule(PREJUDICIAL)
    assert finding.clause == "1.7.6"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"person": "steve-winterson", "meeting": "ig-2015-07-21", "item": "4"}
    assert finding.evidence["withdrew"] is False


def test_a_member_with_a_prejudicial_interest_who_withdrew_but_voted_is_a_finding() -> None:
    evaluation = ig_meeting(
        item("4", prejudicial("steve-winterson", withdrew=True), votes_for=["steve-winterson"])
    )
    (finding,) = evaluation.of_rule(PREJUDICIAL)
    assert finding.evidence["vote"] == "for"
    (vote,) = evaluation.of_rule(ELIGIBILITY)
    assert vote.evidence["withdrew"] is True


def test_an_abstention_takes_part_in_the_item_by_default() -> None:
    agenda = item("4", prejudicial("steve-winterson", withdrew=True), abstentions=["steve-winterson"])
    (finding,) = ig_meeting(agenda).of_rule(PREJUDICIAL)
    assert finding.interpretation == {"abstention_counts_as_voting": True}


def test_where_an_abstention_is_no_part_an_abstaining_member_who_withdrew_is_in_order() -> None:
    agenda = item("4", prejudicial("steve-winterson", withdrew=True), abstentions=["steve-winterson"])
    reading = CHORLEY_2015.with_parameter("abstention_counts_as_voting", False)
    assert ig_meeting(agenda, policy=reading).of_rule(PREJUDICIAL) == ()


def test_a_personal_interest_only_needs_declaring() -> None:
    agenda = item("4", personal("dave-mcbride"), votes_for=["dave-mcbride"])
    assert ig_meeting(agenda).of_rule(PREJUDICIAL) == ()


def test_a_member_who_stayed_in_the_room_but_took_no_part_in_the_discussion_is_in_order() -> None:
    """1.7.6: "leave the room and/or take no part in the discussions around the particular item": Steve
    Winterson stays, is minuted as taking no part, and does not vote."""
    agenda = item(
        "4", prejudicial("steve-winterson", withdrew=False, took_part=False), votes_for=["dave-mcbride"]
    )
    assert ig_meeting(agenda).of_rule(PREJUDICIAL) == ()


def test_a_member_who_stayed_and_took_no_part_in_the_discussion_but_voted_is_a_finding() -> None:
    """1.7.6: taking no part in the discussion does not allow a vote on the item."""
    agenda = item(
        "4", prejudicial("steve-winterson", withdrew=False, took_part=False), votes_for=["steve-winterson"]
    )
    (finding,) = ig_meeting(agenda).of_rule(PREJUDICIAL)
    assert finding.evidence["took_part"] is False
    assert finding.evidence["vote"] == "for"


@given(
    interest=st.sampled_from(["personal", "prejudicial"]),
    withdrew=st.booleans(),
    took_part=st.sampled_from([None, True, False]),
    vote=st.sampled_from([None, "for", "against", "abstain"]),
)
def test_a_prejudicial_interest_means_leaving_the_room_and_taking_no_part(
    interest: str, withdrew: bool, took_part: bool | None, vote: str | None
) -> None:
    """1.7.6: "Where that interest is also prejudicial and therefore may give others the perception that
    their view is affected by their personal situation, then the member concerned should leave the room
    and/or take no part in the discussions around the particular item"."""
    declaration = (
        prejudicial("steve-winterson", withdrew=withdrew, took_part=took_part)
        if interest == "prejudicial"
        else personal("steve-winterson")
    )
    cast = {side: ["steve-winterson"] if vote == side else [] for side in ("for", "against", "abstain")}
    agenda = item(
        "4", declaration, votes_for=cast["for"], votes_against=cast["against"], abstentions=cast["abstain"]
    )
    # Leaving the room, or staying and being minuted as taking no part, complies; a vote never does.
    stood_aside = withdrew or took_part is False
    assert len(ig_meeting(agenda).of_rule(PREJUDICIAL)) == (
        1 if interest == "prejudicial" and (not stood_aside or vote is not None) else 0
    )


def test_a_vote_by_a_member_present_counts() -> None:
    assert (
        ig_meeting(item("4", votes_for=["dave-mcbride"], votes_against=["steve-winterson"])).of_rule(
            ELIGIBILITY
        )
        == ()
    )


def test_a_vote_by_someone_who_is_not_a_member_is_a_finding() -> None:
    (finding,) = ig_meeting(item("4", votes_for=["hayley-hughes"])).of_rule(ELIGIBILITY)
    assert finding.clause == "1.7.5, 1.7.6"
    assert finding.subject.as_dict() == {"person": "hayley-hughes", "meeting": "ig-2015-07-21", "item": "4"}
    assert finding.evidence["member"] is False


def test_a_vote_recorded_for_a_member_who_sent_apologies_is_a_finding() -> None:
    evaluation = ig_meeting(item("4", votes_for=["dave-mcbride"]), attendance={"dave-mcbride": "apologies"})
    (finding,) = evaluation.of_rule(ELIGIBILITY)
    assert finding.evidence["present"] is False
    assert finding.evidence["member"] is True


def test_a_deputy_may_not_cast_the_members_vote_by_default() -> None:
    sent = {
        "chorley-council-operational-manager": deputised(
            "chorley-council-operational-manager", "hayley-hughes"
        )
    }
    (finding,) = ig_meeting(item("4", votes_for=["hayley-hughes"]), attendance=sent).of_rule(ELIGIBILITY)
    assert finding.evidence["deputy_for"] == "chorley-council-operational-manager"
    assert finding.interpretation == {"deputies_may_vote": False}


def test_where_deputies_may_vote_a_deputys_vote_counts() -> None:
    sent = {
        "chorley-council-operational-manager": deputised(
            "chorley-council-operational-manager", "hayley-hughes"
        )
    }
    reading = CHORLEY_2015.with_parameter("deputies_may_vote", True)
    evaluation = ig_meeting(item("4", votes_for=["hayley-hughes"]), attendance=sent, policy=reading)
    assert evaluation.of_rule(ELIGIBILITY) == ()


@given(
    voter=st.sampled_from([*IG_MEMBERS, "hayley-hughes", "gary-hall"]),
    status=st.sampled_from(AttendanceStatus),
    withdrew=st.booleans(),
)
def test_only_members_present_and_not_withdrawn_may_vote(
    voter: str, status: AttendanceStatus, withdrew: bool
) -> None:
    """1.7.5: "If disagreement cannot be resolved then a vote can be taken." and 1.7.6: "the member
    concerned should leave the room and/or take no part in the discussions around the particular item":
    a vote counts when cast by a member recorded present who has not withdrawn from the item."""
    declarations = [prejudicial(voter, withdrew=True)] if withdrew else []
    line = Attendance(person=voter, status=status, deputy="hayley-hughes" if status is DEPUTY else None)
    found = ig_meeting(item("4", *declarations, votes_for=[voter]), attendance={voter: line}).of_rule(
        ELIGIBILITY
    )
    eligible = voter in IG_MEMBERS and status is PRESENT and not withdrew
    assert len(found) == (0 if eligible else 1)


def assert_expected_are_those_sitting(history: History, as_of: date) -> None:
    """The members expected at each held meeting are those whose seat on one of its groups covers its day,
    with each deemed resignation found ending the seat that covered its day (clause 1.7.3)."""
    known = history.as_it_stood(as_of)
    for partnership in known.partnerships:
        book = FindingsBook(known, partnership, policy_for(partnership, None), as_of)
        resignations: dict[tuple[str, str], list[date]] = {}
        for f in book.stepped:
            if f.rule == DEEMED_RESIGNATION and f.evidence["membership_ends"] is not None:
                key = (str(f.subject.person), str(f.subject.group))
                resignations.setdefault(key, []).append(f.date)

        def sits(membership: Membership, day: date, resignations: dict[tuple[str, str], list[date]]) -> bool:
            end = membership.end
            for resigned in resignations.get((membership.person, membership.group), []):
                if membership.covers(resigned):
                    end = resigned if end is None else min(end, resigned)
            return membership.start <= day and (end is None or day <= end)

        for meeting in book.assessment.meetings:
            if meeting.held:
                sitting = {
                    m.person
                    for m in known.memberships
                    if m.group in meeting.groups
                    and m.group in book.assessment.groups
                    and sits(m, meeting.day, resignations)
                }
                assert set(book.assessment.expected(meeting)) == sitting, meeting.id


@given(history=histories(), data=st.data())
def test_the_members_expected_at_a_meeting_are_those_sitting_on_its_groups_that_day(
    history: History, data: st.DataObject
) -> None:
    """1.7.7 and 1.7.3: a member is expected at a held meeting of a group while a seat of theirs on it
    covers the meeting's day, and a deemed resignation ends the seat on the day of the third miss.

    The attendance runs keep who is expected group by group as meetings go by; this states the answer from
    the memberships and the deemed resignations found, whatever order seats change hands in."""
    assert_expected_are_those_sitting(history, data.draw(judgement_days(history)))


@given(history=histories(), data=st.data())
def test_the_members_a_group_counts_are_those_seated_and_not_deemed_resigned(
    history: History, data: st.DataObject
) -> None:
    """1.7.3: a miss counts towards a member's run while a seat of theirs on the group covers the
    meeting's day, and not under a seat a deemed resignation has ended (nor on that day).

    The attendance runs place a member again only on the days their place changes; this checks, after
    every held meeting, that the group counts exactly whom the memberships say it counts on that day, and
    that the runs it keeps going are those of counted members who have missed since they last attended."""
    as_of = data.draw(judgement_days(history))
    known = history.as_it_stood(as_of)
    for partnership in known.partnerships:
        assessment = Assessment(known, partnership, policy_for(partnership, None), as_of)
        runs = assessment.runs
        seated: dict[tuple[str, str], list[Membership]] = {}
        for membership in known.memberships:
            seated.setdefault((membership.group, membership.person), []).append(membership)
        for meeting in assessment.meetings:
            if not meeting.held:
                continue
            assessment.observe(meeting)
            day = meeting.day
            for group in meeting.groups:
                roster = runs.roster(group, day)
                if roster is None:
                    continue
                resigned = {
                    (t.person, t.group): t.meeting.day
                    for t in runs.thresholds
                    if t.rule == DEEMED_RESIGNATION and t.ends_membership
                }
                counted = {
                    person
                    for (of, person), seats in seated.items()
                    if of == group
                    and any(
                        m.covers(day)
                        and ((person, group) not in resigned or m.start > resigned[(person, group)])
                        for m in seats
                    )
                }
                assert set(roster.counted) == counted, (meeting.id, group)
                assert roster.running == {p: s for p, s in roster.counted.items() if s.missed}


@given(
    run=attendance_runs(max_size=12),
    first_end=st.none() | st.integers(0, 12),
    second=st.none() | st.tuples(st.integers(0, 12), st.none() | st.integers(0, 12)),
)
def test_a_member_resigned_by_misses_is_expected_again_only_under_a_later_seat(
    run: list[Attendance | None], first_end: int | None, second: tuple[int, int | None] | None
) -> None:
    """A member deemed resigned is not expected at the group's later meetings (clause 1.7.3) unless a seat
    starting afterwards seats them again; seats ending or starting between meetings count from their day."""
    days = monthly(RUN_STARTS, len(run))
    history = run_history(run, days=days)
    (first,) = history.memberships
    seats = [
        attrs.evolve(first, end=RUN_STARTS + timedelta(days=15 + 30 * first_end))
        if first_end is not None
        else first
    ]
    if second is not None:
        start, length = second
        begins = RUN_STARTS + timedelta(days=20 + 30 * start)
        ends = begins + timedelta(days=30 * length) if length is not None else None
        if seats[0].end is None or seats[0].end < begins:
            seats.append(attrs.evolve(first, start=begins, end=ends))
    history = attrs.evolve(history, memberships=seats)
    assert_expected_are_those_sitting(history, days[-1] if days else RUN_STARTS)
