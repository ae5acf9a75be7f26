"""Clause 1.7.3 in the statistics: the runs they show are the runs the attendance rules act on.

"Should any member miss 2 consecutive meetings the partnership will consider whether that member should be
asked for a written explanation. Unless there are exceptional reasons, missing 3 consecutive meetings will
be considered as resignation from the partnership" (clause 1.7.3 of the Terms of Reference (2015)).

Whatever the policy's readings of that clause (apologies, deputies, exceptional reasons, unrecorded
attendance, whether a resignation ends the seat), a member whom the statistics show with a run of three
counted misses has a deemed-resignation finding for those very meetings, and a deemed-resignation finding
shows in the statistics as such a run on its day; the same holds for two misses and the written
explanation. (The statistics show a run as it stands at the end of a day, so a finding whose group met
again later that day (or at the same time, after it by id), and whose run the later meeting ended, is not
looked for in them.)
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from psr_core import CHORLEY_2015, History, Policy, evaluate
from psr_core.statistics import attendance_statistics
from strategies import histories

RULES = {
    "attendance.deemed-resignation": "deemed_resignation_after",
    "attendance.written-explanation": "written_explanation_after",
}

READINGS = st.fixed_dictionaries(
    {
        "apologies_count_as_missed": st.booleans(),
        "deputy_counts_as_missed": st.booleans(),
        "exceptional_reason_skips": st.booleans(),
        "unrecorded_attendance": st.sampled_from(["skip", "missed", "attended"]),
        "deemed_resignation_ends_membership": st.booleans(),
    }
)


def under(readings: dict[str, Any]) -> Policy:
    policy = CHORLEY_2015
    for name, value in readings.items():
        policy = policy.with_parameter(name, value)
    return policy


def runs_at(
    history: History, policy: Policy, day: date, threshold: int
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The members whose run at the end of ``day`` reached ``threshold``: the run's first meetings."""
    started = history.partnerships[0].started
    statistics = attendance_statistics(history, "chorley", policy, started, day)
    return {
        (member.person, member.group): member.run[:threshold]
        for member in statistics.members
        if member.current_run >= threshold
    }


@settings(deadline=None)
@given(history=histories(), readings=READINGS)
def test_a_run_in_the_statistics_is_a_finding_of_the_attendance_rules_and_the_reverse(
    history: History, readings: dict[str, Any]
) -> None:
    policy = under(readings)
    held_days = sorted({meeting.day for meeting in history.meetings if meeting.held})
    if not held_days:
        return
    last = held_days[-1]
    starts = {meeting.id: meeting.start for meeting in history.meetings}

    def order_of(meeting: str | None) -> tuple[datetime, str]:
        """Where a meeting comes in its day: by its start, then by id (two meetings of a group may start
        at the same time; the runs count them in that order)."""
        return starts[str(meeting)], str(meeting)

    evaluation = evaluate(history, policy, last)
    held = [meeting for meeting in history.meetings if meeting.held]
    for rule, parameter in RULES.items():
        threshold = int(policy.value(parameter, last))
        found = [
            (f.date, (f.subject.person or "", f.subject.group or ""), tuple(f.evidence["missed"]))
            for f in evaluation.of_rule(rule)
        ]
        # The statistics show runs as they stand at the end of a day: a finding whose group met again
        # later that day (at the same time too, after it by id) may have had its run ended by then.
        last_of_day = {
            (f.date, (f.subject.person or "", f.subject.group or ""), tuple(f.evidence["missed"]))
            for f in evaluation.of_rule(rule)
            if not any(
                str(f.subject.group) in m.groups
                and m.day == f.date
                and (m.start, m.id) > order_of(f.subject.meeting)
                for m in held
            )
        }
        for day in held_days:
            shown = runs_at(history, policy, day, threshold)
            # A run of `threshold` counted misses in the statistics has its finding, for the same meetings.
            so_far = {(member, missed) for when, member, missed in found if when <= day}
            assert set(shown.items()) <= so_far, f"{rule}: a run shown on {day} has no finding"
            # A finding arising on a day shows in that day's statistics as the run it names.
            today = {
                (member, missed)
                for when, member, missed in found
                if when == day and (when, member, missed) in last_of_day
            }
            assert today <= set(shown.items()), f"{rule}: a finding of {day} is not a run in the statistics"
