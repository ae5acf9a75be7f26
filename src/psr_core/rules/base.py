"""What a rule is: an id from the contract, the parameters it reads, and how it looks at the record.

A rule looks at a partnership's record in up to two ways, so that a full evaluation and an incremental one
(a meeting recorded after the rest) share the same code:

- ``step`` sees each held meeting once, in order, after the attendance runs have counted it;
- ``close`` sees the record as a whole on the as-of day, and must not change the rule's state.

``begin`` makes the state a rule carries from one meeting to the next (most rules carry none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..assessment import Assessment
from ..findings import Finding
from ..model import Meeting

Begin = Callable[[Assessment], Any]
Step = Callable[[Assessment, Any, Meeting], Iterable[Finding]]
Close = Callable[[Assessment, Any], Iterable[Finding]]

RULES: dict[str, Rule] = {}


def _stateless(_assessment: Assessment) -> None:
    return None


@attrs.frozen
class Rule:
    """A rule of the terms of reference, as code.

    The policy version decides whether it is in force and which clause it cites (:class:`RuleTerms`);
    the rule decides what counts as a finding, using only the parameters it names in ``uses``.
    """

    id: str
    summary: str
    uses: tuple[str, ...]
    begin: Begin = attrs.field(default=_stateless, eq=False, repr=False)
    step: Step | None = attrs.field(default=None, eq=False, repr=False)
    close: Close | None = attrs.field(default=None, eq=False, repr=False)


def register(new: Rule) -> Rule:
    if new.id in RULES:
        raise ValueError(f"rule {new.id} is registered twice")
    RULES[new.id] = new
    return new


def rule(
    rule_id: str, summary: str, uses: tuple[str, ...] = ()
) -> Callable[[Callable[[Assessment], Iterator[Finding]]], Callable[[Assessment], Iterator[Finding]]]:
    """Register a rule that judges the record as a whole on the as-of day."""

    def decorate(
        function: Callable[[Assessment], Iterator[Finding]],
    ) -> Callable[[Assessment], Iterator[Finding]]:
        register(Rule(rule_id, summary, uses, close=lambda assessment, _state: function(assessment)))
        return function

    return decorate


def meeting_rule(
    rule_id: str, summary: str, uses: tuple[str, ...] = ()
) -> Callable[
    [Callable[[Assessment, Meeting], Iterator[Finding]]], Callable[[Assessment, Meeting], Iterator[Finding]]
]:
    """Register a rule that judges each held meeting on its own."""

    def decorate(
        function: Callable[[Assessment, Meeting], Iterator[Finding]],
    ) -> Callable[[Assessment, Meeting], Iterator[Finding]]:
        register(
            Rule(
                rule_id, summary, uses, step=lambda assessment, _state, meeting: function(assessment, meeting)
            )
        )
        return function

    return decorate
