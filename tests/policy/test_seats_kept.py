"""The composition rules keep what they found of each organisation and of each membership (the seats an
organisation holds on a tier, a role that does not fit): a seat or an organisation learnt later makes them
look again at what it concerns, so closing again finds what a fresh evaluation finds."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_core import CHORLEY_2015, AdvocateRole, History, Ledger, Person, Role, evaluate
from psr_core.evaluation import FindingsBook, policy_for
from psr_core.model.history import organisation_as_of
from strategies import histories, judgement_days
from strategies.chorley import PEOPLE, chorley, full_structure, held, seat


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


def test_an_advocate_deemed_resigned_leaves_the_place_vacant_on_the_ledger_as_in_evaluate() -> None:
    """1.7.3 and 1.4.10: Reverend Martin Cox misses three Executive meetings in a row and is deemed to have
    resigned; the community advocate's place is vacant from the next day. A ledger that kept its answer on
    the advocates from before the resignation must look again at it, whatever other seats did meanwhile."""
    seats = [
        *(m for m in full_structure() if not (m.role is Role.ADVOCATE and m.person == "martin-cox")),
        seat("martin-cox", "exec", Role.ADVOCATE),
        seat("third-sector-advocate", "exec", Role.ADVOCATE),
    ]
    everyone = {m.person: "present" for m in seats if m.group == "exec"}
    months = [date(2015, 7, 1), date(2015, 8, 3), date(2015, 9, 1), date(2015, 10, 1)]
    meetings = [held("exec", day, {**everyone, "martin-cox": "absent"}) for day in months[:3]]
    meetings.append(held("exec", months[3], {p: s for p, s in everyone.items() if p != "martin-cox"}))
    people = (
        *PEOPLE,
        Person(id="third-sector-advocate", name="Third Sector Advocate", advocate=AdvocateRole.THIRD_SECTOR),
    )
    history = chorley(people=people, memberships=seats, meetings=meetings)
    ledger = Ledger(attrs.evolve(history, meetings=()), CHORLEY_2015, date(2015, 6, 30))
    assert ledger.evaluation().of_rule("composition.advocates") == ()
    for meeting in meetings:
        ledger.record(meeting)
        expected = evaluate(attrs.evolve(history, meetings=ledger.meetings), CHORLEY_2015, ledger.as_of)
        assert ledger.evaluation().of_rule("composition.advocates") == expected.of_rule(
            "composition.advocates"
        )
    (vacant,) = ledger.evaluation().of_rule("composition.advocates")
    assert vacant.evidence["advocate"] == "community"
    assert vacant.date == date(2015, 9, 2)
    assert ledger.rebuilds == 1
