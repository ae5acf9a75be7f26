"""Every SQL test runs on the three databases: SQLite (a file in tmp_path), PostgreSQL and MariaDB.

The servers are the ones of the issue: PostgreSQL at 127.0.0.1:5432 (user postgres, database test) and
MariaDB at 127.0.0.1:3306 (root, database test); ``PSR_TEST_POSTGRESQL`` and ``PSR_TEST_MARIADB`` name
others. Each test session works in a place of its own on each server (a schema in PostgreSQL's ``test``,
a database next to MariaDB's ``test``), so that test runs side by side do not meet.

``empty_database`` is that place emptied (dropped and created again). ``database`` is it at the current
schema with no records: when the previous test left the schema exactly current (the version table at head,
every table there) only the rows are deleted, since creating fifteen tables costs MariaDB seconds;
otherwise the place is emptied and upgraded. A SQLite database is a new file in ``tmp_path`` every time.

A server that cannot be reached fails every test that needs it when ``CI`` is set; on a workstation those
tests are skipped with the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from psr_adapters.sql import create_database_engine, database_url, upgrade
from psr_adapters.sql.migrations import VERSION_TABLE, current_revision, head
from psr_adapters.sql.repository import clear
from psr_adapters.sql.tables import TABLES

POSTGRESQL = os.environ.get("PSR_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test")
MARIADB = os.environ.get("PSR_TEST_MARIADB", "mariadb://root@127.0.0.1:3306/test")
KINDS = ("sqlite", "postgresql", "mariadb")

EXAMPLES = {"sqlite": 20, "postgresql": 12, "mariadb": 8}
"""Hypothesis examples per property on each database: the whole SQL suite stays within a few minutes."""


def examples(kind: str, scale: float = 1.0, **more: Any) -> settings:
    """Settings for a property on ``kind``: bounded examples, no deadline (a database has bad moments)."""
    return settings(
        max_examples=max(1, int(EXAMPLES[kind] * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        **more,
    )


@dataclass
class Target:
    """A database under test: ``url`` is what a user would type for ``--db``; ``engine`` is psr's own."""

    kind: str
    url: str
    engine: Engine
    server: Server | None

    def kill(self, connection_id: int) -> None:
        """End a connection from the server's side, as an administrator or a crash would."""
        assert self.server is not None, "only a server can end a connection"
        self.server.kill(connection_id)


class Server:
    """A database server, with a place of its own for this test session."""

    def __init__(self, kind: str, url: str) -> None:
        self.kind = kind
        self.admin_url = database_url(url)
        self.place = f"psr_test_{os.getpid()}_{secrets.token_hex(3)}"
        self._admin: Engine | None = None

    @property
    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", pool_size=2)
        return self._admin

    def reachable(self) -> str | None:
        try:
            with self.admin.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except OperationalError as error:
            return str(error.orig).strip().splitlines()[0]
        return None

    def url(self) -> URL:
        if self.kind == "postgresql":
            return self.admin_url.update_query_dict({"options": f"-csearch_path={self.place}"})
        return self.admin_url.set(database=self.place)

    def reset(self) -> None:
        """Make the session's place empty: no tables, no version table."""
        with self.admin.connect() as connection:
            if self.kind == "postgresql":
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.place} CASCADE")
                connection.exec_driver_sql(f"CREATE SCHEMA {self.place}")
            else:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.place}")
                connection.exec_driver_sql(f"CREATE DATABASE {self.place} CHARACTER SET utf8mb4")

    def drop(self) -> None:
        with self.admin.connect() as connection:
            if self.kind == "postgresql":
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {self.place} CASCADE")
            else:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.place}")
        self.admin.dispose()

    def kill(self, connection_id: int) -> None:
        with self.admin.connect() as connection:
            if self.kind == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_terminate_backend({int(connection_id)})")
            else:
                connection.exec_driver_sql(f"KILL CONNECTION {int(connection_id)}")


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, Server]]:
    found = {"postgresql": Server("postgresql", POSTGRESQL), "mariadb": Server("mariadb", MARIADB)}
    yield found
    for server in found.values():
        if server._admin is not None:
            server.drop()


def _server(servers: dict[str, Server], kind: str) -> Server:
    server = servers[kind]
    problem = server.reachable()
    if problem is not None:
        message = f"the {kind} server at {server.admin_url.render_as_string()} cannot be reached: {problem}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI is set: .ci/run starts the servers; every database must be tested)")
        pytest.skip(f"{message} (start it, or set PSR_TEST_{kind.upper()})")
    return server


def _target(kind: str, tmp_path: Path, servers: dict[str, Server], *, reuse: bool) -> Iterator[Target]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'psr.db'}"
        server = None
    else:
        server = _server(servers, kind)
        url = server.url().render_as_string(hide_password=False)
    engine = create_database_engine(database_url(url))
    try:
        if server is not None and not (reuse and _clean_current_schema(engine)):
            server.reset()
        if reuse:
            upgrade(engine)
        yield Target(kind, url, engine, server)
    finally:
        engine.dispose()


def _clean_current_schema(engine: Engine) -> bool:
    """Delete every record if the schema is exactly current; say whether it was."""
    try:
        connection = engine.connect()
    except OperationalError:  # the session's database is not made yet
        return False
    with connection, connection.begin():
        tables = set(inspect(connection).get_table_names())
        if not {table.name for table in TABLES} | {VERSION_TABLE} <= tables:
            return False
        if current_revision(connection) != head():
            return False
        clear(connection)
    return True


@pytest.fixture(params=KINDS)
def empty_database(
    request: pytest.FixtureRequest, tmp_path: Path, servers: dict[str, Server]
) -> Iterator[Target]:
    """A database with nothing in it, on each of the three."""
    yield from _target(request.param, tmp_path, servers, reuse=False)


@pytest.fixture(params=KINDS)
def database(request: pytest.FixtureRequest, tmp_path: Path, servers: dict[str, Server]) -> Iterator[Target]:
    """A database at the current schema, holding no records, on each of the three."""
    yield from _target(request.param, tmp_path, servers, reuse=True)


@pytest.fixture
def fresh_engine(database: Target) -> Iterator[Callable[[], Engine]]:
    """Make more engines on the database (another process's view of it); disposed of after the test."""
    made: list[Engine] = []

    def make() -> Engine:
        engine = create_database_engine(database_url(database.url))
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.dispose()
