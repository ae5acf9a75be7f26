"""Runs of consecutive missed meetings (clause 1.7.3), counted once for every path that needs them.

A run is counted per member per group over the held meetings at which the member was expected; each
threshold fires once per run; a deemed resignation ends the membership that day, so the member is not
expected afterwards. :class:`AttendanceRuns` is built from a policy and a partnership's memberships, and
moved on one held meeting at a time (:meth:`AttendanceRuns.observe`), in order of their start.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

import attrs

from ..model import Attendance, Meeting, Membership
from ..policy import Policy, SteadySpan
from .readings import DEEMED_RESIGNATION, READ, WRITTEN_EXPLANATION, Outcome, Readings, readings_for
from .record import AttendanceRecord
from .seats import counts_on


@attrs.frozen
class Threshold:
    """A run of misses reaching a threshold: ``rule`` fires at ``meeting``."""

    rule: str
    person: str
    group: str
    meeting: Meeting
    missed: tuple[Meeting, ...]
    skipped: tuple[Meeting, ...]
    ends_membership: bool


class RunState:
    """One member's run of misses in one group, as the group's held meetings are observed in order.

    ``missed`` and ``skipped`` are tuples, the empty tuple while no run is going: most members have none,
    so most runs hold no container of their own, and a threshold keeps the run's tuple as it is.
    """

    __slots__ = ("group", "memberships", "missed", "person", "resigned_on", "skipped")

    def __init__(self, person: str, group: str, memberships: list[Membership]) -> None:
        self.person = person
        self.group = group
        self.memberships = memberships
        self.missed: tuple[Meeting, ...] = ()
        self.skipped: tuple[Meeting, ...] = ()
        self.resigned_on: date | None = None

    def seat(self, day: date) -> Membership | None:
        """The membership that expects the member on ``day``, if any (none after a deemed resignation
        until a membership that starts later)."""
        for membership in self.memberships:
            if counts_on(membership, day, self.resigned_on):
                return membership
        return None

    def observe(self, runs: AttendanceRuns, meeting: Meeting, entry: Attendance | None) -> None:
        """Count ``meeting`` in the run, the member's line of its minutes being ``entry``, reporting any
        threshold it reaches to ``runs``."""
        if self.seat(meeting.day) is None:
            return
        reading = runs.readings(meeting.day)
        self.count(runs, reading, meeting, reading.outcome(entry))

    def count(self, runs: AttendanceRuns, reading: Readings, meeting: Meeting, outcome: Outcome) -> None:
        """Count the ``outcome`` of ``meeting`` for a member expected at it."""
        if outcome is Outcome.ATTENDED:
            if self.missed:
                self.missed = self.skipped = ()
            return
        if outcome is Outcome.SKIPPED:
            if self.missed:
                self.skipped += (meeting,)
            return
        missed = self.missed = (*self.missed, meeting)
        count = len(missed)
        if count != reading.explain_after and count != reading.resign_after:
            return
        skipped = self.skipped
        if count == reading.explain_after:
            runs.reached(
                Threshold(WRITTEN_EXPLANATION, self.person, self.group, meeting, missed, skipped, False)
            )
        if count == reading.resign_after:
            ends = reading.ends_membership
            runs.reached(
                Threshold(DEEMED_RESIGNATION, self.person, self.group, meeting, missed, skipped, ends)
            )
            if ends:
                day = meeting.day
                self.resigned_on = day
                for membership in self.memberships:
                    if membership.covers(day):
                        runs.ends[membership] = day
                        runs.ended.append(membership)
                self.missed = self.skipped = ()
                runs.resigned(self, day)

    def place(self, day: date, ends: dict[Membership, date]) -> tuple[bool, Membership | None]:
        """Whether the group counts the member's meetings on ``day`` (:meth:`seat`), and the first seat
        that makes them *expected* on it, deemed resignations applied (``ends``). The two differ on the day
        a deemed resignation ends a membership: the member still sits that day but is no longer counted."""
        resigned = self.resigned_on
        counts = False
        expects = None
        for membership in self.memberships:
            start = membership.start
            if start > day:
                continue
            end = membership.end
            if not counts and (end is None or end >= day) and (resigned is None or start > resigned):
                counts = True
            if expects is None:
                # Only a member a deemed resignation ended has ends of their own.
                last = ends.get(membership, end) if resigned is not None else end
                if last is None or last >= day:
                    expects = membership
        return counts, expects

    def changes(self, ends: dict[Membership, date]) -> list[date]:
        """The days on which :meth:`place` may answer otherwise than the day before."""
        days = []
        for membership in self.memberships:
            days.append(membership.start)
            for end in (membership.end, ends.get(membership)):
                if end is not None:
                    days.append(end + _ONE_DAY)
        return days


class Roster:
    """Who ``group`` counts and expects from ``day`` until a member's place in it next changes.

    ``counted`` maps each member whose seat counts the group's meetings to their run; ``expected`` maps
    each member sitting on those days to the seat they sit in; ``running`` holds the counted members
    with a run of misses going, so that a meeting need look only at them and at those not present.
    (A plain class, as :class:`Readings` is.)
    """

    __slots__ = ("counted", "day", "expected", "group", "running")

    def __init__(
        self,
        group: str,
        day: date,
        counted: dict[str, RunState],
        expected: dict[str, Membership],
        running: dict[str, RunState],
    ) -> None:
        self.group = group
        self.day = day
        self.counted = counted
        self.expected = expected
        self.running = running


class AttendanceRuns:
    """Every member's runs in every group of one partnership, advanced one held meeting at a time.

    ``thresholds`` lists every threshold reached so far; ``ends`` the memberships that deemed resignations
    ended, with their last day. Meetings must be observed in order of their start.

    Each group keeps a :class:`Roster` of the members it counts, and the days on which a member's place
    in it changes (a membership starts or ends, a deemed resignation ends one). Seats change hands only
    now and then: when the day passes one of those days, only the members whose place changed are looked
    at again; between them a meeting costs a look at the members not recorded present.
    """

    def __init__(self, policy: Policy, memberships: Mapping[str, Sequence[Membership]]) -> None:
        """Runs for the groups that are the keys of ``memberships`` (one partnership's), each with every
        recorded membership of it, under ``policy``."""
        self.policy = policy
        self.thresholds: list[Threshold] = []
        self.ends: dict[Membership, date] = {}
        self.ended: list[Membership] = []
        """The memberships deemed resignations ended, in the order they did (``ends`` has their last days)."""
        self._at: dict[str, list[Threshold]] = {}
        self._steady = SteadySpan(READ)
        self._reading: Readings | None = None
        self._rosters: dict[str, Roster] = {}
        self._states: dict[str, dict[str, RunState]] = {}
        # Per group, a heap of (day, order, member's run): the days on which a member's place may change.
        self._changes: dict[str, list[tuple[date, int, RunState]]] = {}
        self._order = itertools.count()
        for group in sorted(memberships):
            states: dict[str, RunState] = {}
            for membership in memberships[group]:
                state = states.get(membership.person)
                if state is None:
                    state = states[membership.person] = RunState(membership.person, group, [])
                state.memberships.append(membership)
            self._states[group] = states
            self._queue(group)

    @classmethod
    def reaching(cls, policy: Policy, thresholds: Iterable[Threshold]) -> AttendanceRuns:
        """Runs that have reached ``thresholds`` and know no memberships: what a host that counts runs
        itself (the durable_rules adapter) tells a rule that judges them."""
        runs = cls(policy, {})
        for threshold in thresholds:
            runs.reached(threshold)
        return runs

    def _queue(self, group: str) -> None:
        """Every member of ``group`` is placed afresh by the next roster."""
        order = self._order
        changes = [
            (day, next(order), state)
            for _person, state in sorted(self._states[group].items())
            for day in state.changes(self.ends)
        ]
        heapq.heapify(changes)
        self._changes[group] = changes
        self._rosters.pop(group, None)

    def seat_changed(self, old: Membership | None, new: Membership) -> None:
        """A membership came to be known (``old`` is ``None``) or its end did (incremental evaluation).

        Only days after the last meeting observed are affected: a seat that starts, or an end that comes to
        be known, later than that.
        """
        states = self._states.get(new.group)
        if states is None:
            return
        state = states.get(new.person)
        if state is None:
            state = states[new.person] = RunState(new.person, new.group, [])
        if old is not None:
            state.memberships.remove(old)
            if old in self.ends:
                self.ends[new] = self.ends.pop(old)
        state.memberships.append(new)
        state.memberships.sort(key=Membership.order)
        changes = self._changes[new.group]
        roster = self._rosters.get(new.group)
        order = self._order
        if roster is None:
            # The next roster places every member afresh, popping every day due by then.
            for day in state.changes(self.ends):
                heapq.heappush(changes, (day, next(order), state))
            return
        # Only this member is placed again: on the next roster's day, and on each later day their place may
        # change (a day the seat as known before gave stays queued; placing them again then is harmless).
        heapq.heappush(changes, (roster.day, next(order), state))
        for day in state.changes(self.ends):
            if day > roster.day:
                heapq.heappush(changes, (day, next(order), state))

    def readings(self, day: date) -> Readings:
        """The policy's readings on ``day``, worked out again only when the day passes a change of one of
        the parameters they read."""
        reading = self._reading
        if self._steady.moved(self.policy, day) or reading is None:
            reading = self._reading = readings_for(self.policy, day)
        return reading

    def reached(self, threshold: Threshold) -> None:
        self.thresholds.append(threshold)
        self._at.setdefault(threshold.meeting.id, []).append(threshold)

    def resigned(self, state: RunState, day: date) -> None:
        """A deemed resignation ended the member's membership on ``day``: they are no longer counted
        from that day, and no longer expected from the next."""
        changes = self._changes[state.group]
        heapq.heappush(changes, (day, next(self._order), state))
        heapq.heappush(changes, (day + _ONE_DAY, next(self._order), state))

    def roster(self, group: str, day: date) -> Roster | None:
        """Who ``group`` counts and expects on ``day`` (``None``: not a group of this partnership).
        Days must not go back."""
        roster = self._rosters.get(group)
        changes = self._changes.get(group)
        if changes is None:
            return None
        if roster is not None and (not changes or changes[0][0] > day):
            return roster
        moved: dict[str, RunState] = {}
        while changes and changes[0][0] <= day:
            state = heapq.heappop(changes)[2]
            moved[state.person] = state
        if roster is None:
            counted: dict[str, RunState] = {}
            expected: dict[str, Membership] = {}
            placing = self._states[group]
        else:
            # The old roster's dicts stay as they are: a meeting already counted keeps who it expected.
            counted, expected, placing = dict(roster.counted), dict(roster.expected), moved
        for person, state in placing.items():
            counts, seat = state.place(day, self.ends)
            if counts:
                counted[person] = state
            else:
                counted.pop(person, None)
            if seat is not None:
                expected[person] = seat
            else:
                expected.pop(person, None)
        running = {person: state for person, state in counted.items() if state.missed}
        roster = Roster(group, day, counted, expected, running)
        self._rosters[group] = roster
        return roster

    def observe(self, meeting: Meeting, record: AttendanceRecord) -> Mapping[str, Membership] | None:
        """Count a held meeting, whose minutes record ``record``, for every member of each of its groups in
        this partnership; who the meeting expected, where one of its groups is this partnership's (a joint
        meeting's members are worked out by whoever asks).

        A member recorded present attends whatever the readings; only the others (and those present with
        a run to end) are looked at one by one.
        """
        day = meeting.day
        entries, present = record.entries, record.present
        attended = Outcome.ATTENDED
        own: list[Roster] = []
        for group in meeting.groups:
            roster = self.roster(group, day)
            if roster is None:
                continue
            own.append(roster)
            counted = roster.counted
            if not counted:
                continue
            running = roster.running
            if running:
                for person in [p for p in running if p in present]:
                    state = running.pop(person)
                    state.missed = state.skipped = ()
            missing = counted.keys() - present
            if not missing:
                continue
            reading = self.readings(day)
            for person in sorted(missing):
                state = counted[person]
                outcome = reading.outcome(entries.get(person))
                if outcome is attended:
                    if state.missed:
                        state.missed = state.skipped = ()
                else:
                    state.count(self, reading, meeting, outcome)
                if state.missed:
                    running[person] = state
                else:
                    running.pop(person, None)
        if len(own) == 1:
            # A deemed resignation at this meeting changes the roster from today; the one worked out
            # again still expects the member who resigned (their membership ends today).
            only = own[0]
            changes = self._changes[only.group]
            if changes and changes[0][0] <= day:
                only = self.roster(only.group, day) or only
            return only.expected
        return None

    def at(self, meeting: Meeting) -> list[Threshold]:
        """The thresholds reached at ``meeting``."""
        return self._at.get(meeting.id, [])


_ONE_DAY = timedelta(days=1)
