"""Section 1.4 of the terms of reference: membership of the partnership.

The rules: ``composition.advocates`` (the three advocate roles, 1.4.9 and 1.4.10) and ``attendance.deputy``
(attending in person, 1.4.8).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from psr_core import AdvocateRole, Attendance, AttendanceStatus, Finding, Membership, Person, Role, Severity
from strategies.chorley import (
    CHORLEY,
    PEOPLE,
    STARTED,
    chorley,
    deputised,
    findings_of,
    full_structure,
    held,
    seat,
)

ADVOCATES = "composition.advocates"
DEPUTY = "attendance.deputy"
AS_OF = date(2016, 1, 1)

THIRD_SECTOR_ADVOCATE = Person(
    id="third-sector-advocate", name="Third Sector Advocate", advocate=AdvocateRole.THIRD_SECTOR
)
"""Table 1.4.1 has the Third Sector Advocate "TBC"; this is whoever is confirmed."""

EVERYONE = (*PEOPLE, THIRD_SECTOR_ADVOCATE)
ADVOCATE_OF = {
    AdvocateRole.BUSINESS: "allan-jones",
    AdvocateRole.COMMUNITY: "martin-cox",
    AdvocateRole.THIRD_SECTOR: "third-sector-advocate",
}


def advocate_findings(*memberships: Membership, as_of: date = AS_OF) -> tuple[Finding, ...]:
    return findings_of(ADVOCATES, chorley(people=EVERYONE, memberships=memberships), as_of)


def not_advocates() -> list[Membership]:
    return [m for m in full_structure() if m.role is not Role.ADVOCATE]


# -- 1.4.9 and 1.4.10 The advocates ---------------------------------------------------------------------


def test_table_1_4_1_leaves_the_third_sector_advocate_to_be_confirmed() -> None:
    (finding,) = findings_of(ADVOCATES, chorley(memberships=full_structure()), AS_OF)
    assert finding.clause == "1.4.9, 1.4.10"
    assert finding.severity is Severity.ACTION
    assert finding.subject.as_dict() == {"partnership": CHORLEY.id}
    assert finding.date == STARTED
    assert finding.evidence["advocate"] == "third-sector"


def test_once_a_third_sector_advocate_is_confirmed_every_role_is_filled() -> None:
    assert advocate_findings(*full_structure(), seat("third-sector-advocate", "exec", Role.ADVOCATE)) == ()


def test_an_advocate_seated_on_the_implementation_group_has_no_place_on_the_executive() -> None:
    found = advocate_findings(
        seat("allan-jones", "ig", Role.ADVOCATE),
        seat("martin-cox", "exec", Role.ADVOCATE),
        seat("third-sector-advocate", "exec", Role.ADVOCATE),
    )
    assert [f.evidence["advocate"] for f in found] == ["business"]


def test_an_advocate_sits_on_the_executive_as_an_advocate() -> None:
    found = advocate_findings(
        seat("allan-jones", "exec", Role.CHIEF_OFFICER),
        seat("martin-cox", "exec", Role.ADVOCATE),
        seat("third-sector-advocate", "exec", Role.ADVOCATE),
    )
    assert [f.evidence["advocate"] for f in found] == ["business"]


def test_a_member_who_is_no_advocate_does_not_fill_an_advocates_place() -> None:
    found = advocate_findings(
        seat("gary-hall", "exec", Role.ADVOCATE),
        seat("martin-cox", "exec", Role.ADVOCATE),
        seat("third-sector-advocate", "exec", Role.ADVOCATE),
    )
    assert [f.evidence["advocate"] for f in found] == ["business"]


def test_when_reverend_martin_cox_steps_down_the_community_advocate_is_vacant_from_the_next_day() -> None:
    seats = [
        seat("allan-jones", "exec", Role.ADVOCATE),
        seat("martin-cox", "exec", Role.ADVOCATE, end=date(2015, 12, 31)),
        seat("third-sector-advocate", "exec", Role.ADVOCATE),
    ]
    assert advocate_findings(*seats, as_of=date(2015, 12, 31)) == ()
    (finding,) = advocate_findings(*seats, as_of=date(2016, 2, 1))
    assert finding.date == date(2016, 1, 1)
    assert finding.evidence["former_advocates"] == ["martin-cox"]


@given(seated=st.sets(st.sampled_from(AdvocateRole)))
def test_the_partnership_appoints_three_advocates_to_the_executive(seated: set[AdvocateRole]) -> None:
    """1.4.9: "The partnership will also appoint to three advocate roles"; 1.4.10: "These roles will
    include; Business Advocate, Third Sector Advocate and Community Advocate. They will have a place on the
    Executive"."""
    found = advocate_findings(*(seat(ADVOCATE_OF[role], "exec", Role.ADVOCATE) for role in seated))
    assert {f.evidence["advocate"] for f in found} == {
        role.value for role in AdvocateRole if role not in seated
    }
    assert all(f.severity is Severity.ACTION for f in found)


# -- 1.4.8 Attending in person --------------------------------------------------------------------------

EXEC_DAY = date(2015, 8, 11)
MEMBERS = ("gary-hall", "allan-jones", "martin-cox")


def deputy_findings(attendance: dict[str, str | Attendance]) -> tuple[Finding, ...]:
    meeting = held("exec", EXEC_DAY, attendance)
    history = chorley(memberships=[seat(person, "exec") for person in MEMBERS], meetings=[meeting])
    return findings_of(DEPUTY, history, EXEC_DAY)


def test_allan_jones_sending_gary_hall_in_his_place_is_noted() -> None:
    (finding,) = deputy_findings(
        {"allan-jones": deputised("allan-jones", "gary-hall"), "gary-hall": "present"}
    )
    assert finding.clause == "1.4.8"
    assert finding.severity is Severity.INFO
    assert finding.date == EXEC_DAY
    assert finding.subject.as_dict() == {
        "person": "allan-jones",
        "group": "exec",
        "meeting": "exec-2015-08-11",
    }
    assert finding.evidence == {"deputy": "gary-hall"}
    assert finding.interpretation == {"deputy_counts_as_missed": True}


def test_an_unnamed_deputy_is_noted_too() -> None:
    (finding,) = deputy_findings({"allan-jones": "deputy"})
    assert finding.evidence == {"deputy": None}


def test_attending_in_person_or_sending_apologies_is_no_deputy() -> None:
    assert deputy_findings({"allan-jones": "present", "martin-cox": "apologies", "gary-hall": "absent"}) == ()


def test_someone_who_is_not_a_member_sending_a_deputy_is_not_noted() -> None:
    assert deputy_findings({"hayley-hughes": deputised("hayley-hughes", "gary-hall")}) == ()


@given(statuses=st.fixed_dictionaries({person: st.sampled_from(AttendanceStatus) for person in MEMBERS}))
def test_every_member_represented_by_a_deputy_is_noted_once(statuses: dict[str, AttendanceStatus]) -> None:
    """1.4.8: "Attending meetings in person, avoiding the use of deputies." """
    found = deputy_findings(dict(statuses))
    deputised_members = sorted(p for p, status in statuses.items() if status is AttendanceStatus.DEPUTY)
    assert sorted(str(f.subject.person) for f in found) == deputised_members
