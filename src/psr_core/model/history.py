"""A partnership history: everything the rules judge, as plain facts."""

from __future__ import annotations

from datetime import date

import attrs

from ._validators import as_tuple
from .groups import Group, Membership
from .meetings import Meeting
from .parties import Organisation, Partnership, Person
from .records import Contribution, Report, Response


@attrs.frozen
class History:
    """The facts of one or more partnerships: who, which tiers, who sits where, what happened.

    A history is a value: two histories with the same facts are equal, and nothing here changes it.
    """

    partnerships: tuple[Partnership, ...] = attrs.field(default=(), converter=as_tuple)
    organisations: tuple[Organisation, ...] = attrs.field(default=(), converter=as_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=as_tuple)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=as_tuple)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=as_tuple)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=as_tuple)
    contributions: tuple[Contribution, ...] = attrs.field(default=(), converter=as_tuple)
    reports: tuple[Report, ...] = attrs.field(default=(), converter=as_tuple)
    responses: tuple[Response, ...] = attrs.field(default=(), converter=as_tuple)
    """What the partnership did about its findings (casework); they never change which findings are raised."""

    def as_it_stood(self, as_of: date) -> History:
        """The history as it stood at the end of ``as_of``: nothing dated later is known.

        Partnerships not yet started, organisations not yet joined, meetings after the day, memberships not
        yet begun, reports not yet made, contributions for years not yet begun and responses not yet recorded
        are left out; an end, an agreement or an induction dated later is not yet known and is dropped.
        """
        return History(
            partnerships=[p for p in self.partnerships if p.started <= as_of],
            organisations=[
                known for o in self.organisations if (known := organisation_as_of(o, as_of)) is not None
            ],
            people=self.people,
            groups=self.groups,
            memberships=[seat for m in self.memberships if (seat := membership_as_of(m, as_of)) is not None],
            meetings=[_meeting_as_of(m, as_of) for m in self.meetings if m.day <= as_of],
            contributions=[c for c in self.contributions if date(c.year, 4, 1) <= as_of],
            reports=[r for r in self.reports if r.date <= as_of],
            responses=[r for r in self.responses if r.on <= as_of],
        )


def membership_as_of(membership: Membership, as_of: date) -> Membership | None:
    """The membership as it stood at the end of ``as_of`` (``None``: not begun); an end dated later is not
    yet known. The evaluation and the incremental ledger both ask here."""
    if membership.start > as_of:
        return None
    if membership.end is None or membership.end <= as_of:
        return membership
    return attrs.evolve(membership, end=None)


def organisation_as_of(organisation: Organisation, as_of: date) -> Organisation | None:
    """The organisation as it stood at the end of ``as_of`` (``None``: not yet joined); an agreement or an
    induction dated later is not yet known."""
    if organisation.joined is not None and organisation.joined > as_of:
        return None
    return attrs.evolve(
        organisation,
        agreed_by_chair=organisation.agreed_by_chair
        if organisation.agreed_on is None or organisation.agreed_on <= as_of
        else None,
        agreed_on=_known(organisation.agreed_on, as_of),
        inducted_on=_known(organisation.inducted_on, as_of),
    )


def _meeting_as_of(meeting: Meeting, as_of: date) -> Meeting:
    if meeting.agenda_published is None or meeting.agenda_published <= as_of:
        return meeting
    return attrs.evolve(meeting, agenda_published=None)


def _known(day: date | None, as_of: date) -> date | None:
    return day if day is not None and day <= as_of else None
