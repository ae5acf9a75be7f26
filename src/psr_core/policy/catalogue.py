"""The built-in policy versions, by id."""

from __future__ import annotations

from ..errors import UnknownPolicyError
from .chorley_2015 import CHORLEY_2015
from .chorley_2015_review import CHORLEY_2015_REVIEW
from .chorley_south_ribble_2021 import CHORLEY_SOUTH_RIBBLE_2021
from .south_ribble_2021 import SOUTH_RIBBLE_2021
from .version import Policy

BUILT_IN: dict[str, Policy] = {
    policy.id: policy
    for policy in (CHORLEY_2015, CHORLEY_2015_REVIEW, CHORLEY_SOUTH_RIBBLE_2021, SOUTH_RIBBLE_2021)
}


def built_in_policy(policy_id: str) -> Policy:
    """The built-in version ``policy_id``; :class:`UnknownPolicyError` names the ones there are."""
    try:
        return BUILT_IN[policy_id]
    except KeyError:
        known = ", ".join(sorted(BUILT_IN))
        raise UnknownPolicyError(
            f"no built-in policy {policy_id!r}; the built-in versions are: {known}"
        ) from None


def built_in_policies() -> tuple[Policy, ...]:
    """Every built-in policy version, by id."""
    return tuple(BUILT_IN[key] for key in sorted(BUILT_IN))
