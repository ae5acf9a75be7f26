"""What a rule is: an id from the contract, the parameters it reads, and a function of an assessment."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from ..assessment import Assessment
from ..findings import Finding

Assess = Callable[[Assessment], Iterator[Finding]]

RULES: dict[str, Rule] = {}


@attrs.frozen
class Rule:
    """A rule of the terms of reference, as code.

    The policy version decides whether it is in force and which clause it cites (:class:`RuleTerms`);
    the rule decides what counts as a finding, using only the parameters it names in ``uses``.
    """

    id: str
    summary: str
    uses: tuple[str, ...]
    assess: Assess = attrs.field(eq=False, repr=False)


def rule(rule_id: str, summary: str, uses: tuple[str, ...] = ()) -> Callable[[Assess], Assess]:
    """Register ``function`` as the rule ``rule_id``."""

    def register(function: Assess) -> Assess:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(id=rule_id, summary=summary, uses=uses, assess=function)
        return function

    return register
