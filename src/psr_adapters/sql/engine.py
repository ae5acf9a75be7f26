"""Opening a database, and turning what its driver raises into psr's own errors.

SQLite is set up to behave like the servers: foreign keys enforced, a write-ahead log so that readers and a
writer do not wait for each other (https://sqlite.org/wal.html), and every transaction that may write taking
the write lock when it begins (``BEGIN IMMEDIATE``), so that two writers queue instead of failing half-way.
A transaction begun on a connection marked by :func:`reading` only reads: it begins deferred and takes no
write lock, so reads and token checks neither wait for a long import nor make a writer wait.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from psr_core import PsrError

from .errors import (
    ConflictError,
    DatabaseUnavailableError,
    DatabaseURLError,
    SchemaVersionError,
    StorageError,
)
from .urls import EXTRAS, database_url, describe, sqlite_file

SQLITE_BUSY_SECONDS = 30.0
"""How long a SQLite writer waits for another to finish before giving up."""

READ_ONLY = "psr_read_only"
"""The execution option that marks a connection whose transactions only read."""

Database = Engine | URL | str | None
"""Where the history is: an engine (used as it is), a URL, what a user typed, or ``None`` for psr.db."""


def create_database_engine(url: URL, *, pre_ping: bool = True) -> Engine:
    """An engine for ``url``; a missing driver or a malformed URL is a :class:`DatabaseURLError`.

    ``pre_ping`` tests each pooled connection of a database server before use (one round trip more); a
    server that checks for dropped connections itself (``psr serve``: :meth:`.access.Access.check`) turns
    it off."""
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            _set_up_sqlite(engine)
            return engine
        return create_engine(url, pool_pre_ping=pre_ping)
    except (NoSuchModuleError, ArgumentError) as error:
        raise DatabaseURLError(f"{describe(url)}: not a database psr can use ({error})") from None
    except ImportError as error:
        driver = url.get_driver_name()
        extra = EXTRAS.get(driver)
        hint = f"; install it with: pip install 'psr[{extra}]'" if extra else ""
        raise DatabaseURLError(
            f"{describe(url)}: the database driver {driver!r} is not installed ({error}){hint}"
        ) from None


def _set_up_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" below, not the sqlite3 module, start each transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if sqlite_file(engine.url) is not None:
            # Kept in the file once set; a database that cannot switch now (another connection is
            # writing) keeps its journal, and the next connection tries again.
            with contextlib.suppress(dbapi_connection.OperationalError):
                cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def reading(connection: Connection) -> Connection:
    """``connection``, marked so that its transactions only read (on SQLite: no write lock)."""
    return connection.execution_options(**{READ_ONLY: True})


@contextmanager
def opened(database: Database) -> Iterator[Engine]:
    """The engine for ``database``: given engines are used as they are, others are disposed of after."""
    if isinstance(database, Engine):
        yield database
        return
    engine = create_database_engine(database_url(database))
    try:
        yield engine
    finally:
        engine.dispose()


def name_of(engine: Engine) -> str:
    """The database as messages name it: its URL without the password."""
    return describe(engine.url)


def require_existing_file(engine: Engine) -> None:
    """Refuse to read a SQLite file that does not exist, rather than creating an empty one."""
    path = sqlite_file(engine.url)
    if path is not None and not path.exists():
        raise SchemaVersionError(
            f"{name_of(engine)}: there is no database file {path}; create it with "
            f"`psr db import DATASET --db {name_of(engine)}` or `psr db upgrade --db {name_of(engine)}`"
        )


# -- errors -------------------------------------------------------------------------------------------

_LOST_CONNECTION = (
    "server closed the connection",
    "terminating connection",
    "lost connection",
    "connection was killed",
    "connection is closed",
    "connection already closed",
    "consuming input failed",
)
_CONFLICT_CODES = {"40001", "40P01"}  # PostgreSQL: serialization failure, deadlock detected
_CONFLICT_ERRNOS = {1205, 1213}  # MariaDB: lock wait timeout, deadlock
_MISSING_TABLE_ERRNOS = {1146}  # MariaDB: table doesn't exist
_CONNECT_ERRNOS = {1044, 1045, 1049, 2002, 2003, 2005}  # MariaDB: denied, unknown database, no server
CONNECTING = "connecting"


def driver_message(error: DBAPIError) -> str:
    """What the driver said, on one line."""
    original: Any = error.orig
    args: tuple[Any, ...] = tuple(getattr(original, "args", ()))
    pymysql = len(args) == 2 and isinstance(args[0], int)  # PyMySQL's errors are (errno, message)
    text = f"{args[1]} (error {args[0]})" if pymysql else str(original)
    return "; ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _code(error: DBAPIError) -> tuple[str | None, int | None]:
    original: Any = error.orig
    sqlstate = getattr(original, "sqlstate", None)
    args = getattr(original, "args", ())
    errno = args[0] if args and isinstance(args[0], int) else None
    return sqlstate, errno


def is_duplicate(error: DBAPIError) -> bool:
    """Whether the database refused a row because its key is taken."""
    sqlstate, errno = _code(error)
    return sqlstate == "23505" or errno == 1062 or "UNIQUE constraint failed" in driver_message(error)


def storage_error(error: SQLAlchemyError, database: str, doing: str) -> StorageError:
    """The psr error for what the database said while ``doing`` (e.g. "importing meetings[3]")."""
    if not isinstance(error, DBAPIError):
        return StorageError(f"{database}: {doing} failed: {error}")
    said = driver_message(error)
    lowered = said.lower()
    sqlstate, errno = _code(error)
    if doing == CONNECTING:
        return DatabaseUnavailableError(f"{database}: cannot connect ({said})")
    if error.connection_invalidated or any(sign in lowered for sign in _LOST_CONNECTION):
        return DatabaseUnavailableError(
            f"{database}: the connection was lost while {doing}; the database rolled the transaction back, "
            f"so none of it was written ({said})"
        )
    if (sqlstate or "").startswith("08") or errno in _CONNECT_ERRNOS:
        return DatabaseUnavailableError(f"{database}: cannot connect ({said})")
    if sqlstate in _CONFLICT_CODES or errno in _CONFLICT_ERRNOS or "database is locked" in lowered:
        return ConflictError(
            f"{database}: another writer was changing the same records while {doing}; nothing of it was "
            f"written; try again ({said})"
        )
    if sqlstate == "42P01" or errno in _MISSING_TABLE_ERRNOS or "no such table" in lowered:
        return SchemaVersionError(
            f"{database}: a psr table is missing while {doing} ({said}); run `psr db upgrade --db {database}`"
        )
    return StorageError(f"{database}: the database refused {doing} ({said})")


@contextmanager
def connected(engine: Engine) -> Iterator[Connection]:
    """A connection to ``engine``'s database; failing to connect is a :class:`DatabaseUnavailableError`."""
    with translated(name_of(engine), CONNECTING):
        connection = engine.connect()
    with connection:
        yield connection


@contextmanager
def translated(database: str, doing: str) -> Iterator[None]:
    """Turn any database error raised inside into a :class:`StorageError` (or a subclass)."""
    try:
        yield
    except PsrError:
        raise
    except SQLAlchemyError as error:
        raise storage_error(error, database, doing) from error
