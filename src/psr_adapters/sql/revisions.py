"""The database's revision: a counter every write of the history moves on, and what each write changed.

Several servers (``psr serve --workers N``, or machines behind a load balancer) hold the same history in
memory. Each write through psr (:class:`~psr_adapters.sql.Recorder`, an import) takes the one row of
``psr_revision`` first, adds one to it, and notes in ``psr_change`` which meeting it changed (none: the
history may have changed anywhere, read it all again). A server then asks one cheap question per request,
"which revision is the database at?", and when another writer moved it on reads only the meetings that
changed since the revision it holds.

Taking the row first also puts writers in one queue, so rows appended by concurrent writers (the
``position`` of a meeting, an attendance line, a declaration) follow the order the writes arrived in, on
every database, and no two get the same position.

Each meeting also keeps its own revision for calendars (``psr_meeting.sequence`` and ``revised``): every
write through psr that changes its time, place or status (:data:`SHOWN`) adds one to its sequence and
notes when, in UTC. Other changes (its groups, its chair, its minutes) and writing the same values again
leave them as they are, so a re-import of unchanged data moves no served SEQUENCE, DTSTAMP or LAST-MODIFIED.

Writes made behind psr's back (SQL typed by hand) move no revision and are not seen until a server reads
the whole history again (it is restarted, or an import or another write through psr says "anything
changed").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import attrs
from sqlalchemy import BigInteger, Integer, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column

from .tables import MARIADB_OPTIONS, Base, Id, MeetingRow

KEPT = 5_000
"""How many changes are kept: a server further behind than that reads the whole history again."""


class RevisionRow(Base):
    """One row: the revision the stored history is at."""

    __tablename__ = "psr_revision"
    __table_args__ = (MARIADB_OPTIONS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger)


class ChangeRow(Base):
    """What one revision changed: one meeting, or (``meeting_id`` null) anything."""

    __tablename__ = "psr_change"
    __table_args__ = (MARIADB_OPTIONS,)

    revision: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    meeting_id: Mapped[str | None] = mapped_column(Id)


@attrs.frozen
class Changes:
    """What changed after a revision: the meetings, in the order written, or ``None`` (read it all)."""

    revision: int
    meetings: tuple[str, ...] | None


def advance(connection: Connection, meeting_id: str | None = None) -> int:
    """Move the revision on by one inside the caller's write transaction; the new revision.

    Call it first in the transaction: the row lock it takes queues the writers.
    """
    moved = connection.execute(
        update(RevisionRow).where(RevisionRow.id == 1).values(revision=RevisionRow.revision + 1)
    )
    if moved.rowcount == 0:
        connection.execute(insert(RevisionRow).values(id=1, revision=1))
    revision = int(connection.execute(select(RevisionRow.revision).where(RevisionRow.id == 1)).scalar_one())
    connection.execute(insert(ChangeRow).values(revision=revision, meeting_id=meeting_id))
    if revision % 100 == 0:
        connection.execute(delete(ChangeRow).where(ChangeRow.revision <= revision - KEPT))
    return revision


def current(connection: Connection) -> int:
    """The revision the database is at (0 before any write through psr)."""
    found = connection.execute(select(RevisionRow.revision).where(RevisionRow.id == 1)).scalar()
    return 0 if found is None else int(found)


def since(connection: Connection, revision: int) -> Changes:
    """What changed after ``revision``, as of the database's current revision."""
    now = current(connection)
    if now == revision:
        return Changes(now, ())
    rows = connection.execute(
        select(ChangeRow.revision, ChangeRow.meeting_id)
        .where(ChangeRow.revision > revision, ChangeRow.revision <= now)
        .order_by(ChangeRow.revision)
    ).all()
    complete = now > revision and [r.revision for r in rows] == list(range(revision + 1, now + 1))
    if not complete or any(r.meeting_id is None for r in rows):
        return Changes(now, None)
    return Changes(now, tuple(dict.fromkeys(str(r.meeting_id) for r in rows)))


SHOWN = ("start_time", "end_time", "location", "status")
"""The columns of ``psr_meeting`` whose change a calendar program must be told of: time, place, status."""


@attrs.frozen
class MeetingRevision:
    """How many times a meeting's time, place or status changed, and when (UTC) the last change was made
    (``None``: not since it was first recorded)."""

    sequence: int
    revised: datetime | None


def now() -> datetime:
    """The time of a change as the database keeps it: UTC, whole seconds, without a zone."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def stored_revisions(connection: Connection, ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The stored meetings' :data:`SHOWN` columns and revision (all of them, or those of ``ids``), by id."""
    query = select(
        MeetingRow.id, *(getattr(MeetingRow, c) for c in SHOWN), MeetingRow.sequence, MeetingRow.revised
    )
    if ids is not None:
        query = query.where(MeetingRow.id.in_(list(ids)))
    return {str(row.id): row for row in connection.execute(query)}


def meeting_revisions(connection: Connection, ids: Iterable[str] | None = None) -> dict[str, MeetingRevision]:
    """Each stored meeting's revision (all of them, or those of ``ids``), by id."""
    query = select(MeetingRow.id, MeetingRow.sequence, MeetingRow.revised)
    if ids is not None:
        query = query.where(MeetingRow.id.in_(list(ids)))
    return {str(r.id): MeetingRevision(int(r.sequence), r.revised) for r in connection.execute(query)}


def revised(before: Any | None, values: Mapping[str, Any], moment: datetime) -> dict[str, Any]:
    """The ``sequence`` and ``revised`` columns of a meeting written as ``values``, stored before as
    ``before`` (a row of :func:`stored_revisions`, or ``None`` for a new meeting)."""
    if before is None:
        return {"sequence": 0, "revised": None}
    if all(getattr(before, column) == values[column] for column in SHOWN):
        return {"sequence": int(before.sequence), "revised": before.revised}
    return {"sequence": int(before.sequence) + 1, "revised": moment}
