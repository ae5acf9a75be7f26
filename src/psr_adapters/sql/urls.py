"""Database URLs: what a user types for ``--db``, turned into a SQLAlchemy URL with a driver psr installs.

========================================  ==============================================================
typed                                     used
========================================  ==============================================================
(nothing)                                 ``sqlite:///<working directory>/psr.db``
``history.db`` (no ``://``)               the SQLite file ``history.db``
``postgresql://user@host/db``             ``postgresql+psycopg://user@host/db`` (psycopg 3, extra ``postgresql``)
``postgres://user@host/db``               the same
``mariadb://root@host/db``                ``mariadb+pymysql://root@host/db?charset=utf8mb4`` (extra ``mariadb``)
``mysql://root@host/db``                  ``mysql+pymysql://root@host/db?charset=utf8mb4``
``postgresql+psycopg2://...`` and others  as given: an explicit driver passes through
========================================  ==============================================================
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .errors import DatabaseURLError

DEFAULT_FILE = "psr.db"
"""The SQLite file used when no database is named, in the working directory."""

PLAIN_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "mariadb": "mariadb+pymysql",
    "mysql": "mysql+pymysql",
}

EXTRAS = {"psycopg": "postgresql", "pymysql": "mariadb"}
"""The psr extra that installs each driver."""


def default_url(directory: Path | None = None) -> URL:
    """The SQLite file ``psr.db`` in ``directory`` (the working directory when not given)."""
    folder = directory if directory is not None else Path.cwd()
    return URL.create("sqlite", database=str(folder / DEFAULT_FILE))


def database_url(text: str | URL | None = None, directory: Path | None = None) -> URL:
    """The SQLAlchemy URL for ``text``, as the table in this module's docstring shows."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return default_url(directory)
    if isinstance(text, URL):
        url = text
    elif "://" not in text:
        return URL.create("sqlite", database=text)
    else:
        try:
            url = make_url(text)
        except (ArgumentError, ValueError):
            raise DatabaseURLError(
                f"{text!r} is not a database URL; expected, for example, sqlite:///psr.db, "
                "postgresql://user@host/database or mariadb://user@host/database"
            ) from None
    backend, _, driver = url.drivername.partition("+")
    if not driver and backend in PLAIN_DRIVERS:
        url = url.set(drivername=PLAIN_DRIVERS[backend])
        backend, _, driver = url.drivername.partition("+")
    if backend in ("mariadb", "mysql") and driver == "pymysql" and "charset" not in url.query:
        url = url.update_query_dict({"charset": "utf8mb4"})
    return url


def describe(url: URL) -> str:
    """The URL as a message shows it: with the password hidden."""
    return url.render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite database URL, or ``None`` for another database or an in-memory one."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)
