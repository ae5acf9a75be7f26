"""Section 1.5 of the terms of reference: governance and accountability.

The rules: ``composition.board`` (the Board includes every full partner, 1.5.2) and ``reporting.scrutiny``
(quarterly performance reports to the Overview and Scrutiny Committee, 1.5.3).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from psr_core import CHORLEY_2015, CHORLEY_2015_REVIEW, Finding, Membership, PartnerStatus, Role, Severity
from strategies.chorley import (
    AFFILIATED_PARTNERS,
    BOARD_REPRESENTATIVES,
    CHORLEY,
    FULL_PARTNERS,
    STARTED,
    annual_review,
    chorley,
    findings_of,
    full_structure,
    partner,
    scrutiny_report,
    seat,
)

BOARD = "composition.board"
SCRUTINY = "reporting.scrutiny"
AS_OF = date(2016, 1, 1)


def without(person: str) -> list[Membership]:
    return [membership for membership in full_structure() if membership.person != person]


# -- 1.5.2 The Board ------------------------------------------------------------------------------------


def test_every_full_partner_of_table_1_4_1_has_its_representative_on_the_board() -> None:
    assert findings_of(BOARD, chorley(memberships=full_structure()), AS_OF) == ()


def test_lancashire_teaching_hospitals_without_a_representative_on_the_board_is_a_finding() -> None:
    (finding,) = findings_of(BOARD, chorley(memberships=without("ltht-board-representative")), AS_OF)
    assert finding.clause == "1.5.2"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"organisation": "ltht"}
    assert finding.evidence["role"] == "accountable-representative"
    assert finding.date == STARTED


def test_affiliated_partners_need_no_seat_on_the_board() -> None:
    history = chorley(organisations=[partner(o) for o in AFFILIATED_PARTNERS])
    assert findings_of(BOARD, history, AS_OF) == ()


def test_alistair_bradley_represents_chorley_council_only_as_an_accountable_representative() -> None:
    wrong_role = seat("alistair-bradley", "board", Role.CHIEF_OFFICER)
    history = chorley(memberships=[*without("alistair-bradley"), wrong_role])
    assert [f.subject.organisation for f in findings_of(BOARD, history, AS_OF)] == ["chorley-council"]


def test_board_membership_reads_full_partners_in_both_versions_by_default() -> None:
    """Table 1.2.1: "[Board] An accountable representative from each of the organisations" (repeated by the
    March 2015 review); 1.5.2: "It will include representatives from all full partner organisations". One
    named reading, ``board_statuses``, with the same default (full partners) under both versions."""
    history = chorley(memberships=full_structure())
    for policy in (CHORLEY_2015, CHORLEY_2015_REVIEW):
        assert policy.parameter("board_statuses").interpretation
        assert policy.value("board_statuses", AS_OF) == ["full"]
        assert findings_of(BOARD, history, AS_OF, policy) == ()


def test_reading_each_of_the_organisations_asks_every_affiliated_partner_for_a_board_seat() -> None:
    """The wider reading of table 1.2.1, "each of the organisations", is one parameter away."""
    wider = CHORLEY_2015_REVIEW.with_parameter("board_statuses", ["full", "affiliated"])
    found = findings_of(BOARD, chorley(memberships=full_structure()), AS_OF, wider)
    assert sorted(str(f.subject.organisation) for f in found) == sorted(AFFILIATED_PARTNERS)
    assert {f.clause for f in found} == {"Governance 1: Board"}
    assert {f.interpretation["board_statuses"] == ["full", "affiliated"] for f in found} == {True}


@given(
    statuses=st.fixed_dictionaries({o: st.sampled_from(PartnerStatus) for o in FULL_PARTNERS}),
    seated=st.sets(st.sampled_from(sorted(FULL_PARTNERS))),
)
def test_the_board_includes_representatives_from_all_full_partners(
    statuses: dict[str, PartnerStatus], seated: set[str]
) -> None:
    """1.5.2: "It will include representatives from all full partner organisations with a mandate to hold
    their organisation to account." """
    history = chorley(
        organisations=[partner(o, status=statuses[o]) for o in FULL_PARTNERS],
        memberships=[seat(BOARD_REPRESENTATIVES[o], "board") for o in sorted(seated)],
    )
    found = {f.subject.organisation for f in findings_of(BOARD, history, AS_OF)}
    assert found == {o for o in FULL_PARTNERS if statuses[o] is PartnerStatus.FULL and o not in seated}


# -- 1.5.3 Quarterly reports to scrutiny ----------------------------------------------------------------


def scrutiny_findings(*reports: date, as_of: date) -> tuple[Finding, ...]:
    history = chorley(organisations=[], reports=[scrutiny_report(day) for day in reports])
    return findings_of(SCRUTINY, history, as_of)


def test_the_first_quarter_is_the_one_the_partnership_started_in() -> None:
    (finding,) = scrutiny_findings(as_of=date(2015, 6, 30))
    assert finding.clause == "1.5.3"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"partnership": CHORLEY.id}
    assert finding.date == date(2015, 6, 30)
    assert finding.evidence == {"period": "2015Q2", "from": "2015-04-01", "to": "2015-06-30"}


def test_a_quarter_is_judged_only_once_it_is_over() -> None:
    assert scrutiny_findings(as_of=date(2015, 6, 29)) == ()


def test_a_report_dated_inside_the_quarter_covers_it() -> None:
    assert scrutiny_findings(date(2015, 6, 30), as_of=date(2015, 9, 29)) == ()


def test_quarters_run_january_to_march_april_to_june_july_to_september_and_october_to_december() -> None:
    reports = (date(2015, 6, 30), date(2015, 9, 30), date(2015, 10, 1), date(2016, 3, 31))
    assert scrutiny_findings(*reports, as_of=date(2016, 3, 31)) == ()


def test_a_report_on_the_first_of_october_is_for_the_october_quarter_not_the_one_before() -> None:
    found = scrutiny_findings(date(2015, 6, 30), date(2015, 10, 1), as_of=date(2016, 3, 31))
    assert [f.evidence["period"] for f in found] == ["2015Q3", "2016Q1"]


def test_two_reports_in_one_quarter_do_not_cover_the_next() -> None:
    found = scrutiny_findings(
        date(2015, 7, 1), date(2015, 9, 30), date(2015, 6, 20), as_of=date(2015, 12, 31)
    )
    assert [f.evidence["period"] for f in found] == ["2015Q4"]


def test_an_annual_review_is_not_a_report_to_scrutiny() -> None:
    history = chorley(reports=[annual_review(date(2015, 6, 20))])
    assert len(findings_of(SCRUTINY, history, date(2015, 6, 30))) == 1


def quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


@given(
    reports=st.lists(st.dates(date(2015, 4, 1), date(2017, 6, 30)), max_size=8),
    as_of=st.dates(STARTED, date(2017, 6, 30)),
)
def test_a_performance_report_goes_to_scrutiny_every_quarter(reports: list[date], as_of: date) -> None:
    """1.5.3: "a formal link will be made whereby performance reports will be provided to the Overview and
    Scrutiny Committee Performance Panel on a quarterly basis." Each calendar quarter, from the one the
    partnership started in to the last one over, has a report dated inside it."""
    found = scrutiny_findings(*reports, as_of=as_of)
    completed = []
    day = date(2015, 4, 1)
    while True:
        end = date(day.year + day.month // 10, (day.month + 2) % 12 + 1, 1) - timedelta(days=1)
        if end > as_of:
            break
        completed.append(quarter(day))
        day = end + timedelta(days=1)
    reported = {quarter(day) for day in reports if day <= as_of}
    assert [quarter(f.date) for f in found] == [q for q in completed if q not in reported]
