"""Alembic's environment for psr's migrations: run on the connection psr passes in, never from a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from psr_adapters.sql import access  # noqa: F401  (registers the token and feed tables on Base.metadata)
from psr_adapters.sql.migrations import VERSION_TABLE, include_name
from psr_adapters.sql.tables import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        include_name=include_name,
        compare_type=True,
        # SQLite alters a table by copying it; later migrations need batch mode there.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if context.is_offline_mode() or not isinstance(_connection, Connection):
    raise RuntimeError("psr runs its migrations on a live connection: use `psr db upgrade --db URL`")
run_migrations(_connection)
