"""Hostile and out-of-range requests are refused before anything is written, and nothing fails after a
write is committed: ids with control characters or spaces at either end, days outside the years 1900 to
2199, versions beyond the database's column, bodies naming a key twice. Problem details never name the
database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from http_api import Api, chorley_db_fixture, postgresql_db_fixture, postgresql_schema_fixture  # noqa: F401 (fixtures, found by pytest by name)

MEETING = "exec-2015-07-14"
NEW = {"groups": ["exec"], "start": "2016-02-23T10:00", "status": "held"}


@pytest.fixture(params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest) -> Iterator[Api]:
    url = request.getfixturevalue("chorley_db" if request.param == "sqlite" else "postgresql_db")
    made = Api(url)
    yield made
    made.close()


def _meetings(api: Api) -> list[str]:
    listed = api.client.get("/v1/meetings?limit=500", headers=api.headers()).json()["items"]
    return [m["id"] for m in listed]


def test_a_meeting_with_any_letters_in_its_id_gets_a_location_that_reads_it_back(api: Api) -> None:
    meeting_id = "réunion-ü-会议 2016"
    answer = api.client.post("/v1/meetings", json={"id": meeting_id, **NEW}, headers=api.headers("write"))
    assert answer.status_code == 201
    assert answer.headers["location"] == "/v1/meetings/" + quote(meeting_id, safe="")
    read = api.client.get(answer.headers["location"], headers=api.headers())
    assert read.status_code == 200
    assert read.json()["id"] == meeting_id


@pytest.mark.parametrize("bad", [f"{MEETING} ", "exec\r\nSet-Cookie: x=1", "exec\x00", "exec\x7f", "\texec"])
def test_a_meeting_id_with_a_control_character_or_an_outer_space_is_refused_and_not_stored(
    api: Api, bad: str
) -> None:
    before = _meetings(api)
    answer = api.client.post("/v1/meetings", json={"id": bad, **NEW}, headers=api.headers("write"))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert _meetings(api) == before


@pytest.mark.parametrize(
    "path",
    [
        "/v1/meetings/exec%00",
        "/v1/meetings/exec%20",
        "/v1/meetings/exec%00/attendance/gary-hall",
        f"/v1/meetings/{MEETING}/items/3%00",
        "/v1/partnerships/chorley%00/findings?as_of=2016-01-01",
    ],
)
def test_an_id_with_a_nul_or_an_outer_space_in_the_path_is_refused_not_an_error(api: Api, path: str) -> None:
    answer = api.client.get(path, headers=api.headers())
    assert answer.status_code == 422, answer.text


def test_a_write_naming_a_meeting_with_a_nul_is_refused_not_an_error(api: Api) -> None:
    body = {"person": "gary-hall", "status": "present"}
    answer = api.client.post("/v1/meetings/exec%00/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9000-01-01", "9999-12-31"])
def test_findings_as_of_a_day_outside_the_years_1900_to_2199_are_refused_at_once(api: Api, day: str) -> None:
    answer = api.client.get(f"/v1/partnerships/chorley/findings?as_of={day}", headers=api.headers())
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["path"] == "query.as_of"
    assert "1900 to 2199" in answer.json()["detail"]


@pytest.mark.parametrize("start", ["0001-01-01T10:00", "1899-12-31T10:00", "2200-01-01T10:00"])
def test_a_meeting_outside_the_years_1900_to_2199_is_refused_so_its_feed_keeps_working(
    api: Api, start: str
) -> None:
    body = {**NEW, "id": "exec-ancient", "start": start}
    answer = api.client.post("/v1/meetings", json=body, headers=api.headers("write"))
    assert answer.status_code == 422, answer.text
    assert "exec-ancient" not in _meetings(api)
    secret = api.access.create_feed(group="exec").secret
    assert api.client.get(f"/v1/calendars/{secret}.ics").status_code == 200


@pytest.mark.parametrize("version", [2**31, 2**63, 10**30])
def test_a_version_beyond_the_databases_column_is_refused(api: Api, version: int) -> None:
    body: dict[str, Any] = {"person": "gary-hall", "status": "present", "version": version}
    answer = api.client.post(f"/v1/meetings/{MEETING}/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["path"] == "version"
    decision = {"method": "chair", "version": version}
    path = f"/v1/meetings/{MEETING}/items/3/decision"
    assert api.client.put(path, json=decision, headers=api.headers("write")).status_code == 422


def test_a_body_naming_a_key_twice_is_refused(api: Api) -> None:
    body = (
        b'{"id": "exec-twice", "groups": ["exec"], "start": "2016-02-23T10:00", "status": "held", "id": "x"}'
    )
    headers = {**api.headers("write"), "Content-Type": "application/json"}
    answer = api.client.post("/v1/meetings", content=body, headers=headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["path"] == "id"
    assert "exec-twice" not in _meetings(api)
    assert "x" not in _meetings(api)


def test_a_problem_detail_never_names_the_database(api: Api) -> None:
    body = {"person": "gary-hall", "status": "present"}
    answer = api.client.post("/v1/meetings/nowhere/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 404
    text = answer.text
    for name in ("sqlite", "postgresql", "psr.db", api.url):
        assert name not in text
    assert "no meeting has the id 'nowhere'" in answer.json()["detail"]
