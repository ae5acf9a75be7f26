"""Meetings and what the minutes record of them (section 1.7)."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from ._validators import as_tuple, identifier, identifiers, optional_identifier
from .vocabulary import AttendanceStatus, DecisionMethod, Interest, MeetingStatus


@attrs.frozen
class Attendance:
    """One line of the attendance record (clause 1.7.7).

    ``deputy`` names who came instead (clause 1.4.8). ``exceptional`` is an accepted exceptional reason for
    missing the meeting (clause 1.7.3: "Unless there are exceptional reasons ..."); where the minutes say
    so, ``exceptional_accepted_by`` is who accepted it (the chair's discretion) and ``exceptional_accepted_on``
    when. Both are evidence only: the reason counts whether or not its acceptance is recorded.
    """

    person: str = attrs.field(validator=identifier)
    status: AttendanceStatus = attrs.field(converter=AttendanceStatus)
    deputy: str | None = attrs.field(default=None, validator=optional_identifier)
    exceptional: str | None = None
    exceptional_accepted_by: str | None = attrs.field(default=None, validator=optional_identifier)
    exceptional_accepted_on: date | None = None


@attrs.frozen
class Declaration:
    """A declaration of interest in an item (clause 1.7.6).

    Clause 1.7.6 asks a member with a prejudicial interest to "leave the room and/or take no part in the
    discussions": ``withdrew`` records that they left the room, ``took_part`` (``False``) that they stayed
    but took no part in the discussion of the item; ``None`` where the minutes do not say.
    """

    person: str = attrs.field(validator=identifier)
    interest: Interest = attrs.field(converter=Interest)
    nature: str | None = None
    withdrew: bool = False
    took_part: bool | None = None


@attrs.frozen
class Decision:
    """How an item was decided (clause 1.7.5), with the votes where one was taken."""

    method: DecisionMethod = attrs.field(converter=DecisionMethod)
    votes_for: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=identifiers)
    votes_against: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=identifiers)
    abstentions: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=identifiers)

    def voters(self) -> tuple[tuple[str, str], ...]:
        """Every recorded vote as ``(person, "for" | "against" | "abstain")``, in record order."""
        return (
            *[(person, "for") for person in self.votes_for],
            *[(person, "against") for person in self.votes_against],
            *[(person, "abstain") for person in self.abstentions],
        )


@attrs.frozen
class Item:
    """An agenda item."""

    id: str = attrs.field(validator=identifier)
    title: str | None = None
    declarations: tuple[Declaration, ...] = attrs.field(default=(), converter=as_tuple)
    decision: Decision | None = None


@attrs.frozen
class Meeting:
    """A meeting of one group, or of several groups of different partnerships jointly (section 6.1 of the
    joint roadmap, October 2020).

    ``start`` and ``end`` are wall-clock times in the partnership's time zone; ``url`` is where its papers
    are published, if recorded.
    """

    id: str = attrs.field(validator=identifier)
    groups: tuple[str, ...] = attrs.field(converter=as_tuple, validator=identifiers)
    start: datetime
    status: MeetingStatus = attrs.field(converter=MeetingStatus)
    end: datetime | None = None
    chair: str | None = attrs.field(default=None, validator=optional_identifier)
    vice_chair: str | None = attrs.field(default=None, validator=optional_identifier)
    agenda_published: date | None = None
    location: str | None = None
    attendance: tuple[Attendance, ...] = attrs.field(default=(), converter=as_tuple)
    items: tuple[Item, ...] = attrs.field(default=(), converter=as_tuple)
    url: str | None = None
    day: date = attrs.field(init=False, eq=False, repr=False)
    """The calendar day of the meeting, in the partnership's time zone (derived from ``start``)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "day", self.start.date())

    @groups.validator
    def _at_least_one_group(
        self, _attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise ValueError(f"meeting {self.id} belongs to no group")

    @property
    def held(self) -> bool:
        return self.status is MeetingStatus.HELD
