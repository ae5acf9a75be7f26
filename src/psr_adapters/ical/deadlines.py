"""Agenda deadlines: the last day a meeting's agenda and reports can go out (clause 1.7.1 of chorley-2015).

"the agenda and associated reports will be distributed electronically no less than five days before the
meeting." The number of days is the policy's parameter ``agenda_notice_days`` on the meeting's day, read the
way the rule ``meeting.agenda-notice`` reads it: the meeting's day minus the day the agenda went out must be
at least that many days, so the deadline is the meeting's day less those days (14 July, 5 days: 9 July).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from psr_core import Meeting, Policy

RULE = "meeting.agenda-notice"


@attrs.frozen
class AgendaDeadline:
    """The day by which the agenda of ``meeting`` must go out, and the terms that say so."""

    meeting: str
    day: date
    notice_days: int
    policy: str
    clause: str
    text: str


def agenda_deadline(meeting: Meeting, policies: Iterable[Policy]) -> AgendaDeadline | None:
    """The agenda deadline of ``meeting`` under the policies of its partnerships, or ``None`` when none of
    them has the rule ``meeting.agenda-notice`` in force on the meeting's day.

    A joint meeting answers to every partnership's policy: the earliest deadline is the one that satisfies
    them all.
    """
    found: list[AgendaDeadline] = []
    for policy in policies:
        terms = policy.rules.get(RULE)
        if terms is None or not terms.in_force_on(meeting.day):
            continue
        notice = int(policy.value("agenda_notice_days", meeting.day))
        found.append(
            AgendaDeadline(
                meeting=meeting.id,
                day=meeting.day - timedelta(days=notice),
                notice_days=notice,
                policy=policy.id,
                clause=terms.clause,
                text=terms.citations[0].text,
            )
        )
    return min(found, key=lambda deadline: (deadline.day, deadline.policy), default=None)
