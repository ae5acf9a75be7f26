"""The incremental ``Ledger`` finds what ``evaluate`` finds.

Recording a history's meetings one by one (in order, or with some recorded late), while the day moves on
and seats change hands, leaves the ledger with exactly the findings ``evaluate`` gives the whole history
on the ledger's day: the same findings, the same ids; and each ``record`` returns exactly the findings that
are new.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st
from three_paths import EQUIVALENCE, assert_same_evaluation, histories_and_policies

from psr_core import History, Ledger, Policy, evaluate


@EQUIVALENCE
@given(case=histories_and_policies, data=st.data())
def test_recording_meetings_one_by_one_finds_what_evaluate_finds(
    case: tuple[History, Policy | None], data: st.DataObject
) -> None:
    history, policy = case
    meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
    split = data.draw(st.integers(0, len(meetings)), label="recorded before the ledger starts")
    rest = meetings[split:]
    # Some meetings are recorded late: a few neighbours swap places.
    for _ in range(data.draw(st.integers(0, 3), label="late recordings")):
        if len(rest) >= 2:
            i = data.draw(st.integers(0, len(rest) - 2))
            rest[i], rest[i + 1] = rest[i + 1], rest[i]
    start = meetings[split - 1].day if split else min(p.started for p in history.partnerships)
    ledger = Ledger(attrs.evolve(history, meetings=meetings[:split]), policy, start)
    checkpoint = data.draw(st.integers(0, len(rest)), label="checked against evaluate after")
    for index, meeting in enumerate(rest, start=1):
        before = {f.identity() for f in ledger.evaluation().findings}
        # Now and then the day moves on further than the meeting: facts dated in between come in.
        later = data.draw(st.none() | st.dates(meeting.day, meeting.day + timedelta(days=200)), label="as_of")
        new = ledger.record(meeting, as_of=later)
        after = ledger.evaluation()
        assert {f.identity() for f in new} == {f.identity() for f in after.findings} - before
        if index in (checkpoint, len(rest)):
            recorded = attrs.evolve(history, meetings=ledger.meetings)
            assert_same_evaluation(evaluate(recorded, policy, ledger.as_of), after)


@EQUIVALENCE
@given(case=histories_and_policies, data=st.data())
def test_a_ledger_moved_on_finds_what_evaluate_finds_on_the_later_day(
    case: tuple[History, Policy | None], data: st.DataObject
) -> None:
    """Facts dated between two days (seats, contributions, reports, partners joining) come in as the day
    passes them, with or without a meeting to record."""
    history, policy = case
    meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
    if not meetings:
        return
    first = min(p.started for p in history.partnerships)
    day = data.draw(st.dates(first, meetings[-1].day), label="ledger's first day")
    known = [m for m in meetings if m.day <= day]
    later = [m for m in meetings if m.day > day]
    ledger = Ledger(attrs.evolve(history, meetings=known), policy, day)
    assert_same_evaluation(evaluate(attrs.evolve(history, meetings=known), policy, day), ledger.evaluation())
    if later:
        ledger.record(later[0], as_of=later[0].day + timedelta(days=data.draw(st.integers(0, 120))))
        recorded = attrs.evolve(history, meetings=ledger.meetings)
        assert_same_evaluation(evaluate(recorded, policy, ledger.as_of), ledger.evaluation())


def test_recording_a_meeting_in_order_does_not_evaluate_afresh() -> None:
    from strategies.chorley import chorley, held, monthly

    days = monthly(date(2015, 7, 14), 4)
    history = chorley(meetings=[held("exec", day) for day in days])
    first = attrs.evolve(history, meetings=history.meetings[:3])
    ledger = Ledger(first, None, days[2])
    ledger.record(history.meetings[3])
    assert ledger.rebuilds == 1


def test_a_seat_changing_hands_is_taken_in_without_evaluating_afresh() -> None:
    """A membership that starts, and one whose end comes to be known, as the day passes them."""
    from strategies.chorley import chorley, held, monthly, seat

    days = monthly(date(2015, 7, 14), 6)
    outgoing = seat("gary-hall", "exec", end=date(2015, 9, 30))
    incoming = seat("louise-giles", "exec", start=date(2015, 10, 1))
    history = chorley(memberships=[outgoing, incoming], meetings=[held("exec", day) for day in days])
    ledger = Ledger(attrs.evolve(history, meetings=history.meetings[:1]), None, days[0])
    for meeting in history.meetings[1:]:
        ledger.record(meeting)
    assert ledger.rebuilds == 1
    assert ledger.evaluation() == evaluate(history, None, days[-1])


def test_an_organisation_joining_is_taken_in_without_evaluating_afresh() -> None:
    """1.7.4: Runshaw College joins on 1 September 2015, is agreed with the Implementation Group's named chair
    and inducted later; the ledger takes each in as the day passes it, and finds what evaluate finds."""
    from strategies.chorley import chorley, held, monthly, partner

    days = monthly(date(2015, 7, 14), 5)
    runshaw = partner(
        "runshaw",
        joined=date(2015, 9, 1),
        agreed_by_chair="steve-winterson",
        agreed_on=date(2015, 9, 20),
        inducted_on=date(2015, 10, 20),
    )
    history = chorley(
        organisations=[partner("chorley-council"), runshaw], meetings=[held("exec", day) for day in days]
    )
    ledger = Ledger(attrs.evolve(history, meetings=history.meetings[:1]), None, days[0])
    for meeting in history.meetings[1:]:
        ledger.record(meeting)
        recorded = attrs.evolve(history, meetings=ledger.meetings)
        assert ledger.evaluation().findings == evaluate(recorded, None, ledger.as_of).findings
    assert ledger.rebuilds == 1


def _contributions_over_two_year_ends(meetings_between: bool) -> None:
    """1.3.1, full partner commitment 3, under a band from nothing to £20,000: Chorley Council's £25,000 for
    2015-16 is found above the band on 31 March 2016, when 2016-17 has nothing counted and so nothing to
    find; its £25,000 for 2016-17 comes to be known the next day. The ledger need not ask the rule again
    then, but finds that year above the band on 31 March 2017: what evaluate finds on every day. (The
    policy adopts no other rule, so that none brings the partnership on in between.)"""
    from psr_core import CHORLEY_2015
    from strategies.chorley import chorley, contribution, held, monthly, partner

    others = [rule for rule in CHORLEY_2015.rules if rule != "commitment.contribution"]
    policy = CHORLEY_2015.with_parameter("contribution_band", [0, 20_000]).without_rules(*others)
    days = monthly(date(2015, 7, 14), 24)
    history = chorley(
        organisations=[partner("chorley-council")],
        contributions=[
            contribution("chorley-council", 2015, 25_000),
            contribution("chorley-council", 2016, 25_000),
        ],
        meetings=[held("exec", day) for day in days],
    )
    start = date(2016, 3, 1)
    kept = [m for m in history.meetings if m.day <= start]
    later = [m for m in history.meetings if m.day > start] if meetings_between else []
    ledger = Ledger(attrs.evolve(history, meetings=kept), policy, start)
    day = start
    while day <= date(2017, 4, 30):
        ledger.advance(day)
        for meeting in [m for m in later if m.day == day]:
            ledger.record(meeting)
        recorded = attrs.evolve(history, meetings=ledger.meetings)
        assert ledger.evaluation().findings == evaluate(recorded, policy, day).findings, day
        day += timedelta(days=1)
    found = ledger.evaluation().of_rule("commitment.contribution")
    assert [f.date for f in found] == [date(2016, 3, 31), date(2017, 3, 31)]
    assert ledger.rebuilds == 1


def test_a_contribution_for_a_year_to_come_is_judged_by_that_years_end() -> None:
    _contributions_over_two_year_ends(meetings_between=False)


def test_a_contribution_for_a_year_to_come_is_judged_when_a_meeting_brings_the_partnership_on() -> None:
    _contributions_over_two_year_ends(meetings_between=True)
