"""The as-of boundary, pinned for every kind of dated fact, on both paths that take an as-of day.

``--as-of DATE`` evaluates the history as it stood at the end of that day: a fact dated the as-of day
counts, a fact dated the day after does not. Each kind of dated fact (a meeting, a report, a seat, a
contribution, an agreement with a chair, an induction) is pinned here with fixed examples, for ``evaluate``
and for the incremental ``Ledger`` (built on the day, and brought to it by recording a meeting).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import attrs
import pytest
from three_paths import assert_same_evaluation

from psr_core import (
    Contribution,
    Evaluation,
    History,
    Ledger,
    Meeting,
    Membership,
    Organisation,
    Report,
    evaluate,
)
from strategies.chorley import (
    annual_review,
    chorley,
    contribution,
    full_structure,
    held,
    partner,
    scrutiny_report,
    seat,
)

AS_OF = date(2016, 6, 30)
"""The last day of a quarter (April to June 2016), so that a scrutiny report dated that day is inside it."""
DAY_AFTER = AS_OF + timedelta(days=1)
FIRST_MEETING = date(2015, 7, 14)


def on_both_paths(history: History, as_of: date = AS_OF) -> Evaluation:
    """``evaluate``'s answer, checked to be the ledger's too: built on the day, moved on to it from the day
    before, and brought to it by recording the history's last meeting."""
    expected = evaluate(history, None, as_of)
    assert_same_evaluation(expected, Ledger(history, None, as_of).evaluation())
    moved = Ledger(history, None, as_of - timedelta(days=1))
    moved.advance(as_of)
    assert_same_evaluation(expected, moved.evaluation())
    meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
    if meetings and meetings[-1].day <= as_of:
        ledger = Ledger(attrs.evolve(history, meetings=meetings[:-1]), None, meetings[0].day)
        ledger.record(meetings[-1], as_of=as_of)
        assert_same_evaluation(expected, ledger.evaluation())
    return expected


def findings_of(rule: str, evaluation: Evaluation) -> list[str]:
    return [f.id for f in evaluation.of_rule(rule)]


def base(
    *,
    organisations: list[Organisation] | None = None,
    memberships: list[Membership] | None = None,
    meetings: list[Meeting] | None = None,
    contributions: tuple[Contribution, ...] = (),
    reports: tuple[Report, ...] = (),
) -> History:
    """Chorley with its structure seated and the Executive meeting from July 2015, with the facts given."""
    history = chorley(
        memberships=memberships if memberships is not None else full_structure(),
        meetings=meetings if meetings is not None else [held("exec", FIRST_MEETING)],
        contributions=contributions,
        reports=reports,
    )
    return attrs.evolve(history, organisations=organisations) if organisations is not None else history


def test_a_meeting_held_on_the_as_of_day_counts_and_one_the_day_after_does_not() -> None:
    """A meeting with four days' notice (clause 1.7.1) is judged when it is held by the as-of day."""

    def late_meeting(day: date) -> History:
        late = held("exec", day, agenda=day - timedelta(days=4))
        return base(meetings=[held("exec", FIRST_MEETING), late])

    assert findings_of("meeting.agenda-notice", on_both_paths(late_meeting(AS_OF)))
    assert not findings_of("meeting.agenda-notice", on_both_paths(late_meeting(DAY_AFTER)))


@pytest.mark.parametrize(("dated", "known"), [(AS_OF, True), (DAY_AFTER, False)])
def test_a_report_dated_the_as_of_day_counts_and_one_dated_the_day_after_does_not(
    dated: date, known: bool
) -> None:
    """The closing line ("The partnership will review its performance and effectiveness annually"): the
    first review was due by 16 June 2016; a review dated the as-of day is on record (late), one dated the
    next day is not yet made, so the overdue review has none after it."""
    (overdue,) = on_both_paths(base(reports=(annual_review(dated),))).of_rule("review.annual")
    assert overdue.evidence["next_review"] == (dated.isoformat() if known else None)


def test_a_scrutiny_report_dated_the_last_day_of_a_quarter_answers_for_it() -> None:
    """Clause 1.5.3: a scrutiny report dated the as-of day, the last day of a quarter, is inside it."""
    quarterly = (scrutiny_report(date(2015, 9, 30)), scrutiny_report(date(2015, 12, 31)))
    reports = (*quarterly, scrutiny_report(date(2016, 3, 31)), scrutiny_report(AS_OF))
    scrutiny = on_both_paths(base(reports=reports)).of_rule("reporting.scrutiny")
    assert [f for f in scrutiny if f.date > date(2016, 4, 1)] == []


@pytest.mark.parametrize(("starts", "seated"), [(AS_OF, True), (DAY_AFTER, False)])
def test_a_seat_starting_on_the_as_of_day_counts_and_one_starting_the_day_after_does_not(
    starts: date, seated: bool
) -> None:
    """Clause 1.3.1: Runshaw College's chief officer on the Executive from the as-of day fills its seat."""
    others = [m for m in full_structure() if m.person != "runshaw-chief-officer"]
    history = base(memberships=[*others, seat("runshaw-chief-officer", "exec", start=starts)])
    vacancies = on_both_paths(history).of_rule("composition.executive")
    assert ("runshaw" in {f.subject.organisation for f in vacancies}) is not seated


@pytest.mark.parametrize(("as_of", "known"), [(date(2016, 4, 1), True), (date(2016, 3, 31), False)])
def test_a_contribution_counts_from_the_first_day_of_its_financial_year(as_of: date, known: bool) -> None:
    """Full partner commitment 3 (clause 1.3.1), "an annual financial contribution": the financial year
    2016 begins on 1 April 2016, the day its contribution becomes known; on 31 March it is not yet. A
    ledger moved on from either day to the end of that year finds what ``evaluate`` finds."""
    history = base(contributions=(contribution("chorley-council", 2016, 15000),))
    assert (history.as_it_stood(as_of).contributions != ()) is known
    on_both_paths(history, as_of)
    year_end = date(2017, 3, 31)
    ledger = Ledger(history, None, as_of)
    ledger.advance(year_end)
    assert_same_evaluation(evaluate(history, None, year_end), ledger.evaluation())
    council_2016 = [
        f
        for f in ledger.evaluation().of_rule("commitment.contribution")
        if f.subject.organisation == "chorley-council" and f.evidence["financial_year"] == 2016
    ]
    assert council_2016 == []  # £15,000 is inside the band


def admitted(*, agreed_on: date, inducted_on: date) -> History:
    """Runshaw College joining on 1 June 2016, agreed with Steve Winterson (the Implementation Group's named
    chair, table 1.2.1) and inducted on the days given (clause 1.7.4)."""
    runshaw = partner(
        "runshaw",
        joined=date(2016, 6, 1),
        agreed_by_chair="steve-winterson",
        agreed_on=agreed_on,
        inducted_on=inducted_on,
    )
    return base(organisations=[partner("chorley-council"), runshaw])


@pytest.mark.parametrize(("agreed_on", "counts"), [(AS_OF, True), (DAY_AFTER, False)])
def test_an_agreement_dated_the_as_of_day_counts_and_one_dated_the_day_after_does_not(
    agreed_on: date, counts: bool
) -> None:
    found = on_both_paths(admitted(agreed_on=agreed_on, inducted_on=date(2016, 6, 20)))
    assert (not findings_of("admission.new-partner", found)) is counts


@pytest.mark.parametrize(("inducted_on", "counts"), [(AS_OF, True), (DAY_AFTER, False)])
def test_an_induction_dated_the_as_of_day_counts_and_one_dated_the_day_after_does_not(
    inducted_on: date, counts: bool
) -> None:
    found = on_both_paths(admitted(agreed_on=date(2016, 5, 20), inducted_on=inducted_on))
    assert (not findings_of("admission.new-partner", found)) is counts


@pytest.mark.parametrize("kind", ["meeting", "report", "seat", "agreement", "induction"])
def test_nothing_dated_after_the_as_of_day_changes_the_findings(kind: str) -> None:
    """Whatever the fact, one dated the day after the as-of day leaves the findings as they are without it."""
    builders: dict[str, Callable[[date], History]] = {
        "meeting": lambda day: base(meetings=[held("exec", FIRST_MEETING), held("exec", day)]),
        "report": lambda day: base(reports=(scrutiny_report(day), annual_review(day))),
        "seat": lambda day: base(memberships=[*full_structure(), seat("gary-hall", "board", start=day)]),
        "agreement": lambda day: admitted(agreed_on=day, inducted_on=date(2016, 6, 20)),
        "induction": lambda day: admitted(agreed_on=date(2016, 5, 20), inducted_on=day),
    }
    without = {
        "meeting": base(),
        "report": base(),
        "seat": base(),
        "agreement": attrs.evolve(
            admitted(agreed_on=AS_OF, inducted_on=date(2016, 6, 20)),
            organisations=[
                partner("chorley-council"),
                partner("runshaw", joined=date(2016, 6, 1), inducted_on=date(2016, 6, 20)),
            ],
        ),
        "induction": attrs.evolve(
            admitted(agreed_on=date(2016, 5, 20), inducted_on=AS_OF),
            organisations=[
                partner("chorley-council"),
                partner(
                    "runshaw",
                    joined=date(2016, 6, 1),
                    agreed_by_chair="steve-winterson",
                    agreed_on=date(2016, 5, 20),
                ),
            ],
        ),
    }
    later = on_both_paths(builders[kind](DAY_AFTER))
    assert later.findings == evaluate(without[kind], None, AS_OF).findings
