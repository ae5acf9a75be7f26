"""What each named parameter may hold, so that a policy with a mistyped value is refused before use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.vocabulary import AdvocateRole, PartnerStatus, Role, Tier

TIERS = {tier.value for tier in Tier}
CHAIR_RULES = {"named", "district-council-leader", "independent", "member", "any"}
UNRECORDED = {"skip", "missed", "attended"}


def _words(allowed: set[str], what: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"expected a list of {what}"
        unknown = sorted(set(value) - allowed)
        return (
            f"unknown {what}: {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
            if unknown
            else None
        )

    return check


def _count(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "expected a whole number of at least 1"
    return None


def _days(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return "expected a whole number of days, 0 or more"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def _per_tier(check: Callable[[Any], str | None], what: str) -> Callable[[Any], str | None]:
    def per_tier(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"expected a mapping from tier ({', '.join(sorted(TIERS))}) to {what}"
        unknown = sorted(set(value) - TIERS)
        if unknown:
            return f"unknown tier: {', '.join(unknown)} (allowed: {', '.join(sorted(TIERS))})"
        for tier, entry in value.items():
            problem = check(entry)
            if problem:
                return f"{tier}: {problem}"
        return None

    return per_tier


def _chair_rule(value: Any) -> str | None:
    if value not in CHAIR_RULES:
        return f"expected one of {', '.join(sorted(CHAIR_RULES))}; found {value!r}"
    return None


def _band(value: Any) -> str | None:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        or value[0] > value[1]
    ):
        return "expected [least, greatest], two amounts with the least first"
    return None


def _unrecorded(value: Any) -> str | None:
    return (
        None if value in UNRECORDED else f"expected one of {', '.join(sorted(UNRECORDED))}; found {value!r}"
    )


_STATUSES = _words({s.value for s in PartnerStatus}, "partner statuses")
CHECKS: dict[str, Callable[[Any], str | None]] = {
    "cadence_months": _per_tier(_count, "a number of months"),
    "chair_rule": _per_tier(_chair_rule, "a chair rule"),
    "named_chair_overrides": _flag,
    "agenda_notice_days": _days,
    "written_explanation_after": _count,
    "deemed_resignation_after": _count,
    "apologies_count_as_missed": _flag,
    "deputy_counts_as_missed": _flag,
    "exceptional_reason_skips": _flag,
    "unrecorded_attendance": _unrecorded,
    "deemed_resignation_ends_membership": _flag,
    "contribution_band": _band,
    "contributing_statuses": _STATUSES,
    "executive_statuses": _STATUSES,
    "implementation_statuses": _STATUSES,
    "board_statuses": _STATUSES,
    "partner_statuses": _STATUSES,
    "advocate_roles": _words({a.value for a in AdvocateRole}, "advocate roles"),
    "tier_roles": _per_tier(_words({r.value for r in Role}, "roles"), "a list of roles"),
    "scrutiny_months": _count,
    "review_months": _count,
    "abstention_counts_as_voting": _flag,
    "deputies_may_vote": _flag,
    "deciding_tiers": _words(TIERS, "tiers"),
}


def value_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the parameter ``name``, or ``None`` (unknown names pass)."""
    check = CHECKS.get(name)
    return check(value) if check is not None else None
