"""Incremental evaluation (issue 8): a Ledger kept current meeting by meeting agrees with evaluate()."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_core import History, Ledger, Meeting, evaluate
from strategies import histories


def in_order(history: History) -> list[Meeting]:
    return sorted(history.meetings, key=lambda m: (m.start, m.id))


@given(histories(), st.data())
def test_recording_meetings_one_by_one_equals_evaluating_afresh(
    history: History, data: st.DataObject
) -> None:
    """After any sequence of recorded meetings, the ledger's findings are exactly evaluate()'s for the
    whole history on the ledger's day, and each record() returns exactly the findings that are new."""
    meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
    split = data.draw(st.integers(0, len(meetings)))
    start = meetings[split - 1].day if split else history.partnerships[0].started
    ledger = Ledger(attrs.evolve(history, meetings=meetings[:split]), None, start)
    for meeting in meetings[split:]:
        before = {f.identity() for f in ledger.evaluation().findings}
        # Now and then the day moves on further than the meeting: facts dated in between come in.
        later = data.draw(st.none() | st.dates(meeting.day, meeting.day + timedelta(days=200)), label="as_of")
        new = ledger.record(meeting, as_of=later)
        after = ledger.evaluation()
        recorded = attrs.evolve(history, meetings=ledger.meetings)
        assert after == evaluate(recorded, None, ledger.as_of)
        assert {f.identity() for f in new} == {f.identity() for f in after.findings} - before


@given(histories(), st.data())
def test_a_meeting_recorded_out_of_order_still_gives_the_full_answer(
    history: History, data: st.DataObject
) -> None:
    meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
    if len(meetings) < 2:
        return
    late = data.draw(st.sampled_from(meetings[:-1]))
    rest = [m for m in meetings if m is not late]
    ledger = Ledger(attrs.evolve(history, meetings=rest), None, meetings[-1].day)
    ledger.record(late)
    assert ledger.evaluation() == evaluate(history, None, meetings[-1].day)


def test_recording_a_meeting_in_order_does_not_evaluate_afresh() -> None:
    from strategies.chorley import chorley, held, monthly

    days = monthly(date(2015, 7, 14), 4)
    history = chorley(meetings=[held("exec", day) for day in days])
    first = attrs.evolve(history, meetings=history.meetings[:3])
    ledger = Ledger(first, None, days[2])
    ledger.record(history.meetings[3])
    assert ledger.rebuilds == 1


def test_a_seat_changing_hands_is_taken_in_without_evaluating_afresh() -> None:
    """A membership that starts, and one whose end comes to be known, as the day passes them (issue 8)."""
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
