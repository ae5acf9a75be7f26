"""A partnership's history in SQL: SQLite by default, PostgreSQL and MariaDB for real.

>>> upgrade("postgresql://psr@db.example/psr")                     # psr db upgrade        # doctest: +SKIP
>>> import_history(read_dataset("chorley.yaml"), "sqlite:///psr.db")  # psr db import     # doctest: +SKIP
>>> history = load_history("sqlite:///psr.db")                      # psr check --db      # doctest: +SKIP
>>> with Recorder("sqlite:///psr.db") as recorder:                                        # doctest: +SKIP
...     recorder.record_attendance("exec-2015-07-14", Attendance("gary-hall", "apologies"))
>>> with JudgedRecorder("sqlite:///psr.db", as_of=date(2015, 8, 11)) as judge:            # doctest: +SKIP
...     found = judge.record_meeting(meeting)      # stored, and judged at once as evaluate would judge it

Everywhere a database is named, it may be an engine, a SQLAlchemy URL, what a user types for ``--db``
(``postgresql://user@host/db``, ``mariadb://root@host/db``, a file name) or ``None`` for ``psr.db`` in the
working directory. See ``docs/how-to/store-history-in-sql.md``.
"""

from __future__ import annotations

from .engine import Database, create_database_engine
from .errors import (
    ConflictError,
    DatabaseUnavailableError,
    DatabaseURLError,
    RecordNotFoundError,
    SchemaVersionError,
    StorageError,
    UnstorableHistoryError,
)
from .judging import JudgedRecorder
from .migrations import head as schema_head
from .migrations import upgrade
from .recording import Recorded, Recorder
from .repository import ImportSummary, Repository, import_history, load_history
from .urls import database_url, default_url, describe

__all__ = [
    "ConflictError",
    "Database",
    "DatabaseURLError",
    "DatabaseUnavailableError",
    "ImportSummary",
    "JudgedRecorder",
    "RecordNotFoundError",
    "Recorded",
    "Recorder",
    "Repository",
    "SchemaVersionError",
    "StorageError",
    "UnstorableHistoryError",
    "create_database_engine",
    "database_url",
    "default_url",
    "describe",
    "import_history",
    "load_history",
    "schema_head",
    "upgrade",
]
