"""Every database refuses the same values, the ones the ``psr/1`` format refuses: an id with a control
character or a space at either end, a date outside the years 1900 to 2199. An id no database can hold names
nothing when asked for; reads take no write lock; concurrent inserts keep the order they arrived in."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date, datetime

import attrs
import pytest
from sqlalchemy import select

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import (
    Recorder,
    RecordNotFoundError,
    UnstorableHistoryError,
    import_history,
    load_history,
)
from psr_adapters.sql.access import Access, Scope
from psr_adapters.sql.tables import AttendanceRow
from psr_adapters.sql.urls import sqlite_file
from psr_core import Attendance, Item, Meeting, Membership

from .conftest import Target
from .storable import SMALL

MEETING = Meeting(id="exec-2015-11-10", groups=["exec"], start=datetime(2015, 11, 10, 10), status="scheduled")


@pytest.fixture
def recorder(database: Target) -> Iterator[Recorder]:
    import_history(read_dataset(SMALL), database.engine)
    with Recorder(database.engine) as recorder:
        yield recorder


@pytest.mark.parametrize("bad", ["exec-2015-11-10 ", "exec\n2015", "exec\x00", "exec\x1b"])
def test_a_meeting_id_with_a_control_character_or_an_outer_space_is_refused_by_every_database(
    recorder: Recorder, database: Target, bad: str
) -> None:
    recorder.add_meeting(MEETING)
    with pytest.raises(UnstorableHistoryError, match=r"meeting\.id: an id cannot"):
        recorder.add_meeting(attrs.evolve(MEETING, id=bad))
    assert [m.id for m in load_history(database.engine).meetings].count(MEETING.id) == 1
    assert bad not in {m.id for m in load_history(database.engine).meetings}


def test_ids_an_item_or_attendance_names_are_refused_alike(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    with pytest.raises(UnstorableHistoryError, match="an id cannot"):
        recorder.add_item(MEETING.id, Item("4 "))
    with pytest.raises(UnstorableHistoryError, match="an id cannot"):
        recorder.record_attendance(MEETING.id, Attendance("gary-hall\t", "present"))


@pytest.mark.parametrize("year", [1, 1899, 2200, 9999])
def test_a_meeting_outside_the_years_1900_to_2199_is_refused(recorder: Recorder, year: int) -> None:
    with pytest.raises(UnstorableHistoryError, match="expected a date in the years 1900 to 2199"):
        recorder.add_meeting(attrs.evolve(MEETING, start=datetime(year, 1, 1, 10)))


def test_a_membership_outside_the_years_is_refused(recorder: Recorder) -> None:
    with pytest.raises(UnstorableHistoryError, match=r"membership\.from: expected a date"):
        recorder.start_membership(Membership("gary-hall", "exec", "chief-officer", date(1, 1, 1)))


def test_a_nul_in_an_id_asked_for_names_nothing_rather_than_failing(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    with pytest.raises(RecordNotFoundError):
        recorder.meeting("exec\x00")
    with pytest.raises(RecordNotFoundError):
        recorder.attendance(MEETING.id, "gary\x00")
    with pytest.raises(RecordNotFoundError):
        recorder.item(MEETING.id, "4\x00")
    with pytest.raises(RecordNotFoundError):
        recorder.record_attendance("exec\x00", Attendance("gary-hall", "present"))


def test_reads_and_token_checks_on_sqlite_do_not_wait_for_a_writer(tmp_path: pytest.TempPathFactory) -> None:
    """A long import holds the write lock until it commits: readers see the history as it was, at once."""
    url = f"sqlite:///{tmp_path}/psr.db"
    import_history(read_dataset(SMALL), url)
    from psr_adapters.sql import create_database_engine, database_url

    engine = create_database_engine(database_url(url))
    token = Access(engine).create_token(Scope.READ).secret
    path = sqlite_file(engine.url)
    assert path is not None
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM psr_attendance")
        done: dict[str, object] = {}

        def read() -> None:
            done["history"] = load_history(engine)
            done["scope"] = Access(engine).scope_of(token)
            done["meeting"] = Recorder(engine).meeting(load_history(engine).meetings[0].id)

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=5)
        assert not reader.is_alive(), "a reader waited for the writer"
        assert done["scope"] is Scope.READ
        assert done["history"] == load_history(engine)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        engine.dispose()


def test_concurrent_writers_get_positions_in_the_order_they_arrived_never_the_same(
    recorder: Recorder, database: Target
) -> None:
    """Every line appended by a writer takes the next position: none two alike, whatever the database."""
    recorder.add_meeting(MEETING)
    people = [p.id for p in load_history(database.engine).people]
    start = threading.Barrier(len(people))

    def record(person: str) -> None:
        with Recorder(database.engine) as own:
            start.wait()
            own.record_attendance(MEETING.id, Attendance(person, "present"))

    threads = [threading.Thread(target=record, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.engine.connect() as connection:
        positions = list(
            connection.execute(
                select(AttendanceRow.position).where(AttendanceRow.meeting_id == MEETING.id)
            ).scalars()
        )
    assert len(positions) == len(people)
    assert sorted(positions) == list(range(len(people)))
