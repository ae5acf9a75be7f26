"""What the HTTP API tests share: the Chorley example, an application with tokens of each scope, and the
fixtures ``chorley_db`` (a SQLite file), ``postgresql_db`` (a schema of its own on the PostgreSQL server of the
issue: skipped on a workstation without one, failed in CI) and ``api``.

``chorley_db`` is a SQLite file holding the example; ``postgresql_db`` the same in a schema of its own on
the PostgreSQL server of the issue (skipped on a workstation without one, failed in CI). Starlette's test
client is imported with its deprecation notice about httpx silenced: the notice is about a future client,
not about this code, and warnings are errors in this suite.
"""

from __future__ import annotations

import os
import secrets
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from psr_adapters.dataset import read_dataset
from psr_adapters.http import Settings, create_app
from psr_adapters.sql import create_database_engine, database_url, import_history
from psr_adapters.sql.access import Access, Scope

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[3]
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"
POSTGRESQL = os.environ.get("PSR_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test")


class Api:
    """A test client with tokens of each scope, on one database."""

    def __init__(self, url: str, **settings: object) -> None:
        self.url = url
        engine = create_database_engine(database_url(url))
        access = Access(engine)
        self.read_token = access.create_token(Scope.READ).secret
        self.write_token = access.create_token(Scope.WRITE).secret
        self.access = access
        self.app = create_app(Settings(**{"database": url, "cache_seconds": 0, **settings}))  # type: ignore[arg-type]
        self.client = TestClient(self.app)
        self._engine = engine

    def headers(self, scope: str = "read") -> dict[str, str]:
        token = self.read_token if scope == "read" else self.write_token
        return {"Authorization": f"Bearer {token}"}

    def close(self) -> None:
        self.client.close()
        self.app.state.store.close()
        self._engine.dispose()


# -- fixtures, imported by the test modules that use them (this folder has no conftest.py: mypy would take
# it for a second module named conftest) ----------------------------------------------------------------


@pytest.fixture(name="chorley_db")
def chorley_db_fixture(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'psr.db'}"
    import_history(read_dataset(CHORLEY), url)
    return url


@pytest.fixture(name="postgresql_schema", scope="session")
def postgresql_schema_fixture() -> Iterator[str]:
    admin = create_engine(database_url(POSTGRESQL), isolation_level="AUTOCOMMIT")
    place = f"psr_http_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {place}")
    except OperationalError as error:
        admin.dispose()
        message = f"the PostgreSQL server at {POSTGRESQL} cannot be reached: {error.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = database_url(POSTGRESQL).update_query_dict({"options": f"-csearch_path={place}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {place} CASCADE")
        admin.dispose()


@pytest.fixture(name="postgresql_db")
def postgresql_db_fixture(postgresql_schema: str) -> str:
    import_history(read_dataset(CHORLEY), postgresql_schema, replace=True)
    return postgresql_schema


@pytest.fixture(name="api")
def api_fixture(chorley_db: str) -> Iterator[Api]:
    made = Api(chorley_db)
    yield made
    made.close()
