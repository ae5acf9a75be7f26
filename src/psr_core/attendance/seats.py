"""Who a group expects at a meeting, and whose misses it counts (clauses 1.7.3 and 1.7.7).

A member is expected at a held meeting of a group when a membership of that group covers the meeting's day;
a deemed resignation (clause 1.7.3) ends the membership that day. The evaluation, the incremental ledger,
the statistics and the durable_rules adapter all ask these two questions here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from ..model import Membership


def expected_at(
    groups: Iterable[str],
    day: date,
    memberships: Callable[[str], Sequence[Membership]],
    sits: Callable[[Membership, date], bool],
) -> dict[str, Membership]:
    """Each member expected on ``day`` at a meeting of ``groups``, with the membership that expects them:
    the first that ``sits`` (deemed resignations applied), the groups taken by id so that the order the
    minutes list them in is no matter."""
    expected: dict[str, Membership] = {}
    for group in sorted(groups):
        for membership in memberships(group):
            if membership.person not in expected and sits(membership, day):
                expected[membership.person] = membership
    return expected


def voters_at(
    expected: Mapping[str, Membership],
    others: Iterable[str],
    day: date,
    memberships: Callable[[str], Sequence[Membership]],
) -> dict[str, Membership]:
    """Who may vote as a member at a meeting on ``day``: those ``expected`` at it, then the members of the
    ``others`` of its groups (another partnership's, at a joint meeting) whose membership covers the day
    (clauses 1.7.5 and 1.7.6 of the Terms of Reference (2015))."""
    voters = dict(expected)
    for person, membership in expected_at(others, day, memberships, Membership.covers).items():
        voters.setdefault(person, membership)
    return voters


def counts_on(membership: Membership, day: date, resigned_on: date | None) -> bool:
    """Whether the group counts the member's meetings on ``day`` under ``membership``: it covers the day,
    and it is not a seat a deemed resignation (on ``resigned_on``) ended; a later seat counts again."""
    return membership.covers(day) and (resigned_on is None or membership.start > resigned_on)
