"""The policy's readings of clause 1.7.3: how each line of the minutes counts in a member's run of misses.

The count follows the policy's readings (named parameters): whether apologies and deputies count as missed
(1.4.8), whether an accepted exceptional reason skips a meeting, and how a missing attendance entry counts.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import attrs

from ..errors import PolicyError
from ..model import Attendance, AttendanceStatus, UnrecordedAttendance
from ..policy import DECLARED, Policy

WRITTEN_EXPLANATION = "attendance.written-explanation"
DEEMED_RESIGNATION = "attendance.deemed-resignation"

READINGS = (
    "apologies_count_as_missed",
    "deputy_counts_as_missed",
    "exceptional_reason_skips",
    "unrecorded_attendance",
)
"""The readings of ambiguous text the count depends on."""


class Outcome(Enum):
    ATTENDED = "attended"
    MISSED = "missed"
    SKIPPED = "skipped"


@attrs.frozen
class Readings:
    """The policy's readings of clause 1.7.3 on one day: how each line of the minutes counts in a run of
    misses, and the run lengths at which the thresholds fire."""

    apologies_missed: bool
    deputy_missed: bool
    exceptional_skips: bool
    unrecorded: UnrecordedAttendance
    explain_after: int = 2
    resign_after: int = 3
    ends_membership: bool = True

    def outcome(self, entry: Attendance | None) -> Outcome:
        if entry is None:
            return _UNRECORDED[self.unrecorded]
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


_UNRECORDED = {
    UnrecordedAttendance.SKIP: Outcome.SKIPPED,
    UnrecordedAttendance.MISSED: Outcome.MISSED,
    UnrecordedAttendance.ATTENDED: Outcome.ATTENDED,
}


READ = (
    *READINGS,
    "written_explanation_after",
    "deemed_resignation_after",
    "deemed_resignation_ends_membership",
)
"""Every parameter :func:`readings_for` reads."""


def readings_for(policy: Policy, day: date) -> Readings:
    """The policy's readings of clause 1.7.3 in force on ``day``: the one place they are read (the
    evaluation, the ledger, the statistics and the durable_rules adapter all ask here).

    A policy that adopts no attendance rule may not define them (``south-ribble-2021`` holds only the
    joint-meeting rules): its meetings are still counted, for the statistics, under the declared defaults
    (:mod:`psr_core.policy.parameters`)."""

    def value(name: str) -> Any:
        if name in policy.parameters:
            return policy.value(name, day)
        return DECLARED[name].default

    unrecorded = value("unrecorded_attendance")
    try:
        reading = UnrecordedAttendance(unrecorded)
    except ValueError:
        allowed = ", ".join(r.value for r in UnrecordedAttendance)
        raise PolicyError(f"unrecorded_attendance must be one of {allowed}, got {unrecorded!r}") from None
    return Readings(
        apologies_missed=bool(value("apologies_count_as_missed")),
        deputy_missed=bool(value("deputy_counts_as_missed")),
        exceptional_skips=bool(value("exceptional_reason_skips")),
        unrecorded=reading,
        explain_after=int(value("written_explanation_after")),
        resign_after=int(value("deemed_resignation_after")),
        ends_membership=DEEMED_RESIGNATION in policy.rules
        and bool(value("deemed_resignation_ends_membership")),
    )
