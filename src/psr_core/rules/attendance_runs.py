"""Runs of consecutive missed meetings (clause 1.7.3), counted once for the attendance rules.

The count follows the policy's readings: whether apologies and deputies count as missed (1.4.8), whether
an accepted exceptional reason skips a meeting, and how a missing attendance entry counts. A run is counted
per member per group over the held meetings at which the member was expected; each threshold fires once
per run; a deemed resignation ends the membership that day, so the member is not expected afterwards.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

import attrs

from ..model import Attendance, AttendanceStatus, Meeting, Membership

if TYPE_CHECKING:
    from ..assessment import Assessment

WRITTEN_EXPLANATION = "attendance.written-explanation"
DEEMED_RESIGNATION = "attendance.deemed-resignation"

READINGS = (
    "apologies_count_as_missed",
    "deputy_counts_as_missed",
    "exceptional_reason_skips",
    "unrecorded_attendance",
)


class Outcome(Enum):
    ATTENDED = "attended"
    MISSED = "missed"
    SKIPPED = "skipped"


@attrs.frozen
class Threshold:
    """A run of misses reaching a threshold: ``rule`` fires at ``meeting``."""

    rule: str
    person: str
    group: str
    meeting: Meeting
    missed: tuple[Meeting, ...]
    skipped: tuple[Meeting, ...]
    ends_membership: bool


@attrs.frozen
class Readings:
    """The policy's readings of clause 1.7.3 on one day."""

    apologies_missed: bool
    deputy_missed: bool
    exceptional_skips: bool
    unrecorded: str
    explain_after: int = 2
    resign_after: int = 3
    ends_membership: bool = True

    def outcome(self, entry: Attendance | None) -> Outcome:
        if entry is None:
            return Outcome(_UNRECORDED[self.unrecorded])
        status = entry.status
        if status is AttendanceStatus.PRESENT:
            return Outcome.ATTENDED
        # Apologies or a deputy read as attending are no miss at all, exceptional reason or not: they break
        # the run. An exceptional reason only excuses a meeting that counts as missed.
        if status is AttendanceStatus.APOLOGIES and not self.apologies_missed:
            return Outcome.ATTENDED
        if status is AttendanceStatus.DEPUTY and not self.deputy_missed:
            return Outcome.ATTENDED
        if entry.exceptional and self.exceptional_skips:
            return Outcome.SKIPPED
        return Outcome.MISSED


_UNRECORDED = {"skip": "skipped", "missed": "missed", "attended": "attended"}


def readings(assessment: Assessment, meeting: Meeting) -> Readings:
    day = meeting.day
    unrecorded = str(assessment.value("unrecorded_attendance", day))
    if unrecorded not in _UNRECORDED:
        from ..errors import PolicyError

        raise PolicyError(
            f"unrecorded_attendance must be one of {', '.join(_UNRECORDED)}, got {unrecorded!r}"
        )
    return Readings(
        apologies_missed=bool(assessment.value("apologies_count_as_missed", day)),
        deputy_missed=bool(assessment.value("deputy_counts_as_missed", day)),
        exceptional_skips=bool(assessment.value("exceptional_reason_skips", day)),
        unrecorded=unrecorded,
        explain_after=int(assessment.value("written_explanation_after", day)),
        resign_after=int(assessment.value("deemed_resignation_after", day)),
        ends_membership=assessment.in_force(DEEMED_RESIGNATION)
        and bool(assessment.value("deemed_resignation_ends_membership", day)),
    )


class RunState:
    """One member's run of misses in one group, as the group's held meetings are observed in order."""

    __slots__ = ("group", "memberships", "missed", "person", "resigned_on", "skipped")

    def __init__(self, person: str, group: str, memberships: list[Membership]) -> None:
        self.person = person
        self.group = group
        self.memberships = memberships
        self.missed: list[Meeting] = []
        self.skipped: list[Meeting] = []
        self.resigned_on: date | None = None

    def seat(self, day: date) -> Membership | None:
        """The membership that expects the member on ``day``, if any (none after a deemed resignation
        until a membership that starts later)."""
        for membership in self.memberships:
            if membership.covers(day) and (self.resigned_on is None or membership.start > self.resigned_on):
                return membership
        return None

    def observe(self, runs: AttendanceRuns, assessment: Assessment, meeting: Meeting) -> None:
        """Count ``meeting`` in the run, reporting any threshold it reaches to ``runs``."""
        day = meeting.day
        if self.seat(day) is None:
            return
        reading = runs.readings(assessment, meeting)
        outcome = reading.outcome(assessment.attendance_of(meeting, self.person))
        if outcome is Outcome.ATTENDED:
            if self.missed:
                self.missed, self.skipped = [], []
            return
        if outcome is Outcome.SKIPPED:
            if self.missed:
                self.skipped.append(meeting)
            return
        self.missed.append(meeting)
        count = len(self.missed)
        if count != reading.explain_after and count != reading.resign_after:
            return
        missed, skipped = tuple(self.missed), tuple(self.skipped)
        if count == reading.explain_after:
            runs.reached(
                Threshold(WRITTEN_EXPLANATION, self.person, self.group, meeting, missed, skipped, False)
            )
        if count == reading.resign_after:
            ends = reading.ends_membership
            runs.reached(
                Threshold(DEEMED_RESIGNATION, self.person, self.group, meeting, missed, skipped, ends)
            )
            if ends:
                self.resigned_on = day
                for membership in self.memberships:
                    if membership.covers(day):
                        runs.ends[membership] = day
                self.missed, self.skipped = [], []


class AttendanceRuns:
    """Every member's runs in every group of one partnership, advanced one held meeting at a time.

    ``thresholds`` lists every threshold reached so far; ``ends`` the memberships that deemed resignations
    ended, with their last day. Meetings must be observed in order of their start.
    """

    def __init__(self, assessment: Assessment) -> None:
        self.thresholds: list[Threshold] = []
        self.ends: dict[Membership, date] = {}
        self._at: dict[str, list[Threshold]] = {}
        self._readings: dict[date, Readings] = {}
        # Per group: members not yet seated (latest first seat last, so they pop off the end in order),
        # and the members whose memberships may still cover a meeting.
        self._waiting: dict[str, list[tuple[date, date | None, RunState]]] = {}
        self._sitting: dict[str, list[tuple[date, date | None, RunState]]] = {}
        for group in sorted(assessment.groups):
            by_person: dict[str, list[Membership]] = {}
            for membership in assessment.memberships(group):
                by_person.setdefault(membership.person, []).append(membership)
            states = []
            for person in sorted(by_person):
                seats = by_person[person]
                ends = [m.end for m in seats]
                last = None if None in ends else max(e for e in ends if e is not None)
                states.append((min(m.start for m in seats), last, RunState(person, group, seats)))
            states.sort(key=lambda entry: entry[0], reverse=True)
            self._waiting[group] = states
            self._sitting[group] = []

    def readings(self, assessment: Assessment, meeting: Meeting) -> Readings:
        reading = self._readings.get(meeting.day)
        if reading is None:
            reading = self._readings[meeting.day] = readings(assessment, meeting)
        return reading

    def reached(self, threshold: Threshold) -> None:
        self.thresholds.append(threshold)
        self._at.setdefault(threshold.meeting.id, []).append(threshold)

    def observe(self, assessment: Assessment, meeting: Meeting) -> None:
        """Count a held meeting for every member of each of its groups in this partnership."""
        day = meeting.day
        for group in meeting.groups:
            waiting = self._waiting.get(group)
            if waiting is None:
                continue
            sitting = self._sitting[group]
            while waiting and waiting[-1][0] <= day:
                sitting.append(waiting.pop())
            if any(last is not None and last < day for _first, last, _state in sitting):
                sitting[:] = [entry for entry in sitting if entry[1] is None or entry[1] >= day]
            for _first, _last, state in sitting:
                state.observe(self, assessment, meeting)

    def at(self, meeting: Meeting) -> list[Threshold]:
        """The thresholds reached at ``meeting``."""
        return self._at.get(meeting.id, [])
