"""Incremental evaluation: keep a partnership's findings current as meetings are recorded one by one.

Recording a meeting steps only that meeting through the rules: its attendance moves each member's run of
misses on, and the rules that judge meetings judge it. What the rules find in the record as a whole on the
as-of day (composition, contributions, reports, a meeting overdue) is worked out again only when the day or
the memberships it depends on have changed. The work done grows with the new meeting, not with the history.

The findings are always those :func:`~psr_core.evaluation.evaluate` would give for the same facts on the
same day: a meeting recorded out of order, or an as-of day that passes a dated fact other than a meeting
(a membership starting or ending, a partner joining, a report, a contribution year), makes the ledger
evaluate afresh rather than guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

import attrs

from .assessment import HistoryIndex
from .evaluation import Evaluation, FindingsBook, PolicyChoice, policy_for
from .findings import Finding
from .model import History, Meeting


def _dated_facts(history: History) -> list[date]:
    """Every day on which a fact other than a meeting comes to be known (see ``History.as_it_stood``)."""
    days: list[date] = [p.started for p in history.partnerships]
    for organisation in history.organisations:
        days.extend(d for d in (organisation.joined, organisation.agreed_on, organisation.inducted_on) if d)
    for membership in history.memberships:
        days.append(membership.start)
        if membership.end is not None:
            days.append(membership.end)
    days.extend(date(c.year, 4, 1) for c in history.contributions)
    days.extend(r.date for r in history.reports)
    return sorted(days)


class Ledger:
    """Findings kept current as meetings are recorded.

    >>> ledger = Ledger(history, None, date(2016, 1, 1))          # doctest: +SKIP
    >>> new = ledger.record(meeting)                               # doctest: +SKIP
    >>> ledger.evaluation() == evaluate(history_with_meeting, None, ledger.as_of)  # doctest: +SKIP
    """

    def __init__(self, history: History, policy: PolicyChoice, as_of: date) -> None:
        self.history = history
        self.policy = policy
        self.as_of = as_of
        self.rebuilds = 0
        self._recorded: list[Meeting] = []
        self._facts = _dated_facts(history)
        self._rebuild()

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        """Every meeting in the ledger's history, recorded ones included."""
        return (*self.history.meetings, *self._recorded)

    def _rebuild(self) -> None:
        known = self.history.as_it_stood(self.as_of)
        index = HistoryIndex(known)
        self._books = {
            p.id: FindingsBook(known, p, policy_for(p, self.policy), self.as_of, index)
            for p in sorted(known.partnerships, key=lambda p: p.id)
        }
        self._last = max(((m.start, m.id) for m in known.meetings), default=None)
        self._closing: dict[str, tuple[tuple[date, int, int], list[Finding], list[Finding]]] = {}
        self.rebuilds += 1

    def _crosses_a_fact(self, later: date) -> bool:
        return bisect_right(self._facts, later) != bisect_right(self._facts, self.as_of)

    def record(self, meeting: Meeting, as_of: date | None = None) -> tuple[Finding, ...]:
        """Add ``meeting`` to the history and return the findings that are new as of the later of the
        current day, the meeting's day and ``as_of``, in the order :func:`evaluate` lists them."""
        later = max(self.as_of, meeting.day, as_of or self.as_of)
        self._recorded.append(meeting)
        in_order = self._last is None or (meeting.start, meeting.id) > self._last
        if not in_order or self._crosses_a_fact(later):
            before = {f.identity() for f in self.evaluation().findings}
            self.as_of = later
            self.history = attrs.evolve(self.history, meetings=(*self.history.meetings, *self._recorded))
            self._recorded = []
            self._rebuild()
            return tuple(f for f in self.evaluation().findings if f.identity() not in before)
        moved = later != self.as_of
        touched = {
            partnership
            for partnership, book in self._books.items()
            if moved or any(group in book.assessment.groups for group in meeting.groups)
        }
        closing_before = {p: {f.identity() for f in self._closing_of(p, self._books[p])} for p in touched}
        self.as_of = later
        self._last = (meeting.start, meeting.id)
        found: list[Finding] = []
        for partnership in sorted(touched):
            book = self._books[partnership]
            book.assessment.as_of = later
            if any(group in book.assessment.groups for group in meeting.groups):
                book.assessment.add_meeting(meeting)
                found.extend(book.step(meeting))
            before_closing = closing_before[partnership]
            found.extend(f for f in self._closing_of(partnership, book) if f.identity() not in before_closing)
        return tuple(sorted(found, key=Finding.sort_key))

    def record_all(self, meetings: Iterable[Meeting]) -> tuple[Finding, ...]:
        found: list[Finding] = []
        for meeting in sorted(meetings, key=lambda m: (m.start, m.id)):
            found.extend(self.record(meeting))
        return tuple(found)

    def _closing_of(self, partnership: str, book: FindingsBook) -> list[Finding]:
        """The closing findings, worked out again only when what they depend on changed: the day and the
        resignations for the rules that only close, and also the meetings stepped for those with state."""
        stable_key = (self.as_of, len(book.assessment.runs.ends))
        moving_key = (*stable_key, len(book.assessment.meetings))
        cached = self._closing.get(partnership)
        if cached is not None and cached[0] == moving_key:
            return cached[1] + cached[2]
        if cached is not None and cached[0][:2] == stable_key:
            stable = cached[1]
        else:
            stable = [
                f
                for rule, terms in book.rules
                if rule.close is not None and rule.step is None
                for f in rule.close(book.assessment, book.states[rule.id])
                if terms.in_force_on(f.date)
            ]
        moving = [
            f
            for rule, terms in book.rules
            if rule.close is not None and rule.step is not None
            for f in rule.close(book.assessment, book.states[rule.id])
            if terms.in_force_on(f.date)
        ]
        self._closing[partnership] = (moving_key, stable, moving)
        return stable + moving

    def evaluation(self) -> Evaluation:
        """The findings now, as :func:`evaluate` would give them."""
        findings: list[Finding] = []
        for partnership, book in self._books.items():
            findings.extend(book.stepped)
            findings.extend(self._closing_of(partnership, book))
        findings.sort(key=Finding.sort_key)
        return Evaluation(
            as_of=self.as_of,
            findings=tuple(findings),
            policies={p: book.policy.id for p, book in self._books.items()},
        )
