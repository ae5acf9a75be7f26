"""What a rule finds in the record as a whole holds until the day the rule names (``Rule.holds_until``).

Incremental evaluation (:class:`psr_core.Ledger`) relies on it: it asks a rule's ``close`` again only when
the as-of day reaches that day, a dated fact comes in, or what the rule ``changes_with`` has changed. So
this states, for every closing rule of every policy version: on the same facts, any later as-of day before
the named day gives the same findings.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from psr_core import History
from psr_core.evaluation import FindingsBook, policy_for
from strategies import histories, judgement_days

LOOK_AHEAD = timedelta(days=3 * 366)


def _days_of(history: History) -> list[date]:
    """The days on which something is dated: judging on one of them is where a rule's answer turns."""
    days = {m.day for m in history.meetings}
    for membership in history.memberships:
        days.add(membership.start)
        if membership.end is not None:
            days.add(membership.end)
    days.update(report.date for report in history.reports)
    days.update(p.started for p in history.partnerships)
    return sorted(days)


@given(history=histories(), data=st.data())
def test_what_a_rule_finds_on_the_record_as_a_whole_holds_until_the_day_it_names(
    history: History, data: st.DataObject
) -> None:
    as_of = data.draw(judgement_days(history) | st.sampled_from(_days_of(history)), label="as_of")
    known = history.as_it_stood(as_of)
    for partnership in sorted(known.partnerships, key=lambda p: p.id):
        policy = policy_for(partnership, None)
        book = FindingsBook(known, partnership, policy, as_of)
        for rule, _terms in book.rules:
            if rule.close is None:
                continue
            found = list(rule.close(book.assessment, book.states[rule.id]))
            until = rule.holds_until(book.assessment, book.states[rule.id])
            assert until is None or until > as_of, rule.id
            last = (until - timedelta(days=1)) if until is not None else as_of + LOOK_AHEAD
            if last <= as_of:
                continue
            later = data.draw(st.dates(as_of + timedelta(days=1), last), label=f"{rule.id} later")
            again = FindingsBook(known, partnership, policy, later)
            assert list(rule.close(again.assessment, again.states[rule.id])) == found, (rule.id, later)


def test_a_rule_that_names_no_day_holds_for_ever_on_the_same_facts() -> None:
    """Composition by role, admission: nothing in them depends on the as-of day."""
    from strategies.chorley import chorley

    history = chorley()
    partnership = history.partnerships[0]
    policy = policy_for(partnership, None)
    book = FindingsBook(history, partnership, policy, date(2016, 1, 1))
    for rule, _terms in book.rules:
        if rule.id in ("composition.role", "admission.new-partner"):
            assert rule.holds_until(book.assessment, book.states[rule.id]) is None
