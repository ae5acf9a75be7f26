"""The composition rules keep what they found of each organisation and of each membership (the seats an
organisation holds on a tier, a role that does not fit): a seat or an organisation learnt later makes them
look again at what it concerns, so closing again finds what a fresh evaluation finds."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_core import History
from psr_core.evaluation import FindingsBook, policy_for
from psr_core.model.history import organisation_as_of
from strategies import histories, judgement_days


@given(history=histories(), data=st.data())
def test_a_seat_or_organisation_learnt_late_is_judged_again(history: History, data: st.DataObject) -> None:
    as_of = data.draw(judgement_days(history), label="as_of")
    known = history.as_it_stood(as_of)
    if not known.memberships:
        return
    late = data.draw(
        st.sets(st.integers(0, len(known.memberships) - 1), min_size=1), label="seats learnt late"
    )
    learnt_late = [m for index, m in enumerate(known.memberships) if index in late]
    # Only meetings before every seat learnt late: the runs of misses are the same either way.
    before = min(m.start for m in learnt_late)
    known = attrs.evolve(known, meetings=[m for m in known.meetings if m.day < before])
    earlier_day = data.draw(st.dates(max_value=as_of), label="organisations as they stood on")
    earlier_organisations = [
        was for o in known.organisations if (was := organisation_as_of(o, earlier_day)) is not None
    ]
    earlier = attrs.evolve(
        known,
        memberships=[m for index, m in enumerate(known.memberships) if index not in late],
        organisations=earlier_organisations,
    )
    for partnership in sorted(known.partnerships, key=lambda p: p.id):
        policy = policy_for(partnership, None)
        book = FindingsBook(earlier, partnership, policy, as_of)
        book.closing()  # each organisation's seats and each membership's role judged, and kept
        index = book.assessment.index
        for membership in learnt_late:
            index.take_in(membership)
        book.assessment.advance(as_of, None, [(None, m) for m in learnt_late])
        for organisation in known.organisations:
            if organisation in earlier_organisations:
                continue  # known the same before: the rules need not look at it again
            index.take_in(organisation)
            if organisation.partnership == partnership.id:
                book.assessment.take_in(organisation)
        fresh = FindingsBook(known, partnership, policy, as_of)
        assert book.closing() == fresh.closing()
