"""Casework over HTTP: a host application records what the partnership did about a finding, the findings
it reads carry their id, status and responses and can be filtered by status, and responses are only ever
appended, by any number of writers at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from http_api import (  # noqa: F401 (fixtures, found by pytest by name)
    Api,
    api_fixture,
    chorley_db_fixture,
    postgresql_db_fixture,
    postgresql_schema_fixture,
)

from psr_adapters.sql.responses import stored_responses

LATE_AGENDA = "meeting.agenda-notice.2015-08-11.e30a49288a74da06"
"""The agenda of exec-2015-08-11 went out four days ahead (clause 1.7.1): a breach raised that day."""
RESPONSES = f"/v1/partnerships/chorley/findings/{LATE_AGENDA}/responses"
FINDINGS = "/v1/partnerships/chorley/findings?as_of=2016-01-01"


def findings(api: Api, query: str = "") -> list[dict[str, Any]]:
    answer = api.client.get(FINDINGS + query, headers=api.headers())
    assert answer.status_code == 200
    found: list[dict[str, Any]] = answer.json()["findings"]
    return found


def late_agenda(api: Api) -> dict[str, Any]:
    return next(f for f in findings(api) if f["id"] == LATE_AGENDA)


def test_every_finding_carries_its_id_an_open_status_and_no_responses_at_first(api: Api) -> None:
    found = findings(api)
    assert found
    assert {f["status"] for f in found} == {"open"}
    assert all(f["responses"] == [] for f in found)


def test_a_response_is_recorded_and_the_findings_show_it(api: Api) -> None:
    body = {"action": "explanation-requested", "by": "alistair-bradley", "on": "2015-08-20", "note": "asked"}
    answer = api.client.post(RESPONSES, json=body, headers=api.headers("write"))
    assert answer.status_code == 201
    recorded = {"finding": LATE_AGENDA, **body}
    assert answer.json()["response"] == recorded
    assert answer.json()["finding"]["status"] == "acknowledged"
    assert answer.json()["finding"]["id"] == LATE_AGENDA
    assert late_agenda(api)["status"] == "acknowledged"
    assert late_agenda(api)["responses"] == [recorded]
    waived = {"action": "waived", "by": "alistair-bradley", "on": "2015-09-01"}
    assert api.client.post(RESPONSES, json=waived, headers=api.headers("write")).status_code == 201
    assert late_agenda(api)["status"] == "waived"
    assert [r["action"] for r in late_agenda(api)["responses"]] == ["explanation-requested", "waived"]


def test_findings_are_filtered_by_status(api: Api) -> None:
    body = {"action": "resolved", "by": "gary-hall", "on": "2015-08-20"}
    assert api.client.post(RESPONSES, json=body, headers=api.headers("write")).status_code == 201
    assert [f["id"] for f in findings(api, "&status=resolved")] == [LATE_AGENDA]
    still_open = findings(api, "&status=open")
    assert LATE_AGENDA not in {f["id"] for f in still_open}
    both = findings(api, "&status=open&status=resolved")
    assert len(both) == len(still_open) + 1 == len(findings(api))
    assert findings(api, "&status=waived") == []
    bad = api.client.get(FINDINGS + "&status=forgotten", headers=api.headers())
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"].startswith("query.status")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/v1/partnerships/chorley/findings/not-a-finding/responses",
            {"action": "waived", "by": "gary-hall"},
        ),
        (RESPONSES, {"action": "waived", "by": "gary-hall", "on": "2015-08-10"}),  # the day before it arose
        (
            f"/v1/partnerships/nowhere/findings/{LATE_AGENDA}/responses",
            {"action": "waived", "by": "gary-hall"},
        ),
    ],
    ids=["unknown finding", "not raised that day", "unknown partnership"],
)
def test_a_response_to_a_finding_not_raised_on_its_day_is_404_and_nothing_is_written(
    api: Api, path: str, body: dict[str, Any]
) -> None:
    answer = api.client.post(path, json=body, headers=api.headers("write"))
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert stored_responses(api.url) == []


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"action": "forgiven", "by": "gary-hall", "on": "2015-08-20"}, "action"),
        ({"action": "waived", "by": "nobody", "on": "2015-08-20"}, "by"),
        ({"action": "waived", "by": "gary-hall", "on": "2015-08-32"}, "on"),
        ({"action": "waived", "by": "gary-hall", "on": "1815-08-20"}, "on"),
        ({"action": "waived"}, ""),
        ({"action": "waived", "by": "gary-hall", "finding": "x"}, ""),
        ({"action": "waived", "by": " gary-hall"}, "by"),
        (["waived"], ""),
    ],
    ids=["action", "person", "date", "year", "missing", "extra", "spaced id", "not an object"],
)
def test_a_bad_body_is_422_naming_the_field_and_nothing_is_written(api: Api, body: Any, path: str) -> None:
    answer = api.client.post(RESPONSES, json=body, headers=api.headers("write"))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == path
    assert stored_responses(api.url) == []


def test_no_route_changes_or_deletes_a_response(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    methods = {method for path, ops in paths.items() if "responses" in path for method in ops}
    assert methods == {"post"}


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request: pytest.FixtureRequest) -> Iterator[Api]:
    url = request.getfixturevalue("chorley_db" if request.param == "sqlite" else "postgresql_db")
    made = Api(url)
    yield made
    made.close()


def test_two_writers_responding_to_the_same_finding_at_once_both_land_in_order(shared: Api) -> None:
    writers = ("alistair-bradley", "gary-hall")
    rounds = 4
    start = threading.Barrier(len(writers))
    statuses: list[int] = []

    def respond(person: str) -> None:
        start.wait()
        for n in range(rounds):
            body = {"action": "acknowledged", "by": person, "on": "2015-08-20", "note": f"{person} {n}"}
            answer = shared.client.post(RESPONSES, json=body, headers=shared.headers("write"))
            statuses.append(answer.status_code)

    threads = [threading.Thread(target=respond, args=(person,)) for person in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [201] * rounds * len(writers)
    stored = stored_responses(shared.url)
    assert len(stored) == rounds * len(writers)
    for person in writers:
        assert [r.note for r in stored if r.by == person] == [f"{person} {n}" for n in range(rounds)]
    served = [r["note"] for r in late_agenda(shared)["responses"]]
    assert served == [r.note for r in stored]


def test_findings_as_of_a_day_outside_the_years_1900_to_2199_are_422_naming_the_parameter(api: Api) -> None:
    answer = api.client.get("/v1/partnerships/chorley/findings?as_of=9999-12-31", headers=api.headers())
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "query.as_of"
