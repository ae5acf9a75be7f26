"""One partnership judged by one policy: its ruleset in the engine, the record it reads, and the actions.

Each ``check_*`` method refuses an event that cannot be judged as the core would judge it, changing
nothing; the matching ``apply_*`` method records it and posts to the engine whatever the rules must judge
now. The findings the actions deliver collect in :attr:`PartnershipRules.found`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from psr_core import (
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Finding,
    Interest,
    Item,
    Meeting,
    Membership,
    Partnership,
    Policy,
)
from psr_core.attendance import Threshold, voters_at

from .core_view import CoreView
from .engine import Action, Engine
from .errors import EventOrderError
from .events import AttendanceRecorded, DeclarationMade, ItemDecided, MeetingHeld, VoteCast
from .record import ItemRecord, MeetingRecord, Seating
from .rulesets import (
    DEEMED_RESIGNATION,
    DEPUTY,
    PARTICIPATION,
    UNRECORDED,
    VOTE_ELIGIBILITY,
    RuleSpec,
    generate,
)

_VOTE_ORDER = {"for": 0, "against": 1, "abstain": 2}


def _flag(value: bool) -> int:
    return 1 if value else 0


class PartnershipRules:
    """The ruleset ``name`` for ``partnership`` under ``policy``, created (registered) here, before use."""

    def __init__(self, partnership: Partnership, policy: Policy, name: str) -> None:
        self.partnership = partnership
        self.policy = policy
        self.view = CoreView(partnership, policy)
        self.groups: set[str] = set()
        self.seating = Seating()
        self.meetings: dict[str, MeetingRecord] = {}
        self.found: list[Finding] = []
        self._serials: list[MeetingRecord] = []
        self._last: dict[str, MeetingRecord] = {}
        self._held_days: dict[str, list[date]] = {}
        self._runs: dict[tuple[str, str], int] = {}
        self._owners: list[tuple[str, str]] = []
        self._context: list[Any] = []
        specs = generate(policy)
        self.counts_runs = any(spec.name.startswith("seen.") for spec in specs)
        self.judges_deputies = DEPUTY in policy.rules
        self.judges_declarations = PARTICIPATION in policy.rules
        self.judges_votes = VOTE_ELIGIBILITY in policy.rules
        self.engine = Engine(
            name,
            {spec.name: spec.conditions for spec in specs},
            {spec.name: self._action(spec) for spec in specs},
        )

    # -- memberships ----------------------------------------------------------------------------------
    def check_membership(self, membership: Membership) -> None:
        before = self.seating.find(membership)
        for day in self._held_days.get(membership.group, ()):
            if (before is not None and before.covers(day)) != membership.covers(day):
                raise EventOrderError(
                    "membership_changed",
                    f"the membership of {membership.person} in {membership.group} would change who was expected "
                    f"at the meeting of {day.isoformat()}, already held; post membership changes before the "
                    "meetings they affect",
                )

    def apply_membership(self, membership: Membership) -> None:
        self.seating.put(membership)

    # -- meetings -------------------------------------------------------------------------------------
    def own(self, groups: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(group for group in groups if group in self.groups))

    def check_meeting(self, held: MeetingHeld) -> None:
        for group in self.own(held.groups):
            last = self._last.get(group)
            if last is None:
                continue
            if not last.closed:
                raise EventOrderError(
                    "meeting_held",
                    f"{last.meeting.id}, the last meeting of {group}, is not closed; close it (meeting_closed) "
                    f"before holding {held.id}",
                )
            if (held.start, held.id) <= (last.meeting.start, last.meeting.id):
                raise EventOrderError(
                    "meeting_held",
                    f"{held.id} ({held.start.isoformat()}) comes before {last.meeting.id} "
                    f"({last.meeting.start.isoformat()}), already held by {group}; post meetings in order",
                )

    def apply_meeting(
        self, held: MeetingHeld, start: datetime, others: Mapping[str, Seating] | None = None
    ) -> None:
        """Hold a meeting of this partnership's groups; ``others`` holds, for a joint meeting, the seating of
        each other group that meets in it, whose members may vote there too (clauses 1.7.5, 1.7.6)."""
        meeting = Meeting(id=held.id, groups=held.groups, start=start, status="held")
        day = meeting.day
        own = self.own(held.groups)
        counted = {group: self.seating.counted(group, day) for group in own} if self.counts_runs else {}
        expected = self.seating.expected(own, day)
        seatings = others or {}
        voters = voters_at(expected, seatings, day, lambda group: seatings[group].memberships(group))
        record = MeetingRecord(len(self._serials), meeting, own, expected, counted, voters=voters)
        self._serials.append(record)
        self.meetings[meeting.id] = record
        new_runs = []
        for group, people in counted.items():
            for person in people:
                if (group, person) not in self._runs:
                    self._runs[(group, person)] = len(self._owners)
                    self._owners.append((group, person))
                    new_runs.append(_fresh_run(self._runs[(group, person)]))
        for group in own:
            self._last[group] = record
            self._held_days.setdefault(group, []).append(day)
        self._step(new_runs, [])

    def open_meeting(self, kind: str, meeting_id: str) -> MeetingRecord:
        record = self.meetings[meeting_id]
        if record.closed:
            raise EventOrderError(kind, f"meeting {meeting_id} is closed; its minutes take no more events")
        return record

    # -- attendance -----------------------------------------------------------------------------------
    def check_attendance(self, event: AttendanceRecorded) -> None:
        record = self.open_meeting("attendance_recorded", event.meeting)
        if event.entry.person in record.entries:
            raise EventOrderError(
                "attendance_recorded",
                f"{event.entry.person} already has an attendance entry at {event.meeting}",
            )
        if record.judged_any:
            raise EventOrderError(
                "attendance_recorded",
                f"items of {event.meeting} are already decided; record attendance before deciding items",
            )

    def apply_attendance(self, event: AttendanceRecorded) -> None:
        record, entry = self.meetings[event.meeting], event.entry
        record.entries[entry.person] = entry
        events = []
        if self.judges_deputies:
            events.append(
                {"t": "entry", "st": entry.status.value, "exp": _flag(entry.person in record.expected)}
                | self._about((record, entry))
            )
        for group in record.own:
            if entry.person in record.counted.get(group, ()):
                events.append(self._seen(record, group, entry.person, entry))
        self._step([], events)

    def _seen(
        self, record: MeetingRecord, group: str, person: str, entry: Attendance | None
    ) -> dict[str, Any]:
        return {
            "t": "seen",
            "k": self._runs[(group, person)],
            "day": record.meeting.day.toordinal(),
            "mt": record.serial,
            "st": entry.status.value if entry is not None else UNRECORDED,
            "ex": _flag(entry is not None and bool(entry.exceptional)),
        }

    # -- items ----------------------------------------------------------------------------------------
    def check_item_event(self, kind: str, meeting_id: str, item_id: str) -> None:
        record = self.open_meeting(kind, meeting_id)
        item = record.items.get(item_id)
        if item is not None and item.judged:
            raise EventOrderError(kind, f"item {item_id} of {meeting_id} is already decided")

    def apply_declaration(self, event: DeclarationMade) -> None:
        self.meetings[event.meeting].item(event.item).declarations.append(event.declaration)

    def apply_vote(self, event: VoteCast) -> None:
        self.meetings[event.meeting].item(event.item).votes.append((event.person, event.vote))

    def apply_item_decided(self, event: ItemDecided) -> None:
        record = self.meetings[event.meeting]
        self._step([], self._judge(record, record.item(event.item)))

    def apply_close(self, meeting_id: str) -> None:
        record = self.meetings[meeting_id]
        events: list[dict[str, Any]] = []
        for item in record.items.values():
            if not item.judged:
                events.extend(self._judge(record, item))
        for group in record.own:
            for person in record.counted.get(group, ()):
                if person not in record.entries:
                    events.append(self._seen(record, group, person, None))
        record.closed = True
        self._step([], events)

    def _judge(self, record: MeetingRecord, item: ItemRecord) -> list[dict[str, Any]]:
        """The events that put a decided item's declarations and votes to the rules."""
        item.judged = True
        day = record.meeting.day.toordinal()
        votes = sorted(item.votes, key=lambda vote: _VOTE_ORDER[vote[1]])
        events: list[dict[str, Any]] = []
        if self.judges_declarations:
            cast = dict(votes)
            for declaration in item.declarations:
                vote = cast.get(declaration.person)
                events.append(
                    {
                        "t": "declared",
                        "day": day,
                        "pi": _flag(declaration.interest is Interest.PREJUDICIAL),
                        "w": _flag(declaration.withdrew or declaration.took_part is False),
                        "v": vote or "none",
                    }
                    | self._about((record, item, declaration))
                )
        if self.judges_votes:
            withdrawn = {d.person for d in item.declarations if d.withdrew}
            for person, vote in votes:
                entry = record.entries.get(person)
                for_member = record.deputy_for(person)
                facts = {
                    "present": entry is not None and entry.status is AttendanceStatus.PRESENT,
                    "member": person in record.voters,
                    "withdrew": person in withdrawn,
                    "proxy": for_member is not None and for_member in record.expected,
                }
                events.append(
                    {
                        "t": "vote",
                        "day": day,
                        "pr": _flag(facts["present"]),
                        "mb": _flag(facts["member"]),
                        "w": _flag(facts["withdrew"]),
                        "px": _flag(facts["proxy"]),
                    }
                    | self._about((record, item, person, vote))
                )
        return events

    # -- the engine -----------------------------------------------------------------------------------
    def _about(self, context: Any) -> dict[str, Any]:
        """Keep what an action needs to word its finding; the event carries its index ``j``."""
        self._context.append(context)
        return {"j": len(self._context) - 1}

    def _step(self, facts: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        try:
            self.engine.step(facts, events)
        finally:
            self._context.clear()

    def _deliver(self, finding: Finding) -> None:
        if self.policy.rules[finding.rule].in_force_on(finding.date):
            self.found.append(finding)

    def _action(self, spec: RuleSpec) -> Action:
        if spec.action == "miss":
            return self._miss(spec)
        actions: dict[str, Action] = {
            "reset": self._reset,
            "skip": self._skip,
            "deputy": self._deputy,
            "participation": self._participation,
            "vote": self._vote,
            "nothing": _nothing,
        }
        return actions[spec.action]

    def _reset(self, c: Any) -> None:
        run = c.run._d
        if run["n"] or run["skipped"]:
            _replace(c, run, _fresh_run(run["k"]))

    def _skip(self, c: Any) -> None:
        run = c.run._d
        _replace(c, run, {**_fields(run), "skipped": [*run["skipped"], c.o.mt]})

    def _miss(self, spec: RuleSpec) -> Action:
        fires: tuple[str, ...] = spec.options["fires"]
        ends_membership: bool = bool(spec.options.get("ends_membership"))

        def miss(c: Any) -> None:
            run = c.run._d
            missed = [*run["missed"], c.o.mt]
            group, person = self._owners[run["k"]]
            meeting = self._serials[c.o.mt].meeting
            for rule in fires:
                threshold = Threshold(
                    rule,
                    person,
                    group,
                    meeting,
                    tuple(self._minuted(serial, person) for serial in missed),
                    tuple(self._minuted(serial, person) for serial in run["skipped"]),
                    ends_membership and rule == DEEMED_RESIGNATION,
                )
                self._deliver(self.view.judge(rule, meeting, thresholds=[threshold]))
            if ends_membership:
                self.seating.resign(group, person, meeting.day)
                _replace(c, run, _fresh_run(run["k"]))
            else:
                _replace(c, run, {**_fields(run), "n": run["n"] + 1, "missed": missed})

        return miss

    def _minuted(self, serial: int, person: str) -> Meeting:
        """The held meeting ``serial`` with the member's own line of its minutes, as the threshold's
        evidence reads it (an exceptional reason, who accepted it and when)."""
        record = self._serials[serial]
        entry = record.entries.get(person)
        return attrs.evolve(record.meeting, attendance=(entry,)) if entry is not None else record.meeting

    def _deputy(self, c: Any) -> None:
        record, entry = self._context[c.o.j]
        meeting = attrs.evolve(record.meeting, attendance=(entry,))
        self._deliver(self.view.judge(DEPUTY, meeting, expected=record.expected))

    def _participation(self, c: Any) -> None:
        record, item, declaration = self._context[c.o.j]
        decided = _decision(item.votes) if item.votes else None
        view = Item(id=item.id, declarations=(declaration,), decision=decided)
        meeting = attrs.evolve(record.meeting, items=(view,))
        self._deliver(self.view.judge(PARTICIPATION, meeting, expected=record.expected))

    def _vote(self, c: Any) -> None:
        record, item, person, vote = self._context[c.o.j]
        view = Item(id=item.id, declarations=tuple(item.declarations), decision=_decision([(person, vote)]))
        meeting = attrs.evolve(record.meeting, attendance=tuple(record.entries.values()), items=(view,))
        self._deliver(
            self.view.judge(VOTE_ELIGIBILITY, meeting, expected=record.expected, voters=record.voters)
        )


def _decision(votes: list[tuple[str, str]]) -> Decision:
    """A vote on an item as the minutes record it, from the votes in the order they were cast."""
    return Decision(
        method=DecisionMethod.VOTE,
        votes_for=[person for person, vote in votes if vote == "for"],
        votes_against=[person for person, vote in votes if vote == "against"],
        abstentions=[person for person, vote in votes if vote == "abstain"],
    )


def _nothing(_c: Any) -> None:
    """Take an event that finds nothing, so that it does not wait in the engine."""


def _fresh_run(key: int) -> dict[str, Any]:
    return {"t": "run", "k": key, "n": 0, "missed": [], "skipped": []}


def _fields(run: dict[str, Any]) -> dict[str, Any]:
    return {name: run[name] for name in ("t", "k", "n", "missed", "skipped")}


def _replace(c: Any, run: dict[str, Any], new: dict[str, Any]) -> None:
    """Move a run on: retract its fact and assert the new one, in the action's own engine step."""
    c.retract_fact(dict(run))
    c.assert_fact(new)
