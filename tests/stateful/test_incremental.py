"""Incremental evaluation (issue 8): a Ledger kept current meeting by meeting agrees with evaluate()."""

from __future__ import annotations

from datetime import date

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
        new = ledger.record(meeting)
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
