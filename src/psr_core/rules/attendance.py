"""Attendance: consecutive misses (clause 1.7.3) and deputies (clause 1.4.8)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assessment import Assessment
from ..attendance import DEEMED_RESIGNATION, READINGS, WRITTEN_EXPLANATION, Threshold, entry_of
from ..findings import Finding, Subject
from ..model import AttendanceStatus, Meeting
from .base import finds, meeting_rule


def _days(threshold: Threshold) -> str:
    return ", ".join([meeting.day.isoformat() for meeting in threshold.missed])


def _unexcused(assessment: Assessment, threshold: Threshold) -> str:
    """Say "with no exceptional reason" only where an exceptional reason would have excused a miss."""
    if bool(assessment.value("exceptional_reason_skips", threshold.meeting.day)):
        return " with no exceptional reason"
    return " (exceptional reasons are not excused under this policy)"


def _exceptional(threshold: Threshold) -> list[dict[str, str | None]]:
    """The exceptional reasons recorded for the run's meetings, with who accepted each and when, where the
    minutes say (clause 1.7.3: "Unless there are exceptional reasons", the chair's discretion)."""
    reasons = []
    for meeting in sorted((*threshold.missed, *threshold.skipped), key=lambda m: (m.start, m.id)):
        entry = entry_of(meeting, threshold.person)
        if entry is not None and entry.exceptional:
            accepted_on = entry.exceptional_accepted_on
            reasons.append(
                {
                    "meeting": meeting.id,
                    "reason": entry.exceptional,
                    "accepted_by": entry.exceptional_accepted_by,
                    "accepted_on": accepted_on.isoformat() if accepted_on is not None else None,
                }
            )
    return reasons


def _evidence(threshold: Threshold) -> dict[str, object]:
    return {
        "missed": [meeting.id for meeting in threshold.missed],
        "skipped": [meeting.id for meeting in threshold.skipped],
        "exceptional": _exceptional(threshold),
    }


EXPLANATION = finds(
    WRITTEN_EXPLANATION,
    "A member's second consecutive missed meeting of a group.",
    uses=(*READINGS, "written_explanation_after"),
)


@meeting_rule(EXPLANATION)
def written_explanation(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    for threshold in assessment.runs.at(meeting):
        if threshold.rule != WRITTEN_EXPLANATION:
            continue
        yield EXPLANATION(
            assessment,
            threshold.meeting.day,
            Subject(person=threshold.person, group=threshold.group, meeting=threshold.meeting.id),
            f"{threshold.person} missed {len(threshold.missed)} consecutive meetings of {threshold.group} "
            f"({_days(threshold)}); the partnership will consider asking for a written explanation",
            _evidence(threshold),
        )


RESIGNATION = finds(
    DEEMED_RESIGNATION,
    "A member's third consecutive missed meeting of a group, unless an exceptional reason is recorded.",
    uses=(*READINGS, "deemed_resignation_after", "deemed_resignation_ends_membership"),
)


@meeting_rule(RESIGNATION)
def deemed_resignation(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    for threshold in assessment.runs.at(meeting):
        if threshold.rule != DEEMED_RESIGNATION:
            continue
        day = threshold.meeting.day
        ends = f"; the membership ends on {day.isoformat()}" if threshold.ends_membership else ""
        yield RESIGNATION(
            assessment,
            day,
            Subject(person=threshold.person, group=threshold.group, meeting=threshold.meeting.id),
            f"{threshold.person} missed {len(threshold.missed)} consecutive meetings of {threshold.group} "
            f"({_days(threshold)}){_unexcused(assessment, threshold)}: considered a resignation{ends}",
            {
                **_evidence(threshold),
                "membership_ends": day.isoformat() if threshold.ends_membership else None,
            },
        )


DEPUTY = finds("attendance.deputy", "A member represented by a deputy.", uses=("deputy_counts_as_missed",))


@meeting_rule(DEPUTY)
def deputies(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    expected = assessment.expected(meeting)
    for entry in assessment.record(meeting).others:  # the lines not recording someone present
        if entry.status is not AttendanceStatus.DEPUTY or entry.person not in expected:
            continue
        deputy = entry.deputy or "an unnamed deputy"
        yield DEPUTY(
            assessment,
            meeting.day,
            Subject(person=entry.person, group=expected[entry.person].group, meeting=meeting.id),
            f"{entry.person} sent {deputy} to {meeting.id} instead of attending in person",
            {"deputy": entry.deputy},
        )
