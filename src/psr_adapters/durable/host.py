"""The host application's side: post events, receive the core's findings as they arise.

>>> host = DurableHost(on_finding=print)                                        # doctest: +SKIP
>>> host.post("partnership_started", {"id": "chorley", ...})                   # doctest: +SKIP
>>> host.post("attendance_recorded", {"meeting": "exec-2015-10-13", "person": "tracie-ogara",
...                                   "status": "absent"})                      # doctest: +SKIP
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

from psr_core import (
    Finding,
    Group,
    Membership,
    Partnership,
    PolicyChoice,
    PolicyError,
    check_policy,
    policy_for,
)

from .engine import load_engine, unique_name
from .errors import EventError, HostStoppedError
from .events import (
    AttendanceRecorded,
    DeclarationMade,
    Event,
    ItemDecided,
    MeetingClosed,
    MeetingHeld,
    Parsed,
    VoteCast,
    parse_event,
)
from .partnership import PartnershipRules

OnFinding = Callable[[Finding], None]


class DurableHost:
    """Judges a stream of events with durable_rules, one ruleset per partnership and policy version.

    ``policy`` chooses each partnership's policy as :func:`psr_core.evaluate` does: one for all, a mapping
    from partnership id, or ``None`` for the version the partnership names. ``on_finding`` receives each
    finding as it arises, after the event that raised it has been judged and outside the host's lock (so it
    may post further events); :meth:`post` also returns them.

    Safe to share between threads: events are judged one at a time, in the order the lock admits them.
    """

    def __init__(
        self,
        on_finding: OnFinding | None = None,
        *,
        policy: PolicyChoice = None,
        partnerships: Iterable[Partnership] = (),
    ) -> None:
        load_engine()
        self._on_finding = on_finding
        self._policy = policy
        self._lock = threading.RLock()
        self._partnerships: dict[str, PartnershipRules] = {}
        self._groups: dict[str, str] = {}
        self._meetings: dict[str, tuple[str, ...]] = {}
        self._stopped: str | None = None
        self.counts: Counter[str] = Counter()
        """How many events of each kind the host has judged."""
        for partnership in partnerships:
            self._start(partnership)

    # -- the public face ------------------------------------------------------------------------------
    def post(self, kind: str, payload: Mapping[str, Any]) -> tuple[Finding, ...]:
        """Judge one event; the findings it raised (also given to ``on_finding``), in the order they arose."""
        parsed = parse_event(kind, payload)
        with self._lock:
            if self._stopped is not None:
                raise HostStoppedError(self._stopped)
            try:
                found = self._apply(kind, parsed)
            except (EventError, PolicyError):  # refused before anything changed
                raise
            except BaseException as exc:
                self._stopped = (
                    f"the host stopped after an error judging {kind}: {exc!r}; rebuild it and replay"
                )
                raise
            self.counts[kind] += 1
        if self._on_finding is not None:
            for finding in found:
                self._on_finding(finding)
        return found

    def post_event(self, event: Event) -> tuple[Finding, ...]:
        return self.post(event.kind, event.payload)

    def replay(self, events: Iterable[Event]) -> tuple[Finding, ...]:
        """Post every event in turn; every finding they raised."""
        found: list[Finding] = []
        for event in events:
            found.extend(self.post_event(event))
        return tuple(found)

    @property
    def rulesets(self) -> dict[str, str]:
        """The name of each partnership's ruleset in the engine."""
        with self._lock:
            return {pid: rules.engine.name for pid, rules in self._partnerships.items()}

    def unconsumed(self) -> int:
        """Events the engine holds that no rule took: always 0 unless the generated rules are wrong."""
        with self._lock:
            return sum(len(rules.engine.pending()) for rules in self._partnerships.values())

    def close(self) -> None:
        """Free every ruleset in the engine; the host takes no more events."""
        with self._lock:
            if self._stopped is None:
                self._stopped = "the host is closed"
            for rules in self._partnerships.values():
                rules.engine.close()

    def __enter__(self) -> DurableHost:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- routing --------------------------------------------------------------------------------------
    def _start(self, partnership: Partnership) -> PartnershipRules:
        if partnership.id in self._partnerships:
            raise EventError("partnership_started", f"partnership {partnership.id} has already started")
        policy = policy_for(partnership, self._policy)
        check_policy(policy)
        rules = PartnershipRules(partnership, policy, unique_name(f"psr:{policy.id}:{partnership.id}"))
        self._partnerships[partnership.id] = rules
        return rules

    def _owner(self, kind: str, group: str) -> PartnershipRules:
        partnership = self._groups.get(group)
        if partnership is None:
            raise EventError(kind, f"unknown group {group!r}; announce it first (group_formed)")
        return self._partnerships[partnership]

    def _held(self, kind: str, meeting: str) -> list[PartnershipRules]:
        owners = self._meetings.get(meeting)
        if owners is None:
            raise EventError(kind, f"unknown meeting {meeting!r}; post meeting_held first")
        return [self._partnerships[p] for p in owners]

    def _apply(self, kind: str, event: Parsed) -> tuple[Finding, ...]:
        touched: list[PartnershipRules] = []
        if isinstance(event, Partnership):
            self._start(event)
        elif isinstance(event, Group):
            self._form(event)
        elif isinstance(event, Membership):
            rules = self._owner(kind, event.group)
            rules.check_membership(event)
            rules.apply_membership(event)
        elif isinstance(event, MeetingHeld):
            touched = self._hold(event)
        else:
            touched = self._minute(kind, event)
        found: list[Finding] = []
        for rules in touched:
            found.extend(rules.found)
            rules.found.clear()
        return tuple(found)

    def _form(self, group: Group) -> None:
        if group.partnership not in self._partnerships:
            raise EventError("group_formed", f"unknown partnership {group.partnership!r}; start it first")
        if group.id in self._groups:
            raise EventError("group_formed", f"group {group.id} is already formed")
        self._groups[group.id] = group.partnership
        self._partnerships[group.partnership].groups.add(group.id)

    def _hold(self, held: MeetingHeld) -> list[PartnershipRules]:
        if held.id in self._meetings:
            raise EventError("meeting_held", f"meeting {held.id} is already held")
        owners = list(dict.fromkeys(self._groups[g] for g in held.groups if g in self._groups))
        if not owners:
            raise EventError(
                "meeting_held", f"none of the groups of {held.id} is known: {', '.join(held.groups)}"
            )
        touched = [self._partnerships[p] for p in owners]
        start = _wall_clock(held.start, touched[0].partnership)
        held = MeetingHeld(held.id, held.groups, start)
        for rules in touched:
            rules.check_meeting(held)
        self._meetings[held.id] = tuple(owners)
        for rules in touched:
            others = {
                group: other.seating
                for other in touched
                if other is not rules
                for group in held.groups
                if self._groups.get(group) == other.partnership.id
            }
            rules.apply_meeting(held, start, others)
        return touched

    def _minute(self, kind: str, event: Parsed) -> list[PartnershipRules]:
        assert isinstance(
            event, AttendanceRecorded | DeclarationMade | VoteCast | ItemDecided | MeetingClosed
        )
        touched = self._held(kind, event.meeting)
        for rules in touched:
            if isinstance(event, AttendanceRecorded):
                rules.check_attendance(event)
            elif isinstance(event, MeetingClosed):
                rules.open_meeting(kind, event.meeting)
            else:
                rules.check_item_event(kind, event.meeting, event.item)
        for rules in touched:
            if isinstance(event, AttendanceRecorded):
                rules.apply_attendance(event)
            elif isinstance(event, DeclarationMade):
                rules.apply_declaration(event)
            elif isinstance(event, VoteCast):
                rules.apply_vote(event)
            elif isinstance(event, ItemDecided):
                rules.apply_item_decided(event)
            else:
                rules.apply_close(event.meeting)
        return touched


def _wall_clock(start: datetime, partnership: Partnership) -> datetime:
    """A time with an offset as the wall-clock time in the partnership's time zone
    (docs/reference/dataset-format.md)."""
    if start.tzinfo is None:
        return start
    try:
        zone = ZoneInfo(partnership.timezone)
    except (KeyError, ValueError) as exc:
        raise EventError("meeting_held", f"partnership {partnership.id} has an unknown time zone") from exc
    return start.astimezone(zone).replace(tzinfo=None)
