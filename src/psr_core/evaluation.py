"""``evaluate(history, policy, as_of)``: the findings of every partnership in a history, as data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date

import attrs

from .assessment import Assessment
from .errors import PolicyError
from .findings import Finding
from .model import History, Partnership, Severity
from .policy import Policy, built_in_policy
from .rules import RULES

PolicyChoice = Policy | Mapping[str, Policy] | None


@attrs.frozen
class Evaluation:
    """The findings of a history as it stood at the end of ``as_of``, and the policy each partnership had."""

    as_of: date
    findings: tuple[Finding, ...]
    policies: Mapping[str, str] = attrs.field(hash=False)

    @property
    def has_breach(self) -> bool:
        return any(finding.severity is Severity.BREACH for finding in self.findings)

    def by_rule(self) -> Counter[str]:
        return Counter(finding.rule for finding in self.findings)

    def of_rule(self, rule: str) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.rule == rule)


def check_policy(policy: Policy) -> None:
    """Refuse a policy that adopts an unknown rule or lacks a parameter one of its rules reads."""
    for rule_id in policy.rules:
        rule = RULES.get(rule_id)
        if rule is None:
            known = ", ".join(sorted(RULES))
            raise PolicyError(
                f"policy {policy.id} adopts an unknown rule {rule_id!r}; the rules are: {known}"
            )
        missing = [name for name in rule.uses if name not in policy.parameters]
        if missing:
            raise PolicyError(
                f"policy {policy.id} adopts {rule_id}, which reads {', '.join(missing)}, "
                "but the policy does not define it"
            )


def policy_for(partnership: Partnership, policy: PolicyChoice) -> Policy:
    """The policy a partnership is judged by: the one given for all, its own in a mapping, or its built-in."""
    if isinstance(policy, Policy):
        return policy
    if policy is not None and partnership.id in policy:
        return policy[partnership.id]
    return built_in_policy(partnership.policy)


def evaluate(
    history: History,
    policy: PolicyChoice,
    as_of: date,
    *,
    on_progress: Callable[[str], None] | None = None,
) -> Evaluation:
    """Judge ``history`` as it stood at the end of ``as_of``.

    ``policy`` is one policy for every partnership, a mapping from partnership id to policy, or ``None`` to
    use each partnership's own built-in version. ``on_progress``, if given, is told which rule of which
    partnership is being assessed (a terminal shows it; nothing else depends on it).

    Pure and deterministic: the same arguments give the same findings, in the same order, whatever the
    order of the facts in the history.
    """
    known = history.as_it_stood(as_of)
    findings: list[Finding] = []
    used: dict[str, str] = {}
    for partnership in sorted(known.partnerships, key=lambda p: p.id):
        chosen = policy_for(partnership, policy)
        check_policy(chosen)
        used[partnership.id] = chosen.id
        assessment = Assessment(known, partnership, chosen, as_of)
        for index, rule_id in enumerate(sorted(chosen.rules), start=1):
            if on_progress is not None:
                on_progress(f"{partnership.id}: rule {index}/{len(chosen.rules)} {rule_id}")
            terms = chosen.rules[rule_id]
            findings.extend(f for f in RULES[rule_id].assess(assessment) if terms.in_force_on(f.date))
    findings.sort(key=Finding.sort_key)
    return Evaluation(as_of=as_of, findings=tuple(findings), policies=used)
