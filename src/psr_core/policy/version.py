"""A policy version: one terms of reference as data (parameters, rules in force, citations)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from ..errors import PolicyError
from .terms import Parameter, RuleTerms


def _mapping(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen
class Policy:
    """A version of the terms of reference.

    ``rules`` maps each rule id in force to the terms under which this version adopts it; ``parameters``
    holds every named value those rules read. Policies are values: derive a variant with
    :meth:`with_parameter` or :meth:`without_rules` rather than changing one.
    """

    id: str
    title: str
    document: str
    effective_from: date
    rules: Mapping[str, RuleTerms] = attrs.field(converter=_mapping, hash=False)
    parameters: Mapping[str, Parameter] = attrs.field(converter=_mapping, hash=False)
    extends: str | None = None
    description: str = ""

    def parameter(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            known = ", ".join(sorted(self.parameters))
            raise PolicyError(f"policy {self.id} has no parameter {name!r}; it has: {known}") from None

    def value(self, name: str, day: date) -> Any:
        """The value of parameter ``name`` in force on ``day``."""
        return self.parameter(name).at(day)

    def steady(self, names: Iterable[str], day: date) -> tuple[date, date | None]:
        """The days around ``day`` on which none of the parameters ``names`` changes value: from the first
        (inclusive) to the second (exclusive; ``None``: no later change). Unknown names are left out."""
        since, until = date.min, None
        for name in names:
            parameter = self.parameters.get(name)
            if parameter is None:
                continue
            for dated in parameter.values[1:]:  # before its second date, a parameter has its first value
                if dated.since <= day:
                    since = max(since, dated.since)
                elif until is None or dated.since < until:
                    until = dated.since
        return since, until

    def terms(self, rule: str) -> RuleTerms:
        try:
            return self.rules[rule]
        except KeyError:
            raise PolicyError(f"rule {rule!r} is not in force under policy {self.id}") from None

    def with_parameter(self, name: str, value: Any, since: date | None = None) -> Policy:
        """This policy with ``name`` set to ``value`` (from ``since``, else throughout)."""
        changed = self.parameter(name).with_value(value, since)
        return attrs.evolve(self, parameters={**self.parameters, name: changed})

    def without_rules(self, *rule_ids: str) -> Policy:
        """This policy with the named rules switched off."""
        for rule in rule_ids:
            self.terms(rule)
        return attrs.evolve(
            self, rules={rule: terms for rule, terms in self.rules.items() if rule not in rule_ids}
        )
