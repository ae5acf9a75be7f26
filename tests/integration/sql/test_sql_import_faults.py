"""An import is all or nothing: whatever goes wrong, and wherever, the database is left as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from sqlalchemy import Engine, event

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import (
    ConflictError,
    DatabaseUnavailableError,
    StorageError,
    UnstorableHistoryError,
    import_history,
    load_history,
)
from psr_adapters.sql import repository as repository_module
from psr_adapters.sql.bulk import BATCH
from psr_core import Attendance, History, Meeting, Membership, Person

from .conftest import Target
from .storable import SMALL


def bigger(history: History, meetings: int) -> History:
    """``history`` with ``meetings`` more meetings of the Executive, each with BATCH/10 people attending."""
    people = [Person(id=f"member-{i}", name=f"Member {i}") for i in range(BATCH // 10)]
    seats = [Membership(p.id, "exec", "chief-officer", date(2015, 6, 16)) for p in people]
    extra = [
        Meeting(
            id=f"exec-extra-{k}",
            groups=["exec"],
            start=datetime(2016, 1, 5, 10) + timedelta(days=7 * k),
            status="held",
            attendance=[Attendance(p.id, "present") for p in people],
        )
        for k in range(meetings)
    ]
    return attrs.evolve(
        history,
        people=[*history.people, *people],
        memberships=[*history.memberships, *seats],
        meetings=[*history.meetings, *extra],
    )


@pytest.fixture
def stored(database: Target) -> History:
    """The small dataset, already in the database: what every failed import must leave in place."""
    history = read_dataset(SMALL)
    import_history(history, database.engine)
    return history


def test_a_history_with_a_dangling_reference_is_refused_naming_the_record(database: Target) -> None:
    history = read_dataset(SMALL)
    broken = attrs.evolve(history, people=[p for p in history.people if p.id != "allan-jones"])
    with pytest.raises(UnstorableHistoryError) as refusal:
        import_history(broken, database.engine)
    assert "meetings[0].attendance.allan-jones: no person has the id 'allan-jones'" in str(refusal.value)
    assert "nothing was written" in str(refusal.value)


def test_a_refused_history_writes_nothing_not_even_the_tables(empty_database: Target) -> None:
    history = read_dataset(SMALL)
    broken = attrs.evolve(history, people=history.people[1:])
    with pytest.raises(UnstorableHistoryError):
        import_history(broken, empty_database.engine)
    with empty_database.engine.connect() as connection:
        assert not [
            n for n in empty_database.engine.dialect.get_table_names(connection) if n.startswith("psr_")
        ]


def test_importing_into_an_empty_database_creates_the_schema_first(empty_database: Target) -> None:
    history = read_dataset(SMALL)
    import_history(history, empty_database.engine)
    assert load_history(empty_database.engine) == history


def test_importing_the_same_dataset_twice_is_refused_with_the_way_to_replace_it(
    database: Target, stored: History
) -> None:
    with pytest.raises(ConflictError, match=r"already holds a history .*--replace"):
        import_history(stored, database.engine)
    assert load_history(database.engine) == stored


def test_replacing_swaps_the_whole_history_in_one_transaction(database: Target, stored: History) -> None:
    smaller = attrs.evolve(stored, meetings=stored.meetings[:1], contributions=(), reports=())
    summary = import_history(smaller, database.engine, replace=True)
    assert summary.replaced
    assert load_history(database.engine) == smaller


def test_an_import_that_fails_midway_writes_nothing(database: Target, stored: History) -> None:
    def fall_over(step: str) -> None:  # told after each batch of rows is written
        if step == f"importing attendance records: {BATCH}":
            raise RuntimeError("the machine fell over half-way through the attendance")

    with pytest.raises(RuntimeError, match="half-way"):
        import_history(bigger(stored, 12), database.engine, replace=True, on_progress=fall_over)
    assert load_history(database.engine) == stored


def test_a_record_the_database_itself_refuses_is_named_and_nothing_is_written(
    database: Target, stored: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without psr's own checks, the database's foreign keys are what refuse the dangling deputy.
    monkeypatch.setattr(repository_module, "history_problems", lambda _history: [])
    last = stored.meetings[-1]
    dangling = attrs.evolve(last, attendance=[*last.attendance, Attendance("gary-hall", "deputy", "nobody")])
    broken = attrs.evolve(stored, meetings=[*stored.meetings[:-1], dangling], reports=())
    with pytest.raises(StorageError, match=r"refused importing attendance records") as refusal:
        import_history(broken, database.engine, replace=True)
    assert "Traceback" not in str(refusal.value)
    assert load_history(database.engine) == stored


@pytest.mark.parametrize("database", ["postgresql", "mariadb"], indirect=True)
def test_a_connection_lost_midway_leaves_the_database_as_it_was(
    database: Target, stored: History, fresh_engine: Callable[[], Engine]
) -> None:
    """The server ends the importing connection (pg_terminate_backend, KILL CONNECTION) half-way through."""
    engine = fresh_engine()
    connections: list[int] = []

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        info = getattr(dbapi_connection, "info", None)
        connections.append(int(info.backend_pid) if info is not None else int(dbapi_connection.thread_id()))

    def kill(step: str) -> None:  # told after each batch of rows is written
        if step == f"importing attendance records: {BATCH}":
            database.kill(connections[-1])

    with pytest.raises(DatabaseUnavailableError, match=r"connection was lost while importing .* none of it"):
        import_history(bigger(stored, 12), engine, replace=True, on_progress=kill)
    assert load_history(database.engine) == stored
