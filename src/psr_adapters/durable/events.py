"""The events a host posts, and how their payloads are read.

A payload is a mapping in the words of the ``psr/1`` dataset format (docs/reference/dataset-format.md): ids, ISO dates
(``2015-07-14``) and local wall-clock times (``2015-07-14T10:00``; a time with an offset is turned into the
partnership's wall-clock time). ``date`` and ``datetime`` values are accepted too. Unknown keys are an error.

========================  ===================================================================================
kind                      payload
========================  ===================================================================================
``partnership_started``   ``id, name, policy, timezone, started`` [``district_council``]
``group_formed``          ``id, partnership, tier`` [``chair, name``]
``membership_changed``    ``person, group, role, from`` [``to, organisation``]; the same person, group, role
                          and ``from`` again replaces the membership (to record its end, say)
``meeting_held``          ``id, groups, start`` [``end, chair, vice_chair, agenda_published, location``]
``attendance_recorded``   ``meeting, person, status`` [``deputy, exceptional``]
``declaration_made``      ``meeting, item, person, interest`` [``nature, withdrew, took_part``]
``vote_cast``             ``meeting, item, person, vote`` (``for``, ``against`` or ``abstain``)
``item_decided``          ``meeting, item``: the item's declarations and votes are complete
``meeting_closed``        ``meeting``: the minutes are complete
========================  ===================================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from psr_core import (
    Attendance,
    AttendanceStatus,
    Declaration,
    Group,
    Interest,
    Membership,
    Partnership,
    Role,
    Tier,
)

from .errors import EventError

VOTES = ("for", "against", "abstain")


def _payload(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen
class Event:
    """One event as a host posts it: a kind and a JSON-like payload."""

    kind: str
    payload: Mapping[str, Any] = attrs.field(converter=_payload)


@attrs.frozen
class MeetingHeld:
    id: str
    groups: tuple[str, ...]
    start: datetime


@attrs.frozen
class AttendanceRecorded:
    meeting: str
    entry: Attendance


@attrs.frozen
class DeclarationMade:
    meeting: str
    item: str
    declaration: Declaration


@attrs.frozen
class VoteCast:
    meeting: str
    item: str
    person: str
    vote: str


@attrs.frozen
class ItemDecided:
    meeting: str
    item: str


@attrs.frozen
class MeetingClosed:
    meeting: str


Parsed = (
    Partnership
    | Group
    | Membership
    | MeetingHeld
    | AttendanceRecorded
    | DeclarationMade
    | VoteCast
    | ItemDecided
    | MeetingClosed
)

T = TypeVar("T")


class _Reader:
    """Reads the fields of one payload, naming the event kind and field in every complaint."""

    def __init__(
        self, kind: str, payload: Mapping[str, Any], required: tuple[str, ...], optional: tuple[str, ...]
    ):
        self.kind = kind
        if not isinstance(payload, Mapping):
            raise EventError(kind, f"the payload must be a mapping, got {type(payload).__name__}")
        unknown = sorted(str(key) for key in payload if key not in required and key not in optional)
        if unknown:
            raise EventError(
                kind, f"unknown field(s) {', '.join(unknown)}; the fields are {_fields(required, optional)}"
            )
        missing = [key for key in required if payload.get(key) is None]
        if missing:
            raise EventError(
                kind, f"missing field(s) {', '.join(missing)}; the fields are {_fields(required, optional)}"
            )
        self.payload = payload

    def fail(self, key: str, expected: str) -> EventError:
        return EventError(self.kind, f"{key} must be {expected}, got {self.payload.get(key)!r}")

    def text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            raise self.fail(key, "a non-empty id")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.payload.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value or value[0].isspace():
            raise self.fail(key, "a non-empty string that does not start with white space")
        return value

    def note(self, key: str) -> str | None:
        value = self.payload.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "a string")
        return value

    def day(self, key: str) -> date | None:
        value = self.payload.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, "an ISO date such as 2015-07-14")

    def moment(self, key: str) -> datetime:
        value = self.payload.get(key)
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                pass
        raise self.fail(key, "an ISO date and time such as 2015-07-14T10:00")

    def flag(self, key: str) -> bool:
        value = self.payload.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def optional_flag(self, key: str) -> bool | None:
        value = self.payload.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.payload.get(key)
        if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
            raise self.fail(key, "a non-empty list of ids")
        if not all(isinstance(v, str) and v and not v[0].isspace() for v in value):
            raise self.fail(key, "a list of non-empty ids")
        return tuple(value)

    def choice(self, key: str, convert: Callable[[Any], T], allowed: tuple[str, ...]) -> T:
        try:
            return convert(self.payload.get(key))
        except ValueError:
            raise self.fail(key, f"one of {', '.join(allowed)}") from None


def _fields(required: tuple[str, ...], optional: tuple[str, ...]) -> str:
    return ", ".join([*required, *(f"[{key}]" for key in optional)])


def _words(vocabulary: type[Any]) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


def _partnership(r: _Reader) -> Partnership:
    started = r.day("started")
    assert started is not None
    return Partnership(
        id=r.text("id"),
        name=str(r.note("name")),
        policy=r.text("policy"),
        timezone=r.text("timezone"),
        started=started,
        district_council=r.optional_text("district_council"),
    )


def _group(r: _Reader) -> Group:
    return Group(
        id=r.text("id"),
        partnership=r.text("partnership"),
        tier=r.choice("tier", Tier, _words(Tier)),
        chair=r.optional_text("chair"),
        name=r.note("name"),
    )


def _membership(r: _Reader) -> Membership:
    start, end = r.day("from"), r.day("to")
    assert start is not None
    if end is not None and end < start:
        raise r.fail("to", f"on or after from ({start.isoformat()})")
    return Membership(
        person=r.text("person"),
        group=r.text("group"),
        role=r.choice("role", Role, _words(Role)),
        start=start,
        end=end,
        organisation=r.optional_text("organisation"),
    )


def _meeting(r: _Reader) -> MeetingHeld:
    # The rules judged here read only the groups and the day; the other fields of a dataset's meeting are
    # accepted (so a host can post a meeting as its dataset records it) and checked, not kept.
    if r.payload.get("end") is not None:
        r.moment("end")
    r.day("agenda_published")
    r.optional_text("chair")
    r.optional_text("vice_chair")
    r.note("location")
    groups = r.ids("groups")
    if len(set(groups)) != len(groups):
        raise r.fail("groups", "a list of different groups (a group is listed twice)")
    return MeetingHeld(id=r.text("id"), groups=groups, start=r.moment("start"))


def _attendance(r: _Reader) -> AttendanceRecorded:
    entry = Attendance(
        person=r.text("person"),
        status=r.choice("status", AttendanceStatus, _words(AttendanceStatus)),
        deputy=r.optional_text("deputy"),
        exceptional=r.note("exceptional"),
    )
    return AttendanceRecorded(meeting=r.text("meeting"), entry=entry)


def _declaration(r: _Reader) -> DeclarationMade:
    declaration = Declaration(
        person=r.text("person"),
        interest=r.choice("interest", Interest, _words(Interest)),
        nature=r.note("nature"),
        withdrew=r.flag("withdrew"),
        took_part=r.optional_flag("took_part"),
    )
    return DeclarationMade(meeting=r.text("meeting"), item=r.text("item"), declaration=declaration)


def _vote(r: _Reader) -> VoteCast:
    vote = r.payload.get("vote")
    if vote not in VOTES:
        raise r.fail("vote", f"one of {', '.join(VOTES)}")
    return VoteCast(meeting=r.text("meeting"), item=r.text("item"), person=r.text("person"), vote=str(vote))


READERS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[_Reader], Parsed]]] = {
    "partnership_started": (
        ("id", "name", "policy", "timezone", "started"),
        ("district_council",),
        _partnership,
    ),
    "group_formed": (("id", "partnership", "tier"), ("chair", "name"), _group),
    "membership_changed": (("person", "group", "role", "from"), ("to", "organisation"), _membership),
    "meeting_held": (
        ("id", "groups", "start"),
        ("end", "chair", "vice_chair", "agenda_published", "location", "status"),
        _meeting,
    ),
    "attendance_recorded": (("meeting", "person", "status"), ("deputy", "exceptional"), _attendance),
    "declaration_made": (
        ("meeting", "item", "person", "interest"),
        ("nature", "withdrew", "took_part"),
        _declaration,
    ),
    "vote_cast": (("meeting", "item", "person", "vote"), (), _vote),
    "item_decided": (("meeting", "item"), (), lambda r: ItemDecided(r.text("meeting"), r.text("item"))),
    "meeting_closed": (("meeting",), (), lambda r: MeetingClosed(r.text("meeting"))),
}

EVENT_KINDS = tuple(READERS)


def parse_event(kind: str, payload: Mapping[str, Any]) -> Parsed:
    """The typed record of one event, or an :class:`EventError` naming what is wrong with it."""
    entry = READERS.get(kind)
    if entry is None:
        raise EventError(kind, f"unknown kind of event; the kinds are {', '.join(EVENT_KINDS)}")
    required, optional, read = entry
    reader = _Reader(kind, payload, required, optional)
    if kind == "meeting_held" and payload.get("status", "held") != "held":
        raise reader.fail("status", "held (post only meetings that were held)")
    try:
        return read(reader)
    except EventError:
        raise
    except ValueError as exc:  # a value the model refuses that the reader did not foresee
        raise EventError(kind, str(exc)) from exc
