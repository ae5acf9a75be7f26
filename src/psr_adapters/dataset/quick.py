"""The quick way through a valid meeting: accept it or step aside, never report.

:class:`Quick` reads a meeting that breaks nothing with as few steps as the format allows (ids already
known, vocabularies by lookup, checked dates and lines reused) and returns ``None`` at the first doubt;
:class:`psr_adapters.dataset.meetings.Meetings` then reads that meeting again field by field and reports
each problem. So the quick path decides nothing on its own: it only ever accepts what the careful path
would accept, and the careful path has the last word on everything else.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from psr_core import Attendance, AttendanceStatus, Decision, Declaration, Item, Meeting

from .shapes import (
    DECISION_KEYS,
    DECLARATION_KEYS,
    ENTRY_KEYS,
    INTEREST,
    ITEM_KEYS,
    MEETING_KEYS,
    MEETING_REQUIRED,
    MEETING_STATUS,
    METHOD,
    STATUS,
    ends_first,
    local,
)
from .values import MAX_DIGITS, RefusedValueError, day, flag, identifier, moment, non_empty, text, url
from .walk import ABSENT

_NO_VOTES: tuple[str, ...] = ()


def _plain(value: Any) -> bool:
    """Whether ``value`` is text of the commonest kind: ASCII without a NUL (any other text is read with care)."""
    return type(value) is str and value.isascii() and "\x00" not in value


def _all_in(known: set[str], values: Any) -> bool:
    """Whether ``values`` is a list whose every entry is one of ``known`` (so a valid, existing id)."""
    if type(values) is not list:
        return False
    try:
        return known.issuperset(values)
    except TypeError:  # an unhashable entry: certainly not an id
        return False


class Quick:
    def __init__(
        self,
        known: dict[str, set[str]],
        lines: dict[str, dict[str, Attendance]],
        zones: dict[str, ZoneInfo],
        default: ZoneInfo,
    ) -> None:
        self.meetings, self.groups, self.people = known["meetings"], known["groups"], known["people"]
        self.lines = lines
        self.zones, self.default = zones, default
        self.days: dict[str, date] = {}
        self.item_ids: set[str] = set()
        self.bare_decisions = {word: Decision(method) for word, method in METHOD.items()}
        self.bare_items: dict[tuple[str, Any, Any], Item] = {}

    def day(self, value: Any) -> date | None:
        try:
            return self.days[value]
        except (KeyError, TypeError):
            pass
        try:
            parsed = day(value)
        except RefusedValueError:
            return None
        self.days[value] = parsed
        return parsed

    def meeting(self, record: Any) -> Meeting | None:
        if type(record) is not dict:
            return None
        keys = record.keys()
        if not keys <= MEETING_KEYS or not keys >= MEETING_REQUIRED:
            return None
        ident, groups, status = record["id"], record["groups"], record["status"]
        if type(ident) is not str or ident not in self.meetings or type(status) is not str:
            return None
        if not groups or not _all_in(self.groups, groups) or len(set(groups)) != len(groups):
            return None
        status = MEETING_STATUS.get(status)
        if status is None:
            return None
        try:
            start: datetime = moment(record["start"])
            end = moment(record["end"]) if "end" in record else None
            location = record.get("location")
            if location is not None and not _plain(location):
                location = text(location)
            address = url(record["url"]) if "url" in record else None
        except RefusedValueError:
            return None
        if "location" in record and location is None:
            return None  # location: null
        if end is not None and ends_first(start, end):
            return None
        people = self.people
        chair = record.get("chair", ABSENT)
        vice_chair = record.get("vice_chair", ABSENT)
        if chair is not ABSENT and (type(chair) is not str or chair not in people):
            return None
        if vice_chair is not ABSENT and (type(vice_chair) is not str or vice_chair not in people):
            return None
        agenda = record.get("agenda_published", ABSENT)
        if agenda is not ABSENT and (agenda := self.day(agenda)) is None:
            return None
        attendance = self.attendance(record["attendance"]) if "attendance" in record else []
        items = self.items(record["items"]) if "items" in record else []
        if attendance is None or items is None:
            return None
        zone = self.zones.get(groups[0], self.default)
        return Meeting(
            id=ident,
            groups=groups,
            start=local(start, zone),
            status=status,
            end=local(end, zone) if end is not None else None,
            chair=None if chair is ABSENT else chair,
            vice_chair=None if vice_chair is ABSENT else vice_chair,
            agenda_published=None if agenda is ABSENT else agenda,
            location=location,
            attendance=attendance,
            items=items,
            url=address,
        )

    def attendance(self, value: Any) -> list[Attendance] | None:
        if value is ABSENT:
            return []
        if type(value) is not dict:
            return None
        lines = self.lines
        entries: list[Attendance] = []
        append = entries.append
        for who, entry in value.items():
            try:
                append(lines[entry][who])  # a line checked before: the common case, two lookups
            except (KeyError, TypeError):  # a new line, a mapping (unhashable), or something else
                line = self.new_line(who, entry)
                if line is None:
                    return None
                append(line)
        return entries

    def new_line(self, who: Any, entry: Any) -> Attendance | None:
        if type(entry) is not str:
            return self.line(who, entry)
        by_person = self.lines.get(entry)
        if by_person is None or type(who) is not str or who not in self.people:
            return None
        line = by_person[who] = Attendance(who, STATUS[entry])
        return line

    def line(self, who: Any, entry: Any) -> Attendance | None:
        """A line given as a mapping: a deputy, or an exceptional reason given as text."""
        if type(entry) is not dict or type(who) is not str or who not in self.people:
            return None
        keys = entry.keys()
        if not keys <= ENTRY_KEYS or "status" not in keys:
            return None
        status = entry["status"]
        status = STATUS.get(status) if type(status) is str else None
        deputy = entry.get("deputy")
        reason = entry.get("exceptional")
        if status is None or (
            "deputy" in keys
            and (
                type(deputy) is not str or deputy not in self.people or status is not AttendanceStatus.DEPUTY
            )
        ):
            return None
        if "exceptional" in keys:
            if type(reason) is not str:
                return None  # the reason with who accepted it: read with care
            try:
                non_empty(reason)
            except RefusedValueError:
                return None
        return Attendance(who, status, deputy=deputy, exceptional=reason)

    def items(self, value: Any) -> list[Item] | None:
        if value is ABSENT:
            return []
        if type(value) is not list:
            return None
        items = []
        seen: set[str] = set()
        for record in value:
            item = self.item(record)
            if item is None or item.id in seen:
                return None
            seen.add(item.id)
            items.append(item)
        return items

    def item(self, record: Any) -> Item | None:
        if type(record) is not dict:
            return None
        keys = record.keys()
        if not keys <= ITEM_KEYS or "id" not in keys:
            return None
        ident = record["id"]
        if type(ident) is int:
            if abs(ident) >= 10**MAX_DIGITS:
                return None
            ident = str(ident)
        elif type(ident) is not str:
            return None
        elif ident not in self.item_ids:
            try:
                identifier(ident)
            except RefusedValueError:
                return None
            self.item_ids.add(ident)
        title = record.get("title")
        if title is not None:
            if type(title) is not str or not title.isascii() or "\x00" in title:
                return None
        elif "title" in keys:
            return None
        decision = record.get("decision")
        if decision is not None:
            # A decision that records only its method is the commonest: one shared value per method.
            method = decision.get("method") if type(decision) is dict and len(decision) == 1 else None
            settled = self.bare_decisions.get(method) if type(method) is str else None
            if settled is None and (settled := self.decision(decision)) is None:
                return None
        elif "decision" in keys:
            return None
        else:
            settled = None
        declarations = record.get("declarations", ABSENT)
        if declarations is ABSENT:
            if settled is None or settled is self.bare_decisions.get(settled.method.value):
                key = (ident, title, settled)
                cached = self.bare_items.get(key)
                if cached is None:
                    cached = self.bare_items[key] = Item(ident, title=title, decision=settled)
                return cached
            return Item(ident, title=title, decision=settled)
        if type(declarations) is not list:
            return None
        made = [self.declaration(entry) for entry in declarations]
        if None in made:
            return None
        return Item(ident, title=title, declarations=made, decision=settled)

    def declaration(self, record: Any) -> Declaration | None:
        if type(record) is not dict:
            return None
        keys = record.keys()
        if not keys <= DECLARATION_KEYS or "person" not in keys or "interest" not in keys:
            return None
        person, interest = record["person"], record["interest"]
        if type(person) is not str or person not in self.people or type(interest) is not str:
            return None
        interest = INTEREST.get(interest)
        if interest is None:
            return None
        try:
            nature = record.get("nature", ABSENT)
            nature = text(nature) if nature is not ABSENT else None
            withdrew = flag(record["withdrew"]) if "withdrew" in keys else False
            took_part = flag(record["took_part"]) if "took_part" in keys else None
        except RefusedValueError:
            return None
        return Declaration(person, interest, nature=nature, withdrew=withdrew, took_part=took_part)

    def decision(self, record: Any) -> Decision | None:
        if type(record) is not dict:
            return None
        keys = record.keys()
        if not keys <= DECISION_KEYS or "method" not in keys:
            return None
        method = record["method"]
        if type(method) is not str or method not in METHOD:
            return None
        if len(keys) == 1:
            return self.bare_decisions[method]
        people = self.people
        sides = []
        for side in ("for", "against", "abstain"):
            votes = record.get(side, _NO_VOTES)
            if votes is not _NO_VOTES and not _all_in(people, votes):
                return None
            sides.append(votes)
        cast = len(sides[0]) + len(sides[1]) + len(sides[2])
        if cast and len({*sides[0], *sides[1], *sides[2]}) != cast:
            return None
        return Decision(METHOD[method], votes_for=sides[0], votes_against=sides[1], abstentions=sides[2])
