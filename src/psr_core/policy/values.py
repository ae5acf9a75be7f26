"""The checks a declared parameter's values pass (:mod:`psr_core.policy.parameters`): each returns what is
wrong with a value, or ``None``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.vocabulary import PartnerStatus, Tier, UnrecordedAttendance

TIERS = {tier.value for tier in Tier}
CHAIR_RULES = {"named", "district-council-leader", "independent", "member", "any"}
UNRECORDED = {reading.value for reading in UnrecordedAttendance}


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
