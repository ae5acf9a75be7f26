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
class AttendanceRuns:
    """Every threshold reached, and the memberships that deemed resignations ended (with their last day)."""

    thresholds: tuple[Threshold, ...]
    ends: dict[Membership, date] = attrs.field(hash=False)


@attrs.frozen
class Readings:
    """The policy's readings of clause 1.7.3 on one day."""

    apologies_missed: bool
    deputy_missed: bool
    exceptional_skips: bool
    unrecorded: str

    def outcome(self, entry: Attendance | None) -> Outcome:
        if entry is None:
            return Outcome(_UNRECORDED[self.unrecorded])
        status = entry.status
        if status is AttendanceStatus.PRESENT:
            return Outcome.ATTENDED
        if entry.exceptional and self.exceptional_skips:
            return Outcome.SKIPPED
        if status is AttendanceStatus.APOLOGIES and not self.apologies_missed:
            return Outcome.ATTENDED
        if status is AttendanceStatus.DEPUTY and not self.deputy_missed:
            return Outcome.ATTENDED
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
    )


def count_attendance_runs(assessment: Assessment) -> AttendanceRuns:
    """Count every member's runs in every group of the partnership."""
    thresholds: list[Threshold] = []
    ends: dict[Membership, date] = {}
    resigning = assessment.in_force(DEEMED_RESIGNATION)
    cache: dict[date, Readings] = {}
    for group in sorted(assessment.groups):
        memberships = assessment.memberships(group)
        if not memberships:
            continue
        by_person: dict[str, list[Membership]] = {}
        for membership in memberships:
            by_person.setdefault(membership.person, []).append(membership)
        meetings = assessment.held_meetings(group)
        for person in sorted(by_person):
            _count_member(
                assessment,
                person,
                group,
                by_person[person],
                meetings,
                resigning,
                cache,
                thresholds,
                ends,
            )
    return AttendanceRuns(thresholds=tuple(thresholds), ends=ends)


def _count_member(
    assessment: Assessment,
    person: str,
    group: str,
    memberships: list[Membership],
    meetings: list[Meeting],
    resigning: bool,
    cache: dict[date, Readings],
    thresholds: list[Threshold],
    ends: dict[Membership, date],
) -> None:
    missed: list[Meeting] = []
    skipped: list[Meeting] = []
    resigned_on: date | None = None
    first_start = memberships[0].start
    for meeting in meetings:
        day = meeting.day
        if day < first_start:
            continue
        seat = None
        for membership in memberships:
            if membership.covers(day) and (resigned_on is None or membership.start > resigned_on):
                seat = membership
                break
        if seat is None:
            continue
        reading = cache.get(day)
        if reading is None:
            reading = cache[day] = readings(assessment, meeting)
        outcome = reading.outcome(assessment.attendance_of(meeting, person))
        if outcome is Outcome.ATTENDED:
            missed, skipped = [], []
            continue
        if outcome is Outcome.SKIPPED:
            if missed:
                skipped.append(meeting)
            continue
        missed.append(meeting)
        count = len(missed)
        explain_after = int(assessment.value("written_explanation_after", day))
        resign_after = int(assessment.value("deemed_resignation_after", day))
        ends_membership = resigning and bool(assessment.value("deemed_resignation_ends_membership", day))
        if count == explain_after:
            thresholds.append(
                Threshold(
                    WRITTEN_EXPLANATION,
                    person,
                    group,
                    meeting,
                    tuple(missed),
                    tuple(skipped),
                    False,
                )
            )
        if count == resign_after:
            thresholds.append(
                Threshold(
                    DEEMED_RESIGNATION,
                    person,
                    group,
                    meeting,
                    tuple(missed),
                    tuple(skipped),
                    ends_membership,
                )
            )
            if ends_membership:
                resigned_on = day
                for membership in memberships:
                    if membership.covers(day):
                        ends[membership] = day
                missed, skipped = [], []
