"""One question to the database per request: the token check reads the history's revision in the same
query, so a server holding that revision asks nothing more; a write by another writer is still seen on the
next request, and a revoked token is refused on the next request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from http_api import (  # noqa: F401 (fixtures, found by pytest by name)
    Api,
    api_fixture,
    chorley_db_fixture,
    postgresql_db_fixture,
    postgresql_schema_fixture,
)
from sqlalchemy import create_engine

from psr_adapters.http.store import Store
from psr_adapters.sql import Recorder, database_url


@pytest.fixture(name="refreshes")
def refreshes_fixture(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time a server brings its held history up to date (asking the database which revision it is at)."""
    made: list[int] = []
    original: Callable[[Store], None] = Store._refresh

    def counted(self: Store) -> None:
        made.append(1)
        original(self)

    monkeypatch.setattr(Store, "_refresh", counted)
    return made


def _location(api: Api) -> Any:
    answer = api.client.get("/v1/meetings/exec-2015-07-14", headers=api.headers())
    assert answer.status_code == 200
    return answer.json().get("location")


def test_a_token_check_carries_the_revision_so_a_held_history_needs_no_second_question(
    api: Api, refreshes: list[int]
) -> None:
    _location(api)
    held = len(refreshes)
    for _ in range(3):
        assert _location(api) == "Chorley Town Hall"
    assert len(refreshes) == held
    with Recorder(api.url) as other:
        stored = other.meeting("exec-2015-07-14")
        moved = attrs.evolve(stored.value, location="Union Street Offices", attendance=(), items=())
        other.update_meeting(moved, version=stored.version)
    assert _location(api) == "Union Street Offices"
    assert len(refreshes) == held + 1


def test_a_revoked_token_is_refused_on_the_next_request(api: Api) -> None:
    assert api.client.get("/v1/groups", headers=api.headers()).status_code == 200
    api.access.revoke_token(api.read_token)
    assert api.client.get("/v1/groups", headers=api.headers()).status_code == 401


def test_a_server_on_postgresql_loses_no_request_when_its_pooled_connections_are_dropped(
    postgresql_db: str,
) -> None:
    """The server's engine does not test each connection before use: the first query of a request (the
    token or the feed) finds a dropped connection and is read again on a fresh one."""
    api = Api(postgresql_db)
    try:
        feed = f"/v1/calendars/{api.access.create_feed(group='exec').secret}.ics"
        assert api.client.get("/v1/groups", headers=api.headers()).status_code == 200
        assert api.client.get(feed).status_code == 200
        engine = api.app.state.store.engine
        held = [engine.connect() for _ in range(engine.pool.checkedin())]
        pids = [c.exec_driver_sql("SELECT pg_backend_pid()").scalar() for c in held]
        for connection in held:
            connection.close()
        assert pids
        killer = create_engine(database_url(postgresql_db))
        try:
            with killer.connect() as connection:
                for pid in pids:
                    connection.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        finally:
            killer.dispose()
        assert api.client.get("/v1/groups", headers=api.headers()).status_code == 200
        assert api.client.get(feed).status_code == 200
    finally:
        api.close()
