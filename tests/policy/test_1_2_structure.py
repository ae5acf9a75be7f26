"""Section 1.2 of the terms of reference: the structure (table 1.2.1), and the chairs it names (1.7.2).

The rules: ``composition.role`` (who sits on which tier), ``meeting.frequency`` (the regularity of
meetings) and ``meeting.chair`` (who chairs each tier).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from psr_core import (
    CHORLEY_2015,
    CHORLEY_2015_REVIEW,
    Finding,
    History,
    HistoryError,
    MeetingStatus,
    Membership,
    PartnerStatus,
    Policy,
    Role,
    Severity,
    check_named_chairs,
    evaluate,
    unnamed_chairs,
)
from strategies import memberships
from strategies.chorley import (
    GROUPS,
    ORGANISATIONS,
    PEOPLE,
    STARTED,
    chorley,
    findings_of,
    full_structure,
    held,
    partner,
    seat,
)

FREQUENCY = "meeting.frequency"
CHAIR = "meeting.chair"
ROLE = "composition.role"

TABLE_1_2_1_ROLES = {
    "exec": {Role.CHIEF_OFFICER, Role.ADVOCATE},
    "ig": {Role.OPERATIONAL_MANAGER},
    "board": {Role.ACCOUNTABLE_REPRESENTATIVE, Role.INDEPENDENT_CHAIR},
}
"""Table 1.2.1's membership row, with the advocates' place on the Executive (1.4.10) and the Board's
independent chair."""


# -- Membership of each tier ----------------------------------------------------------------------------


def role_findings(*seats: tuple[str, str, Role]) -> tuple[Finding, ...]:
    history = chorley(memberships=[seat(person, group, role) for person, group, role in seats])
    return findings_of(ROLE, history, date(2016, 1, 1))


def test_the_structure_of_the_seeds_puts_everyone_in_a_role_their_tier_has() -> None:
    assert findings_of(ROLE, chorley(memberships=full_structure()), date(2016, 1, 1)) == ()


def test_gary_hall_sits_on_the_executive_as_a_chief_officer() -> None:
    assert role_findings(("gary-hall", "exec", Role.CHIEF_OFFICER)) == ()


def test_allan_jones_the_business_advocate_has_a_place_on_the_executive() -> None:
    assert role_findings(("allan-jones", "exec", Role.ADVOCATE)) == ()


def test_a_chief_officer_on_the_implementation_group_sits_in_the_wrong_role() -> None:
    (finding,) = role_findings(("gary-hall", "ig", Role.CHIEF_OFFICER))
    assert finding.clause == "1.2.1"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"person": "gary-hall", "group": "ig"}
    assert finding.date == STARTED
    assert finding.evidence["fitting_roles"] == ["operational-manager"]


def test_reverend_martin_cox_has_no_advocates_place_on_the_board() -> None:
    (finding,) = role_findings(("martin-cox", "board", Role.ADVOCATE))
    assert finding.subject.group == "board"


def test_the_boards_independent_chair_sits_on_the_board() -> None:
    assert role_findings(("independent-chair", "board", Role.INDEPENDENT_CHAIR)) == ()


@given(seats=st.lists(memberships(), max_size=6))
def test_each_tier_has_the_members_table_1_2_1_gives_it(seats: list[Membership]) -> None:
    """1.2.1, Membership: "[Executive] Chief Officers representative from each of the organisations (i.e.
    Chief Executives / Senior Managers); [Implementation Group] Operational Managers representative from
    each of the organisations (i.e. Heads of Service / Operating Officers); [Board] An accountable
    representative from each of the organisations, with a mandate to hold their organisation to account";
    1.4.10: the advocates "will have a place on the Executive"; the Board is "To elect an independent
    Chair". Each seat in a role its tier does not have is one finding, from the day the seat began."""
    as_of = date(2018, 1, 1)
    found = findings_of(ROLE, chorley(memberships=seats), as_of)
    misfits = [m for m in seats if m.role not in TABLE_1_2_1_ROLES[m.group]]
    assert sorted((f.subject.person, f.subject.group, f.date) for f in found) == sorted(
        (m.person, m.group, m.start) for m in misfits
    )


# -- Regularity of meetings -----------------------------------------------------------------------------


def frequency_findings(
    group: str, days: list[date], as_of: date, policy: Policy = CHORLEY_2015
) -> tuple[Finding, ...]:
    history = chorley(meetings=[held(group, day) for day in days])
    return tuple(f for f in evaluate(history, policy, as_of).of_rule(FREQUENCY) if f.subject.group == group)


def test_the_partnerships_start_counts_as_the_first_meeting() -> None:
    assert frequency_findings("exec", [date(2015, 7, 30)], date(2015, 7, 31)) == ()


def test_a_first_executive_meeting_in_august_is_late() -> None:
    (finding,) = frequency_findings("exec", [date(2015, 8, 4)], date(2015, 8, 31))
    assert finding.clause == "1.2.1"
    assert finding.severity is Severity.BREACH
    assert finding.date == date(2015, 8, 1)
    assert finding.subject.as_dict() == {"group": "exec", "meeting": "exec-2015-08-04"}
    assert finding.evidence["previous"] is None
    assert finding.evidence["previous_date"] == "2015-06-16"
    assert finding.evidence["due_by"] == "2015-07"


def test_a_monthly_group_may_meet_on_the_first_of_one_month_and_the_last_of_the_next() -> None:
    assert frequency_findings("exec", [date(2015, 7, 1), date(2015, 8, 31)], date(2015, 9, 30)) == ()


def test_a_month_and_a_day_can_be_too_long_between_monthly_meetings() -> None:
    (finding,) = frequency_findings("exec", [date(2015, 7, 31), date(2015, 9, 1)], date(2015, 9, 30))
    assert finding.date == date(2015, 9, 1)
    assert finding.evidence["previous"] == "exec-2015-07-31"
    assert finding.evidence["next"] == "exec-2015-09-01"


def test_a_monthly_group_meets_across_the_new_year_in_consecutive_months() -> None:
    days = [date(2015, 7, 14), date(2015, 8, 11), date(2015, 9, 8), date(2015, 10, 13)]
    days += [date(2015, 11, 10), date(2015, 12, 15), date(2016, 1, 26)]
    assert frequency_findings("exec", days, date(2016, 2, 29)) == ()


def test_an_open_gap_fires_only_once_the_month_it_was_due_in_has_passed() -> None:
    days = [date(2015, 7, 14)]
    assert frequency_findings("exec", days, date(2015, 8, 31)) == ()
    (finding,) = frequency_findings("exec", days, date(2015, 9, 1))
    assert finding.date == date(2015, 9, 1)
    assert finding.subject.as_dict() == {"group": "exec"}
    assert finding.evidence["next"] is None
    assert finding.evidence["due_by"] == "2015-08"


def test_an_open_gap_is_one_finding_however_long_it_stays_open() -> None:
    assert len(frequency_findings("exec", [date(2015, 7, 14)], date(2016, 5, 1))) == 1


def test_a_late_meeting_replaces_the_open_gap_it_closes() -> None:
    (finding,) = frequency_findings("exec", [date(2015, 7, 14), date(2015, 11, 10)], date(2015, 11, 30))
    assert finding.evidence["next"] == "exec-2015-11-10"
    assert finding.date == date(2015, 9, 1)


def test_the_board_meets_six_monthly() -> None:
    assert frequency_findings("board", [date(2015, 12, 31)], date(2016, 1, 31)) == ()
    (late,) = frequency_findings("board", [date(2016, 1, 5)], date(2016, 1, 31))
    assert late.date == date(2016, 1, 1)
    assert late.evidence["cadence_months"] == 6


def test_a_cancelled_meeting_does_not_count() -> None:
    history = chorley(meetings=[held("exec", date(2015, 7, 14), status=MeetingStatus.CANCELLED)])
    found = findings_of(FREQUENCY, history, date(2015, 8, 1))
    assert [f.subject.group for f in found] == ["exec", "ig"]


def test_a_joint_meeting_counts_for_each_of_its_groups() -> None:
    history = chorley(meetings=[held(("exec", "ig"), date(2015, 7, 14), chair="alistair-bradley")])
    assert findings_of(FREQUENCY, history, date(2015, 8, 31)) == ()


def test_under_the_2015_review_the_board_meets_bimonthly() -> None:
    assert frequency_findings("board", [], date(2015, 9, 1)) == ()
    (finding,) = frequency_findings("board", [], date(2015, 9, 1), policy=CHORLEY_2015_REVIEW)
    assert finding.clause == "Governance 1: structure"
    assert finding.evidence["cadence_months"] == 2


def month(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_of(months: int) -> date:
    return date(months // 12, months % 12 + 1, 1)


@given(
    tier=st.sampled_from([("exec", 1), ("ig", 1), ("board", 6)]),
    days=st.lists(st.dates(STARTED + timedelta(days=1), date(2017, 6, 30)), unique=True, max_size=10),
    as_of=st.dates(STARTED, date(2017, 9, 30)),
)
def test_each_group_meets_as_regularly_as_table_1_2_1_says(
    tier: tuple[str, int], days: list[date], as_of: date
) -> None:
    """1.2.1, Regularity of meetings: "[Executive] Monthly; [Implementation Group] Monthly; [Board] Six
    monthly". Each meeting falls in or before the calendar month N months after the last one (the start
    counts as the first); a gap still open fires once the month it was due in has passed."""
    group, cadence = tier
    previous, expected = STARTED, list[tuple[date, str | None]]()
    for day in sorted(d for d in days if d <= as_of):
        if month(day) > month(previous) + cadence:
            expected.append((first_of(month(previous) + cadence + 1), f"{group}-{day.isoformat()}"))
        previous = day
    if month(as_of) > month(previous) + cadence:
        expected.append((first_of(month(previous) + cadence + 1), None))
    found = frequency_findings(group, days, as_of)
    assert sorted(((f.date, f.evidence["next"]) for f in found), key=str) == sorted(expected, key=str)


# -- The chairs -----------------------------------------------------------------------------------------

EXEC_DAY = date(2015, 7, 14)


def chaired(group: str, chair: str | None) -> tuple[Finding, ...]:
    return chair_findings(chorley(meetings=[held(group, EXEC_DAY, chair=chair)]))


def chair_findings(history: History, policy: Policy = CHORLEY_2015) -> tuple[Finding, ...]:
    return findings_of(CHAIR, history, EXEC_DAY, policy)


def test_the_leader_of_chorley_council_chairs_the_executive() -> None:
    assert chaired("exec", "alistair-bradley") == ()


def test_the_chief_executive_of_the_district_council_may_not_chair_the_executive() -> None:
    (finding,) = chaired("exec", "gary-hall")
    assert finding.clause == "1.2.1, 1.7.2"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"person": "gary-hall", "group": "exec", "meeting": "exec-2015-07-14"}
    assert finding.evidence["chair"] == "gary-hall"


def test_the_leader_of_another_council_may_not_chair_the_executive() -> None:
    (finding,) = chaired("exec", "lcc-leader")
    assert "chorley-council" in finding.evidence["rules"]["exec"]


def test_a_meeting_with_no_chair_recorded_is_a_finding() -> None:
    (finding,) = chaired("exec", None)
    assert finding.evidence["chair"] is None
    assert finding.subject.meeting == "exec-2015-07-14"


def test_steve_winterson_chairs_the_implementation_group() -> None:
    assert chaired("ig", "steve-winterson") == ()


def test_no_one_else_chairs_the_implementation_group() -> None:
    (finding,) = chaired("ig", "dave-mcbride")
    assert finding.evidence["rules"] == {"ig": "its named chair steve-winterson"}


def test_the_board_is_chaired_by_its_independent_chair() -> None:
    assert chaired("board", "independent-chair") == ()


def test_a_partners_representative_is_not_an_independent_chair_of_the_board() -> None:
    (finding,) = chaired("board", "alistair-bradley")
    assert finding.subject.person == "alistair-bradley"


def test_a_chair_from_an_organisation_that_had_not_yet_joined_was_independent_on_the_day() -> None:
    runshaw = partner(
        "runshaw",
        joined=date(2016, 1, 1),
        agreed_by_chair="alistair-bradley",
        agreed_on=date(2015, 12, 1),
        inducted_on=date(2016, 1, 5),
    )
    board = held("board", date(2015, 12, 8), chair="runshaw-chief-officer")
    history = chorley(organisations=[partner("chorley-council"), runshaw], meetings=[board])
    assert findings_of(CHAIR, history, date(2015, 12, 31)) == ()
    assert findings_of(CHAIR, history, date(2016, 3, 31)) == ()


def test_under_the_2015_review_the_implementation_group_elects_its_chair_from_its_members() -> None:
    history = chorley(
        memberships=[seat("dave-mcbride", "ig")],
        meetings=[held("ig", EXEC_DAY, {"dave-mcbride": "present"}, chair="dave-mcbride")],
    )
    assert chair_findings(history, CHORLEY_2015_REVIEW) == ()
    assert len(chair_findings(history)) == 1


CANDIDATES = [person.id for person in PEOPLE]


@given(chair=st.sampled_from(CANDIDATES))
def test_only_the_leader_of_the_district_council_chairs_the_executive(chair: str) -> None:
    """1.2.1, Chair: "[Executive] Leader of the district council (to bring democratic accountability)";
    1.7.2: "The partnership groups will appoint Chairs as indicated." """
    person = {p.id: p for p in PEOPLE}[chair]
    leader = "council-leader" in person.offices and person.organisation == "chorley-council"
    assert len(chaired("exec", chair)) == (0 if leader else 1)


@given(chair=st.sampled_from(CANDIDATES))
def test_only_steve_winterson_chairs_the_implementation_group(chair: str) -> None:
    """1.2.1, Chair: "[Implementation Group] Steve Winterson, Engagement Director, Lancashire Care
    Foundation Trust"; 1.7.2: "The partnership groups will appoint Chairs as indicated." """
    assert len(chaired("ig", chair)) == (0 if chair == "steve-winterson" else 1)


@given(
    chair=st.sampled_from(CANDIDATES),
    statuses=st.fixed_dictionaries({o.id: st.sampled_from(PartnerStatus) for o in ORGANISATIONS}),
)
def test_the_board_elects_a_chair_independent_of_the_partners(
    chair: str, statuses: dict[str, PartnerStatus]
) -> None:
    """1.2.1, Chair: "[Board] To elect an independent Chair"; 1.3.1: "Partners will sign up their
    commitment deliver as part of the partnership by becoming full partners or opting to be affiliated
    partners". A chair is independent when their organisation is neither."""
    organisations = [partner(o.id, status=statuses[o.id]) for o in ORGANISATIONS]
    history = chorley(organisations=organisations, meetings=[held("board", EXEC_DAY, chair=chair)])
    person = {p.id: p for p in PEOPLE}[chair]
    partners = (PartnerStatus.FULL, PartnerStatus.AFFILIATED)
    independent = person.organisation is None or statuses[person.organisation] not in partners
    assert len(chair_findings(history)) == (0 if independent else 1)


def test_a_group_whose_chair_the_terms_name_must_record_them() -> None:
    """Table 1.2.1: "Chair: ... [Implementation Group] Steve Winterson, Engagement Director, Lancashire
    Care Foundation Trust". Under chorley-2015 the Implementation Group's chair is a named person, so an
    Implementation Group with no ``chair`` cannot be judged: it is bad input, not a group anyone may chair."""
    unnamed = chorley(groups=[attrs.evolve(g, chair=None) for g in GROUPS])
    (problem,) = unnamed_chairs(unnamed, None)
    assert problem.startswith("group ig (implementation) names no chair")
    with pytest.raises(HistoryError, match="group ig"):
        check_named_chairs(unnamed, None)
    assert unnamed_chairs(chorley(), None) == []


def test_under_the_review_no_chair_is_named_so_none_need_be_recorded() -> None:
    """The March 2015 review: "[Implementation Group] Chair: To elect a Chair from within the Membership"."""
    unnamed = chorley(groups=[attrs.evolve(g, chair=None) for g in GROUPS])
    assert unnamed_chairs(unnamed, CHORLEY_2015_REVIEW) == []
