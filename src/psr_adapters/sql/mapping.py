"""Between the core's frozen values and table rows, explicitly, both ways.

``from_domain`` turns a :class:`~psr_core.History` into the rows of each table (plain dicts, ready for a bulk
insert); ``to_domain`` builds the history back from the rows read, each table's rows in stored order. The
record-sized functions (``attendance_values``, ``attendance_from``, ...) are shared with the recording API.
Every list keeps its order in ``position``, so ``to_domain(from_domain(h)) == h``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter, lt
from typing import Any, TypeVar

import attrs

from psr_core import (
    Attendance,
    Contribution,
    Decision,
    DecisionMethod,
    Declaration,
    Group,
    History,
    Item,
    Meeting,
    Membership,
    Organisation,
    Partnership,
    Person,
    Report,
    Response,
)

Values = dict[str, Any]
Row = Any
"""A row read from a table: anything with the table's columns as attributes (a SQLAlchemy ``Row``)."""


# -- from the domain ----------------------------------------------------------------------------------


def partnership_values(p: Partnership, position: int) -> Values:
    return {
        "id": p.id,
        "position": position,
        "name": p.name,
        "policy": p.policy,
        "timezone": p.timezone,
        "started": p.started,
        "district_council_id": p.district_council,
    }


def organisation_values(o: Organisation, position: int) -> Values:
    return {
        "id": o.id,
        "position": position,
        "name": o.name,
        "partnership_id": o.partnership,
        "status": o.status.value,
        "joined": o.joined,
        "agreed_by_chair_id": o.agreed_by_chair,
        "agreed_on": o.agreed_on,
        "inducted_on": o.inducted_on,
    }


def person_values(p: Person, position: int) -> Values:
    return {
        "id": p.id,
        "position": position,
        "name": p.name,
        "organisation_id": p.organisation,
        "advocate": p.advocate.value if p.advocate is not None else None,
    }


def office_values(p: Person) -> Iterator[Values]:
    for position, office in enumerate(p.offices):
        yield {"person_id": p.id, "position": position, "office": office}


def group_values(g: Group, position: int) -> Values:
    return {
        "id": g.id,
        "position": position,
        "partnership_id": g.partnership,
        "tier": g.tier.value,
        "chair_id": g.chair,
        "name": g.name,
    }


def membership_values(m: Membership, position: int, version: int = 1) -> Values:
    return {
        "position": position,
        "person_id": m.person,
        "group_id": m.group,
        "role": m.role.value,
        "start_date": m.start,
        "end_date": m.end,
        "organisation_id": m.organisation,
        "version": version,
    }


def meeting_values(m: Meeting, position: int, version: int = 1) -> Values:
    return {
        "id": m.id,
        "position": position,
        "start_time": m.start,
        "end_time": m.end,
        "status": m.status.value,
        "chair_id": m.chair,
        "vice_chair_id": m.vice_chair,
        "agenda_published": m.agenda_published,
        "location": m.location,
        "url": m.url,
        "version": version,
    }


def meeting_group_values(m: Meeting) -> Iterator[Values]:
    for position, group in enumerate(m.groups):
        yield {"meeting_id": m.id, "group_id": group, "position": position}


def attendance_values(meeting_id: str, a: Attendance, position: int, version: int = 1) -> Values:
    return {
        "meeting_id": meeting_id,
        "person_id": a.person,
        "position": position,
        "status": a.status.value,
        "deputy_id": a.deputy,
        "exceptional": a.exceptional,
        "exceptional_accepted_by_id": a.exceptional_accepted_by,
        "exceptional_accepted_on": a.exceptional_accepted_on,
        "version": version,
    }


def item_values(meeting_id: str, item: Item, position: int, version: int = 1) -> Values:
    return {
        "meeting_id": meeting_id,
        "id": item.id,
        "position": position,
        "title": item.title,
        "decision": item.decision.method.value if item.decision is not None else None,
        "version": version,
    }


def declaration_values(meeting_id: str, item_id: str, d: Declaration, position: int) -> Values:
    return {
        "meeting_id": meeting_id,
        "item_id": item_id,
        "position": position,
        "person_id": d.person,
        "interest": d.interest.value,
        "nature": d.nature,
        "withdrew": d.withdrew,
        "took_part": d.took_part,
    }


def vote_values(meeting_id: str, item_id: str, decision: Decision | None) -> Iterator[Values]:
    if decision is None:
        return
    for position, (person, side) in enumerate(decision.voters()):
        yield {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "person_id": person,
            "side": side,
            "position": position,
        }


def contribution_values(c: Contribution, position: int) -> Values:
    return {
        "position": position,
        "organisation_id": c.organisation,
        "year": c.year,
        "amount": c.amount,
        "kind": c.kind.value,
    }


def report_values(r: Report, position: int) -> Values:
    return {"position": position, "partnership_id": r.partnership, "kind": r.kind.value, "dated": r.date}


def response_values(r: Response, position: int) -> Values:
    return {
        "position": position,
        "finding": r.finding,
        "action": r.action.value,
        "by_id": r.by,
        "dated": r.on,
        "note": r.note,
    }


def from_domain(history: History) -> dict[str, Iterable[Values]]:
    """The rows of every table for ``history``, by table name, in an order that satisfies the foreign keys
    (except the two that go round in circles: ``district_council_id`` and ``agreed_by_chair_id``).

    The rows are made as they are consumed, so a large history is never held twice in memory.
    """
    h = history
    return {
        "psr_partnership": (partnership_values(p, i) for i, p in enumerate(h.partnerships)),
        "psr_organisation": (organisation_values(o, i) for i, o in enumerate(h.organisations)),
        "psr_person": (person_values(p, i) for i, p in enumerate(h.people)),
        "psr_person_office": (row for p in h.people for row in office_values(p)),
        "psr_group": (group_values(g, i) for i, g in enumerate(h.groups)),
        "psr_membership": (membership_values(m, i) for i, m in enumerate(h.memberships)),
        "psr_meeting": (meeting_values(m, i) for i, m in enumerate(h.meetings)),
        "psr_meeting_group": (row for m in h.meetings for row in meeting_group_values(m)),
        "psr_attendance": (
            attendance_values(m.id, a, j) for m in h.meetings for j, a in enumerate(m.attendance)
        ),
        "psr_item": (item_values(m.id, item, j) for m in h.meetings for j, item in enumerate(m.items)),
        "psr_declaration": (
            declaration_values(m.id, item.id, d, k)
            for m in h.meetings
            for item in m.items
            for k, d in enumerate(item.declarations)
        ),
        "psr_vote": (
            row for m in h.meetings for item in m.items for row in vote_values(m.id, item.id, item.decision)
        ),
        "psr_contribution": (contribution_values(c, i) for i, c in enumerate(h.contributions)),
        "psr_report": (report_values(r, i) for i, r in enumerate(h.reports)),
        "psr_response": (response_values(r, i) for i, r in enumerate(h.responses)),
    }


# -- to the domain ------------------------------------------------------------------------------------


def partnership_from(row: Row) -> Partnership:
    return Partnership(
        id=row.id,
        name=row.name,
        policy=row.policy,
        timezone=row.timezone,
        started=row.started,
        district_council=row.district_council_id,
    )


def organisation_from(row: Row) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        partnership=row.partnership_id,
        status=row.status,
        joined=row.joined,
        agreed_by_chair=row.agreed_by_chair_id,
        agreed_on=row.agreed_on,
        inducted_on=row.inducted_on,
    )


def person_from(row: Row, offices: Sequence[str] = ()) -> Person:
    return Person(
        id=row.id, name=row.name, organisation=row.organisation_id, offices=offices, advocate=row.advocate
    )


def group_from(row: Row) -> Group:
    return Group(id=row.id, partnership=row.partnership_id, tier=row.tier, chair=row.chair_id, name=row.name)


def membership_from(row: Row) -> Membership:
    return Membership(
        person=row.person_id,
        group=row.group_id,
        role=row.role,
        start=row.start_date,
        end=row.end_date,
        organisation=row.organisation_id,
    )


def attendance_from(row: Row) -> Attendance:
    return Attendance(
        person=row.person_id,
        status=row.status,
        deputy=row.deputy_id,
        exceptional=row.exceptional,
        exceptional_accepted_by=row.exceptional_accepted_by_id,
        exceptional_accepted_on=row.exceptional_accepted_on,
    )


def declaration_from(row: Row) -> Declaration:
    return Declaration(
        person=row.person_id,
        interest=row.interest,
        nature=row.nature,
        withdrew=bool(row.withdrew),
        took_part=None if row.took_part is None else bool(row.took_part),
    )


def response_from(row: Row) -> Response:
    return Response(finding=row.finding, action=row.action, by=row.by_id, on=row.dated, note=row.note)


def decision_from(method: str | None, votes: Iterable[tuple[str, str]] = ()) -> Decision | None:
    """The decision taken by ``method`` (``None``: not decided), with its ``(person, side)`` votes."""
    if method is None:
        return None
    sides: dict[str, list[str]] = {"for": [], "against": [], "abstain": []}
    for person, side in votes:
        sides[side].append(person)
    return Decision(
        method=DecisionMethod(method),
        votes_for=sides["for"],
        votes_against=sides["against"],
        abstentions=sides["abstain"],
    )


def meeting_from(
    row: Row, groups: Sequence[str], attendance: Sequence[Attendance] = (), items: Sequence[Item] = ()
) -> Meeting:
    return Meeting(
        id=row.id,
        groups=groups,
        start=row.start_time,
        end=row.end_time,
        status=row.status,
        chair=row.chair_id,
        vice_chair=row.vice_chair_id,
        agenda_published=row.agenda_published,
        location=row.location,
        url=row.url,
        attendance=attendance,
        items=items,
    )


# The four tables a large history is mostly made of are read as plain tuples, with their columns in these
# orders: the parent (the meeting; the meeting and the item, for votes), the position, the child's key, and
# then its values. Their rows come in any order: read as they are stored, they come parent by parent and in
# position order already (a history is written so), and only a parent whose rows do not is sorted.
ATTENDANCE_COLUMNS = (
    "meeting_id",
    "position",
    "person_id",
    "status",
    "deputy_id",
    "exceptional",
    "exceptional_accepted_by_id",
    "exceptional_accepted_on",
)
ITEM_COLUMNS = ("meeting_id", "position", "id", "title", "decision")
VOTE_COLUMNS = ("meeting_id", "item_id", "position", "person_id", "side")
MEETING_GROUP_COLUMNS = ("meeting_id", "position", "group_id")

Tuple = tuple[Any, ...]


@attrs.frozen
class StoredRows:
    """What was read from each table.

    The tables of parties, groups, memberships, meetings, contributions and reports are rows in stored
    order (by ``position``, then by key), with the columns as attributes; so are the declarations. The
    attendance, items, votes and meeting groups are plain tuples in the column orders above, in any order.
    """

    partnerships: Sequence[Row]
    organisations: Sequence[Row]
    people: Sequence[Row]
    offices: Sequence[Row]
    groups: Sequence[Row]
    memberships: Sequence[Row]
    meetings: Sequence[Row]
    meeting_groups: Iterable[Tuple]
    attendance: Iterable[Tuple]
    items: Iterable[Tuple]
    declarations: Sequence[Row]
    votes: Iterable[Tuple]
    contributions: Sequence[Row]
    reports: Sequence[Row]
    responses: Sequence[Row] = ()


def children(rows: Iterable[Tuple], parent: int = 1) -> dict[Any, list[Tuple]]:
    """The rows by their parent (their first ``parent`` columns), each parent's rows in order of the next
    two columns (position, then key).

    Rows that come parent by parent with rising positions are taken as they come, each parent's in one
    step; the rows of any other parent are sorted.
    """
    parent_of = itemgetter(*range(parent)) if parent > 1 else itemgetter(0)
    position = itemgetter(parent)
    found: dict[Any, list[Tuple]] = {}
    unsorted: list[Any] = []
    for key, run in groupby(rows, parent_of):
        listed = list(run)
        if key in found:
            found[key] += listed
            unsorted.append(key)
        else:
            found[key] = listed
            if len(listed) > 1 and not _rising(list(map(position, listed))):
                unsorted.append(key)
    for key in unsorted:
        found[key].sort(key=lambda row: (*_stored_order(row[parent]), *_stored_order(row[parent + 1])))
    return found


def _rising(positions: list[Any]) -> bool:
    try:
        return all(map(lt, positions, positions[1:]))
    except TypeError:  # positions of different kinds, which only a database edited by hand holds
        return False


def _stored_order(value: Any) -> tuple[int, Any]:
    """``value``'s place in the order SQLite sorts values of any kind in: nothing, numbers, text, bytes."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, value) if isinstance(value, str) else (3, bytes(value))


V = TypeVar("V")


class _Shared(dict[Tuple, V]):
    """Values made once per distinct key: equal values share one object (they are immutable)."""

    def __init__(self, make: Callable[[Tuple], V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Tuple) -> V:
        value = self[key] = self.make(key)
        return value


_VALUE = itemgetter(slice(2, None))
_VOTE = itemgetter(3, 4)
_GROUP = itemgetter(2)


def _attendance(value: Tuple) -> Attendance:
    person, status, deputy, exceptional, accepted_by, accepted_on = value
    return Attendance(
        person=person,
        status=status,
        deputy=deputy,
        exceptional=exceptional,
        exceptional_accepted_by=accepted_by,
        exceptional_accepted_on=_day(accepted_on),
    )


def attendance_by_meeting(rows: Iterable[Tuple]) -> dict[str, list[Attendance]]:
    """Each meeting's attendance entries in order, from rows in :data:`ATTENDANCE_COLUMNS` order.

    A history of a million entries holds far fewer distinct ones (a person is present at many meetings),
    and the values are immutable, so equal entries share one object.
    """
    entry = _Shared(_attendance).__getitem__
    return {meeting: list(map(entry, map(_VALUE, listed))) for meeting, listed in children(rows).items()}


def items_by_meeting(
    items: Iterable[Tuple], declarations: Iterable[Row], votes: Iterable[Tuple]
) -> dict[str, list[Item]]:
    """Each meeting's items in order, with their declarations and decisions, from rows in the orders of
    :data:`ITEM_COLUMNS` and :data:`VOTE_COLUMNS`.

    Equal values share one object: most decisions are alike (by consensus, no votes), and so are most
    items (the standing items of every agenda).
    """
    declared: defaultdict[Tuple, list[Declaration]] = defaultdict(list)
    for row in declarations:
        declared[(row.meeting_id, row.item_id)].append(declaration_from(row))
    cast = {key: tuple(map(_VOTE, listed)) for key, listed in children(votes, 2).items()}
    decisions = _Shared(lambda key: decision_from(key[0], key[1]))
    plain = _Shared(lambda key: Item(id=key[0], title=key[1], decision=decisions[(key[2], ())]))
    item = plain.__getitem__
    busy = {meeting for meeting, _item in declared} | {meeting for meeting, _item in cast}

    def meeting_items(listed: list[Tuple]) -> list[Item]:
        found = []
        for meeting_id, _position, item_id, title, method in listed:
            key = (meeting_id, item_id)
            if key not in cast and key not in declared:
                found.append(item((item_id, title, method)))
                continue
            decision = decisions[(method, cast.get(key, ()))]
            found.append(Item(id=item_id, title=title, declarations=declared.get(key, ()), decision=decision))
        return found

    return {
        meeting: meeting_items(listed) if meeting in busy else list(map(item, map(_VALUE, listed)))
        for meeting, listed in children(items).items()
    }


_UNSEEN: Any = object()


def _day(value: date | str | None) -> date | None:
    """A date column read through the driver's own cursor: SQLite's gives the text it stores."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def to_domain(rows: StoredRows) -> History:
    """The history the rows record."""
    offices: defaultdict[str, list[str]] = defaultdict(list)
    for row in rows.offices:
        offices[row.person_id].append(row.office)
    groups = {meeting: list(map(_GROUP, listed)) for meeting, listed in children(rows.meeting_groups).items()}
    attendance = attendance_by_meeting(rows.attendance)
    items = items_by_meeting(rows.items, rows.declarations, rows.votes)
    return History(
        partnerships=[partnership_from(row) for row in rows.partnerships],
        organisations=[organisation_from(row) for row in rows.organisations],
        people=[person_from(row, offices.get(row.id, ())) for row in rows.people],
        groups=[group_from(row) for row in rows.groups],
        memberships=[membership_from(row) for row in rows.memberships],
        meetings=[
            meeting_from(row, groups.get(row.id, ()), attendance.get(row.id, ()), items.get(row.id, ()))
            for row in rows.meetings
        ],
        contributions=[
            Contribution(organisation=row.organisation_id, year=row.year, amount=row.amount, kind=row.kind)
            for row in rows.contributions
        ],
        reports=[
            Report(partnership=row.partnership_id, kind=row.kind, date=row.dated) for row in rows.reports
        ],
        responses=[response_from(row) for row in rows.responses],
    )
