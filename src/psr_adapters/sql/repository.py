"""A history in a database: read whole for evaluation, imported whole in one transaction.

>>> import_history(read_dataset("examples/chorley/chorley.yaml"), "sqlite:///psr.db")   # doctest: +SKIP
>>> evaluate(load_history("sqlite:///psr.db"), None, date(2016, 7, 31))                 # doctest: +SKIP

An import is all or nothing: it runs in one transaction, and a history the database would refuse is
refused before anything is written, with every problem named at its dataset path. A database holds one
history; importing into one that already holds records is refused (:class:`ConflictError`) unless
``replace=True``, which removes the old history and writes the new one in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
from sqlalchemy import Engine, Table, bindparam, delete, func, select, update
from sqlalchemy.engine import Connection

from psr_core import History

from ..collector import collector_paused
from . import revisions
from .bulk import read_tuples, write_rows
from .engine import Database, connected, name_of, opened, reading, require_existing_file, translated
from .errors import ConflictError, StorageError, UnstorableHistoryError
from .integrity import history_problems
from .mapping import (
    ATTENDANCE_COLUMNS,
    ITEM_COLUMNS,
    MEETING_GROUP_COLUMNS,
    VOTE_COLUMNS,
    StoredRows,
    Values,
    from_domain,
    to_domain,
)
from .migrations import current_revision, has_psr_tables, require_current, upgrade
from .tables import (
    ContributionRow,
    DeclarationRow,
    GroupRow,
    MeetingRow,
    MembershipRow,
    OrganisationRow,
    PartnershipRow,
    PersonOfficeRow,
    PersonRow,
    ReportRow,
    ResponseRow,
)

Progress = Callable[[str], None]

# Insertion order: every row's references exist before it (but for the two circular ones, linked after).
IMPORT_ORDER: tuple[tuple[str, str], ...] = (
    ("psr_partnership", "partnerships"),
    ("psr_organisation", "organisations"),
    ("psr_person", "people"),
    ("psr_person_office", "offices"),
    ("psr_group", "groups"),
    ("psr_membership", "memberships"),
    ("psr_meeting", "meetings"),
    ("psr_meeting_group", "meeting groups"),
    ("psr_attendance", "attendance records"),
    ("psr_item", "items"),
    ("psr_declaration", "declarations"),
    ("psr_vote", "votes"),
    ("psr_contribution", "contributions"),
    ("psr_report", "reports"),
    ("psr_response", "responses"),
)
SINGULAR = {
    "partnerships": "partnership",
    "organisations": "organisation",
    "people": "person",
    "offices": "office",
    "groups": "group",
    "memberships": "membership",
    "meetings": "meeting",
    "meeting groups": "meeting group",
    "attendance records": "attendance record",
    "items": "item",
    "declarations": "declaration",
    "votes": "vote",
    "contributions": "contribution",
    "reports": "report",
    "responses": "response",
}
SHOWN = ("partnerships", "people", "meetings", "attendance records")
"""What a message names of a history already stored."""
CIRCULAR = {"psr_partnership": "district_council_id", "psr_organisation": "agreed_by_chair_id"}


def _table(name: str) -> Table:
    return PartnershipRow.metadata.tables[name]


@attrs.frozen
class ImportSummary:
    """How many records of each kind an import wrote, by the names in :data:`IMPORT_ORDER`."""

    database: str
    counts: dict[str, int]
    replaced: bool = False

    def __str__(self) -> str:
        shown = counted(self.counts)
        verb = "replaced the history with" if self.replaced else "imported"
        return f"{self.database}: {verb} {shown or 'an empty history'}"


def counted(counts: dict[str, int]) -> str:
    """``1 partnership, 4 people, 3 meetings``: the kinds with any records."""
    return ", ".join(f"{n} {kind if n != 1 else SINGULAR[kind]}" for kind, n in counts.items() if n)


class Repository:
    """The history stored in one database (an engine the caller owns)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = name_of(engine)

    # -- reading ----------------------------------------------------------------------------------------

    def load(self) -> History:
        """The whole history, read in one consistent snapshot."""
        require_existing_file(self.engine)
        with collector_paused():
            try:
                with connected(self.engine) as connection:
                    snapshot = _snapshot(connection)
                    with translated(self.name, "reading the history"), snapshot.begin():
                        require_current(snapshot, self.name)
                        rows = _read(snapshot, self.name)
                history = to_domain(rows)
                # The rows go while the collector is paused, so that its first collection after it does
                # not walk a million of them only to find them gone.
                del rows
                return history
            except ValueError as error:  # rows written by hand that the core's values refuse
                raise StorageError(
                    f"{self.name}: the database holds a record psr cannot read: {error}"
                ) from error

    def counts(self, connection: Connection) -> dict[str, int]:
        """How many rows each psr table holds, by the names in :data:`IMPORT_ORDER`."""
        return {
            kind: connection.execute(select(func.count()).select_from(_table(name))).scalar_one()
            for name, kind in IMPORT_ORDER
        }

    # -- importing --------------------------------------------------------------------------------------

    def import_history(
        self, history: History, *, replace: bool = False, on_progress: Progress | None = None
    ) -> ImportSummary:
        """Write ``history`` in one transaction: all of it, or (on any failure) none of it.

        A database with no psr tables is brought to the current schema first, as ``psr db upgrade``
        would. A database that already holds records is refused unless ``replace`` is true.
        """
        with collector_paused():  # a million rows made and let go, and no cycle among them
            return self._import(history, replace, on_progress or (lambda _message: None))

    def _import(self, history: History, replace: bool, report: Progress) -> ImportSummary:
        problems = history_problems(history)
        if problems:
            raise UnstorableHistoryError(f"{self.name}: the history cannot be stored", problems)
        self._create_if_empty()
        with (
            connected(self.engine) as connection,
            translated(self.name, "importing the history"),
            connection.begin(),
        ):
            require_current(connection, self.name)
            revisions.advance(connection)
            existing = self.counts(connection)
            if any(existing.values()) and not replace:
                raise ConflictError(_already_holds(self.name, existing))
            stored = revisions.stored_revisions(connection) if existing.get("meetings") else {}
            if any(existing.values()):
                report("removing the history already stored")
                clear(connection)
            counts = _write(connection, history, self.name, report, stored)
        return ImportSummary(self.name, counts, replaced=any(existing.values()))

    def _create_if_empty(self) -> None:
        with connected(self.engine) as connection, translated(self.name, "reading the schema version"):
            fresh = current_revision(connection) is None and not has_psr_tables(connection)
            connection.rollback()
        if fresh:
            upgrade(self.engine)


def _already_holds(name: str, counts: dict[str, int]) -> str:
    held = counted({kind: counts[kind] for kind in SHOWN if counts.get(kind)})
    return (
        f"{name}: the database already holds a history ({held}); psr keeps one history per database, "
        "so importing again would duplicate it. Import into an empty database, or replace the stored "
        "history with this one in a single transaction: psr db import DATASET --db URL --replace"
    )


def _snapshot(connection: Connection) -> Connection:
    """The connection, reading every table as of one moment (a SQLite read transaction already does that,
    without taking the write lock)."""
    if connection.dialect.name == "sqlite":
        return reading(connection)
    return connection.execution_options(isolation_level="REPEATABLE READ")


def _read(connection: Connection, name: str) -> StoredRows:
    def rows(table: Any, *order: Any) -> list[Any]:
        columns = [column for column in table.__table__.columns if column.key != "version"]
        return list(connection.execute(select(*columns).order_by(*order)).all())

    return StoredRows(
        partnerships=rows(PartnershipRow, PartnershipRow.position, PartnershipRow.id),
        organisations=rows(OrganisationRow, OrganisationRow.position, OrganisationRow.id),
        people=rows(PersonRow, PersonRow.position, PersonRow.id),
        offices=rows(PersonOfficeRow, PersonOfficeRow.person_id, PersonOfficeRow.position),
        groups=rows(GroupRow, GroupRow.position, GroupRow.id),
        memberships=rows(MembershipRow, MembershipRow.position, MembershipRow.id),
        meetings=rows(MeetingRow, MeetingRow.position, MeetingRow.id),
        meeting_groups=read_tuples(connection, _table("psr_meeting_group"), MEETING_GROUP_COLUMNS, name),
        attendance=read_tuples(
            connection, _table("psr_attendance"), ATTENDANCE_COLUMNS, name, processed=False
        ),
        items=read_tuples(connection, _table("psr_item"), ITEM_COLUMNS, name),
        declarations=rows(DeclarationRow, DeclarationRow.position, DeclarationRow.id),
        votes=read_tuples(connection, _table("psr_vote"), VOTE_COLUMNS, name),
        contributions=rows(ContributionRow, ContributionRow.position, ContributionRow.id),
        reports=rows(ReportRow, ReportRow.position, ReportRow.id),
        responses=rows(ResponseRow, ResponseRow.position, ResponseRow.id),
    )


def _write(
    connection: Connection, history: History, name: str, report: Progress, stored: dict[str, Any]
) -> dict[str, int]:
    """Write every record; a meeting that was ``stored`` before keeps its revision unless its time, place
    or status changed (:func:`.revisions.revised`)."""
    counts: dict[str, int] = {}
    links: dict[str, list[Values]] = {table: [] for table in CIRCULAR}
    tables = from_domain(history)
    if stored:
        moment = revisions.now()
        tables["psr_meeting"] = (
            {**row, **revisions.revised(stored.get(row["id"]), row, moment)} for row in tables["psr_meeting"]
        )
    for table_name, kind in IMPORT_ORDER:
        table = _table(table_name)
        rows = tables[table_name]
        if table_name in CIRCULAR:
            rows = _unlinked(rows, CIRCULAR[table_name], links[table_name])
        counts[kind] = write_rows(
            connection,
            table,
            rows,
            name,
            f"importing {kind}",
            _reporting(report, kind),
        )
        if table_name == "psr_person":
            _link(connection, links, name)
    return counts


def _reporting(report: Progress, kind: str) -> Callable[[int], None]:
    return lambda written: report(f"importing {kind}: {written}")


def _unlinked(rows: Iterable[Values], column: str, links: list[Values]) -> Iterator[Values]:
    """The rows with ``column`` left empty, noting the links to make once the referred rows exist."""
    for row in rows:
        if row[column] is not None:
            links.append({"key": row["id"], "value": row[column]})
        yield {**row, column: None}


def _link(connection: Connection, links: dict[str, list[Values]], name: str) -> None:
    for table_name, column in CIRCULAR.items():
        if not links[table_name]:
            continue
        table = _table(table_name)
        statement = update(table).where(table.c.id == bindparam("key")).values({column: bindparam("value")})
        with translated(name, f"linking {table_name}.{column}"):
            connection.execute(statement, links[table_name])


def clear(connection: Connection) -> None:
    """Delete every psr record, children first, the circular links undone before their rows go."""
    for table_name, column in CIRCULAR.items():
        connection.execute(update(_table(table_name)).values({column: None}))
    for table_name, _kind in reversed(IMPORT_ORDER):
        connection.execute(delete(_table(table_name)))


def load_history(database: Database = None) -> History:
    """The history stored in ``database`` (a URL, what a user typed for ``--db``, or an engine)."""
    with opened(database) as engine:
        return Repository(engine).load()


def import_history(
    history: History,
    database: Database = None,
    *,
    replace: bool = False,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Write ``history`` into ``database`` in one transaction; see :meth:`Repository.import_history`."""
    with opened(database) as engine:
        return Repository(engine).import_history(history, replace=replace, on_progress=on_progress)
