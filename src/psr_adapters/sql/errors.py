"""The storage adapter's errors: psr's own, naming the database and the record, never a driver's traceback.

Each inherits :class:`~psr_core.PsrError` and the builtin it resembles, and carries the command line's
``exit_code`` (docs/reference/command-line.md: 2 for input that cannot be used, and a database is input).
"""

from __future__ import annotations

from collections.abc import Sequence

from psr_core import PsrError

from ..errors import Problem


class StorageError(PsrError, RuntimeError):
    """The database refused or failed an operation; the message says which database, what, and why."""

    exit_code = 2


class DatabaseURLError(StorageError, ValueError):
    """A ``--db`` value that is not a usable database URL, or whose driver is not installed."""


class DatabaseUnavailableError(StorageError, ConnectionError):
    """The database cannot be reached, or the connection was lost (the transaction was rolled back)."""


class SchemaVersionError(StorageError):
    """The database has no psr tables, or tables of another version: ``psr db upgrade`` fixes it."""


class ConflictError(StorageError):
    """Another writer got there first: the record exists already, or changed since it was read.

    Read the record again (its new ``version``), decide, and write again; nothing was overwritten.
    """


class RecordNotFoundError(StorageError, LookupError):
    """No record in the database has that id."""


class UnstorableHistoryError(StorageError, ValueError):
    """A history the database cannot hold: a dangling reference, a duplicate id, a value out of range.

    Every problem is listed, each at its path in the equivalent ``psr/1`` document
    (``meetings[3].attendance.gary-hall``); nothing was written.
    """

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        count = len(self.problems)
        heading = f"{what}: {'a problem' if count == 1 else f'{count} problems'}; nothing was written"
        super().__init__("\n".join([heading, *(f"  {problem}" for problem in self.problems)]))


__all__ = [
    "ConflictError",
    "DatabaseURLError",
    "DatabaseUnavailableError",
    "RecordNotFoundError",
    "SchemaVersionError",
    "StorageError",
    "UnstorableHistoryError",
]
