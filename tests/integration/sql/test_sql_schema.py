"""The schema: the migrations build exactly the tables the row classes describe, and the database itself
refuses what a psr/1 dataset may not say."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from psr_adapters.sql import SchemaVersionError, load_history, schema_head, upgrade
from psr_adapters.sql.migrations import VERSION_TABLE, alembic_config, current_revision, include_name
from psr_adapters.sql.tables import TABLES, AttendanceRow, Base, MeetingGroupRow, MeetingRow

from .conftest import Target


def differences(target: Target) -> list[Any]:
    with target.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": include_name, "version_table": VERSION_TABLE},
        )
        return list(compare_metadata(context, Base.metadata))


def test_the_migrations_build_the_tables_the_row_classes_describe(database: Target) -> None:
    assert differences(database) == []


def test_upgrading_an_empty_database_creates_every_table_and_records_the_version(
    empty_database: Target,
) -> None:
    before, after = upgrade(empty_database.engine)
    assert (before, after) == (None, schema_head())
    names = set(inspect(empty_database.engine).get_table_names())
    assert {table.name for table in TABLES} | {VERSION_TABLE} <= names


def test_upgrading_twice_changes_nothing(database: Target) -> None:
    assert upgrade(database.engine) == (schema_head(), schema_head())
    assert differences(database) == []
    assert load_history(database.engine).meetings == ()


def test_the_first_migration_can_be_undone_and_done_again(database: Target) -> None:
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
        assert current_revision(connection) is None
    assert not [
        n for n in inspect(database.engine).get_table_names() if n.startswith("psr_") and n != VERSION_TABLE
    ]
    upgrade(database.engine)
    assert differences(database) == []


def test_reading_a_database_with_no_psr_tables_says_to_run_psr_db_upgrade(empty_database: Target) -> None:
    if empty_database.kind == "sqlite":
        empty_database.engine.connect().close()  # the file exists, but holds nothing
    with pytest.raises(SchemaVersionError, match=r"psr db upgrade --db"):
        load_history(empty_database.engine)


def test_reading_a_sqlite_file_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    with pytest.raises(SchemaVersionError, match=r"no database file .*psr db import DATASET"):
        load_history(f"sqlite:///{missing}")
    assert not missing.exists()


def test_a_database_at_an_unknown_schema_version_was_written_by_a_newer_psr(database: Target) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    with pytest.raises(SchemaVersionError, match=r"'9999'.*newer psr"):
        load_history(database.engine)
    with pytest.raises(SchemaVersionError, match=r"newer psr"):
        upgrade(database.engine)


def test_psr_tables_with_no_recorded_version_are_not_guessed_at(database: Target) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(f"DROP TABLE {VERSION_TABLE}"))
    with pytest.raises(SchemaVersionError, match=r"no psr_alembic_version table"):
        load_history(database.engine)
    with pytest.raises(SchemaVersionError, match=r"no psr_alembic_version table"):
        upgrade(database.engine)


MEETING = {
    "id": "m",
    "position": 0,
    "start_time": datetime(2015, 7, 14, 10),
    "status": "held",
    "version": 1,
}


def refused(target: Target, statement: Any, values: Any) -> None:
    # MariaDB reports a failed check as an OperationalError (error 4025), the others as an IntegrityError.
    with pytest.raises((IntegrityError, OperationalError)), target.engine.begin() as connection:
        connection.execute(statement, values)


def test_the_database_refuses_a_dangling_reference(database: Target) -> None:
    with database.engine.begin() as connection:
        connection.execute(insert(MeetingRow), MEETING)
    refused(database, insert(MeetingGroupRow), {"meeting_id": "m", "group_id": "nowhere", "position": 0})
    attendance = {"meeting_id": "m", "person_id": "nobody", "position": 0, "status": "present", "version": 1}
    refused(database, insert(AttendanceRow), attendance)


def test_the_database_refuses_an_unknown_status(database: Target) -> None:
    refused(database, insert(MeetingRow), {**MEETING, "status": "postponed"})


def test_the_database_refuses_an_id_used_twice(database: Target) -> None:
    with database.engine.begin() as connection:
        connection.execute(insert(MeetingRow), MEETING)
    refused(database, insert(MeetingRow), MEETING)


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(database: Target) -> None:
    with database.engine.begin() as connection:
        connection.execute(insert(MeetingRow), MEETING)
    early = datetime(2015, 7, 14, 9)
    refused(database, update(MeetingRow).where(MeetingRow.id == "m"), {"end_time": early})
