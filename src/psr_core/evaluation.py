"""``evaluate(history, policy, as_of)``: the findings of every partnership in a history, as data."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from .assessment import Assessment, HistoryIndex
from .casework import STILL_OPEN, Casework, match_responses
from .errors import PolicyError
from .findings import Finding
from .model import History, Meeting, Membership, Partnership, Severity
from .policy import Policy, RuleTerms, built_in_policy
from .policy.parameters import value_problem
from .rules import RULES, Rule

PolicyChoice = Policy | Mapping[str, Policy] | None


@attrs.frozen
class Evaluation:
    """The findings of a history as it stood at the end of ``as_of``, the policy each partnership had, and
    what the partnership recorded doing about the findings (:class:`~psr_core.casework.Casework`)."""

    as_of: date
    findings: tuple[Finding, ...]
    policies: Mapping[str, str] = attrs.field(hash=False)
    casework: Casework = attrs.field(factory=Casework, hash=False)

    @property
    def has_breach(self) -> bool:
        """Whether a breach is still open: raised, and neither resolved nor waived (``psr check`` exits 1)."""
        return any(
            finding.severity is Severity.BREACH and self.casework.status(finding) in STILL_OPEN
            for finding in self.findings
        )

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
    for name, parameter in sorted(policy.parameters.items()):
        for dated in parameter.values:
            problem = value_problem(name, dated.value)
            if problem:
                raise PolicyError(
                    f"policy {policy.id}: parameter {name} from {dated.since.isoformat()}: {problem}"
                )


def policy_for(partnership: Partnership, policy: PolicyChoice) -> Policy:
    """The policy a partnership is judged by: the one given for all, its own in a mapping, or its built-in."""
    if isinstance(policy, Policy):
        return policy
    if policy is not None and partnership.id in policy:
        return policy[partnership.id]
    return built_in_policy(partnership.policy)


class FindingsBook:
    """One partnership's findings under one policy, kept as its held meetings are stepped through in order.

    Both paths use it: :func:`evaluate` steps through every meeting at once; an incremental evaluation
    (:mod:`psr_core.incremental`) steps through each meeting as it is recorded. What ``step`` found stays
    found; what ``close`` finds is worked out afresh for the as-of day.
    """

    def __init__(
        self,
        history: History,
        partnership: Partnership,
        policy: Policy,
        as_of: date,
        index: HistoryIndex | None = None,
    ) -> None:
        check_policy(policy)
        self.policy = policy
        self.assessment = Assessment(history, partnership, policy, as_of, index)
        self.rules = [(RULES[rule_id], policy.rules[rule_id]) for rule_id in sorted(policy.rules)]
        self.states = {rule.id: rule.begin(self.assessment) for rule, _terms in self.rules}
        # Each rule's step with the assessment and its state bound, so that a meeting costs one call a rule.
        self._judges: list[tuple[Callable[[Meeting], Iterable[Finding]], date | None]] = [
            (_judge(rule, self.assessment, self.states[rule.id]), terms.since)
            for rule, terms in self.rules
            if rule.step is not None
        ]
        self.stepped: list[Finding] = []
        for meeting in list(self.assessment.meetings):
            self.step(meeting)

    def advance(
        self,
        day: date,
        meeting: Meeting | None = None,
        seats: Iterable[tuple[Membership | None, Membership]] = (),
    ) -> list[Finding]:
        """Move the book on to the end of ``day``: take in the seats that changed hands
        (:meth:`Assessment.advance`), then step ``meeting``, recorded after every meeting here, through the
        rules. The findings that stepping it found."""
        self.assessment.advance(day, meeting, seats)
        return self.step(meeting) if meeting is not None else []

    def step(self, meeting: Meeting) -> list[Finding]:
        """Count a held meeting in the attendance runs, then let each rule judge it; the new findings."""
        if not meeting.held:
            return []
        assessment = self.assessment
        assessment.observe(meeting)
        found: list[Finding] = []
        for judge, since in self._judges:
            for finding in judge(meeting):
                if since is None or finding.date >= since:  # RuleTerms.in_force_on
                    found.append(finding)
        self.stepped.extend(found)
        return found

    def closing(self) -> list[Finding]:
        """What the rules find in the record as a whole on the as-of day."""
        return [
            finding
            for rule, terms in self.rules
            if rule.close is not None
            for finding in self.closed(rule, terms)
        ]

    def closed(self, rule: Rule, terms: RuleTerms) -> list[Finding]:
        """What ``rule`` (which closes) finds in the record as a whole on the as-of day, while in force."""
        assert rule.close is not None
        found = rule.close(self.assessment, self.states[rule.id])
        since = terms.since
        if since is None:  # RuleTerms.in_force_on: in force throughout
            return list(found)
        return [f for f in found if f.date >= since]


def _judge(rule: Rule, assessment: Assessment, state: Any) -> Callable[[Meeting], Iterable[Finding]]:
    """``rule``'s judgement of one held meeting, with the assessment (and the rule's state) bound."""
    if rule.judge is not None:
        return functools.partial(rule.judge, assessment)
    assert rule.step is not None
    return functools.partial(rule.step, assessment, state)


def evaluate(
    history: History,
    policy: PolicyChoice,
    as_of: date,
    *,
    on_progress: Callable[[str], None] | None = None,
) -> Evaluation:
    """Judge ``history`` as it stood at the end of ``as_of``.

    ``policy`` is one policy for every partnership, a mapping from partnership id to policy, or ``None`` to
    use each partnership's own built-in version. ``on_progress``, if given, is told which partnership is
    being assessed (a terminal shows it; nothing else depends on it).

    Pure and deterministic: the same arguments give the same findings, in the same order, whatever the
    order of the facts in the history.
    """
    known = history.as_it_stood(as_of)
    findings: list[Finding] = []
    used: dict[str, str] = {}
    index = HistoryIndex(known)
    for partnership in sorted(known.partnerships, key=lambda p: p.id):
        chosen = policy_for(partnership, policy)
        used[partnership.id] = chosen.id
        if on_progress is not None:
            on_progress(f"{partnership.id}: {len(known.meetings)} meetings under {chosen.id}")
        book = FindingsBook(known, partnership, chosen, as_of, index)
        # Findings are listed by partnership first (Finding.sort_key), and the partnerships come in order
        # of their ids: sorting each partnership's findings sorts them all.
        found = [*book.stepped, *book.closing()]
        found.sort(key=Finding.sort_key)
        findings.extend(found)
    return Evaluation(
        as_of=as_of,
        findings=tuple(findings),
        policies=used,
        casework=match_responses(findings, known.responses, as_of),
    )
