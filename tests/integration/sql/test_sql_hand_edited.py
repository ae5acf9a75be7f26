"""A database someone edited by hand: what its constraints let through but psr's values refuse is named as a
record psr cannot read (a :class:`StorageError`, exit status 2), never a crash; what psr can read is read
in its stored order."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import text

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import StorageError, import_history, load_history

from .conftest import Target
from .storable import SMALL

CANNOT_READ = r"the database holds a record psr cannot read"


@pytest.fixture
def edited(database: Target) -> Target:
    import_history(read_dataset(SMALL), database.engine)
    return database


def edit(target: Target, statement: str) -> None:
    with target.engine.begin() as connection:
        connection.execute(text(statement))


def first_meeting(target: Target) -> str:
    with target.engine.connect() as connection:
        return str(connection.execute(text("SELECT id FROM psr_meeting ORDER BY position")).scalars().first())


def test_a_meeting_left_without_a_group_is_a_record_psr_cannot_read(edited: Target) -> None:
    meeting = first_meeting(edited)
    edit(edited, f"DELETE FROM psr_meeting_group WHERE meeting_id = '{meeting}'")
    with pytest.raises(StorageError, match=CANNOT_READ):
        load_history(edited.engine)


def test_attendance_given_one_position_is_read_in_the_order_of_its_people(edited: Target) -> None:
    meeting = first_meeting(edited)
    edit(edited, f"UPDATE psr_attendance SET position = 0 WHERE meeting_id = '{meeting}'")
    stored = next(m for m in load_history(edited.engine).meetings if m.id == meeting)
    people = [entry.person for entry in stored.attendance]
    assert people == sorted(people)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE psr_meeting SET start_time = 'the second Tuesday', end_time = NULL",
        "UPDATE psr_attendance SET exceptional_accepted_on = 'last week'",
        "UPDATE psr_membership SET start_date = 'the spring'",
    ],
)
def test_text_where_sqlite_keeps_a_date_is_a_record_psr_cannot_read(edited: Target, statement: str) -> None:
    """SQLite stores whatever text it is given in a date column: reading it fails with a message."""
    edit(edited, statement)
    with pytest.raises(StorageError, match=CANNOT_READ):
        load_history(edited.engine)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_text_where_sqlite_keeps_a_position_is_read_without_failing(edited: Target) -> None:
    before = load_history(edited.engine)
    edit(edited, "UPDATE psr_attendance SET position = 'first' WHERE rowid = 1")
    after = load_history(edited.engine)
    assert Counter(e for m in after.meetings for e in m.attendance) == Counter(
        e for m in before.meetings for e in m.attendance
    )
