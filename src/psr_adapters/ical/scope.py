"""Whose calendar: the meetings of a partnership, of a group, or of a person while a member.

A person's calendar holds the meetings of every group the person is a member of on each meeting's day
(:meth:`Membership.covers`): a seat taken in March brings the meetings from March, a seat given up in June
takes away the ones after it. Filters combine: ``--person`` with ``--group`` is that person's meetings of
that group.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from psr_core import Group, History, Meeting, Partnership, Tier

from ..errors import unknown_id
from .errors import CalendarError

TIER_NAMES = {Tier.BOARD: "Board", Tier.EXECUTIVE: "Executive", Tier.IMPLEMENTATION: "Implementation Group"}


@attrs.frozen
class Scope:
    """The meetings one calendar holds, its name, and the time zone it is read in (``X-WR-TIMEZONE``)."""

    name: str
    tzid: str
    meetings: tuple[Meeting, ...]


@attrs.frozen
class Directory:
    """The history's partnerships, groups and people by id, for naming things and finding time zones."""

    history: History
    partnerships: Mapping[str, Partnership]
    groups: Mapping[str, Group]

    @classmethod
    def of(cls, history: History) -> Directory:
        return cls(
            history=history,
            partnerships={p.id: p for p in history.partnerships},
            groups={g.id: g for g in history.groups},
        )

    def group(self, group_id: str, meeting: str | None = None) -> Group:
        found = self.groups.get(group_id)
        if found is None:
            if meeting is None:
                raise CalendarError(unknown_id("group", group_id, self.groups))
            raise CalendarError(
                f"meeting {meeting} names group {group_id!r}, which the history does not have; "
                f"its groups are: {_listing(self.groups)}"
            )
        return found

    def partnership(self, partnership_id: str) -> Partnership:
        found = self.partnerships.get(partnership_id)
        if found is None:
            raise CalendarError(unknown_id("partnership", partnership_id, self.partnerships))
        return found

    def groups_of(self, meeting: Meeting) -> list[Group]:
        return [self.group(group_id, meeting.id) for group_id in meeting.groups]

    def meeting_zone(self, meeting: Meeting) -> str:
        """The time zone of a meeting's times: its first group's partnership's, as the dataset reads them."""
        return self.partnership(self.group(meeting.groups[0], meeting.id).partnership).timezone

    def group_title(self, group: Group) -> str:
        """``Chorley Public Service Reform Partnership Executive``: the partnership and the tier."""
        return f"{self.partnership(group.partnership).name} {TIER_NAMES[group.tier]}"


def _listing(known: Mapping[str, object]) -> str:
    ids = sorted(known)
    shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
    return shown or "(none)"


def select(
    directory: Directory,
    *,
    partnership: str | None = None,
    group: str | None = None,
    person: str | None = None,
) -> Scope:
    """The meetings and name of the calendar for the given filters (every meeting when none is given)."""
    history = directory.history
    people = {p.id: p for p in history.people}
    home = directory.partnership(partnership) if partnership is not None else None
    chosen = directory.group(group) if group is not None else None
    if person is not None and person not in people:
        raise CalendarError(unknown_id("person", person, people))
    if chosen is not None and home is not None and chosen.partnership != home.id:
        raise CalendarError(
            f"group {chosen.id!r} belongs to partnership {chosen.partnership!r}, not {home.id!r}"
        )
    seats = sorted((m for m in history.memberships if m.person == person), key=lambda m: (m.start, m.group))

    def wanted(meeting: Meeting) -> bool:
        if chosen is not None and chosen.id not in meeting.groups:
            return False
        if home is not None and all(
            directory.group(g, meeting.id).partnership != home.id for g in meeting.groups
        ):
            return False
        return person is None or any(s.group in meeting.groups and s.covers(meeting.day) for s in seats)

    if chosen is not None:
        subject = chosen.name or directory.group_title(chosen)
    elif home is not None:
        subject = home.name
    elif person is None:
        subject = " and ".join(p.name for p in history.partnerships) or "Partnership meetings"
    else:
        subject = "partnership meetings"
    # The calendar's own zone: its group's or partnership's, else that of the person's first seat, else
    # that of the first partnership in the history.
    owners = [
        *([chosen.partnership] if chosen is not None else []),
        *([home.id] if home is not None else []),
        *(directory.group(s.group).partnership for s in seats),
        *(p.id for p in history.partnerships),
    ]
    return Scope(
        name=f"{people[person].name}: {subject}" if person is not None else subject,
        tzid=directory.partnership(owners[0]).timezone if owners else "UTC",
        meetings=tuple(sorted(filter(wanted, history.meetings), key=lambda m: (m.start, m.id))),
    )
