"""A closing rule that keeps what it judged of a completed period (a financial year's contributions, a
quarter's scrutiny report) judges that period again when a fact about it is learnt later.

The incremental ledger learns a contribution when its financial year begins and a report on its date, so
neither can concern a period already judged there; a host that takes facts into an assessment's index
itself may learn them in any order. Either way, closing again finds what a fresh evaluation finds.
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_core import Contribution, History, Report
from psr_core.evaluation import FindingsBook, policy_for
from strategies import histories, judgement_days


@given(history=histories(), data=st.data())
def test_a_contribution_or_report_learnt_late_is_judged_again(history: History, data: st.DataObject) -> None:
    as_of = data.draw(judgement_days(history), label="as_of")
    known = history.as_it_stood(as_of)
    facts: list[Contribution | Report] = [*known.contributions, *known.reports]
    if not facts:
        return
    late = data.draw(st.sets(st.integers(0, len(facts) - 1), min_size=1), label="learnt late")
    learnt_late = [fact for index, fact in enumerate(facts) if index in late]
    first_known = [fact for index, fact in enumerate(facts) if index not in late]
    earlier = attrs.evolve(
        known,
        contributions=[f for f in first_known if isinstance(f, Contribution)],
        reports=[f for f in first_known if isinstance(f, Report)],
    )
    for partnership in sorted(known.partnerships, key=lambda p: p.id):
        policy = policy_for(partnership, None)
        book = FindingsBook(earlier, partnership, policy, as_of)
        book.closing()  # each completed period judged, and kept
        for fact in learnt_late:
            book.assessment.index.take_in(fact)
        fresh = FindingsBook(known, partnership, policy, as_of)
        assert book.closing() == fresh.closing()


def test_a_contribution_learnt_late_for_the_year_under_way_is_counted_when_the_year_ends() -> None:
    """1.3.1, full partner commitment 3: Chorley Council gave £15,000 for 2015-16, the partnership's first
    year. On 1 June 2016 its £15,000 for 2016-17 falls
    within the band, so the year would complete with nothing to find; a further £10,000 for it learnt
    afterwards puts it above the band when it completes on 31 March 2017."""
    from datetime import date

    from strategies.chorley import chorley, contribution, partner

    known = [contribution("chorley-council", 2015, 15_000), contribution("chorley-council", 2016, 15_000)]
    further = contribution("chorley-council", 2016, 10_000)
    history = chorley(organisations=[partner("chorley-council")], contributions=[*known, further])
    partnership = history.partnerships[0]
    policy = policy_for(partnership, None)
    book = FindingsBook(attrs.evolve(history, contributions=known), partnership, policy, date(2016, 6, 1))
    assert [f for f in book.closing() if f.rule == "commitment.contribution"] == []
    book.assessment.index.take_in(further)
    year_end = date(2017, 3, 31)
    book.advance(year_end)
    found = [f for f in book.closing() if f.rule == "commitment.contribution"]
    assert [f.evidence["total"] for f in found] == [25_000]
    assert book.closing() == FindingsBook(history, partnership, policy, year_end).closing()
