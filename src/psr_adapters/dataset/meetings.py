"""Reading the meetings of a ``psr/1`` document: the minutes, where nearly all of a large history lies.

An attendance line that says only a status (``gary-hall: present``) is the common case: once a person and a
status have been checked together, the same line elsewhere reuses the same (immutable) core value.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from psr_core import (
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    Item,
    Meeting,
)

from .quick import Quick
from .shapes import (
    DECISION_KEYS,
    DECLARATION_KEYS,
    ENTRY_KEYS,
    EXCEPTIONAL_KEYS,
    INTEREST,
    ITEM_KEYS,
    MEETING_KEYS,
    MEETING_STATUS,
    METHOD,
    STATUS,
    UTC,
    ends_first,
    local,
)
from .values import MAX_DIGITS, RefusedValueError, day, flag, found, identifier, moment, non_empty, text, url
from .walk import ABSENT, Walk


def read_meetings(
    walk: Walk,
    entries: list[Any],
    zones: dict[str, ZoneInfo],
    default: ZoneInfo = UTC,
    quick: bool = True,
    consume: bool = False,
) -> list[Meeting]:
    """The meetings in ``entries`` (the document's ``meetings``) that have no problem; a meeting's times are
    in the zone of its first group (``zones``), else in ``default``. ``quick`` false reads every meeting
    the careful way (the tests compare the two).

    ``consume`` (for a caller that parsed the document and needs it no more) lets each entry go once it
    is read: its memory is then reused for the meetings being made, which on a large file saves more
    time than freeing the whole document afterwards (``entries`` is left holding ``None``).
    """
    reader = Meetings(walk, zones, default, quick)
    meetings = []
    for index, entry in enumerate(entries):
        before = len(walk.problems)
        meeting = reader.meeting(entry, f"meetings[{index}]")
        if meeting is not None and len(walk.problems) == before:
            meetings.append(meeting)
        if consume:
            entries[index] = None
    return meetings


class Meetings:
    """Reads meetings and their parts, reporting problems to ``walk``."""

    def __init__(
        self, walk: Walk, zones: dict[str, ZoneInfo], default: ZoneInfo = UTC, quick: bool = True
    ) -> None:
        self.walk = walk
        self.zones = zones
        self.default = default
        self.lines: dict[str, dict[str, Attendance]] = {status: {} for status in STATUS}
        """Checked bare-status lines, by status and person."""
        self.quick = Quick(walk.known, self.lines, zones, default) if quick else None

    def meeting(self, entry: Any, here: str) -> Meeting | None:
        """The meeting ``entry`` at ``here``; ``None`` when it has a problem (reported)."""
        made = self.quick.meeting(entry) if self.quick is not None else None
        if made is not None:
            return made
        walk = self.walk
        record = walk.record(here, entry, ("id", "groups", "start", "status"), MEETING_KEYS, 2)
        if record is None:
            return None
        ident = walk.field(record, "id", here, identifier)
        groups = walk.references_in("groups", record, "groups", here, 3)
        if type(record.get("groups")) is list:
            if not record["groups"]:
                walk.problem(f"{here}.groups", "expected at least 1 entry; found an empty list")
            elif len(set(map(str, record["groups"]))) != len(record["groups"]):
                walk.inconsistent(f"{here}.groups", "a group is listed twice")
        start = walk.field(record, "start", here, moment)
        end = walk.field(record, "end", here, moment)
        if start is not None and end is not None and ends_first(start, end):
            walk.inconsistent(
                f"{here}.end", f"the meeting ends ({record['end']}) before it starts ({record['start']})"
            )
        status = walk.words(record, "status", here, MEETING_STATUS)
        chair = walk.optional_reference("people", record, "chair", here)
        vice_chair = walk.optional_reference("people", record, "vice_chair", here)
        agenda: date | None = walk.field(record, "agenda_published", here, day)
        location = walk.field(record, "location", here, text)
        address = walk.field(record, "url", here, url)
        attendance = self.attendance(record.get("attendance", ABSENT), f"{here}.attendance")
        items = self.items(walk.listing(f"{here}.items", record.get("items", ABSENT), 3), here)
        if ident is None or not groups or start is None or status is None:
            return None
        zone = self.zones.get(groups[0], self.default)
        return Meeting(
            id=ident,
            groups=groups,
            start=local(start, zone),
            status=status,
            end=local(end, zone) if end is not None else None,
            chair=chair,
            vice_chair=vice_chair,
            agenda_published=agenda,
            location=location,
            attendance=attendance,
            items=items,
            url=address,
        )

    def attendance(self, value: Any, here: str) -> list[Attendance]:
        if value is ABSENT:
            return []
        if type(value) is not dict:
            self.walk.wrong_kind(here, "a mapping of people to their attendance", value, 3)
            return []
        lines = self.lines
        entries = []
        for who, entry in value.items():
            if type(entry) is str:
                known = lines.get(entry)
                if known is not None:
                    line = known.get(who)
                    if line is not None:
                        entries.append(line)
                        continue
            line = self.line(who, entry, f"{here}.{who}")
            if line is not None:
                entries.append(line)
        return entries

    def line(self, who: Any, entry: Any, path: str) -> Attendance | None:
        walk = self.walk
        before = len(walk.problems)
        person = walk.reference("people", who, path)
        if type(entry) is str:
            status = STATUS.get(entry)
            if status is None:
                walk.problem(path, f"expected one of {', '.join(STATUS)}; found {found(entry)}")
                return None
            if person is None or len(walk.problems) != before:
                return None
            line = Attendance(person, status)
            self.lines[entry][person] = line
            return line
        if type(entry) is not dict:
            walk.wrong_kind(
                path,
                "an attendance status (present, apologies, absent, deputy) or a mapping with status, "
                "deputy and exceptional",
                entry,
                4,
            )
            return None
        record = walk.record(path, entry, ("status",), ENTRY_KEYS, 4)
        assert record is not None
        status = walk.words(record, "status", path, STATUS)
        deputy = walk.optional_reference("people", record, "deputy", path)
        if deputy is not None and status is not None and status is not AttendanceStatus.DEPUTY:
            walk.inconsistent(
                f"{path}.deputy", f"a deputy is named but the status is {status.value!r}; use status: deputy"
            )
        reason, accepted_by, accepted_on = self.exceptional(
            record.get("exceptional", ABSENT), f"{path}.exceptional"
        )
        if person is None or status is None:
            return None
        return Attendance(
            person,
            status,
            deputy=deputy,
            exceptional=reason,
            exceptional_accepted_by=accepted_by,
            exceptional_accepted_on=accepted_on,
        )

    def exceptional(self, value: Any, path: str) -> tuple[str | None, str | None, date | None]:
        """An exceptional reason (clause 1.7.3): the reason alone, or with who accepted it and when."""
        walk = self.walk
        if value is ABSENT:
            return None, None, None
        if type(value) is not dict:
            try:
                return non_empty(value), None, None
            except RefusedValueError as refused:
                walk.problem(
                    path, f"{refused} (a reason, or a mapping with reason, accepted_by and accepted_on)"
                )
                return None, None, None
        record = walk.record(path, value, ("reason",), EXCEPTIONAL_KEYS, 5)
        assert record is not None
        return (
            walk.field(record, "reason", path, non_empty),
            walk.optional_reference("people", record, "accepted_by", path),
            walk.field(record, "accepted_on", path, day),
        )

    def items(self, entries: list[Any], meeting: str) -> list[Item]:
        walk = self.walk
        items = []
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            here = f"{meeting}.items[{index}]"
            record = walk.record(here, entry, ("id",), ITEM_KEYS, 4)
            if record is None:
                continue
            ident = walk.field(record, "id", here, _item_id)
            if ident is not None:
                if ident in seen:
                    walk.inconsistent(f"{here}.id", f"the item id {ident!r} is used twice in this meeting")
                seen.add(ident)
            title = walk.field(record, "title", here, text)
            declarations = [
                declaration
                for number, value in enumerate(
                    walk.listing(f"{here}.declarations", record.get("declarations", ABSENT), 5)
                )
                if (declaration := self.declaration(value, f"{here}.declarations[{number}]")) is not None
            ]
            decision = self.decision(record.get("decision", ABSENT), f"{here}.decision")
            if ident is not None:
                items.append(Item(ident, title=title, declarations=declarations, decision=decision))
        return items

    def declaration(self, value: Any, here: str) -> Declaration | None:
        walk = self.walk
        record = walk.record(here, value, ("person", "interest"), DECLARATION_KEYS, 6)
        if record is None:
            return None
        person = walk.optional_reference("people", record, "person", here)
        interest = walk.words(record, "interest", here, INTEREST)
        nature = walk.field(record, "nature", here, text)
        withdrew = walk.field(record, "withdrew", here, flag)
        took_part = walk.field(record, "took_part", here, flag)
        if person is None or interest is None:
            return None
        return Declaration(person, interest, nature=nature, withdrew=bool(withdrew), took_part=took_part)

    def decision(self, value: Any, here: str) -> Decision | None:
        walk = self.walk
        if value is ABSENT:
            return None
        record = walk.record(here, value, ("method",), DECISION_KEYS, 5)
        if record is None:
            return None
        method = walk.words(record, "method", here, METHOD)
        sides = {
            side: walk.references_in("people", record, side, here, 6)
            for side in ("for", "against", "abstain")
        }
        votes: dict[str, str] = {}
        for side in ("for", "against", "abstain"):
            given = record.get(side)
            for index, voter in enumerate(given if type(given) is list else ()):
                if type(voter) is not str:
                    continue
                if voter in votes:
                    walk.inconsistent(
                        f"{here}.{side}[{index}]", f"{voter} already voted {votes[voter]!r} on this item"
                    )
                votes.setdefault(voter, side)
        if method is None:
            return None
        return Decision(
            method, votes_for=sides["for"], votes_against=sides["against"], abstentions=sides["abstain"]
        )


def _item_id(value: Any) -> str:
    if type(value) is int:
        if abs(value) >= 10**MAX_DIGITS:
            raise RefusedValueError(
                f"expected an item id (text or a whole number of at most {MAX_DIGITS} digits)"
            )
        return str(value)
    try:
        return identifier(value)
    except RefusedValueError:
        raise RefusedValueError(
            f"expected an item id (text or a whole number); found {found(value)}"
        ) from None
