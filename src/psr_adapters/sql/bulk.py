"""Moving many rows at once: a million attendance records in, and out again, in seconds.

Writing sends each row's values through its column's bind processor, as SQLAlchemy's ``insert()`` would,
and then takes the fastest form each driver has: on SQLite the driver's own executemany with plain tuples
(building SQLAlchemy's parameters for a million rows would cost a third as much again as SQLite's own
work); on PostgreSQL through psycopg 3 ``COPY ... FROM STDIN`` on the same connection and in the same
transaction, several times faster than any ``INSERT``; elsewhere Core ``insert()`` with executemany in
batches (PyMySQL's multi-row ``INSERT``). Reading the big child tables (attendance, items, votes, meeting
groups) uses the driver's cursor directly, in the order stored: their columns are text and integers, which
every driver returns as Python values already, and building SQLAlchemy rows for a million of them would
cost more than reading them.

Either way the driver's own errors are turned into SQLAlchemy's, and so into psr's (:mod:`.engine`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Table, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from .engine import translated

BATCH = 5_000
"""Rows sent to the database per statement (or per progress report, for a COPY)."""

Values = dict[str, Any]


def batches(rows: Iterable[Values], size: int = BATCH) -> Iterator[list[Values]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def driver_errors(connection: Connection, database: str, doing: str) -> Iterator[Any]:
    """The driver's own connection; its errors become psr's, and a dead connection is let go."""
    dbapi_connection: Any = connection.connection.dbapi_connection
    dialect = connection.dialect
    with translated(database, doing):
        try:
            yield dbapi_connection
        except dialect.loaded_dbapi.Error as error:
            lost = dialect.is_disconnect(error, dbapi_connection, None)
            if lost:
                connection.invalidate(error)
            raise DBAPIError.instance(
                doing, None, error, dialect.loaded_dbapi.Error, connection_invalidated=lost, dialect=dialect
            ) from error


def read_tuples(
    connection: Connection,
    table: Table,
    columns: tuple[str, ...],
    database: str,
    *,
    processed: bool = True,
) -> list[Any]:
    """The named columns of every row of ``table``, as tuples, in the order the database has them (for
    a table written in one go, the order it was written in).

    ``processed``: each value as SQLAlchemy reads it (a date, not the text SQLite stores); otherwise as
    the driver gives it, which saves a step per row where the caller converts the few values it uses.
    """
    selected = [table.c[name] for name in columns]
    compiled = str(select(*selected).compile(dialect=connection.dialect))
    with driver_errors(connection, database, f"reading {table.name}") as dbapi_connection:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(compiled)
            rows = cursor.fetchall()
            described = cursor.description
        finally:
            cursor.close()
    if not processed:
        return list(rows)
    dialect = connection.dialect
    processors = [
        column.type.dialect_impl(dialect).result_processor(dialect, description[1])
        for column, description in zip(selected, described, strict=True)
    ]
    if not any(processors):
        return list(rows)
    steps = [(index, process) for index, process in enumerate(processors) if process is not None]
    converted = []
    for row in rows:
        values = list(row)
        for index, process in steps:
            values[index] = process(values[index])
        converted.append(tuple(values))
    return converted


def write_rows(
    connection: Connection,
    table: Table,
    rows: Iterable[Values],
    database: str,
    doing: str,
    on_batch: Callable[[int], None] = lambda _written: None,
) -> int:
    """Insert every row (dicts with the same keys); returns how many. ``on_batch`` hears the running count."""
    dialect = connection.dialect
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        return _copy(connection, table, rows, database, doing, on_batch)
    if dialect.name == "sqlite":
        return _insert_many(connection, table, rows, database, doing, on_batch)
    written = 0
    with translated(database, doing):
        for batch in batches(rows):
            connection.execute(insert(table), batch)
            written += len(batch)
            on_batch(written)
    return written


def _stored(table: Table, names: Sequence[str], dialect: Dialect) -> Callable[[Values], Sequence[Any]]:
    """A function from a row (a dict) to its ``names`` values as the driver takes them: each through its
    column's bind processor, as SQLAlchemy's own ``insert()`` would (a date as the text SQLite stores)."""
    pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    steps = [
        (index, process)
        for index, name in enumerate(names)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if not steps:
        return pick

    def stored(row: Values) -> list[Any]:
        values = list(pick(row))
        for index, process in steps:
            values[index] = process(values[index])
        return values

    return stored


def _insert_many(
    connection: Connection,
    table: Table,
    rows: Iterable[Values],
    database: str,
    doing: str,
    on_batch: Callable[[int], None],
) -> int:
    """SQLite: the driver's executemany with plain tuples, without building SQLAlchemy's parameters."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(first))
    names = list(compiled.positiontup or ())
    stored = _stored(table, names, dialect)
    written = 0
    with driver_errors(connection, database, doing) as dbapi_connection:
        cursor = dbapi_connection.cursor()
        try:
            for batch in batches(chain([first], iterator)):
                cursor.executemany(compiled.string, map(stored, batch))
                written += len(batch)
                on_batch(written)
        finally:
            cursor.close()
    return written


def _copy(
    connection: Connection,
    table: Table,
    rows: Iterable[Values],
    database: str,
    doing: str,
    on_batch: Callable[[int], None],
) -> int:
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    dialect = connection.dialect
    names = [column.name for column in table.columns if column.name in first]
    stored = _stored(table, names, dialect)
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    statement = f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) FROM STDIN"
    written = 0
    with driver_errors(connection, database, doing) as dbapi_connection:
        cursor = dbapi_connection.cursor()
        try:
            with cursor.copy(statement) as copy:
                for row in chain([first], iterator):
                    copy.write_row(stored(row))
                    written += 1
                    if written % BATCH == 0:
                        on_batch(written)
        finally:
            cursor.close()
    on_batch(written)
    return written
