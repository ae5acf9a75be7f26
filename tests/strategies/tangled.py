"""Adversarial histories and policy variants, shared by the equivalence suite (tests/equivalence/) and the
durable_rules adapter's tests.

``strategies.histories()`` makes realistic Chorley histories. The three paths (``evaluate``, the incremental
``Ledger`` and the durable_rules adapter) must also agree where a realistic history seldom goes, so
:func:`tangled_histories` makes small, dense ones: two partnerships,
joint meetings (of two groups of one partnership, or of two partnerships), two meetings of a group on one
day, members who leave and are seated again, people voting twice or for a member they deputise for.
:func:`policies` varies the readings and thresholds the rules read, from the start or from a day in the
middle of a history, and switches rules off or adopts them late.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from psr_adapters.durable import RULE_IDS
from psr_core import (
    CHORLEY_2015,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Declaration,
    Group,
    History,
    Interest,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Partnership,
    Policy,
    Role,
    Tier,
    built_in_policies,
)

BEGIN = date(2015, 1, 5)
"""The first day of a tangled history; its meetings fall in the 16 weeks from here."""

DAYS = st.integers(0, 16 * 7).map(lambda offset: BEGIN + timedelta(days=offset))
MEETING_DAYS = st.integers(0, 15).map(lambda week: BEGIN + timedelta(weeks=week))
"""Weekly, so that a dozen meetings make runs, and some fall on the same day."""

READINGS: dict[str, st.SearchStrategy[Any]] = {
    "apologies_count_as_missed": st.booleans(),
    "deputy_counts_as_missed": st.booleans(),
    "exceptional_reason_skips": st.booleans(),
    "unrecorded_attendance": st.sampled_from(["skip", "missed", "attended"]),
    "written_explanation_after": st.integers(1, 4),
    "deemed_resignation_after": st.integers(1, 4),
    "deemed_resignation_ends_membership": st.booleans(),
    "abstention_counts_as_voting": st.booleans(),
    "deputies_may_vote": st.booleans(),
}


@st.composite
def policies(draw: st.DrawFn, *, days: st.SearchStrategy[date] = DAYS) -> Policy:
    """A built-in policy (every one of them, ``chorley-2015`` twice as often), mostly as it is; otherwise with
    some readings and thresholds changed (from the start, or from a day drawn from ``days``), some of the
    durable_rules adapter's five rules off, or one adopted late."""
    policy = draw(st.sampled_from([CHORLEY_2015, *built_in_policies()]))
    if draw(st.integers(0, 3)) == 0:
        return policy
    readings = sorted(name for name in READINGS if name in policy.parameters)
    for name in draw(
        st.lists(st.sampled_from(readings), unique=True, max_size=4) if readings else st.just([])
    ):
        since = draw(st.none() | days)
        policy = policy.with_parameter(name, draw(READINGS[name]), since)
    adopted = [rule for rule in RULE_IDS if rule in policy.rules]
    off = draw(st.lists(st.sampled_from(adopted), unique=True, max_size=2)) if adopted else []
    if off:
        policy = policy.without_rules(*off)
    still = sorted(set(adopted) - set(off))
    if still and draw(st.integers(0, 4)) == 0:
        late = draw(st.sampled_from(still))
        terms = attrs.evolve(policy.rules[late], since=draw(days))
        policy = attrs.evolve(policy, rules={**policy.rules, late: terms})
    return policy


def only_the_adapters_rules(policy: Policy) -> Policy:
    """``policy`` with every rule but the five the adapter judges switched off."""
    return policy.without_rules(*(rule for rule in policy.rules if rule not in RULE_IDS))


PEOPLE = ("ann", "bob", "cat", "dan", "eve", "fay")
GROUPS = (
    Group(id="p1-exec", partnership="p1", tier=Tier.EXECUTIVE),
    Group(id="p1-ig", partnership="p1", tier=Tier.IMPLEMENTATION),
    Group(id="p2-exec", partnership="p2", tier=Tier.EXECUTIVE),
)
PARTNERSHIPS = tuple(
    Partnership(id=p, name=f"Partnership {p}", policy="chorley-2015", timezone="Europe/London", started=BEGIN)
    for p in ("p1", "p2")
)


@st.composite
def _memberships(draw: st.DrawFn, groups: list[Group]) -> list[Membership]:
    seats: list[Membership] = []
    for group in groups:
        for person in PEOPLE:
            for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
                start = draw(DAYS) - timedelta(days=30)
                length = draw(st.none() | st.none() | st.integers(0, 60))
                end = start + timedelta(days=length) if length is not None else None
                role = draw(st.sampled_from(Role))
                seats.append(Membership(person=person, group=group.id, role=role, start=start, end=end))
    keys = set()
    unique = []
    for seat in seats:
        key = (seat.person, seat.group, seat.role, seat.start)
        if key not in keys:
            keys.add(key)
            unique.append(seat)
    return unique


@st.composite
def _attendance(draw: st.DrawFn) -> list[Attendance]:
    entries = []
    for person in draw(st.lists(st.sampled_from(PEOPLE), unique=True)):
        status = draw(st.sampled_from(AttendanceStatus))
        deputy = None
        if status is AttendanceStatus.DEPUTY:
            deputy = draw(st.none() | st.sampled_from([*PEOPLE, "sub"]))
        exceptional = (
            draw(st.sampled_from([None, None, "flood"])) if status is not AttendanceStatus.PRESENT else None
        )
        entries.append(Attendance(person=person, status=status, deputy=deputy, exceptional=exceptional))
    return entries


@st.composite
def _items(draw: st.DrawFn) -> list[Item]:
    items = []
    for number in range(draw(st.integers(0, 2))):
        declarations = [
            Declaration(
                person=draw(st.sampled_from(PEOPLE)),
                interest=draw(st.sampled_from(Interest)),
                nature=draw(st.none() | st.just("a bid")),
                withdrew=draw(st.booleans()),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        voters = st.lists(st.sampled_from([*PEOPLE, "sub"]), max_size=3)
        decision = None
        if draw(st.booleans()):
            decision = Decision(
                method=draw(st.sampled_from(DecisionMethod)),
                votes_for=draw(voters),
                votes_against=draw(voters),
                abstentions=draw(voters),
            )
        items.append(Item(id=str(number + 1), declarations=declarations, decision=decision))
    return items


@st.composite
def tangled_histories(draw: st.DrawFn) -> History:
    """One or two partnerships, a few groups, dense memberships and a dozen or so meetings."""
    partnerships = list(PARTNERSHIPS[: draw(st.integers(1, 2))])
    groups = [g for g in GROUPS if g.partnership in {p.id for p in partnerships}]
    meetings = []
    for number in range(draw(st.integers(0, 12))):
        first = draw(st.sampled_from(groups))
        joined = draw(st.none() | st.none() | st.sampled_from(groups))
        start = datetime.combine(draw(MEETING_DAYS), time(draw(st.sampled_from([9, 14]))))
        meetings.append(
            Meeting(
                id=f"m{number:02d}",
                groups=tuple(dict.fromkeys([first.id, *([joined.id] if joined else [])])),
                start=start,
                status=draw(st.sampled_from([MeetingStatus.HELD] * 5 + [MeetingStatus.CANCELLED])),
                attendance=draw(_attendance()),
                items=draw(_items()),
            )
        )
    return History(
        partnerships=partnerships,
        groups=groups,
        memberships=draw(_memberships(groups)),
        meetings=meetings,
    )
