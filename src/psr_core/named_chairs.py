"""Groups whose chair the terms of reference name (table 1.2.1 of the Terms of Reference (2015)).

Where a policy's chair rule for a tier is ``named`` (the Implementation Group's "Steve Winterson, Engagement
Director, Lancashire Care Foundation Trust" under ``chorley-2015``), the history must say who that person is:
a group of that tier with no ``chair`` leaves the rule with no one to compare, so the history is bad input
rather than a history in which anyone may chair.
"""

from __future__ import annotations

from .errors import HistoryError
from .evaluation import PolicyChoice, policy_for
from .model import History, Partnership


def unnamed_chairs(history: History, policies: PolicyChoice) -> list[str]:
    """A message for each group of a tier whose chair the policy names, with no ``chair`` recorded."""
    partnerships: dict[str, Partnership] = {p.id: p for p in history.partnerships}
    problems: list[str] = []
    for group in history.groups:
        partnership = partnerships.get(group.partnership)
        if partnership is None or group.chair is not None:
            continue
        policy = policy_for(partnership, policies)
        if "meeting.chair" not in policy.rules or "chair_rule" not in policy.parameters:
            continue
        parameter = policy.parameters["chair_rule"]
        if any(dated.value.get(group.tier.value) == "named" for dated in parameter.values):
            problems.append(
                f"group {group.id} ({group.tier.value}) names no chair, but under policy {policy.id} its chair "
                f"is a person the terms of reference name ({parameter.citation.clause}: "
                f"“{parameter.citation.text}”); record them as the group's chair"
            )
    return problems


def check_named_chairs(history: History, policies: PolicyChoice) -> None:
    """Refuse a history with a group whose named chair is not recorded (:func:`unnamed_chairs`)."""
    problems = unnamed_chairs(history, policies)
    if problems:
        raise HistoryError("; ".join(problems))
