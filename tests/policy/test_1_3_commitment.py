"""Section 1.3 of the terms of reference: the commitment of partners (clause 1.3.1).

The rules: ``composition.executive`` (commitment 2a, with the Executive's membership in table 1.2.1),
``composition.implementation`` (commitment 2b) and ``commitment.contribution`` (full partner commitment 3).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from psr_core import ContributionKind, Finding, Membership, PartnerStatus, Role, Severity
from strategies.chorley import (
    CHIEF_OFFICERS,
    OPERATIONAL_MANAGERS,
    ORGANISATIONS,
    PARTNER_NAMES,
    STARTED,
    chorley,
    contribution,
    findings_of,
    full_structure,
    partner,
    seat,
)

EXECUTIVE = "composition.executive"
IMPLEMENTATION = "composition.implementation"
CONTRIBUTION = "commitment.contribution"

AS_OF = date(2016, 1, 1)
PARTNERS = (PartnerStatus.FULL, PartnerStatus.AFFILIATED)


def without(person: str) -> list[Membership]:
    """The full structure of the seeds with ``person``'s seats left empty."""
    return [membership for membership in full_structure() if membership.person != person]


# -- Commitment 2a: chief officer representation at the Executive ---------------------------------------


def test_every_partner_of_table_1_4_1_has_its_chief_officer_on_the_executive() -> None:
    assert findings_of(EXECUTIVE, chorley(memberships=full_structure()), AS_OF) == ()


def test_runshaw_college_with_no_chief_officer_on_the_executive_is_a_finding() -> None:
    history = chorley(memberships=without("runshaw-chief-officer"))
    (finding,) = findings_of(EXECUTIVE, history, AS_OF)
    assert finding.clause == "1.2.1, 1.3.1"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"organisation": "runshaw"}
    assert finding.date == STARTED
    assert finding.evidence["status"] == "affiliated"
    assert finding.evidence["vacant_since"] == "2015-06-16"


def test_a_chief_officer_seated_on_the_implementation_group_does_not_fill_the_executive_seat() -> None:
    misplaced = seat("runshaw-chief-officer", "ig", Role.CHIEF_OFFICER)
    history = chorley(memberships=[*without("runshaw-chief-officer"), misplaced])
    assert [f.subject.organisation for f in findings_of(EXECUTIVE, history, AS_OF)] == ["runshaw"]


def test_an_operational_manager_on_the_executive_is_not_its_chief_officer() -> None:
    stand_in = seat("runshaw-operational-manager", "exec", Role.OPERATIONAL_MANAGER)
    history = chorley(memberships=[*without("runshaw-chief-officer"), stand_in])
    assert [f.subject.organisation for f in findings_of(EXECUTIVE, history, AS_OF)] == ["runshaw"]


def test_a_vacancy_dates_from_the_day_after_the_seat_ended() -> None:
    ended = seat("runshaw-chief-officer", "exec", end=date(2015, 10, 31))
    history = chorley(memberships=[*without("runshaw-chief-officer"), ended])
    assert findings_of(EXECUTIVE, history, date(2015, 10, 31)) == ()
    (finding,) = findings_of(EXECUTIVE, history, date(2015, 12, 1))
    assert finding.date == date(2015, 11, 1)
    assert finding.evidence["former_members"] == ["runshaw-chief-officer"]


def test_an_associate_organisation_commits_to_no_chief_officer() -> None:
    organisations = [o for o in ORGANISATIONS if o.id != "runshaw"]
    organisations.append(partner("runshaw", status=PartnerStatus.ASSOCIATE))
    history = chorley(organisations=organisations, memberships=without("runshaw-chief-officer"))
    assert findings_of(EXECUTIVE, history, AS_OF) == ()


def test_a_partner_joining_later_owes_a_chief_officer_from_the_day_it_joined() -> None:
    organisations = [o for o in ORGANISATIONS if o.id != "runshaw"]
    organisations.append(partner("runshaw", joined=date(2015, 9, 1)))
    history = chorley(organisations=organisations, memberships=without("runshaw-chief-officer"))
    assert findings_of(EXECUTIVE, history, date(2015, 8, 31)) == ()
    (finding,) = findings_of(EXECUTIVE, history, AS_OF)
    assert finding.date == date(2015, 9, 1)


def test_a_seat_held_on_behalf_of_the_college_fills_its_place() -> None:
    on_behalf = Membership(
        person="hayley-hughes", group="exec", role=Role.CHIEF_OFFICER, start=STARTED, organisation="runshaw"
    )
    history = chorley(memberships=[*without("runshaw-chief-officer"), on_behalf])
    assert findings_of(EXECUTIVE, history, AS_OF) == ()


# -- Commitment 2b: a lead officer for the Implementation Group -----------------------------------------


def test_every_partner_of_table_1_4_1_has_a_lead_officer_on_the_implementation_group() -> None:
    assert findings_of(IMPLEMENTATION, chorley(memberships=full_structure()), AS_OF) == ()


def test_the_ccg_without_dave_mcbride_on_the_implementation_group_is_a_finding() -> None:
    (finding,) = findings_of(IMPLEMENTATION, chorley(memberships=without("dave-mcbride")), AS_OF)
    assert finding.clause == "1.3.1"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"organisation": "ccg"}
    assert finding.evidence["role"] == "operational-manager"
    assert finding.evidence["tier"] == "implementation"


def test_an_affiliated_partner_also_provides_a_lead_officer() -> None:
    (finding,) = findings_of(
        IMPLEMENTATION, chorley(memberships=without("runshaw-operational-manager")), AS_OF
    )
    assert finding.evidence["status"] == "affiliated"


@given(
    tier=st.sampled_from([(EXECUTIVE, CHIEF_OFFICERS), (IMPLEMENTATION, OPERATIONAL_MANAGERS)]),
    statuses=st.fixed_dictionaries({o: st.sampled_from(PartnerStatus) for o in PARTNER_NAMES}),
    seated=st.sets(st.sampled_from(sorted(PARTNER_NAMES))),
)
def test_every_full_and_affiliated_partner_has_its_officers_at_the_executive_and_implementation_group(
    tier: tuple[str, dict[str, str]], statuses: dict[str, PartnerStatus], seated: set[str]
) -> None:
    """1.3.1, full and affiliated partner commitment 2: "To commit their organisation to deliver the work
    programme as agreed – through a. enabling autonomy of decision making to the designated chief officer
    representation at the Executive b. providing a lead officer for the Implementation Group who can be
    responsible for delivering the work programme on behalf of their organisation"."""
    rule, holders = tier
    group = "exec" if rule == EXECUTIVE else "ig"
    history = chorley(
        organisations=[partner(o, status=statuses[o]) for o in PARTNER_NAMES],
        memberships=[seat(holders[o], group) for o in sorted(seated)],
    )
    found = {f.subject.organisation for f in findings_of(rule, history, AS_OF)}
    assert found == {o for o in PARTNER_NAMES if statuses[o] in PARTNERS and o not in seated}


# -- Full partner commitment 3: the annual contribution -------------------------------------------------

YEAR_END = date(2016, 3, 31)
"""The end of financial year 2015-16, the partnership's first."""


def contributed(*amounts: int | tuple[int, ContributionKind], as_of: date = YEAR_END) -> tuple[Finding, ...]:
    """Chorley Council's contributions for 2015-16, judged at the end of the year or ``as_of``."""
    contributions = [
        contribution("chorley-council", 2015, *(amount if isinstance(amount, tuple) else (amount,)))
        for amount in amounts
    ]
    history = chorley(organisations=[partner("chorley-council")], contributions=contributions)
    return findings_of(CONTRIBUTION, history, as_of)


def test_chorley_councils_15000_for_2015_16_keeps_its_commitment() -> None:
    assert contributed(15_000) == ()


def test_10000_is_enough() -> None:
    assert contributed(10_000) == ()


def test_20000_is_not_too_much() -> None:
    assert contributed(20_000) == ()


def test_9999_is_short_of_the_band() -> None:
    (finding,) = contributed(9_999)
    assert finding.clause == "1.3.1"
    assert finding.severity is Severity.BREACH
    assert finding.subject.as_dict() == {"organisation": "chorley-council"}
    assert finding.date == YEAR_END
    assert finding.evidence["total"] == 9_999
    assert finding.evidence["band"] == [10_000, 20_000]
    assert finding.evidence["financial_year"] == 2015


def test_20001_is_above_the_band() -> None:
    (finding,) = contributed(20_001)
    assert "above" in finding.message


def test_cash_and_in_kind_count_together() -> None:
    assert contributed(6_000, (4_000, ContributionKind.IN_KIND)) == ()
    (finding,) = contributed(15_000, (6_000, ContributionKind.IN_KIND))
    assert finding.evidence["cash"] == 15_000
    assert finding.evidence["in_kind"] == 6_000
    assert finding.evidence["total"] == 21_000


def test_no_contribution_at_all_is_short_of_the_band() -> None:
    (finding,) = contributed()
    assert finding.evidence["total"] == 0


def test_a_partial_first_year_is_not_pro_rated() -> None:
    (finding,) = contributed(8_000)  # 9½ months of £10k a year would be £7,917
    assert finding.evidence["from"] == "2015-04-01"
    assert finding.evidence["to"] == "2016-03-31"


def test_a_partner_joining_in_march_owes_the_band_for_that_whole_year() -> None:
    history = chorley(organisations=[partner("ltht", joined=date(2016, 3, 1))])
    (finding,) = findings_of(CONTRIBUTION, history, YEAR_END)
    assert finding.evidence["financial_year"] == 2015


def test_a_year_is_judged_only_once_it_is_over() -> None:
    assert contributed(as_of=date(2016, 3, 30)) == ()
    assert len(contributed(as_of=YEAR_END)) == 1


def test_each_year_is_judged_on_its_own() -> None:
    history = chorley(
        organisations=[partner("chorley-council")],
        contributions=[
            contribution("chorley-council", 2015, 15_000),
            contribution("chorley-council", 2016, 25_000),
        ],
    )
    (finding,) = findings_of(CONTRIBUTION, history, date(2017, 3, 31))
    assert finding.evidence["financial_year"] == 2016
    assert finding.date == date(2017, 3, 31)


def test_affiliated_partners_commit_to_no_contribution() -> None:
    history = chorley(organisations=[partner("runshaw"), partner("dwp")])
    assert findings_of(CONTRIBUTION, history, YEAR_END) == ()


@given(
    cash=st.lists(st.integers(0, 12_000), max_size=3),
    in_kind=st.lists(st.integers(0, 12_000), max_size=2),
)
def test_a_full_partner_contributes_between_10k_and_20k_a_year(cash: list[int], in_kind: list[int]) -> None:
    """1.3.1, full partner commitment 3: "Commit to providing an annual financial contribution (or in kind)
    of between £10k - £20k towards the programme office costs". Both ends of the band are inside it."""
    found = contributed(*cash, *((amount, ContributionKind.IN_KIND) for amount in in_kind))
    total = sum(cash) + sum(in_kind)
    assert len(found) == (0 if 10_000 <= total <= 20_000 else 1)
