"""What the database will refuse, found before anything is written, each problem at its dataset path.

The tables' constraints (:mod:`psr_adapters.sql.tables`) refuse a dangling reference, a duplicate id or an
unknown status, but a driver's message rarely says which record it was. A history read from a dataset
file has passed the same checks already (:mod:`psr_adapters.dataset.consistency`); one built in code has
not, so :func:`history_problems` checks it against the same rules, plus what the database cannot hold
(ids longer than :data:`~psr_adapters.sql.tables.ID_LENGTH`, text with a NUL character, times with an
offset), and names every problem as ``meetings[3].attendance.gary-hall``.

Every write path refuses what the ``psr/1`` format refuses of an id (a control character, a leading or
trailing space) and of a date (a year outside :data:`YEARS`), so that no database stores what another
compares differently (MariaDB ignores trailing spaces in some comparisons) and no record breaks a later
read, feed or evaluation (``docs/reference/dataset-format.md``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from psr_core import Attendance, AttendanceStatus, History, Item, Meeting, Membership, Person, Response

from ..errors import Problem
from .tables import ID_LENGTH

AMOUNT_LENGTH = 64
YEARS = range(1900, 2200)
"""The years a date may fall in, in the format and in every database."""


def text_problem(value: str | None, what: str = "text") -> str | None:
    """Why the database cannot store ``value`` as text, or ``None`` when it can."""
    if value is None:
        return None
    if "\x00" in value:
        return f"{what} with a NUL character (\\x00) cannot be stored in a database"
    if value.isascii():  # the commonest text, which always encodes
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} with an unpaired surrogate character cannot be stored in a database"
    return None


def id_problem(value: str | None) -> str | None:
    """Why ``value`` cannot be an id, or ``None`` when it can."""
    if value is None:
        return None
    if len(value) > ID_LENGTH:
        return f"an id of {len(value)} characters is longer than the {ID_LENGTH} a database stores"
    # Printable ASCII (the commonest id) holds no control character: those are ASCII's unprintable ones.
    if not (value.isascii() and value.isprintable()):
        control = next((c for c in value if unicodedata.category(c) == "Cc"), None)
        if control is not None:
            return f"an id cannot hold a control character, found {control!r} in {value!r}"
    if value != value.strip():
        return f"an id cannot begin or end with a space, found {value!r}"
    return text_problem(value, "an id")


def date_problem(day: date | None) -> str | None:
    """Why ``day`` (a date, or the day of a time) is out of the range every reader handles."""
    if day is not None and day.year not in YEARS:
        return f"expected a date in the years {YEARS[0]} to {YEARS[-1]}, found {day.isoformat()}"
    return None


def amount_problem(amount: Decimal) -> str | None:
    if amount.is_signed() and not amount.is_zero():
        return f"a contribution cannot be negative, found {amount}"
    if len(str(amount)) > AMOUNT_LENGTH:
        return f"the amount {amount} has more than {AMOUNT_LENGTH} characters"
    return None


def time_problem(moment: datetime | None) -> str | None:
    if moment is not None and moment.tzinfo is not None:
        return f"expected a wall-clock time without an offset, found {moment.isoformat()}"
    return None


Ids = dict[str, set[str]]
"""The ids a history defines, by kind (``partnership``, ``organisation``, ``person``, ``group``)."""


class _Checker:
    """Collects problems; checks references only when it knows the ids (``None``: the database will)."""

    def __init__(self, ids: Ids | None) -> None:
        self.ids = ids
        self.problems: list[Problem] = []
        self.plain_people: dict[str, bool] = {}
        self.plain_items: set[int] = set()
        """The items found to have no problem (by ``id()``: the history holds them meanwhile)."""

    def add(self, path: str, message: str | None) -> None:
        if message is not None:
            self.problems.append(Problem(path, message))

    def at(self, path: str, key: str, message: str | None) -> None:
        """:meth:`add` at ``path.key``, the path written only for a problem."""
        if message is not None:
            self.problems.append(Problem(f"{path}.{key}", message))

    def refers(self, path: str, kind: str, value: str | None) -> None:
        if self.ids is None and value is not None:
            self.add(path, id_problem(value))
        if self.ids is not None and value is not None and value not in self.ids[kind]:
            plural = "people" if kind == "person" else f"{kind}s"
            self.add(path, f"no {kind} has the id {value!r} (see {plural})")

    def refers_at(self, path: str, key: str, kind: str, value: str | None) -> None:
        """:meth:`refers` at ``path.key``, the path written only where a problem may be."""
        if value is not None and (self.ids is None or value not in self.ids[kind]):
            self.refers(f"{path}.{key}", kind, value)

    def texts(self, path: str, **values: str | None) -> None:
        for key, value in values.items():
            self.at(path, key, text_problem(value))

    def unique(self, kind: str, ids: Iterable[str]) -> None:
        seen: dict[str, int] = {}
        for index, value in enumerate(ids):
            self.at(f"{kind}[{index}]", "id", id_problem(value))
            if value in seen:
                self.add(f"{kind}[{index}].id", f"the id {value!r} is already used by {kind}[{seen[value]}]")
            seen.setdefault(value, index)

    def plain_person(self, person: str) -> bool:
        """Whether ``person`` is a good id of a known person (of any, where the ids are not known)."""
        plain = self.plain_people.get(person)
        if plain is None:
            known = self.ids is None or person in self.ids["person"]
            plain = self.plain_people[person] = known and id_problem(person) is None
        return plain

    def history(self, h: History) -> None:
        for kind, records in (
            ("partnerships", h.partnerships),
            ("organisations", h.organisations),
            ("people", h.people),
            ("groups", h.groups),
            ("meetings", h.meetings),
        ):
            self.unique(kind, (record.id for record in records))
        for i, p in enumerate(h.partnerships):
            self.add(f"partnerships[{i}].started", date_problem(p.started))
            self.refers(f"partnerships[{i}].district_council", "organisation", p.district_council)
            self.texts(f"partnerships[{i}]", name=p.name, policy=p.policy, timezone=p.timezone)
        for i, o in enumerate(h.organisations):
            for key in ("joined", "agreed_on", "inducted_on"):
                self.add(f"organisations[{i}].{key}", date_problem(getattr(o, key)))
            self.refers(f"organisations[{i}].partnership", "partnership", o.partnership)
            self.refers(f"organisations[{i}].agreed_by_chair", "person", o.agreed_by_chair)
            self.texts(f"organisations[{i}]", name=o.name)
        for i, person in enumerate(h.people):
            self.refers(f"people[{i}].organisation", "organisation", person.organisation)
            self.person(person, f"people[{i}]", ids_checked=True)
        for i, g in enumerate(h.groups):
            self.refers(f"groups[{i}].partnership", "partnership", g.partnership)
            self.refers(f"groups[{i}].chair", "person", g.chair)
            self.texts(f"groups[{i}]", name=g.name)
        for i, m in enumerate(h.memberships):
            self.add(f"memberships[{i}].from", date_problem(m.start))
            self.add(f"memberships[{i}].to", date_problem(m.end))
            self.refers(f"memberships[{i}].person", "person", m.person)
            self.refers(f"memberships[{i}].group", "group", m.group)
            self.refers(f"memberships[{i}].organisation", "organisation", m.organisation)
        for i, meeting in enumerate(h.meetings):
            self.meeting(meeting, f"meetings[{i}]")
        for i, c in enumerate(h.contributions):
            self.refers(f"contributions[{i}].organisation", "organisation", c.organisation)
            if not 1900 <= c.year <= 2999:
                self.add(f"contributions[{i}].year", f"expected a year from 1900 to 2999, found {c.year}")
            self.add(f"contributions[{i}].amount", amount_problem(c.amount))
        for i, r in enumerate(h.reports):
            self.add(f"reports[{i}].date", date_problem(r.date))
            self.refers(f"reports[{i}].partnership", "partnership", r.partnership)
        for i, response in enumerate(h.responses):
            self.response(response, f"responses[{i}]")

    def response(self, response: Response, path: str) -> None:
        self.add(f"{path}.finding", id_problem(response.finding))
        self.refers(f"{path}.by", "person", response.by)
        self.add(f"{path}.by", id_problem(response.by))
        self.texts(path, note=response.note)

    def person(self, person: Person, path: str, ids_checked: bool = False) -> None:
        if not ids_checked:
            self.add(f"{path}.id", id_problem(person.id))
        self.texts(path, name=person.name)
        for j, office in enumerate(person.offices):
            self.add(f"{path}.offices[{j}]", text_problem(office))

    def meeting(self, meeting: Meeting, path: str) -> None:
        self.at(path, "id", id_problem(meeting.id))
        seen: set[str] = set()
        for j, group in enumerate(meeting.groups):
            if group in seen:
                self.add(f"{path}.groups", "a group is listed twice")
            seen.add(group)
            self.refers_at(path, f"groups[{j}]", "group", group)
        for key in ("start", "end"):
            moment = getattr(meeting, key)
            self.at(path, key, time_problem(moment) or date_problem(moment and moment.date()))
        self.at(path, "agenda_published", date_problem(meeting.agenda_published))
        if meeting.end is not None and time_problem(meeting.end) is None and meeting.end < meeting.start:
            self.add(f"{path}.end", f"the meeting ends ({meeting.end}) before it starts ({meeting.start})")
        self.refers_at(path, "chair", "person", meeting.chair)
        self.refers_at(path, "vice_chair", "person", meeting.vice_chair)
        self.texts(path, location=meeting.location, url=meeting.url)
        self.lines(meeting, path)
        self.items(meeting, path)

    def lines(self, meeting: Meeting, path: str) -> None:
        people: set[str] = set()
        plain_people = self.plain_people
        for entry in meeting.attendance:
            person = entry.person
            if person in people:
                self.add(f"{path}.attendance.{person}", f"{person} has two attendance entries")
            people.add(person)
            # The common case, a plain line of a stored history, is decided without building its path.
            plain = (
                entry.deputy is None
                and entry.exceptional is None
                and entry.exceptional_accepted_by is None
                and (plain_people.get(person) or self.plain_person(person))
            )
            if not plain:
                self.attendance(entry, f"{path}.attendance.{person}")

    def items(self, meeting: Meeting, path: str) -> None:
        items: set[str] = set()
        for j, item in enumerate(meeting.items):
            if item.id in items:
                self.add(f"{path}.items[{j}].id", f"the item id {item.id!r} is used twice in this meeting")
            items.add(item.id)
            # An item's problems are its own, wherever it is: one shared by many meetings (a standing
            # item) and found plain once is plain everywhere.
            if id(item) in self.plain_items:
                continue
            found = len(self.problems)
            self.item(item, f"{path}.items[{j}]")
            if len(self.problems) == found:
                self.plain_items.add(id(item))

    def attendance(self, entry: Attendance, path: str) -> None:
        self.refers(path, "person", entry.person)
        self.refers(f"{path}.deputy", "person", entry.deputy)
        self.refers(f"{path}.exceptional.accepted_by", "person", entry.exceptional_accepted_by)
        self.add(f"{path}.exceptional.accepted_by", id_problem(entry.exceptional_accepted_by))
        self.add(path, id_problem(entry.person))
        if entry.deputy is not None and entry.status is not AttendanceStatus.DEPUTY:
            self.add(
                f"{path}.deputy",
                f"a deputy is named but the status is {entry.status.value!r}; use status: deputy",
            )
        self.texts(path, exceptional=entry.exceptional)

    def item(self, item: Item, path: str) -> None:
        self.add(f"{path}.id", id_problem(item.id))
        self.texts(path, title=item.title)
        for k, declaration in enumerate(item.declarations):
            self.refers(f"{path}.declarations[{k}].person", "person", declaration.person)
            self.texts(f"{path}.declarations[{k}]", nature=declaration.nature)
        if item.decision is not None:
            votes: dict[str, str] = {}
            counts: dict[str, int] = {}
            for person, side in item.decision.voters():
                here = f"{path}.decision.{side}[{counts.get(side, 0)}]"
                counts[side] = counts.get(side, 0) + 1
                self.refers(here, "person", person)
                if person in votes:
                    self.add(here, f"{person} already voted {votes[person]!r} on this item")
                votes.setdefault(person, side)


def history_problems(history: History) -> list[Problem]:
    """Everything in ``history`` the database would refuse, in dataset order; empty when it can be stored."""
    checker = _Checker(
        {
            "partnership": {p.id for p in history.partnerships},
            "organisation": {o.id for o in history.organisations},
            "person": {p.id for p in history.people},
            "group": {g.id for g in history.groups},
        }
    )
    checker.history(history)
    return checker.problems


def meeting_problems(meeting: Meeting, path: str) -> list[Problem]:
    """What the database cannot hold of one meeting (its references are the database's to check)."""
    checker = _Checker(None)
    checker.meeting(meeting, path)
    return checker.problems


def attendance_problems(entry: Attendance, path: str) -> list[Problem]:
    """What the database cannot hold of one attendance entry."""
    checker = _Checker(None)
    checker.attendance(entry, path)
    return checker.problems


def item_problems(item: Item, path: str) -> list[Problem]:
    """What the database cannot hold of one agenda item, its declarations and its decision."""
    checker = _Checker(None)
    checker.item(item, path)
    return checker.problems


def response_problems(response: Response, path: str) -> list[Problem]:
    """What the database cannot hold of one response (its person is the database's to check)."""
    checker = _Checker(None)
    checker.response(response, path)
    return checker.problems


def person_problems(person: Person, path: str) -> list[Problem]:
    """What the database cannot hold of one person."""
    checker = _Checker(None)
    checker.person(person, path)
    return checker.problems


def membership_problems(membership: Membership, path: str) -> list[Problem]:
    """What the database cannot hold of one membership: its ids and its dates."""
    checker = _Checker(None)
    for key, value in (
        ("person", membership.person),
        ("group", membership.group),
        ("organisation", membership.organisation),
    ):
        checker.refers(f"{path}.{key}", key, value)
    checker.add(f"{path}.from", date_problem(membership.start))
    checker.add(f"{path}.to", date_problem(membership.end))
    return checker.problems
