"""The schema's history as Alembic migrations, shipped inside the package and run from Python.

``upgrade(database)`` brings an empty or older database to the current schema (``psr db upgrade``);
:func:`require_current` refuses to read or write a database at any other version, with a message that
says to run ``psr db upgrade``. The version is kept in the table ``psr_alembic_version``, so a host
application's own Alembic history in the same database is left alone.

A developer adding a migration generates it against a database at the current head::

    from alembic import command
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message="...", autogenerate=True)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from ..engine import Database, connected, name_of, opened, translated
from ..errors import SchemaVersionError

VERSION_TABLE = "psr_alembic_version"
TABLE_PREFIX = "psr_"
HERE = Path(__file__).resolve().parent


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Only psr's own tables are psr's business; a host application's tables are left alone."""
    if type_ == "table":
        return name is not None and name.startswith(TABLE_PREFIX) and name != VERSION_TABLE
    return True


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for psr's migrations, run on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.set_main_option("version_table", VERSION_TABLE)
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    """The revision of the current schema."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None, "psr ships at least one migration"
    return revision


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    )


def current_revision(connection: Connection) -> str | None:
    """The schema revision the database is at, or ``None`` when psr has never upgraded it."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def has_psr_tables(connection: Connection) -> bool:
    """Whether any of psr's tables (its version table aside) exists."""
    return any(include_name(name, "table", {}) for name in inspect(connection).get_table_names())


def upgrade(database: Database = None) -> tuple[str | None, str]:
    """Bring ``database`` to the current schema; returns the revisions before and after.

    Running it on a database already at the current schema changes nothing.
    """
    with opened(database) as engine, connected(engine) as connection:
        where = name_of(engine)
        with translated(where, "upgrading the schema"), connection.begin():
            before = current_revision(connection)
            if before is not None and before not in known_revisions():
                raise _newer(where, before)
            if before is None and has_psr_tables(connection):
                raise _unversioned(where)
            command.upgrade(alembic_config(connection), "head")
        return before, head()


def require_current(connection: Connection, where: str) -> None:
    """Refuse a database at any schema but the current one, saying how to fix it."""
    revision = current_revision(connection)
    if revision == head():
        return
    if revision is None:
        if has_psr_tables(connection):
            raise _unversioned(where)
        raise SchemaVersionError(
            f"{where}: the database has no psr tables yet (schema version: none, needed: {head()}); "
            f"run `psr db upgrade --db {where}`, or import a dataset with `psr db import DATASET --db {where}`"
        )
    if revision not in known_revisions():
        raise _newer(where, revision)
    raise SchemaVersionError(
        f"{where}: the database is at psr schema version {revision}, and this psr needs {head()}; "
        f"run `psr db upgrade --db {where}` (back the database up first)"
    )


def _newer(where: str, revision: str) -> SchemaVersionError:
    return SchemaVersionError(
        f"{where}: the database is at psr schema version {revision!r}, which this psr does not know "
        f"(its newest is {head()}); it was written by a newer psr: upgrade psr to use it"
    )


def _unversioned(where: str) -> SchemaVersionError:
    return SchemaVersionError(
        f"{where}: the database has psr tables but no {VERSION_TABLE} table recording their version; "
        "psr cannot tell which schema they follow: use another database, or drop the psr_ tables and run "
        f"`psr db upgrade --db {where}`"
    )


__all__ = [
    "VERSION_TABLE",
    "alembic_config",
    "current_revision",
    "head",
    "include_name",
    "require_current",
    "upgrade",
]
