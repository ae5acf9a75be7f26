"""Comparing two evaluations of the same history: what appears, disappears or changes.

Two findings are the same finding when rule, partnership, day and subject agree; a finding that is the same
but says something else (its clause, severity, message, evidence or interpretation) has changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from .evaluation import Evaluation
from .findings import Finding
from .policy import Policy
from .rules import RULES


@attrs.frozen
class Change:
    """One finding under both evaluations, with what differs."""

    before: Finding
    after: Finding

    @property
    def differences(self) -> tuple[str, ...]:
        fields = ("policy", "clause", "severity", "message", "evidence", "interpretation")
        return tuple(name for name in fields if getattr(self.before, name) != getattr(self.after, name))


@attrs.frozen
class ParameterChange:
    """A parameter whose value on the as-of day differs between the two policies (``None``: not defined)."""

    name: str
    before: Any
    after: Any
    interpretation: bool
    clause_before: str | None
    clause_after: str | None


@attrs.frozen
class Comparison:
    """``appeared`` only after, ``disappeared`` only before, ``changed`` in both but different;
    ``parameters`` the parameters that differ between the two policies, when they were given, and
    ``rules_before`` / ``rules_after`` the rules each adopts."""

    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]
    changed: tuple[Change, ...]
    parameters: tuple[ParameterChange, ...] = ()
    rules_before: frozenset[str] = frozenset()
    rules_after: frozenset[str] = frozenset()

    @property
    def unchanged(self) -> bool:
        return not (self.appeared or self.disappeared or self.changed)

    def because(self, finding: Finding) -> tuple[str, ...]:
        """Why ``finding`` differs: the differing parameters its rule reads, and whether the rule is adopted
        by only one of the policies (``"rule only under one policy"``)."""
        reasons = [change.name for change in self.parameters if change.name in RULES[finding.rule].uses]
        adopted = (finding.rule in self.rules_before, finding.rule in self.rules_after)
        if (self.rules_before or self.rules_after) and adopted[0] != adopted[1]:
            reasons.append("rule only under one policy")
        return tuple(reasons)


def parameter_changes(before: Policy, after: Policy, day: date) -> tuple[ParameterChange, ...]:
    """The parameters whose values on ``day`` differ between ``before`` and ``after``, by name."""
    changes = []
    for name in sorted(before.parameters.keys() | after.parameters.keys()):
        old, new = before.parameters.get(name), after.parameters.get(name)
        old_value = old.at(day) if old is not None else None
        new_value = new.at(day) if new is not None else None
        if old_value != new_value:
            either = new if new is not None else old
            assert either is not None
            changes.append(
                ParameterChange(
                    name,
                    old_value,
                    new_value,
                    either.interpretation,
                    old.citation.clause if old is not None else None,
                    new.citation.clause if new is not None else None,
                )
            )
    return tuple(changes)


def _keyed(evaluation: Evaluation) -> dict[tuple[object, ...], Finding]:
    """Findings by identity (rule, place, day, subject and facet: three vacant advocate roles on one day
    are three identities)."""
    return {finding.identity(): finding for finding in evaluation.findings}


def compare(
    before: Evaluation, after: Evaluation, policies: tuple[Policy, Policy] | None = None
) -> Comparison:
    """What changes in the findings from ``before`` (the baseline) to ``after``; given the two policies
    (baseline first), also which of their parameters and rules differ, so each difference can be explained."""
    old = _keyed(before)
    new = _keyed(after)
    changed = []
    for key in old.keys() & new.keys():
        change = Change(old[key], new[key])
        if change.differences and set(change.differences) != {"policy"}:
            changed.append(change)
    changed.sort(key=lambda change: change.after.sort_key())
    return Comparison(
        appeared=tuple(sorted((new[k] for k in new.keys() - old.keys()), key=Finding.sort_key)),
        disappeared=tuple(sorted((old[k] for k in old.keys() - new.keys()), key=Finding.sort_key)),
        changed=tuple(changed),
        parameters=parameter_changes(*policies, after.as_of) if policies is not None else (),
        rules_before=frozenset(policies[0].rules) if policies is not None else frozenset(),
        rules_after=frozenset(policies[1].rules) if policies is not None else frozenset(),
    )
