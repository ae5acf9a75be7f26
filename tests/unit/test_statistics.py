"""Attendance statistics: the figures per member per group, and per organisation per tier."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

import pytest

from psr_core import (
    CHORLEY_2015,
    Attendance,
    AttendanceStatus,
    Group,
    History,
    Meeting,
    MeetingStatus,
    Membership,
    Organisation,
    Partnership,
    PartnerStatus,
    Person,
    Policy,
    Role,
    Tier,
    evaluate,
)
from psr_core.statistics import Mark, MemberStatistics, attendance_statistics, mark_of

STARTED = date(2015, 6, 16)
PARTNERSHIP = Partnership(
    id="chorley",
    name="Chorley Public Service Reform Partnership",
    policy="chorley-2015",
    timezone="Europe/London",
    started=STARTED,
    district_council="chorley-council",
)
ORGANISATIONS = (
    Organisation(
        id="chorley-council", name="Chorley Council", partnership="chorley", status=PartnerStatus.FULL
    ),
    Organisation(
        id="constabulary", name="Lancashire Constabulary", partnership="chorley", status="affiliated"
    ),
    Organisation(
        id="housing",
        name="Chorley Community Housing",
        partnership="chorley",
        status="affiliated",
        joined=date(2015, 9, 1),
    ),
)
PEOPLE = (
    Person(id="alistair-bradley", name="Alistair Bradley", organisation="chorley-council"),
    Person(id="tracie-ogara", name="Tracie O'Gara", organisation="constabulary"),
    Person(id="lynne-rigby", name="Lynne Rigby", organisation="housing"),
    Person(id="rachel-sumner", name="Rachel Sumner", organisation="chorley-council"),
)
GROUPS = (
    Group(id="exec", partnership="chorley", tier=Tier.EXECUTIVE),
    Group(id="ig", partnership="chorley", tier=Tier.IMPLEMENTATION),
)
MONTHS = (7, 8, 9, 10, 11, 12)


def seat(person: str, group: str = "exec", start: date = STARTED, end: date | None = None) -> Membership:
    role = Role.CHIEF_OFFICER if group == "exec" else Role.OPERATIONAL_MANAGER
    return Membership(person=person, group=group, role=role, start=start, end=end)


def held(
    month: int, entries: dict[str, AttendanceStatus | Attendance], group: str = "exec", day: int = 14
) -> Meeting:
    attendance = [
        entry if isinstance(entry, Attendance) else Attendance(person=person, status=entry)
        for person, entry in entries.items()
    ]
    return Meeting(
        id=f"{group}-2015-{month:02d}",
        groups=(group,),
        start=datetime.combine(date(2015, month, day), time(10)),
        status=MeetingStatus.HELD,
        attendance=attendance,
    )


def history(meetings: Sequence[Meeting], memberships: Sequence[Membership] | None = None) -> History:
    return History(
        partnerships=[PARTNERSHIP],
        organisations=ORGANISATIONS,
        people=PEOPLE,
        groups=GROUPS,
        memberships=memberships or [seat("alistair-bradley"), seat("tracie-ogara")],
        meetings=meetings,
    )


P, A, X, D = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
    AttendanceStatus.DEPUTY,
)


def excused(status: AttendanceStatus = A, person: str = "tracie-ogara") -> Attendance:
    return Attendance(person=person, status=status, exceptional="hospital admission")


def tracie(
    record: History, start: date = STARTED, end: date = date(2015, 12, 31), policy: Policy | None = None
) -> MemberStatistics:
    statistics = attendance_statistics(record, "chorley", policy, start, end)
    member = statistics.member("tracie-ogara", "exec")
    assert member is not None
    return member


def test_each_expected_meeting_has_one_mark_and_the_marks_add_up_to_the_meetings_expected() -> None:
    record = history(
        [
            held(7, {"alistair-bradley": P, "tracie-ogara": P}),
            held(8, {"alistair-bradley": P, "tracie-ogara": A}),
            held(9, {"alistair-bradley": P, "tracie-ogara": P}),
            held(10, {"alistair-bradley": P, "tracie-ogara": Attendance("tracie-ogara", D, deputy="x")}),
            held(11, {"alistair-bradley": P, "tracie-ogara": excused(X)}),
            held(12, {"alistair-bradley": P}),
        ]
    )
    member = tracie(record)
    figures = (member.present, member.apologies, member.absent, member.deputised, member.excused)
    assert figures == (2, 1, 0, 1, 1)
    assert member.unrecorded == 1
    assert member.expected == 6 == sum(member.count(mark) for mark in Mark)


def test_a_miss_with_an_exceptional_reason_is_excused_whatever_its_status() -> None:
    assert mark_of(excused(A)) is Mark.EXCUSED
    assert mark_of(excused(D)) is Mark.EXCUSED
    assert mark_of(Attendance("tracie-ogara", P, exceptional="left early")) is Mark.PRESENT
    assert mark_of(None) is Mark.UNRECORDED


def test_cancelled_and_scheduled_meetings_count_for_nobody() -> None:
    cancelled = Meeting(
        id="exec-2015-08", groups=("exec",), start=datetime(2015, 8, 11, 10), status=MeetingStatus.CANCELLED
    )
    record = history([held(7, {"tracie-ogara": P, "alistair-bradley": P}), cancelled])
    statistics = attendance_statistics(record, "chorley", None, STARTED, date(2015, 12, 31))
    assert statistics.groups[0].meetings == ("exec-2015-07",)
    assert tracie(record).expected == 1


def test_the_current_run_counts_misses_before_the_period_and_skips_an_excused_miss() -> None:
    """1.7.3 as the rules read it: apologies count as missed; an exceptional reason neither counts nor breaks."""
    record = history(
        [
            held(7, {"tracie-ogara": P}),
            held(8, {"tracie-ogara": A}),
            held(9, {"tracie-ogara": excused()}),
            held(10, {"tracie-ogara": X}),
        ]
    )
    member = tracie(record, start=date(2015, 10, 1))
    assert member.expected == 1
    assert member.run == ("exec-2015-08", "exec-2015-10")
    assert member.current_run == 2
    assert [cell.counted_miss for cell in member.cells] == [True]


def test_a_deemed_resignation_ends_the_seat_and_the_run_that_ended_it_is_reported() -> None:
    record = history([held(month, {"tracie-ogara": X, "alistair-bradley": P}) for month in MONTHS])
    member = tracie(record)
    assert member.run == ("exec-2015-07", "exec-2015-08", "exec-2015-09")
    assert member.resigned_on == date(2015, 9, 14)
    assert member.expected == 3, "not expected after the seat ended"
    finding = evaluate(record, None, date(2015, 12, 31)).of_rule("attendance.deemed-resignation")
    assert [f.evidence["missed"] for f in finding] == [list(member.run)]


def test_when_a_resignation_does_not_end_the_seat_the_run_goes_on() -> None:
    policy = CHORLEY_2015.with_parameter("deemed_resignation_ends_membership", False)
    record = history([held(month, {"tracie-ogara": X}) for month in MONTHS])
    member = tracie(record, policy=policy)
    assert member.current_run == 6
    assert member.resigned_on is None


def test_under_the_other_readings_apologies_and_deputies_break_a_run_but_are_still_counted() -> None:
    policy = CHORLEY_2015.with_parameter("apologies_count_as_missed", False).with_parameter(
        "deputy_counts_as_missed", False
    )
    record = history(
        [
            held(7, {"tracie-ogara": X}),
            held(8, {"tracie-ogara": A}),
            held(9, {"tracie-ogara": X}),
            held(10, {"tracie-ogara": Attendance("tracie-ogara", D)}),
            held(11, {"tracie-ogara": X}),
        ]
    )
    member = tracie(record, policy=policy)
    assert (member.apologies, member.deputised, member.absent) == (1, 1, 3)
    assert member.run == ("exec-2015-11",)
    assert member.counted_misses == 3


def test_a_missing_attendance_entry_counts_as_the_policy_reads_it() -> None:
    record = history([held(month, {"alistair-bradley": P}) for month in (7, 8)])
    assert tracie(record).current_run == 0
    missed = CHORLEY_2015.with_parameter("unrecorded_attendance", "missed")
    assert tracie(record, policy=missed).current_run == 2
    assert tracie(record, policy=missed).unrecorded == 2


def test_a_member_is_expected_only_while_a_seat_covers_the_meeting() -> None:
    memberships = [
        seat("alistair-bradley"),
        seat("tracie-ogara", start=date(2015, 9, 1), end=date(2015, 10, 31)),
    ]
    record = history([held(month, {"tracie-ogara": P}) for month in MONTHS], memberships)
    member = tracie(record)
    assert [cell.meeting for cell in member.cells] == ["exec-2015-09", "exec-2015-10"]


def test_a_member_with_a_seat_but_no_meeting_yet_is_listed_with_nothing_expected() -> None:
    memberships = [seat("alistair-bradley"), seat("tracie-ogara", start=date(2015, 12, 20))]
    record = history([held(month, {"alistair-bradley": P}) for month in MONTHS], memberships)
    assert tracie(record).expected == 0
    gone = [seat("alistair-bradley"), seat("tracie-ogara", end=date(2015, 6, 30))]
    statistics = attendance_statistics(
        history([held(7, {})], gone), "chorley", None, STARTED, date(2015, 12, 31)
    )
    assert statistics.member("tracie-ogara", "exec") is None


def test_representation_counts_meetings_in_person_by_deputy_and_from_the_day_an_organisation_joined() -> None:
    memberships = [
        seat("alistair-bradley"),
        seat("tracie-ogara"),
        seat("lynne-rigby", start=date(2015, 9, 1)),
        seat("rachel-sumner", "ig"),
    ]
    meetings = [
        held(7, {"alistair-bradley": P, "tracie-ogara": Attendance("tracie-ogara", D, deputy="x")}),
        held(8, {"alistair-bradley": A, "tracie-ogara": P}),
        held(9, {"alistair-bradley": P, "tracie-ogara": X, "lynne-rigby": P}),
        held(10, {"alistair-bradley": P, "tracie-ogara": X, "lynne-rigby": A}),
        held(7, {"rachel-sumner": P}, group="ig", day=28),
    ]
    statistics = attendance_statistics(
        history(meetings, memberships), "chorley", None, STARTED, date(2015, 12, 31)
    )
    shares = {(r.organisation, r.tier): r for r in statistics.representation}
    council = shares[("chorley-council", Tier.EXECUTIVE)]
    assert (council.meetings, council.seated, council.in_person, council.by_deputy) == (4, 4, 3, 0)
    police = shares[("constabulary", Tier.EXECUTIVE)]
    assert (police.in_person, police.by_deputy, police.represented, police.share) == (1, 1, 2, 0.5)
    housing = shares[("housing", Tier.EXECUTIVE)]
    assert (housing.meetings, housing.represented) == (2, 1), "only meetings after it joined"
    assert shares[("constabulary", Tier.IMPLEMENTATION)].seated == 0
    assert shares[("chorley-council", Tier.IMPLEMENTATION)].share == 1.0


def test_a_joint_meeting_counts_for_the_partnerships_own_group() -> None:
    other = Group(id="sr-exec", partnership="south-ribble", tier=Tier.EXECUTIVE)
    joint = Meeting(
        id="joint-2015-07",
        groups=("exec", "sr-exec"),
        start=datetime(2015, 7, 14, 10),
        status=MeetingStatus.HELD,
        attendance=[Attendance("tracie-ogara", A)],
    )
    record = History(
        partnerships=[PARTNERSHIP],
        organisations=ORGANISATIONS,
        people=PEOPLE,
        groups=[*GROUPS, other],
        memberships=[seat("tracie-ogara")],
        meetings=[joint],
    )
    statistics = attendance_statistics(record, "chorley", None, STARTED, date(2015, 12, 31))
    assert [g.group for g in statistics.groups] == ["exec", "ig"]
    assert tracie(record).apologies == 1


def test_a_period_must_be_in_order_and_the_partnership_must_have_started() -> None:
    record = history([])
    with pytest.raises(ValueError, match="must not end before it starts"):
        attendance_statistics(record, "chorley", None, date(2015, 12, 31), date(2015, 1, 1))
    with pytest.raises(ValueError, match="no partnership 'chorley' had started by 2015-01-01"):
        attendance_statistics(record, "chorley", None, date(2015, 1, 1), date(2015, 1, 1))
    with pytest.raises(ValueError, match="the partnerships are: chorley"):
        attendance_statistics(record, "preston", None, STARTED, date(2015, 12, 31))


def test_group_totals_add_up_the_members() -> None:
    record = history(
        [held(month, {"alistair-bradley": P, "tracie-ogara": A if month % 2 else P}) for month in MONTHS]
    )
    group = attendance_statistics(record, "chorley", None, STARTED, date(2015, 12, 31)).groups[0]
    assert group.expected == 12
    assert group.total(Mark.PRESENT) == 9
    assert group.total(Mark.APOLOGIES) == 3
