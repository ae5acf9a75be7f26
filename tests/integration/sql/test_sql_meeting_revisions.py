"""Each meeting's revision for calendars (``psr_meeting.sequence`` and ``revised``), on every database: moved
by a change of time, place or status through the recorder or a replacing import, by nothing else, and
carried over from the version when an older database is upgraded."""

from __future__ import annotations

from datetime import timedelta

import attrs
from alembic import command
from sqlalchemy import update

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import Recorder, import_history
from psr_adapters.sql.engine import connected
from psr_adapters.sql.migrations import alembic_config
from psr_adapters.sql.migrations import upgrade as upgrade_schema
from psr_adapters.sql.revisions import MeetingRevision, meeting_revisions
from psr_adapters.sql.tables import MeetingRow
from psr_core import History, MeetingStatus

from .conftest import Target
from .storable import SMALL


def _revisions(target: Target) -> dict[str, MeetingRevision]:
    with connected(target.engine) as connection, connection.begin():
        return meeting_revisions(connection)


def test_only_a_change_of_time_place_or_status_moves_a_meetings_revision(database: Target) -> None:
    history: History = read_dataset(SMALL)
    import_history(history, database.engine)
    first = history.meetings[0]
    assert all(r == MeetingRevision(0, None) for r in _revisions(database).values())
    with Recorder(database.engine) as recorder:
        stored = recorder.meeting(first.id)
        same = attrs.evolve(stored.value, attendance=(), items=())
        stored = recorder.update_meeting(same, version=stored.version)
        assert _revisions(database)[first.id] == MeetingRevision(0, None)
        later = attrs.evolve(same, start=same.start + timedelta(hours=1), end=None)
        recorder.update_meeting(later, version=stored.version)
    moved = _revisions(database)[first.id]
    assert moved.sequence == 1
    assert moved.revised is not None
    # a replacing import of what is stored keeps it; one that cancels the meeting moves it again
    stored_history = attrs.evolve(
        history, meetings=[later if m.id == first.id else m for m in history.meetings]
    )
    import_history(stored_history, database.engine, replace=True)
    assert _revisions(database)[first.id] == moved
    cancelled = attrs.evolve(later, status=MeetingStatus.CANCELLED)
    import_history(
        attrs.evolve(history, meetings=[cancelled if m.id == first.id else m for m in history.meetings]),
        database.engine,
        replace=True,
    )
    again = _revisions(database)
    assert again[first.id].sequence == 2
    assert all(r == MeetingRevision(0, None) for key, r in again.items() if key != first.id)


def test_an_older_database_carries_its_served_sequence_into_the_revision(database: Target) -> None:
    history: History = read_dataset(SMALL)
    import_history(history, database.engine)
    first = history.meetings[0].id
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")
        connection.execute(update(MeetingRow).where(MeetingRow.id == first).values(version=3))
    upgrade_schema(database.engine)
    assert _revisions(database)[first] == MeetingRevision(2, None)
