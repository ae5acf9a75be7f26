"""An assessment: one partnership's record as it stood on a day, read under one policy.

It indexes the history once so each rule can ask its questions cheaply (who was expected at this meeting,
who sits on the Executive today), and it turns a rule's observations into findings that carry their
clause, severity and the interpretation in force.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from operator import attrgetter
from typing import Any

from .attendance import AttendanceRecord, AttendanceRuns, Threshold, expected_at, voters_at
from .findings import Finding, Subject
from .model import (
    Attendance,
    Contribution,
    Group,
    History,
    Meeting,
    Membership,
    Organisation,
    Partnership,
    PartnerStatus,
    Person,
    Report,
    Tier,
)
from .policy import Policy, RuleTerms, SteadySpan


class HistoryIndex:
    """A history indexed once, so that each partnership's assessment reads only its own part."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.partnerships: dict[str, Partnership] = {p.id: p for p in history.partnerships}
        self.people: dict[str, Person] = {person.id: person for person in history.people}
        self.organisations: dict[str, Organisation] = {o.id: o for o in history.organisations}
        self.groups: dict[str, Group] = {group.id: group for group in history.groups}
        memberships: defaultdict[str, list[Membership]] = defaultdict(list)
        for membership in history.memberships:
            memberships[membership.group].append(membership)
        self.memberships = {group: sorted(ms, key=Membership.order) for group, ms in memberships.items()}
        meetings: defaultdict[str, list[Meeting]] = defaultdict(list)
        for meeting in history.meetings:
            for partnership in {self.groups[g].partnership for g in meeting.groups if g in self.groups}:
                meetings[partnership].append(meeting)
        self.meetings = {p: sorted(ms, key=lambda m: (m.start, m.id)) for p, ms in meetings.items()}
        contributions: defaultdict[str, list[Contribution]] = defaultdict(list)
        for contribution in history.contributions:
            contributions[contribution.organisation].append(contribution)
        self.contributions = dict(contributions)
        reports: defaultdict[str, list[Report]] = defaultdict(list)
        for report in history.reports:
            reports[report.partnership].append(report)
        self.reports = dict(reports)
        self.seats_log: dict[str, list[tuple[Membership | None, Membership]]] = {}
        """Each group's memberships taken in since the index was built, in order, each with the one it
        replaced (``None`` for a new one)."""

    def take_in(
        self, fact: Membership | Organisation | Contribution | Report, replacing: Membership | None = None
    ) -> None:
        """A dated fact that came to be known after the index was built (the incremental ledger): a
        membership (``replacing`` the one it was known as before, if any), an organisation as it is known
        now (joined, agreed, inducted), a contribution or a report."""
        if isinstance(fact, Organisation):
            self.organisations[fact.id] = fact
        elif isinstance(fact, Membership):
            seats = self.memberships.setdefault(fact.group, [])
            if replacing is not None:
                _remove_seat(seats, replacing)
            insort(seats, fact, key=Membership.order)
            self.seats_log.setdefault(fact.group, []).append((replacing, fact))
        elif isinstance(fact, Contribution):
            self.contributions.setdefault(fact.organisation, []).append(fact)
        else:
            self.reports.setdefault(fact.partnership, []).append(fact)


_start = attrgetter("start")


def _remove_seat(seats: list[Membership], seat: Membership) -> None:
    """Take the first of ``seats`` (in :meth:`Membership.order`, earliest start first) equal to ``seat``
    out, looking only among those that start when it does (``list.remove`` compares every seat before)."""
    start = seat.start
    at = bisect_left(seats, start, key=_start)
    while at < len(seats) and seats[at].start == start:
        if seats[at] == seat:
            del seats[at]
            return
        at += 1
    raise ValueError(f"{seat!r} is not among the seats of group {seat.group}")


class Assessment:
    """The indexed record of ``partnership`` in ``history`` (already cut at ``as_of``) under ``policy``.

    ``index`` is the history indexed once (:class:`HistoryIndex`); several assessments of one history can
    share it.
    """

    def __init__(
        self,
        history: History,
        partnership: Partnership,
        policy: Policy,
        as_of: date,
        index: HistoryIndex | None = None,
    ) -> None:
        index = index if index is not None else HistoryIndex(history)
        self.index = index
        self.history = history
        self.partnership = partnership
        self.policy = policy
        self.as_of = as_of
        self.partnerships = index.partnerships
        self.people = index.people
        self.all_organisations = index.organisations
        self.organisations: dict[str, Organisation] = {
            o.id: o for o in index.organisations.values() if o.partnership == partnership.id
        }
        self.organisations_taken_in = 0
        """How many organisations :meth:`take_in` took in (a rule that keeps what it read of them can tell
        when to read them again)."""
        self.all_groups = index.groups
        self.groups: dict[str, Group] = {
            g.id: g for g in index.groups.values() if g.partnership == partnership.id
        }
        self._memberships = index.memberships
        own = self.groups.keys()
        self.meetings: list[Meeting] = list(index.meetings.get(partnership.id, ()))
        held: defaultdict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings:
            if meeting.held:
                for group in meeting.groups:
                    if group in own:
                        held[group].append(meeting)
        self._held = dict(held)
        self._record: AttendanceRecord | None = None
        self._expected: dict[str, Mapping[str, Membership]] = {}
        self._voters: dict[str, Mapping[str, Membership]] = {}
        # Most parameters have one value throughout: read those without looking at the day.
        self._constants: dict[str, Any] = {
            name: parameter.values[0].value
            for name, parameter in policy.parameters.items()
            if len(parameter.values) == 1
        }
        self._interpretations: dict[tuple[str, ...], tuple[SteadySpan, dict[str, Any]]] = {}
        self._terms: dict[str, RuleTerms] = {}
        self.runs = AttendanceRuns(policy, {group: self.memberships(group) for group in self.groups})

    def contributions_of(self, organisation: str) -> list[Contribution]:
        return self.index.contributions.get(organisation, [])

    def reports(self) -> list[Report]:
        """This partnership's reports."""
        return self.index.reports.get(self.partnership.id, [])

    # -- the partnership's structure ------------------------------------------------------------------
    def groups_of_tier(self, tier: Tier) -> list[Group]:
        return [group for group in self.groups.values() if group.tier is tier]

    def statuses(self, parameter: str, day: date | None = None) -> frozenset[PartnerStatus]:
        """The partner statuses listed by a policy parameter, as vocabulary."""
        return frozenset(PartnerStatus(s) for s in self.value(parameter, day or self.as_of))

    def joined(self, organisation: Organisation) -> date:
        return organisation.joined_on(self.partnership.started)

    def organisation_of(self, membership: Membership) -> str | None:
        """The organisation a seat represents: its own, else its holder's."""
        if membership.organisation is not None:
            return membership.organisation
        person = self.people.get(membership.person)
        return person.organisation if person is not None else None

    # -- memberships, with deemed resignations applied ------------------------------------------------
    def observe(self, meeting: Meeting) -> None:
        """Count a held meeting in every member's run of misses; meetings come in order of their start."""
        expected = self.runs.observe(meeting, self.record(meeting))
        if expected is not None:
            self._expected[meeting.id] = expected

    def advance(
        self,
        day: date,
        meeting: Meeting | None = None,
        seats: Iterable[tuple[Membership | None, Membership]] = (),
    ) -> None:
        """Move the assessment on to the end of ``day`` (never back): each seat that came to be known or
        changed (``(old, new)``, ``old`` ``None`` for a new one) is taken in, then ``meeting``, recorded after
        every meeting already here, is indexed. The incremental ledger moves a partnership's assessment on
        through this method alone."""
        if day < self.as_of:
            raise ValueError(f"an assessment moves on, not back: {day.isoformat()} is before {self.as_of}")
        self.as_of = day
        for old, new in seats:
            self.runs.seat_changed(old, new)
        if meeting is not None:
            self.meetings.append(meeting)
            if meeting.held:
                for group in meeting.groups:
                    if group in self.groups:
                        self._held.setdefault(group, []).append(meeting)

    def take_in(self, organisation: Organisation) -> None:
        """One of this partnership's organisations as it is known now (it joined, or its agreement or
        induction came to be known), already taken into the shared index."""
        self.organisations[organisation.id] = organisation
        self.organisations_taken_in += 1

    @classmethod
    def of_meeting(
        cls,
        partnership: Partnership,
        policy: Policy,
        meeting: Meeting,
        *,
        expected: Mapping[str, Membership],
        voters: Mapping[str, Membership] | None = None,
        thresholds: Iterable[Threshold] = (),
    ) -> Assessment:
        """An assessment of one meeting as a host that keeps its own record tells it: who was expected,
        who may vote as a member, and which thresholds a run of misses reached there (the durable_rules
        adapter asks the core's rules to judge one fact at a time this way)."""
        assessment = cls(History(partnerships=(partnership,)), partnership, policy, meeting.day)
        assessment._expected[meeting.id] = dict(expected)
        if voters is not None:
            assessment._voters[meeting.id] = dict(voters)
        assessment.runs = AttendanceRuns.reaching(policy, thresholds)
        return assessment

    def memberships(self, group: str) -> list[Membership]:
        """Every recorded membership of ``group``, earliest first (resignations not applied)."""
        return self._memberships.get(group, [])

    def effective_end(self, membership: Membership) -> date | None:
        """The last day of ``membership`` once deemed resignations (clause 1.7.3) have ended it."""
        return self.runs.ends.get(membership, membership.end)

    def sits(self, membership: Membership, day: date) -> bool:
        """Whether ``membership`` holds on ``day``, deemed resignations applied."""
        end = self.effective_end(membership)
        return membership.start <= day and (end is None or day <= end)

    def members_on(self, group: str, day: date) -> list[Membership]:
        """The memberships of ``group`` that hold on ``day``."""
        return [m for m in self.memberships(group) if self.sits(m, day)]

    def expected(self, meeting: Meeting) -> Mapping[str, Membership]:
        """The members expected at ``meeting`` (a membership of one of its own groups covers its day)."""
        known = self._expected.get(meeting.id)
        if known is not None:
            return known
        own = [group for group in meeting.groups if group in self.groups]
        expected = expected_at(own, meeting.day, self.memberships, self.sits)
        self._expected[meeting.id] = expected
        return expected

    def voters(self, meeting: Meeting) -> Mapping[str, Membership]:
        """Who may vote at ``meeting`` as a member: those expected at it, and at a joint meeting also the
        members of the other partnerships' groups that meet in it on its day (clauses 1.7.5, 1.7.6; a vote at
        a joint meeting is eligible whichever partnership evaluates it)."""
        told = self._voters.get(meeting.id)
        if told is not None:
            return told
        expected = self.expected(meeting)
        others = [g for g in sorted(meeting.groups) if g not in self.groups]
        if not others:
            return expected
        return voters_at(expected, others, meeting.day, self.memberships)

    def held_meetings(self, group: str) -> list[Meeting]:
        """Held meetings of ``group`` (joint ones included), in order."""
        return self._held.get(group, [])

    def record(self, meeting: Meeting) -> AttendanceRecord:
        """What the minutes of ``meeting`` record of attendance, looked up by person."""
        # The rules ask about one meeting at a time, so only the latest meeting's record is kept.
        record = self._record
        if record is None or record.meeting is not meeting:
            record = self._record = AttendanceRecord(meeting)
        return record

    def entries(self, meeting: Meeting) -> Mapping[str, Attendance]:
        """The minutes' attendance entries of ``meeting``, by person."""
        return self.record(meeting).entries

    # -- findings -------------------------------------------------------------------------------------
    def value(self, name: str, day: date) -> Any:
        """The value of the policy's parameter ``name`` in force on ``day``."""
        value = self._constants.get(name, _DATED)
        return self.policy.value(name, day) if value is _DATED else value

    def _interpretation(self, names: Iterable[str], day: date) -> dict[str, Any]:
        """The interpretation parameters among ``names`` with the values in force on ``day``, shared
        between the days on which none of them changes (a finding keeps a copy)."""
        key = names if isinstance(names, tuple) else tuple(names)
        kept = self._interpretations.get(key)
        if kept is None:
            chosen = (name for name in key if self.policy.parameter(name).interpretation)
            kept = self._interpretations[key] = (SteadySpan(chosen), {})
        span, values = kept
        if span.moved(self.policy, day):
            values = {name: self.policy.value(name, day) for name in span.names}
            self._interpretations[key] = (span, values)
        return values

    def finding(
        self,
        rule: str,
        day: date,
        subject: Subject,
        message: str,
        evidence: Mapping[str, Any],
        uses: Iterable[str] = (),
        facet: str = "",
    ) -> Finding:
        """A finding of ``rule`` with the clause and severity this policy adopts it under."""
        terms = self._terms.get(rule)
        if terms is None:
            terms = self._terms[rule] = self.policy.terms(rule)
        # In the order of Finding's fields (positional: this runs for every finding).
        return Finding(
            rule,
            self.partnership.id,
            self.policy.id,
            terms.clause,
            terms.severity,
            day,
            subject,
            message,
            evidence,
            self._interpretation(uses, day),  # Finding keeps a copy
            facet,
        )

    def in_force(self, rule: str) -> bool:
        return rule in self.policy.rules


_DATED = object()
"""Marks a parameter whose value depends on the day."""
