"""Recording a partnership's business as it happens: the API for host applications.

>>> with Recorder("postgresql://psr@db.example/psr") as recorder:                # doctest: +SKIP
...     recorder.add_meeting(Meeting(id="exec-2015-07-14", groups=["exec"], ...))
...     recorder.record_attendance("exec-2015-07-14", Attendance("gary-hall", "apologies"))
...     seen = recorder.attendance("exec-2015-07-14", "gary-hall")                # version 1
...     recorder.record_attendance("exec-2015-07-14", Attendance("gary-hall", "present"), version=seen.version)

Every call is one transaction. Writers never overwrite each other silently (optimistic concurrency):

- A record is *added* without a version. Adding one that exists already (a meeting id, a person's
  attendance at a meeting, an item, a decision on an undecided item) is a :class:`ConflictError`.
- A record is *changed* by quoting the ``version`` it had when it was read; if another writer changed it
  since, the version no longer matches and the change is refused with a :class:`ConflictError`. Read it
  again, decide, and write again.
- Different records never conflict: two writers recording different members' attendance at the same
  meeting, or declarations on the same item, both land.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Generic, TypeVar

import attrs
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from psr_core import Attendance, Decision, Declaration, Item, Meeting, Membership, Person

from ..errors import Problem
from . import mapping, revisions
from .engine import (
    Database,
    connected,
    create_database_engine,
    is_duplicate,
    name_of,
    reading,
    translated,
)
from .errors import ConflictError, RecordNotFoundError, UnstorableHistoryError
from .integrity import (
    attendance_problems,
    id_problem,
    item_problems,
    meeting_problems,
    membership_problems,
    person_problems,
)
from .migrations import require_current
from .tables import (
    AttendanceRow,
    DeclarationRow,
    GroupRow,
    ItemRow,
    MeetingGroupRow,
    MeetingRow,
    MembershipRow,
    OrganisationRow,
    PersonOfficeRow,
    PersonRow,
    VoteRow,
)
from .urls import database_url

T = TypeVar("T")


@attrs.frozen
class Recorded(Generic[T]):
    """A record as stored, with the ``version`` to quote when changing it.

    ``key`` identifies a record that has no id of its own in a history: a membership's row in the database.
    """

    value: T
    version: int
    key: int | None = None


class Recorder:
    """Records meetings, attendance, declarations, decisions and membership changes, one transaction each.

    Give it an engine (the caller keeps it) or a URL (the recorder opens an engine and :meth:`close`
    disposes of it; use it as a context manager). The database must be at the current schema.
    """

    def __init__(self, database: Database = None) -> None:
        self._owned = not isinstance(database, Engine)
        self.engine = (
            database if isinstance(database, Engine) else create_database_engine(database_url(database))
        )
        self.name = name_of(self.engine)
        self._schema_checked = False

    def close(self) -> None:
        if self._owned:
            self.engine.dispose()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(
        self, doing: str, *, read_only: bool = False, meeting: str | None = None
    ) -> Iterator[Connection]:
        """One transaction; unless ``read_only``, one that moves the revision on first (the writers'
        queue, :mod:`psr_adapters.sql.revisions`), noting ``meeting`` as what it changes (``None``:
        anything)."""
        if meeting is not None and id_problem(meeting) is not None:
            raise RecordNotFoundError(f"{self.name}: no meeting has the id {meeting!r}")
        with connected(self.engine) as connection, translated(self.name, doing):
            if read_only:
                reading(connection)
            with connection.begin():
                if not self._schema_checked:
                    require_current(connection, self.name)
                    self._schema_checked = True
                if not read_only:
                    revisions.advance(connection, meeting)
                yield connection

    # -- meetings ---------------------------------------------------------------------------------------

    def add_meeting(self, meeting: Meeting) -> Recorded[Meeting]:
        """Record a new meeting with its groups and whatever attendance and items it already has."""
        _refuse(f"meeting {meeting.id}", meeting_problems(meeting, "meeting"))
        with self._transaction(f"recording meeting {meeting.id}", meeting=meeting.id) as c:
            found = c.execute(select(MeetingRow.version).where(MeetingRow.id == meeting.id)).scalar()
            if found is not None:
                raise ConflictError(
                    f"{self.name}: meeting {meeting.id} is already recorded (version {found})"
                )
            self._require(c, "group", GroupRow, meeting.groups)
            self._require(c, "person", PersonRow, _people_of(meeting))
            with self._first(f"meeting {meeting.id}"):
                c.execute(insert(MeetingRow), mapping.meeting_values(meeting, _next(c, MeetingRow.position)))
            c.execute(insert(MeetingGroupRow), list(mapping.meeting_group_values(meeting)))
            if meeting.attendance:
                c.execute(
                    insert(AttendanceRow),
                    [mapping.attendance_values(meeting.id, a, j) for j, a in enumerate(meeting.attendance)],
                )
            for j, item in enumerate(meeting.items):
                _insert_item(c, meeting.id, item, j)
            return Recorded(meeting, 1)

    def meeting(self, meeting_id: str) -> Recorded[Meeting]:
        """The meeting as stored, with its attendance and items."""
        with self._transaction(f"reading meeting {meeting_id}", read_only=True) as c:
            return self._meeting(c, meeting_id)

    def update_meeting(self, meeting: Meeting, *, version: int) -> Recorded[Meeting]:
        """Change a meeting's details (groups, times, status, chair, vice chair, agenda date, location).

        Its attendance and items are recorded by their own calls and are left as they are here.
        """
        _refuse(
            f"meeting {meeting.id}",
            meeting_problems(attrs.evolve(meeting, attendance=(), items=()), "meeting"),
        )
        with self._transaction(f"changing meeting {meeting.id}", meeting=meeting.id) as c:
            self._require(c, "group", GroupRow, meeting.groups)
            self._require(c, "person", PersonRow, [p for p in (meeting.chair, meeting.vice_chair) if p])
            values = mapping.meeting_values(meeting, 0, version + 1)
            del values["id"], values["position"]
            before = revisions.stored_revisions(c, [meeting.id]).get(meeting.id)
            if before is not None:
                values.update(revisions.revised(before, values, revisions.now()))
            changed = c.execute(
                update(MeetingRow)
                .where(MeetingRow.id == meeting.id, MeetingRow.version == version)
                .values(values)
            ).rowcount
            if changed != 1:
                self._stale(c, MeetingRow, f"meeting {meeting.id}", version, MeetingRow.id == meeting.id)
            c.execute(delete(MeetingGroupRow).where(MeetingGroupRow.meeting_id == meeting.id))
            c.execute(insert(MeetingGroupRow), list(mapping.meeting_group_values(meeting)))
            return self._meeting(c, meeting.id)

    # -- attendance -------------------------------------------------------------------------------------

    def record_attendance(
        self, meeting_id: str, entry: Attendance, *, version: int | None = None
    ) -> Recorded[Attendance]:
        """Record a person's attendance at a meeting (clause 1.7.7), or change it from ``version``."""
        what = f"the attendance of {entry.person} at meeting {meeting_id}"
        _refuse(what, attendance_problems(entry, f"attendance.{entry.person}"))
        with self._transaction(f"recording {what}", meeting=meeting_id) as c:
            self._require(c, "meeting", MeetingRow, [meeting_id])
            self._require(c, "person", PersonRow, [p for p in (entry.person, entry.deputy) if p])
            where = (AttendanceRow.meeting_id == meeting_id, AttendanceRow.person_id == entry.person)
            if version is None:
                found = c.execute(select(AttendanceRow.version).where(*where)).scalar()
                if found is not None:
                    raise _already(self.name, what, found)
                position = _next(c, AttendanceRow.position, AttendanceRow.meeting_id == meeting_id)
                with self._first(what):
                    c.execute(insert(AttendanceRow), mapping.attendance_values(meeting_id, entry, position))
                return Recorded(entry, 1)
            values = mapping.attendance_values(meeting_id, entry, 0, version + 1)
            for key in ("meeting_id", "person_id", "position"):
                del values[key]
            changed = c.execute(
                update(AttendanceRow).where(*where, AttendanceRow.version == version).values(values)
            ).rowcount
            if changed != 1:
                self._stale(c, AttendanceRow, what, version, *where)
            return Recorded(entry, version + 1)

    def attendance(self, meeting_id: str, person_id: str) -> Recorded[Attendance]:
        """A person's attendance entry at a meeting, as stored."""
        with self._transaction(
            f"reading the attendance of {person_id} at meeting {meeting_id}", read_only=True
        ) as c:
            storable = id_problem(meeting_id) is None and id_problem(person_id) is None
            row = (
                c.execute(
                    select(AttendanceRow).where(
                        AttendanceRow.meeting_id == meeting_id, AttendanceRow.person_id == person_id
                    )
                ).first()
                if storable
                else None
            )
            if row is None:
                raise RecordNotFoundError(
                    f"{self.name}: no attendance of {person_id} is recorded at meeting {meeting_id}"
                )
            return Recorded(mapping.attendance_from(row), row.version)

    # -- items, declarations and decisions --------------------------------------------------------------

    def add_item(self, meeting_id: str, item: Item) -> Recorded[Item]:
        """Record a new agenda item of a meeting, with any declarations and decision it already has."""
        what = f"item {item.id} of meeting {meeting_id}"
        _refuse(what, item_problems(item, "item"))
        with self._transaction(f"recording {what}", meeting=meeting_id) as c:
            self._require(c, "meeting", MeetingRow, [meeting_id])
            self._require(c, "person", PersonRow, _people_of_item(item))
            found = c.execute(
                select(ItemRow.version).where(ItemRow.meeting_id == meeting_id, ItemRow.id == item.id)
            ).scalar()
            if found is not None:
                raise _already(self.name, what, found)
            with self._first(what):
                _insert_item(
                    c, meeting_id, item, _next(c, ItemRow.position, ItemRow.meeting_id == meeting_id)
                )
            return Recorded(item, 1)

    def item(self, meeting_id: str, item_id: str) -> Recorded[Item]:
        """An agenda item as stored, with its declarations and decision."""
        with self._transaction(f"reading item {item_id} of meeting {meeting_id}", read_only=True) as c:
            return self._item(c, meeting_id, item_id)

    def record_declaration(self, meeting_id: str, item_id: str, declaration: Declaration) -> None:
        """Add a declaration of interest in an item (clause 1.7.6); declarations are only ever added."""
        what = f"the declaration of {declaration.person} on item {item_id} of meeting {meeting_id}"
        _refuse(what, item_problems(Item(item_id, declarations=[declaration]), "item"))
        with self._transaction(f"recording {what}", meeting=meeting_id) as c:
            self._require_item(c, meeting_id, item_id)
            self._require(c, "person", PersonRow, [declaration.person])
            in_item = (DeclarationRow.meeting_id == meeting_id, DeclarationRow.item_id == item_id)
            position = _next(c, DeclarationRow.position, *in_item)
            c.execute(
                insert(DeclarationRow), mapping.declaration_values(meeting_id, item_id, declaration, position)
            )

    def record_decision(
        self, meeting_id: str, item_id: str, decision: Decision, *, version: int | None = None
    ) -> Recorded[Item]:
        """Record how an item was decided (clause 1.7.5), with its votes.

        Without ``version`` the item must not be decided yet; with it, the decision (and every vote)
        replaces the one recorded when the item was at that version.
        """
        what = f"the decision on item {item_id} of meeting {meeting_id}"
        _refuse(what, item_problems(Item(item_id, decision=decision), "item"))
        with self._transaction(f"recording {what}", meeting=meeting_id) as c:
            self._require_item(c, meeting_id, item_id)
            self._require(c, "person", PersonRow, [person for person, _side in decision.voters()])
            where = (ItemRow.meeting_id == meeting_id, ItemRow.id == item_id)
            guard = ItemRow.decision.is_(None) if version is None else ItemRow.version == version
            changed = c.execute(
                update(ItemRow)
                .where(*where, guard)
                .values(decision=decision.method.value, version=ItemRow.version + 1)
            ).rowcount
            if changed != 1:
                if version is None:
                    found = c.execute(select(ItemRow.version).where(*where)).scalar()
                    raise _already(self.name, what, found)
                self._stale(c, ItemRow, what, version, *where)
            c.execute(delete(VoteRow).where(VoteRow.meeting_id == meeting_id, VoteRow.item_id == item_id))
            votes = list(mapping.vote_values(meeting_id, item_id, decision))
            if votes:
                c.execute(insert(VoteRow), votes)
            return self._item(c, meeting_id, item_id)

    # -- people and memberships -------------------------------------------------------------------------

    def add_person(self, person: Person) -> None:
        """Record a new person (a new member is recorded before the membership)."""
        _refuse(f"person {person.id}", person_problems(person, "person"))
        with self._transaction(f"recording person {person.id}") as c:
            if c.execute(select(PersonRow.id).where(PersonRow.id == person.id)).first() is not None:
                raise ConflictError(f"{self.name}: person {person.id} is already recorded")
            self._require(
                c, "organisation", OrganisationRow, [person.organisation] if person.organisation else []
            )
            with self._first(f"person {person.id}"):
                c.execute(insert(PersonRow), mapping.person_values(person, _next(c, PersonRow.position)))
            offices = list(mapping.office_values(person))
            if offices:
                c.execute(insert(PersonOfficeRow), offices)

    def start_membership(self, membership: Membership) -> Recorded[Membership]:
        """Record a new seat on a group; the result's ``key`` names it in later changes."""
        what = f"the membership of {membership.person} in {membership.group}"
        _refuse(what, membership_problems(membership, "membership"))
        with self._transaction(f"recording {what}") as c:
            self._require(c, "person", PersonRow, [membership.person])
            self._require(c, "group", GroupRow, [membership.group])
            if membership.organisation is not None:
                self._require(c, "organisation", OrganisationRow, [membership.organisation])
            values = mapping.membership_values(membership, _next(c, MembershipRow.position))
            inserted = c.execute(insert(MembershipRow), values).inserted_primary_key
            assert inserted is not None, "an insert of one row reports its key"
            return Recorded(membership, 1, int(inserted[0]))

    def change_membership(self, key: int, membership: Membership, *, version: int) -> Recorded[Membership]:
        """Replace the membership ``key`` (as read at ``version``) with ``membership``: a new role, an end."""
        what = f"membership {key} ({membership.person} in {membership.group})"
        _refuse(what, membership_problems(membership, "membership"))
        with self._transaction(f"changing {what}") as c:
            self._require(c, "person", PersonRow, [membership.person])
            self._require(c, "group", GroupRow, [membership.group])
            if membership.organisation is not None:
                self._require(c, "organisation", OrganisationRow, [membership.organisation])
            values = mapping.membership_values(membership, 0, version + 1)
            del values["position"]
            changed = c.execute(
                update(MembershipRow)
                .where(MembershipRow.id == key, MembershipRow.version == version)
                .values(values)
            ).rowcount
            if changed != 1:
                self._stale(c, MembershipRow, what, version, MembershipRow.id == key)
            return Recorded(membership, version + 1, key)

    def end_membership(self, key: int, end: date, *, version: int) -> Recorded[Membership]:
        """End the membership ``key`` after ``end`` (clause 1.7.3's deemed resignation, or a departure)."""
        current = self.membership(key)
        return self.change_membership(key, attrs.evolve(current.value, end=end), version=version)

    def membership(self, key: int) -> Recorded[Membership]:
        with self._transaction(f"reading membership {key}", read_only=True) as c:
            row = c.execute(select(MembershipRow).where(MembershipRow.id == key)).first()
            if row is None:
                raise RecordNotFoundError(f"{self.name}: no membership has the key {key}")
            return Recorded(mapping.membership_from(row), row.version, row.id)

    def memberships(
        self, person_id: str | None = None, group_id: str | None = None
    ) -> list[Recorded[Membership]]:
        """The memberships stored, of a person or of a group if given, in stored order."""
        query = select(MembershipRow).order_by(MembershipRow.position, MembershipRow.id)
        if person_id is not None:
            query = query.where(MembershipRow.person_id == person_id)
        if group_id is not None:
            query = query.where(MembershipRow.group_id == group_id)
        with self._transaction("reading memberships", read_only=True) as c:
            return [Recorded(mapping.membership_from(row), row.version, row.id) for row in c.execute(query)]

    # -- helpers ----------------------------------------------------------------------------------------

    @contextmanager
    def _first(self, what: str) -> Iterator[None]:
        """Another writer may add the same record between our look and our write: that is a conflict."""
        try:
            yield
        except IntegrityError as error:
            if not is_duplicate(error):
                raise
            raise _already(self.name, what, None) from error

    def _require(self, c: Connection, kind: str, table: Any, ids: Iterable[str]) -> None:
        wanted = set(ids)
        if not wanted:
            return
        # An id no database can hold (a NUL, say, which PostgreSQL refuses even in a query) names nothing.
        storable = sorted(i for i in wanted if id_problem(i) is None)
        found = (
            set(c.execute(select(table.id).where(table.id.in_(storable))).scalars()) if storable else set()
        )
        missing = sorted(wanted - found)
        if missing:
            listed = ", ".join(repr(m) for m in missing)
            raise RecordNotFoundError(f"{self.name}: no {kind} has the id {listed}; record it first")

    def _require_item(self, c: Connection, meeting_id: str, item_id: str) -> None:
        self._require(c, "meeting", MeetingRow, [meeting_id])
        if id_problem(item_id) is not None:
            raise RecordNotFoundError(f"{self.name}: meeting {meeting_id} has no item {item_id!r}")
        query = select(ItemRow.id).where(ItemRow.meeting_id == meeting_id, ItemRow.id == item_id)
        if c.execute(query).first() is None:
            raise RecordNotFoundError(
                f"{self.name}: meeting {meeting_id} has no item {item_id!r}; add it first"
            )

    def _stale(self, c: Connection, table: Any, what: str, version: int, *where: Any) -> None:
        found = c.execute(select(table.version).where(*where)).scalar()
        if found is None:
            raise RecordNotFoundError(f"{self.name}: {what} is not recorded")
        raise ConflictError(
            f"{self.name}: {what} was changed by another writer since it was read (you read version "
            f"{version}, it is now at version {found}); nothing was overwritten: read it again and retry"
        )

    def _meeting(self, c: Connection, meeting_id: str) -> Recorded[Meeting]:
        self._require(c, "meeting", MeetingRow, [meeting_id])
        row = c.execute(select(MeetingRow).where(MeetingRow.id == meeting_id)).first()
        if row is None:
            raise RecordNotFoundError(f"{self.name}: no meeting has the id {meeting_id!r}")
        groups = c.execute(
            select(MeetingGroupRow.group_id)
            .where(MeetingGroupRow.meeting_id == meeting_id)
            .order_by(MeetingGroupRow.position)
        ).scalars()
        a = AttendanceRow
        entries = c.execute(
            select(*(a.__table__.c[name] for name in mapping.ATTENDANCE_COLUMNS)).where(
                a.meeting_id == meeting_id
            )
        ).all()
        attendance = mapping.attendance_by_meeting(tuple(entry) for entry in entries)
        item_ids = c.execute(
            select(ItemRow.id).where(ItemRow.meeting_id == meeting_id).order_by(ItemRow.position, ItemRow.id)
        ).scalars()
        items = [self._item(c, meeting_id, item_id).value for item_id in list(item_ids)]
        meeting = mapping.meeting_from(row, list(groups), attendance.get(meeting_id, []), items)
        return Recorded(meeting, row.version)

    def _item(self, c: Connection, meeting_id: str, item_id: str) -> Recorded[Item]:
        self._require_item(c, meeting_id, item_id)
        row = c.execute(
            select(ItemRow).where(ItemRow.meeting_id == meeting_id, ItemRow.id == item_id)
        ).first()
        if row is None:
            raise RecordNotFoundError(f"{self.name}: meeting {meeting_id} has no item {item_id!r}")
        declarations = c.execute(
            select(DeclarationRow)
            .where(DeclarationRow.meeting_id == meeting_id, DeclarationRow.item_id == item_id)
            .order_by(DeclarationRow.position, DeclarationRow.id)
        ).all()
        votes = c.execute(
            select(VoteRow.person_id, VoteRow.side)
            .where(VoteRow.meeting_id == meeting_id, VoteRow.item_id == item_id)
            .order_by(VoteRow.position, VoteRow.person_id)
        ).all()
        item = Item(
            id=row.id,
            title=row.title,
            declarations=[mapping.declaration_from(d) for d in declarations],
            decision=mapping.decision_from(row.decision, [(person, side) for person, side in votes]),
        )
        return Recorded(item, row.version)


def _next(c: Connection, position: Any, *where: Any) -> int:
    """The position after the last one stored (among the rows ``where`` selects).

    The writers are queued by the revision row (:func:`revisions.advance`); on MariaDB a plain read would
    still see the snapshot its transaction began with, so the last position is read with a lock, which
    reads what is committed.
    """
    query = select(func.max(position)).where(*where)
    if c.dialect.name in ("mysql", "mariadb"):
        query = query.with_for_update()
    last = c.execute(query).scalar()
    return 0 if last is None else int(last) + 1


def _insert_item(c: Connection, meeting_id: str, item: Item, position: int) -> None:
    c.execute(insert(ItemRow), mapping.item_values(meeting_id, item, position))
    if item.declarations:
        c.execute(
            insert(DeclarationRow),
            [mapping.declaration_values(meeting_id, item.id, d, k) for k, d in enumerate(item.declarations)],
        )
    votes = list(mapping.vote_values(meeting_id, item.id, item.decision))
    if votes:
        c.execute(insert(VoteRow), votes)


def _people_of_item(item: Item) -> set[str]:
    people = {d.person for d in item.declarations}
    if item.decision is not None:
        people.update(person for person, _side in item.decision.voters())
    return people


def _people_of(meeting: Meeting) -> set[str]:
    people = {p for p in (meeting.chair, meeting.vice_chair) if p is not None}
    for entry in meeting.attendance:
        people.add(entry.person)
        if entry.deputy is not None:
            people.add(entry.deputy)
    for item in meeting.items:
        people |= _people_of_item(item)
    return people


def _already(name: str, what: str, version: int | None) -> ConflictError:
    at = f" (version {version})" if version is not None else ""
    return ConflictError(
        f"{name}: {what} is already recorded{at}; to change it, read it and pass the version you read"
    )


def _refuse(what: str, problems: Iterable[Problem]) -> None:
    listed = list(problems)
    if listed:
        raise UnstorableHistoryError(what, listed)
