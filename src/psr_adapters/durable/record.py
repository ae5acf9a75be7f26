"""What the adapter remembers of one partnership between events: who sits where, and the open meetings.

The rules' conditions live in the engine (:mod:`.rulesets`); this is the index they read, kept as the core's
:class:`~psr_core.assessment.Assessment` keeps it, so that the engine is asked the same questions:

- a member *sits* on a day when a membership covers it and no deemed resignation (clause 1.7.3) has ended it
  (``Assessment.sits``): the members expected at a meeting are those who sit in one of its own groups;
- a member is *counted* in a group's run of misses at a meeting when a membership covers its day and started
  after the member's last deemed resignation in that group (``RunState.seat``). The two differ only on the
  day of a resignation: a second meeting that day still expects the member but no longer counts them.
"""

from __future__ import annotations

from datetime import date

import attrs

from psr_core import Attendance, AttendanceStatus, Declaration, Meeting, Membership
from psr_core.attendance import counts_on, expected_at

MembershipKey = tuple[str, str, str, date]


def membership_key(membership: Membership) -> MembershipKey:
    """What identifies a membership between events: person, group, role and first day."""
    return (membership.person, membership.group, membership.role.value, membership.start)


def _order(membership: Membership) -> tuple[date, str, str]:
    return (membership.start, membership.person, membership.role.value)


class Seating:
    """Every membership of a partnership's groups, with the deemed resignations applied so far."""

    def __init__(self) -> None:
        self._by_group: dict[str, list[Membership]] = {}
        self._ends: dict[MembershipKey, date] = {}
        self._resigned: dict[tuple[str, str], date] = {}

    def memberships(self, group: str) -> list[Membership]:
        return self._by_group.get(group, [])

    def find(self, membership: Membership) -> Membership | None:
        key = membership_key(membership)
        return next((m for m in self.memberships(membership.group) if membership_key(m) == key), None)

    def put(self, membership: Membership) -> None:
        """Record ``membership``, replacing the one with the same key."""
        key = membership_key(membership)
        kept = [m for m in self.memberships(membership.group) if membership_key(m) != key]
        self._by_group[membership.group] = sorted([*kept, membership], key=_order)

    def sits(self, membership: Membership, day: date) -> bool:
        end = self._ends.get(membership_key(membership), membership.end)
        return membership.start <= day and (end is None or day <= end)

    def expected(self, groups: tuple[str, ...], day: date) -> dict[str, Membership]:
        """Each member expected on ``day`` at a meeting of ``groups`` (its own groups), as the core's
        attendance engine works it out (:func:`psr_core.attendance.expected_at`)."""
        return expected_at(groups, day, self.memberships, self.sits)

    def counted(self, group: str, day: date) -> list[str]:
        """The members of ``group`` counted in its runs of misses at a meeting on ``day``, by id
        (:func:`psr_core.attendance.counts_on`)."""
        return sorted(
            {
                membership.person
                for membership in self.memberships(group)
                if counts_on(membership, day, self._resigned.get((group, membership.person)))
            }
        )

    def resign(self, group: str, person: str, day: date) -> None:
        """A deemed resignation on ``day`` ends the member's memberships of ``group`` that cover it."""
        self._resigned[(group, person)] = day
        for membership in self.memberships(group):
            if membership.person == person and membership.covers(day):
                self._ends[membership_key(membership)] = day


@attrs.define
class ItemRecord:
    """An agenda item as recorded so far: declarations and votes in the order they were posted."""

    id: str
    declarations: list[Declaration] = attrs.field(factory=list)
    votes: list[tuple[str, str]] = attrs.field(factory=list)
    judged: bool = False


@attrs.define
class MeetingRecord:
    """A held meeting: who was expected and counted when it was held, and its minutes so far."""

    serial: int
    meeting: Meeting
    own: tuple[str, ...]
    expected: dict[str, Membership]
    counted: dict[str, list[str]]
    entries: dict[str, Attendance] = attrs.field(factory=dict)
    items: dict[str, ItemRecord] = attrs.field(factory=dict)
    closed: bool = False
    voters: dict[str, Membership] = attrs.field(factory=dict)
    """Who may vote as a member: the expected, and at a joint meeting the other groups' members too."""

    @property
    def judged_any(self) -> bool:
        return any(item.judged for item in self.items.values())

    def item(self, item_id: str) -> ItemRecord:
        record = self.items.get(item_id)
        if record is None:
            record = self.items[item_id] = ItemRecord(item_id)
        return record

    def deputy_for(self, person: str) -> str | None:
        """The member ``person`` attended for as a deputy: an expected one first, then the first by id, when
        two members sent the same deputy (as ``decision.vote-eligibility`` reads the minutes)."""
        sent = [
            entry.person
            for entry in self.entries.values()
            if entry.status is AttendanceStatus.DEPUTY and entry.deputy == person
        ]
        return min(sent, key=lambda member: (member not in self.expected, member), default=None)
