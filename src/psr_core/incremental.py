"""Incremental evaluation: keep the findings current as meetings are recorded one by one.

Recording a meeting steps only that meeting through the rules of its partnership: its attendance moves
each member's run of misses on, and the rules that judge meetings judge it. What the rules find in the
record as a whole on the as-of day (composition, contributions, reports, a meeting overdue) is kept rule
by rule and partnership by partnership, and worked out again only when what it depends on has changed:
the meetings stepped, the deemed resignations, or a dated fact of a kind it reads (``Rule.changes_with``),
or the as-of day reaching the day the rule said its answer holds until (``Rule.holds_until``).

Dated facts come in as the as-of day passes them, without evaluating afresh: a membership starting, or
its end becoming known, an organisation joining, being agreed or inducted, a contribution year beginning, a
report. A partnership starting changes too much to patch: then, and for a meeting recorded out of order,
the ledger evaluates afresh rather than guess.

The findings are always those :func:`~psr_core.evaluation.evaluate` would give for the same facts on the
same day; a property test holds the ledger to that.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from .assessment import HistoryIndex
from .casework import match_responses
from .evaluation import Evaluation, FindingsBook, PolicyChoice, policy_for
from .findings import Finding
from .model import History, Meeting, Membership, Organisation
from .model.history import membership_as_of, organisation_as_of
from .rules.base import (
    CONTRIBUTIONS,
    EVERYTHING,
    MEETINGS,
    ORGANISATIONS,
    REPORTS,
    RESIGNATIONS,
    SEATS,
)

_KINDS = {
    "membership": SEATS,
    "organisation": ORGANISATIONS,
    "contribution": CONTRIBUTIONS,
    "report": REPORTS,
}
"""The kind of change (``Rule.changes_with``) each kind of dated fact makes."""


@attrs.frozen
class _Fact:
    """A fact that comes to be known on ``day``: ``kind`` says how the ledger takes it in."""

    day: date
    kind: str  # "membership", "organisation", "contribution", "report" or "afresh"
    fact: Any = attrs.field(eq=False)
    owner: str | None = None
    """The partnership whose record it is part of, where one is known."""


def _pending_facts(history: History, as_of: date) -> list[_Fact]:
    """Every fact of ``history`` other than a meeting that is not yet known at the end of ``as_of``,
    earliest first (see ``History.as_it_stood``), each with the partnership it belongs to."""
    facts: list[_Fact] = []
    for partnership in history.partnerships:
        if partnership.started > as_of:
            facts.append(_Fact(partnership.started, "afresh", partnership))
    for organisation in history.organisations:
        for day in (organisation.joined, organisation.agreed_on, organisation.inducted_on):
            if day is not None and day > as_of:
                facts.append(_Fact(day, "organisation", organisation, organisation.partnership))
    partnership_of = {group.id: group.partnership for group in history.groups}
    for membership in history.memberships:
        for day in (membership.start, membership.end):
            if day is not None and day > as_of:
                owner = partnership_of.get(membership.group)
                facts.append(_Fact(day, "membership", membership, owner))
    organisation_partnership = {o.id: o.partnership for o in history.organisations}
    for contribution in history.contributions:
        begins = date(contribution.year, 4, 1)
        if begins > as_of:
            owner = organisation_partnership.get(contribution.organisation)
            facts.append(_Fact(begins, "contribution", contribution, owner))
    for report in history.reports:
        if report.date > as_of:
            facts.append(_Fact(report.date, "report", report, report.partnership))
    for meeting in history.meetings:
        # A meeting of the history dated later, or whose agenda's date is not yet known, is taken in
        # by evaluating afresh when the day comes; meetings are meant to be recorded.
        if meeting.day > as_of:
            facts.append(_Fact(meeting.day, "afresh", meeting))
        elif meeting.agenda_published is not None and meeting.agenda_published > as_of:
            facts.append(_Fact(meeting.agenda_published, "afresh", meeting))
    facts.sort(key=lambda fact: fact.day)
    facts.reverse()  # the earliest last, to pop
    return facts


class _Closing:
    """One partnership's closing findings, rule by rule, each kept until what it depends on changes or the
    day it holds until comes (``Rule.changes_with``, ``Rule.holds_until``): only those rules are asked again."""

    def __init__(self, book: FindingsBook) -> None:
        self.book = book
        self.rules = [(rule, terms) for rule, terms in book.rules if rule.close is not None]
        self.until: list[date | None] = [None] * len(self.rules)
        """The day from which each rule's answer may differ (``None``: not by the day alone)."""
        self._found: list[list[Finding]] = [[] for _rule in self.rules]
        self._stale: set[int] = set(range(len(self.rules)))
        self._later: set[int] = set()
        """Rules told of a fact that changes what they find only from a later day (``Rule.counts_from``):
        asked again when the partnership is next brought to a day, or by that day."""
        self._changing_with = {
            kind: [index for index, (rule, _terms) in enumerate(self.rules) if kind in rule.changes_with]
            for kind in EVERYTHING
        }
        assessment = book.assessment
        self._resignations = len(assessment.runs.ends)
        self._meetings = len(assessment.meetings)

    @property
    def findings(self) -> list[Finding]:
        """The closing findings, as of the last refresh."""
        return [finding for found in self._found for finding in found]

    def changed(self, kinds: Iterable[str]) -> None:
        """Dated facts of ``kinds`` came in: the rules that change with them are asked again."""
        for kind in kinds:
            self._stale.update(self._changing_with[kind])

    def learnt(self, kind: str, fact: Any, today: date) -> list[tuple[int, date]]:
        """A dated fact of ``kind`` came to be known on ``today``: the rules it may change at once are asked
        again; one that it changes only from a later day (``Rule.counts_from``) is asked again by that day,
        or sooner if the partnership is brought to a day before. The rules whose ``until`` moved, each with
        the day it moved to."""
        moved: list[tuple[int, date]] = []
        for index in self._changing_with[kind]:
            counts_from = self.rules[index][0].counts_from
            day = counts_from(kind, fact) if counts_from is not None else None
            if day is None or day <= today:
                self._stale.add(index)
                continue
            self._later.add(index)
            until = self.until[index]
            if until is None or day < until:
                self.until[index] = day
                moved.append((index, day))
        return moved

    @property
    def asks_now(self) -> bool:
        """Whether a rule is to be asked again on the day the partnership is brought to."""
        return bool(self._stale)

    def falls_due(self, rules: Iterable[int]) -> None:
        """The day some rules' answers held until has come: they are asked again."""
        self._stale.update(rules)

    def refresh(self) -> tuple[list[Finding], list[int]]:
        """Ask again the rules whose answer may differ on the assessment's as-of day; the findings that are
        new, and the rules whose ``until`` moved."""
        book = self.book
        assessment = book.assessment
        resignations, meetings = len(assessment.runs.ends), len(assessment.meetings)
        if resignations != self._resignations:
            self._resignations = resignations
            self.changed((RESIGNATIONS,))
        if meetings != self._meetings:
            self._meetings = meetings
            self.changed((MEETINGS,))
        new: list[Finding] = []
        if self._later:
            self._stale |= self._later
            self._later.clear()
        asked = sorted(self._stale)
        self._stale.clear()
        moved: list[int] = []
        for index in asked:
            rule, terms = self.rules[index]
            before = self._found[index]
            found = self._found[index] = book.closed(rule, terms)
            until = rule.holds_until(assessment, book.states[rule.id])
            if until != self.until[index] or (until is not None and until <= assessment.as_of):
                self.until[index] = until
                moved.append(index)
            # A rule that keeps what it judged gives back the same findings: only the others are compared,
            # and only with the findings it no longer gives (one of those may be found again, made afresh;
            # no two findings share an identity, tests/policy/test_finding_ids.py).
            kept = {id(finding) for finding in before}
            fresh = [finding for finding in found if id(finding) not in kept]
            if fresh and before:
                now = {id(finding) for finding in found}
                gone = {finding.identity() for finding in before if id(finding) not in now}
                if gone:
                    fresh = [finding for finding in fresh if finding.identity() not in gone]
            new.extend(fresh)
        return new, moved


class Ledger:
    """Findings kept current as meetings are recorded.

    >>> ledger = Ledger(history, None, date(2016, 1, 1))          # doctest: +SKIP
    >>> new = ledger.record(meeting)                               # doctest: +SKIP
    >>> ledger.evaluation() == evaluate(history_with_meeting, None, ledger.as_of)  # doctest: +SKIP

    ``history`` may hold facts dated after ``as_of`` (a membership that starts later, a report not yet
    made): each is taken in when the as-of day reaches it, as :meth:`History.as_it_stood` has it.
    ``rebuilds`` counts the times the ledger evaluated afresh.
    """

    def __init__(self, history: History, policy: PolicyChoice, as_of: date) -> None:
        self.history = history
        self.policy = policy
        self.as_of = as_of
        self.rebuilds = 0
        self._recorded: list[Meeting] = []
        self._rebuild()

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        """Every meeting in the ledger's history, recorded ones included."""
        return (*self.history.meetings, *self._recorded)

    # -- evaluating afresh ----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        if self._recorded:
            self.history = attrs.evolve(self.history, meetings=self.meetings)
            self._recorded = []
        known = self.history.as_it_stood(self.as_of)
        self._index = HistoryIndex(known)
        self._books = {
            p.id: FindingsBook(known, p, policy_for(p, self.policy), self.as_of, self._index)
            for p in sorted(known.partnerships, key=lambda p: p.id)
        }
        self._partnership_of = {group.id: group.partnership for group in self.history.groups}
        self._last = max(((m.start, m.id) for m in known.meetings), default=None)
        self._pending = _pending_facts(self.history, self.as_of)
        self._closings = {p: _Closing(book) for p, book in self._books.items()}
        self._due: list[tuple[date, str, int]] = []
        for partnership in self._closings:
            self._close(partnership)
        self.rebuilds += 1

    def _afresh(self, later: date) -> tuple[Finding, ...]:
        """Evaluate afresh as of ``later``; the findings that are new."""
        before = {f.identity() for f in self.evaluation().findings}
        self.as_of = later
        self._rebuild()
        return tuple(f for f in self.evaluation().findings if f.identity() not in before)

    # -- closing findings -----------------------------------------------------------------------------
    def _close(self, partnership: str) -> list[Finding]:
        """Bring a partnership's closing findings to the ledger's day (its book already there); the findings
        that are new. Each rule asked is looked at again on the day its answer holds until."""
        closing = self._closings[partnership]
        found, moved = closing.refresh()
        for index in moved:
            until = closing.until[index]
            if until is not None:
                heapq.heappush(self._due, (until, partnership, index))
        return found

    def _falling_due(self, later: date) -> dict[str, set[int]]:
        """The closing rules, by partnership, whose answers may have changed by ``later`` by the day alone."""
        due: dict[str, set[int]] = {}
        while self._due and self._due[0][0] <= later:
            day, partnership, index = heapq.heappop(self._due)
            if self._closings[partnership].until[index] == day:  # not a superseded entry
                due.setdefault(partnership, set()).add(index)
        return due

    # -- dated facts ----------------------------------------------------------------------------------
    def _facts_until(self, later: date) -> list[_Fact] | None:
        """The facts that come to be known by ``later``, each once (a membership that starts and ends
        by then is one fact); ``None`` if one of them needs evaluating afresh."""
        facts: list[_Fact] = []
        seen: set[int] = set()
        while self._pending and self._pending[-1].day <= later:
            fact = self._pending.pop()
            if fact.kind == "afresh":
                return None
            if id(fact.fact) not in seen:
                seen.add(id(fact.fact))
                facts.append(fact)
        return facts

    def _take_in(self, fact: _Fact, later: date) -> tuple[str, Membership | None, Membership] | None:
        """Index a fact that comes to be known by ``later``; for a seat, the partnership whose runs it changes
        with the seat as it was known before and as it is known now."""
        if fact.kind == "membership":
            membership: Membership = fact.fact
            old, new = membership_as_of(membership, self.as_of), membership_as_of(membership, later)
            if new is None or old == new:
                return None
            self._index.take_in(new, replacing=old)
            owner = fact.owner
            return (owner, old, new) if owner is not None and owner in self._books else None
        if fact.kind == "organisation":
            organisation: Organisation = fact.fact
            known = organisation_as_of(organisation, later)
            if known is not None and known != organisation_as_of(organisation, self.as_of):
                self._index.take_in(known)
                if known.partnership in self._books:
                    self._books[known.partnership].assessment.take_in(known)
            return None
        self._index.take_in(fact.fact)
        return None

    # -- recording ------------------------------------------------------------------------------------
    def record(self, meeting: Meeting, as_of: date | None = None) -> tuple[Finding, ...]:
        """Add ``meeting`` to the history and return the findings that are new as of the later of the
        current day, the meeting's day and ``as_of``, in the order :func:`evaluate` lists them."""
        later = max(self.as_of, meeting.day, as_of or self.as_of)
        self._recorded.append(meeting)
        in_order = self._last is None or (meeting.start, meeting.id) > self._last
        late_agenda = meeting.agenda_published is not None and meeting.agenda_published > later
        if not in_order or late_agenda:
            return self._afresh(later)
        return self._move(later, meeting)

    def advance(self, as_of: date) -> tuple[Finding, ...]:
        """Move the ledger on to the end of ``as_of`` (a day not before its own) with no meeting to record:
        the facts dated in between come in, and what the rules find in the record as a whole is brought to
        the day. The findings that are new, in the order :func:`evaluate` lists them."""
        if as_of < self.as_of:
            raise ValueError(f"a ledger moves on, not back: {as_of.isoformat()} is before {self.as_of}")
        return self._move(as_of, None)

    def _move(self, later: date, meeting: Meeting | None) -> tuple[Finding, ...]:
        """Bring every touched partnership to ``later``, stepping ``meeting`` (recorded in order) if any."""
        facts = self._facts_until(later)
        if facts is None:
            return self._afresh(later)
        own = (
            {p for g in meeting.groups if (p := self._partnership_of.get(g)) in self._books}
            if meeting is not None
            else set()
        )
        informed: set[str] = set()
        seats: dict[str, list[tuple[Membership | None, Membership]]] = {}
        books = self._books
        closings = self._closings
        for fact in facts:
            owner = fact.owner
            if owner is not None and owner in books:
                closing = closings[owner]
                for index, day in closing.learnt(_KINDS[fact.kind], fact.fact, later):
                    heapq.heappush(self._due, (day, owner, index))
                if closing.asks_now:
                    informed.add(owner)
            changed = self._take_in(fact, later)
            if changed is not None:
                owner, old, new = changed
                seats.setdefault(owner, []).append((old, new))
        due = self._falling_due(later)
        touched = own | informed | seats.keys() | due.keys()
        for partnership, rules in due.items():
            self._closings[partnership].falls_due(rules)
        self.as_of = later
        if meeting is not None:
            self._last = (meeting.start, meeting.id)
        found: list[Finding] = []
        for partnership in sorted(touched):
            book = self._books[partnership]
            found.extend(
                book.advance(later, meeting if partnership in own else None, seats.get(partnership, ()))
            )
            found.extend(self._close(partnership))
        return tuple(sorted(found, key=Finding.sort_key))

    def evaluation(self) -> Evaluation:
        """The findings now, as :func:`evaluate` would give them."""
        findings: list[Finding] = []
        for partnership, book in self._books.items():
            findings.extend(book.stepped)
            # Kept current by record(): a partnership not brought to today still holds its answer.
            findings.extend(self._closings[partnership].findings)
        findings.sort(key=Finding.sort_key)
        return Evaluation(
            as_of=self.as_of,
            findings=tuple(findings),
            policies={p: book.policy.id for p, book in self._books.items()},
            casework=match_responses(findings, self.history.responses, self.as_of),
        )
