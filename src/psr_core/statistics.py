"""Attendance statistics over a period: the figures UK committee systems publish per member.

For each member of each group: the held meetings at which the member was expected, and what the minutes
record of each (clause 1.7.7: "A full record of those present at the meeting, of apologies of absence and
non-attendance"): present, apologies, absent, deputised (clause 1.4.8) or excused (a miss with an accepted
exceptional reason, clause 1.7.3), and the member's current run of consecutive counted misses. For each
organisation, the share of each tier's meetings at which it was represented.

The run is counted by the attendance engine (:mod:`psr_core.attendance`) under the
policy's readings, so the statistics and the findings of ``attendance.written-explanation`` and
``attendance.deemed-resignation`` cannot disagree: a member the statistics show with a run of three counted
misses has a deemed-resignation finding, and the reverse.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from enum import StrEnum

import attrs

from .assessment import Assessment
from .attendance import DEEMED_RESIGNATION, AttendanceRuns, Outcome, RunState
from .evaluation import PolicyChoice, policy_for
from .model import Attendance, AttendanceStatus, History, Meeting, Membership, Tier

__all__ = [
    "AttendanceStatistics",
    "Cell",
    "GroupStatistics",
    "Mark",
    "MemberStatistics",
    "Representation",
    "attendance_statistics",
    "mark_of",
]


class Mark(StrEnum):
    """What the minutes record for an expected member, as one word (a cell of the attendance matrix).

    The marks partition the meetings a member was expected at: a miss with an accepted exceptional reason is
    ``excused`` whatever its status, so it is not also counted as apologies, absent or deputy.
    """

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    DEPUTY = "deputy"
    EXCUSED = "excused"
    UNRECORDED = "unrecorded"


_MARKS = {
    AttendanceStatus.PRESENT: Mark.PRESENT,
    AttendanceStatus.APOLOGIES: Mark.APOLOGIES,
    AttendanceStatus.ABSENT: Mark.ABSENT,
    AttendanceStatus.DEPUTY: Mark.DEPUTY,
}


def mark_of(entry: Attendance | None) -> Mark:
    """The mark for an expected member's attendance entry (``None``: the minutes record nothing)."""
    if entry is None:
        return Mark.UNRECORDED
    if entry.status is not AttendanceStatus.PRESENT and entry.exceptional:
        return Mark.EXCUSED
    return _MARKS[entry.status]


@attrs.frozen
class Cell:
    """One meeting a member was expected at: its mark, and whether the policy's readings count it as a
    missed meeting in the member's run (clause 1.7.3); for an excused miss, the exceptional reason and, where
    the minutes say, who accepted it and when (the chair's discretion)."""

    meeting: str
    mark: Mark
    counted_miss: bool
    exceptional: str | None = None
    accepted_by: str | None = None
    accepted_on: date | None = None


@attrs.frozen
class MemberStatistics:
    """One member's attendance at one group's held meetings in the period.

    ``run`` lists the meetings of the member's current run of consecutive counted misses at the end of the
    period (it may have begun before the period). Where a deemed resignation ended the seat (on
    ``resigned_on``), ``run`` is the run that ended it, until a later seat starts a new one.
    """

    person: str
    group: str
    organisation: str | None
    cells: tuple[Cell, ...]
    run: tuple[str, ...]
    resigned_on: date | None = None

    def count(self, mark: Mark) -> int:
        return sum(1 for cell in self.cells if cell.mark is mark)

    @property
    def expected(self) -> int:
        return len(self.cells)

    @property
    def present(self) -> int:
        return self.count(Mark.PRESENT)

    @property
    def apologies(self) -> int:
        return self.count(Mark.APOLOGIES)

    @property
    def absent(self) -> int:
        return self.count(Mark.ABSENT)

    @property
    def deputised(self) -> int:
        return self.count(Mark.DEPUTY)

    @property
    def excused(self) -> int:
        return self.count(Mark.EXCUSED)

    @property
    def unrecorded(self) -> int:
        return self.count(Mark.UNRECORDED)

    @property
    def counted_misses(self) -> int:
        """Meetings in the period that the policy's readings count as missed."""
        return sum(1 for cell in self.cells if cell.counted_miss)

    @property
    def current_run(self) -> int:
        return len(self.run)

    def mark_at(self, meeting: str) -> Mark | None:
        """The member's mark at ``meeting``, or ``None`` when the member was not expected there."""
        for cell in self.cells:
            if cell.meeting == meeting:
                return cell.mark
        return None


@attrs.frozen
class GroupStatistics:
    """A group's held meetings in the period and each member's statistics, with the group's totals."""

    group: str
    tier: Tier
    meetings: tuple[str, ...]
    members: tuple[MemberStatistics, ...]

    def total(self, mark: Mark) -> int:
        return sum(member.count(mark) for member in self.members)

    @property
    def expected(self) -> int:
        return sum(member.expected for member in self.members)


@attrs.frozen
class Representation:
    """How often an organisation was represented at a tier's held meetings in the period.

    ``meetings`` counts the tier's held meetings from the day the organisation joined; ``seated`` those at
    which one of its seats was expected; ``in_person`` those at which a member holding one of its seats was
    present; ``by_deputy`` those at which it was represented only by a deputy (clause 1.4.8).
    """

    organisation: str
    tier: Tier
    meetings: int
    seated: int
    in_person: int
    by_deputy: int

    @property
    def represented(self) -> int:
        return self.in_person + self.by_deputy

    @property
    def share(self) -> float | None:
        """The share of the tier's meetings at which the organisation was represented (``None``: none)."""
        return self.represented / self.meetings if self.meetings else None


@attrs.frozen
class AttendanceStatistics:
    """The attendance statistics of one partnership from ``start`` to ``end`` inclusive, under ``policy``."""

    partnership: str
    policy: str
    start: date
    end: date
    groups: tuple[GroupStatistics, ...]
    representation: tuple[Representation, ...]

    @property
    def members(self) -> tuple[MemberStatistics, ...]:
        return tuple(member for group in self.groups for member in group.members)

    def member(self, person: str, group: str) -> MemberStatistics | None:
        for member in self.members:
            if member.person == person and member.group == group:
                return member
        return None


@attrs.frozen
class _Seat:
    """An expected member at one meeting, as representation needs it."""

    organisation: str | None
    tier: Tier
    status: AttendanceStatus | None


def attendance_statistics(
    history: History, partnership: str, policy: PolicyChoice, start: date, end: date
) -> AttendanceStatistics:
    """The statistics of ``partnership`` over the held meetings from ``start`` to ``end`` inclusive.

    The history is read as it stood at the end of ``end``. Runs of misses are counted from the partnership's
    first meeting, so a run that began before ``start`` is reported whole. ``policy`` is chosen as
    :func:`psr_core.evaluate` chooses it (one policy, a mapping by partnership, or ``None`` for its own).
    """
    if start > end:
        raise ValueError(f"a period must not end before it starts: {start.isoformat()} to {end.isoformat()}")
    known = history.as_it_stood(end)
    chosen = next((p for p in known.partnerships if p.id == partnership), None)
    if chosen is None:
        ids = ", ".join(sorted(p.id for p in known.partnerships)) or "none"
        raise ValueError(
            f"no partnership {partnership!r} had started by {end.isoformat()}; the partnerships are: {ids}"
        )
    chosen_policy = policy_for(chosen, policy)
    assessment = Assessment(known, chosen, chosen_policy, end)
    runs = AttendanceRuns(
        chosen_policy, {group: assessment.memberships(group) for group in assessment.groups}
    )
    seats: defaultdict[str, list[_Seat]] = defaultdict(list)
    groups = tuple(
        _group_statistics(assessment, runs, group, start, seats) for group in sorted(assessment.groups)
    )
    return AttendanceStatistics(
        partnership=partnership,
        policy=chosen_policy.id,
        start=start,
        end=end,
        groups=groups,
        representation=_representation(assessment, start, seats),
    )


def _group_statistics(
    assessment: Assessment,
    runs: AttendanceRuns,
    group: str,
    start: date,
    seats: defaultdict[str, list[_Seat]],
) -> GroupStatistics:
    tier = assessment.groups[group].tier
    held = assessment.held_meetings(group)
    by_person: dict[str, list[Membership]] = {}
    for membership in assessment.memberships(group):
        by_person.setdefault(membership.person, []).append(membership)
    members = []
    for person in sorted(by_person):
        member = _member_statistics(
            assessment, runs, RunState(person, group, by_person[person]), held, start, tier, seats
        )
        if member is not None:
            members.append(member)
    return GroupStatistics(
        group=group,
        tier=tier,
        meetings=tuple(meeting.id for meeting in held if meeting.day >= start),
        members=tuple(members),
    )


def _member_statistics(
    assessment: Assessment,
    runs: AttendanceRuns,
    state: RunState,
    held: list[Meeting],
    start: date,
    tier: Tier,
    seats: defaultdict[str, list[_Seat]],
) -> MemberStatistics | None:
    """Step the member's run through the group's held meetings in order, as the attendance rules do."""
    cells: list[Cell] = []
    run: tuple[Meeting, ...] = ()
    organisation: str | None = None
    for meeting in held:
        seat = state.seat(meeting.day)
        if seat is None:
            continue
        entry = assessment.entries(meeting).get(state.person)
        reached = len(runs.thresholds)
        state.observe(runs, meeting, entry)
        ended = [
            threshold
            for threshold in runs.thresholds[reached:]
            if threshold.rule == DEEMED_RESIGNATION and threshold.ends_membership
        ]
        run = ended[0].missed if ended else tuple(state.missed)
        if meeting.day < start:
            continue
        organisation = assessment.organisation_of(seat)
        mark = mark_of(entry)
        outcome = runs.readings(meeting.day).outcome(entry)
        excused = entry if entry is not None and mark is Mark.EXCUSED else None
        cells.append(
            Cell(
                meeting.id,
                mark,
                outcome is Outcome.MISSED,
                excused.exceptional if excused is not None else None,
                excused.exceptional_accepted_by if excused is not None else None,
                excused.exceptional_accepted_on if excused is not None else None,
            )
        )
        seats[meeting.id].append(_Seat(organisation, tier, entry.status if entry is not None else None))
    sitting = state.seat(assessment.as_of)
    if not cells and sitting is None:
        return None
    if organisation is None and sitting is not None:
        organisation = assessment.organisation_of(sitting)
    return MemberStatistics(
        person=state.person,
        group=state.group,
        organisation=organisation,
        cells=tuple(cells),
        run=tuple(meeting.id for meeting in run),
        resigned_on=state.resigned_on,
    )


def _representation(
    assessment: Assessment, start: date, seats: defaultdict[str, list[_Seat]]
) -> tuple[Representation, ...]:
    """Each organisation's representation at each tier that met in the period."""
    by_tier: defaultdict[Tier, list[Meeting]] = defaultdict(list)
    for meeting in assessment.meetings:
        if not meeting.held or meeting.day < start:
            continue
        for tier in {assessment.groups[g].tier for g in meeting.groups if g in assessment.groups}:
            by_tier[tier].append(meeting)
    rows = []
    for organisation in sorted(assessment.organisations.values(), key=lambda o: o.id):
        joined = assessment.joined(organisation)
        for tier in Tier:
            meetings = [m for m in by_tier.get(tier, ()) if m.day >= joined]
            if not meetings:
                continue
            seated = in_person = by_deputy = 0
            for meeting in meetings:
                here = [
                    s
                    for s in seats.get(meeting.id, ())
                    if s.organisation == organisation.id and s.tier is tier
                ]
                statuses = {s.status for s in here}
                if here:
                    seated += 1
                if AttendanceStatus.PRESENT in statuses:
                    in_person += 1
                elif AttendanceStatus.DEPUTY in statuses:
                    by_deputy += 1
            rows.append(Representation(organisation.id, tier, len(meetings), seated, in_person, by_deputy))
    return tuple(rows)
