"""What the partnership did about attendance (clause 1.7.3), counted from its casework: written explanations
requested and received, resignations confirmed (``psr stats``; see docs/explanation/casework.md)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import attrs

from psr_core import History, PolicyChoice, ResponseAction, evaluate

from .names import Names

COUNTED = (
    ResponseAction.EXPLANATION_REQUESTED,
    ResponseAction.EXPLANATION_RECEIVED,
    ResponseAction.RESIGNATION_CONFIRMED,
)
"""The actions counted, in the order they are shown."""


@attrs.frozen
class CaseworkCounts:
    """The counted responses dated from ``start`` to ``end`` to findings of one partnership raised by
    ``end``: in all (``totals``, by action) and by the member and group a finding is about (``members``)."""

    start: date
    end: date
    totals: Counter[ResponseAction]
    members: dict[tuple[str, str], Counter[ResponseAction]]


def casework_counts(
    history: History, partnership: str, policy: PolicyChoice, start: date, end: date
) -> CaseworkCounts:
    evaluation = evaluate(history, policy, end)
    totals: Counter[ResponseAction] = Counter()
    members: dict[tuple[str, str], Counter[ResponseAction]] = {}
    for finding in evaluation.findings:
        if finding.partnership != partnership:
            continue
        for response in evaluation.casework.responses_to(finding):
            if response.action not in COUNTED or not start <= response.on <= end:
                continue
            totals[response.action] += 1
            person, group = finding.subject.person, finding.subject.group
            if person is not None and group is not None:
                members.setdefault((person, group), Counter())[response.action] += 1
    return CaseworkCounts(start, end, totals, members)


def casework_document(counts: CaseworkCounts, names: Names) -> dict[str, Any]:
    """The counts as JSON: totals by action, then each member's, by group."""
    return {
        "from": counts.start.isoformat(),
        "to": counts.end.isoformat(),
        "totals": {action.value: counts.totals[action] for action in COUNTED},
        "members": [
            {
                "person": names.person(person),
                "group": names.group(group),
                **{action.value: counted[action] for action in COUNTED},
            }
            for (person, group), counted in sorted(counts.members.items())
        ],
    }
