"""A schedule written as ``psr/1`` meeting entries to add to a dataset: YAML with the agenda deadlines as
comments, or JSON with them alongside."""

from __future__ import annotations

from typing import Any

from psr_core import History

from ..dataset import document_from_history
from ..documents import dump_yaml
from .events import long_date
from .schedule import Plan, Proposal

EVERY = {1: "every month", 2: "every two months", 3: "every three months", 6: "every six months"}


def cadence_words(months: int) -> str:
    return EVERY.get(months, f"every {months} months")


def entry(proposal: Proposal) -> dict[str, Any]:
    """The ``meetings`` entry of a proposal, exactly as the dataset writer would write it."""
    document = document_from_history(History(meetings=[proposal.meeting]))
    found: dict[str, Any] = document["meetings"][0]
    return found


def _deadline_comment(proposal: Proposal) -> str:
    deadline = proposal.deadline
    if deadline is None:
        return "# no agenda notice is set by the policy for this day"
    return (
        f"# agenda out by {long_date(deadline.day)} (no less than {deadline.notice_days} days before; "
        f"{deadline.policy}, clause {deadline.clause})"
    )


def plan_yaml(plan: Plan) -> str:
    """The proposals as YAML to paste under ``meetings:``, each with a comment giving its agenda deadline."""
    out = [
        f"# Proposed meetings of {plan.group} ({plan.title}) from {plan.start} to {plan.end}:",
        f"# the {plan.day} of the month, {cadence_words(plan.cadence_months)} ({plan.policy}, cadence_months "
        f"{plan.cadence_months}), on days no other meeting of the partnership takes.",
        "# Add the entries under `meetings:` in the dataset; each comment gives its agenda deadline.",
    ]
    if not plan.proposals:
        return "\n".join([*out, "meetings: []  # nothing to propose in this window", ""])
    out.append("meetings:")
    for proposal in plan.proposals:
        out.append("  " + _deadline_comment(proposal))
        if proposal.late:
            out.append("  # later than the cadence allows: no free day in time was left in the window")
        out += ["  " + line for line in dump_yaml([entry(proposal)]).splitlines()]
    return "\n".join(out) + "\n"


def plan_document(plan: Plan) -> dict[str, Any]:
    """The proposals as one JSON-ready document: the entries, their agenda deadlines, and how they were made."""
    return {
        "group": plan.group,
        "policy": plan.policy,
        "cadence_months": plan.cadence_months,
        "day": str(plan.day),
        "from": plan.start.isoformat(),
        "to": plan.end.isoformat(),
        "meetings": [entry(p) for p in plan.proposals],
        "agenda_deadlines": [
            {
                "meeting": p.meeting.id,
                "date": p.deadline.day.isoformat(),
                "notice_days": p.deadline.notice_days,
                "policy": p.deadline.policy,
                "clause": p.deadline.clause,
            }
            for p in plan.proposals
            if p.deadline is not None
        ],
        "late": [p.meeting.id for p in plan.proposals if p.late],
    }
