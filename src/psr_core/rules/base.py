"""What a rule is: an id, the parameters it reads, and how it looks at the record.

A rule is one entry in the module that defines it: :func:`finds` declares its id (written once), what it
finds and the parameters it reads, and gives back the rule's finding factory (:class:`Finds`), which the
rule's code calls to make each finding; the decorators (:func:`rule`, :func:`meeting_rule`) or
:func:`register` then register how it looks at the record under that id.

A rule looks at a partnership's record in up to two ways, so that a full evaluation and an incremental one
(a meeting recorded after the rest) share the same code:

- ``step`` sees each held meeting once, in order, after the attendance runs have counted it;
- ``close`` sees the record as a whole on the as-of day. What it finds must not depend on when it was
  asked before: it may keep in the rule's state what it judged of a period that is over (a financial year,
  a quarter), to judge only the periods completed since, so long as a fact that comes in later about a
  period it kept makes it judge that period again.

``begin`` makes the state a rule carries from one meeting to the next (most rules carry none). A rule that
carries none (registered with :func:`meeting_rule`) also keeps its function as ``judge``, ``step`` without
the state, which the findings book calls directly.

So that an incremental evaluation need not ask ``close`` again every day, a rule says how long what it
closed with holds: ``holds_until`` gives the first as-of day on which ``close`` could find otherwise
(``None``: never), as long as nothing named in ``changes_with`` has changed: ``"meetings"`` (another held
meeting stepped), ``"resignations"`` (a deemed resignation ended a seat), or a dated fact of its kind came
to be known: ``"seats"`` (a membership starting or its end), ``"organisations"`` (a partner joining, being
agreed or inducted), ``"contributions"``, ``"reports"``. The defaults assume the worst: the next day, and
all of them. A dated fact may change what ``close`` finds only from a later day than the one it comes to be
known on (a contribution for a financial year: from that year's last day): ``counts_from`` gives that day
for a fact of a kind the rule changes with (``None``: at once), so that the rule is asked again by then,
not on the day the fact comes in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Meeting

Begin = Callable[[Assessment], Any]
Step = Callable[[Assessment, Any, Meeting], Iterable[Finding]]
Close = Callable[[Assessment, Any], Iterable[Finding]]
HoldsUntil = Callable[[Assessment, Any], date | None]
CountsFrom = Callable[[str, Any], date | None]
Judge = Callable[[Assessment, Meeting], Iterable[Finding]]

MEETINGS = "meetings"
RESIGNATIONS = "resignations"
SEATS = "seats"
ORGANISATIONS = "organisations"
CONTRIBUTIONS = "contributions"
REPORTS = "reports"
FACTS = (SEATS, ORGANISATIONS, CONTRIBUTIONS, REPORTS)
"""The kinds of dated fact the incremental ledger takes in as the day passes them."""
EVERYTHING = frozenset({MEETINGS, RESIGNATIONS, *FACTS})

RULES: dict[str, Rule] = {}


def _stateless(_assessment: Assessment) -> None:
    return None


def next_day(assessment: Assessment, _state: Any = None) -> date | None:
    """What ``close`` found may be otherwise the very next day (the default: no promise)."""
    return assessment.as_of + timedelta(days=1)


def never(_assessment: Assessment, _state: Any = None) -> date | None:
    """What ``close`` found does not depend on the as-of day."""
    return None


def earliest(*days: date | None) -> date | None:
    """The earliest of ``days`` that are given (``None`` if none is)."""
    given = [day for day in days if day is not None]
    return min(given) if given else None


def parameters_hold_until(assessment: Assessment, names: Iterable[str]) -> date | None:
    """The first day after the as-of day on which one of the parameters ``names`` takes a new value."""
    return assessment.policy.steady(names, assessment.as_of)[1]


@attrs.frozen
class Finds:
    """A rule's identity, bound once: its id, what it finds, the parameters it reads; called to make one of
    its findings (the interpretation reported is that of the parameters it reads)."""

    id: str
    summary: str
    uses: tuple[str, ...] = ()

    def __call__(
        self,
        assessment: Assessment,
        day: date,
        subject: Subject,
        message: str,
        evidence: Mapping[str, Any],
        facet: str = "",
    ) -> Finding:
        return assessment.finding(self.id, day, subject, message, evidence, self.uses, facet)


def finds(rule_id: str, summary: str, uses: tuple[str, ...] = ()) -> Finds:
    """Declare a rule: the one place its id is written."""
    return Finds(rule_id, summary, uses)


@attrs.frozen
class Rule:
    """A rule of the terms of reference, as code.

    The policy version decides whether it is in force and which clause it cites (:class:`RuleTerms`);
    the rule decides what counts as a finding, using only the parameters it names in ``uses``.
    """

    finds: Finds
    begin: Begin = attrs.field(default=_stateless, eq=False, repr=False)
    step: Step | None = attrs.field(default=None, eq=False, repr=False)
    close: Close | None = attrs.field(default=None, eq=False, repr=False)
    holds_until: HoldsUntil = attrs.field(default=next_day, eq=False, repr=False)
    changes_with: frozenset[str] = attrs.field(default=EVERYTHING, eq=False, repr=False)
    judge: Judge | None = attrs.field(default=None, eq=False, repr=False)
    """For a rule that carries no state: ``step`` without the state (called directly, one call less)."""
    counts_from: CountsFrom | None = attrs.field(default=None, eq=False, repr=False)
    """The first as-of day on which a dated fact of a kind in ``changes_with`` (its kind, the fact) may
    change what ``close`` finds (``None``, or no function: the day it comes to be known)."""

    @property
    def id(self) -> str:
        return self.finds.id

    @property
    def summary(self) -> str:
        return self.finds.summary

    @property
    def uses(self) -> tuple[str, ...]:
        return self.finds.uses


def register(new: Rule) -> Rule:
    if new.id in RULES:
        raise ValueError(f"rule {new.id} is registered twice")
    RULES[new.id] = new
    return new


def rule(
    declared: Finds,
    *,
    holds_until: Callable[[Assessment], date | None] = next_day,
    changes_with: frozenset[str] = EVERYTHING,
) -> Callable[[Callable[[Assessment], Iterator[Finding]]], Callable[[Assessment], Iterator[Finding]]]:
    """Register a rule that judges the record as a whole on the as-of day (see the module's docstring
    for ``holds_until`` and ``changes_with``)."""

    def decorate(
        function: Callable[[Assessment], Iterator[Finding]],
    ) -> Callable[[Assessment], Iterator[Finding]]:
        register(
            Rule(
                declared,
                close=lambda assessment, _state: function(assessment),
                holds_until=lambda assessment, _state: holds_until(assessment),
                changes_with=changes_with,
            )
        )
        return function

    return decorate


def meeting_rule(
    declared: Finds,
) -> Callable[
    [Callable[[Assessment, Meeting], Iterator[Finding]]], Callable[[Assessment, Meeting], Iterator[Finding]]
]:
    """Register a rule that judges each held meeting on its own."""

    def decorate(
        function: Callable[[Assessment, Meeting], Iterator[Finding]],
    ) -> Callable[[Assessment, Meeting], Iterator[Finding]]:
        register(
            Rule(
                declared,
                step=lambda assessment, _state, meeting: function(assessment, meeting),
                judge=function,
            )
        )
        return function

    return decorate
