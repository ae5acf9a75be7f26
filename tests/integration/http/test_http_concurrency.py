"""Concurrent writers through the API lose nothing: every attendance recorded by many clients at once is
there afterwards, and of two writers changing the same entry from the same version exactly one wins."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from http_api import Api, chorley_db_fixture, postgresql_db_fixture, postgresql_schema_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.sql import load_history

WRITERS = 8


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request: pytest.FixtureRequest) -> Iterator[Api]:
    url = request.getfixturevalue("chorley_db" if request.param == "sqlite" else "postgresql_db")
    made = Api(url)
    yield made
    made.close()


def test_many_writers_recording_attendance_at_once_lose_nothing(shared: Api) -> None:
    write = shared.headers("write")
    meeting = {"id": "exec-busy", "groups": ["exec"], "start": "2016-02-23T10:00", "status": "held"}
    assert shared.client.post("/v1/meetings", json=meeting, headers=write).status_code == 201
    people = [p.id for p in load_history(shared.url).people][:24]

    def record(person: str) -> int:
        body = {"person": person, "status": "present"}
        answer = shared.client.post("/v1/meetings/exec-busy/attendance", json=body, headers=write)
        return int(answer.status_code)

    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = list(pool.map(record, people))
    assert statuses == [201] * len(people)
    stored = next(m for m in load_history(shared.url).meetings if m.id == "exec-busy")
    assert sorted(a.person for a in stored.attendance) == sorted(people)
    served = shared.client.get("/v1/meetings/exec-busy", headers=shared.headers()).json()
    assert sorted(served["attendance"]) == sorted(people)


def test_of_writers_changing_one_entry_from_the_same_version_exactly_one_wins(shared: Api) -> None:
    write = shared.headers("write")
    path = "/v1/meetings/exec-2015-07-14/attendance"

    def change(status: str) -> int:
        body = {"person": "gary-hall", "status": status, "version": 1}
        return int(shared.client.post(path, json=body, headers=write).status_code)

    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = list(pool.map(change, ["apologies", "absent"] * (WRITERS // 2)))
    assert sorted(statuses) == [200] + [409] * (WRITERS - 1)
    read = shared.client.get(f"{path}/gary-hall", headers=shared.headers()).json()
    assert read["version"] == 2
