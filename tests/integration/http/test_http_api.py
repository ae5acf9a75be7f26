"""The JSON endpoints through the test client: every one refuses a request without a token (401) and with
a token of the wrong scope (403); reads serve the records as a dataset file writes them; findings are the
JSON of ``psr check --format json``; writes go through the recording API; errors are problem details."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from http_api import CHORLEY, Api, api_fixture, chorley_db_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.cli.app import psr

MEETING = "exec-2015-07-14"
LATE_AGENDA = "meeting.agenda-notice.2015-08-11.e30a49288a74da06"
"""The id of the finding that the agenda of exec-2015-08-11 went out four days ahead."""
NEW_MEETING = {"id": "exec-extra", "groups": ["exec"], "start": "2016-02-23T10:00", "status": "held"}

READS = [
    "/v1/partnerships",
    "/v1/partnerships/chorley",
    "/v1/organisations",
    "/v1/organisations/chorley-council",
    "/v1/people",
    "/v1/people/gary-hall",
    "/v1/groups",
    "/v1/groups/exec",
    "/v1/meetings",
    f"/v1/meetings/{MEETING}",
    "/v1/memberships",
    "/v1/memberships/1",
    f"/v1/meetings/{MEETING}/attendance/gary-hall",
    f"/v1/meetings/{MEETING}/items/3",
    "/v1/partnerships/chorley/findings?as_of=2016-01-01",
    "/v1/policies",
    "/v1/policies/chorley-2015",
]
WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/v1/meetings", NEW_MEETING),
    (
        "POST",
        f"/v1/meetings/{MEETING}/attendance",
        {"person": "gary-hall", "status": "present", "version": 1},
    ),
    ("POST", f"/v1/meetings/{MEETING}/items", {"id": "9", "title": "Any other business"}),
    (
        "POST",
        f"/v1/meetings/{MEETING}/items/3/declarations",
        {"person": "gary-hall", "interest": "personal", "nature": "a relative"},
    ),
    ("PUT", f"/v1/meetings/{MEETING}/items/3/decision", {"method": "chair", "version": 1}),
    (
        "POST",
        f"/v1/partnerships/chorley/findings/{LATE_AGENDA}/responses",
        {"action": "waived", "by": "alistair-bradley", "on": "2015-08-20"},
    ),
]


def test_every_route_of_the_api_is_in_the_access_checks_below(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    routes = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
        if path != "/v1/calendars/{token}.ics"  # its token is in the URL: see test_http_calendars
    }
    checked = [("GET", p) for p in READS] + [(m, p) for m, p, _b in WRITES]
    assert len(routes) == len(set(checked)) == len(checked)


@pytest.mark.parametrize("path", READS)
def test_a_read_without_a_token_is_401_and_with_a_read_token_succeeds(api: Api, path: str) -> None:
    refused = api.client.get(path)
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert api.client.get(path, headers={"Authorization": "Bearer psr_not-a-token"}).status_code == 401
    assert api.client.get(path, headers=api.headers("read")).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_write_without_a_token_is_401_with_a_read_token_403_and_with_a_write_token_lands(
    api: Api, method: str, path: str, body: dict[str, Any]
) -> None:
    assert api.client.request(method, path, json=body).status_code == 401
    forbidden = api.client.request(method, path, json=body, headers=api.headers("read"))
    assert forbidden.status_code == 403
    assert forbidden.json()["status"] == 403
    assert api.client.request(method, path, json=body, headers=api.headers("write")).status_code in (200, 201)


def test_a_revoked_token_is_refused(api: Api) -> None:
    api.access.revoke_token(api.read_token)
    assert api.client.get("/v1/people", headers=api.headers("read")).status_code == 401


def test_records_are_served_as_a_dataset_file_writes_them_page_by_page(api: Api) -> None:
    page = api.client.get("/v1/people?limit=5&offset=5", headers=api.headers()).json()
    assert (page["limit"], page["offset"], len(page["items"])) == (5, 5, 5)
    everyone = api.client.get("/v1/people?limit=500", headers=api.headers()).json()
    assert page["items"] == everyone["items"][5:10]
    assert everyone["total"] == len(everyone["items"])
    meeting = api.client.get(f"/v1/meetings/{MEETING}", headers=api.headers()).json()
    assert meeting["attendance"]["gary-hall"] == "present"
    assert meeting["start"] == "2015-07-14T10:00"


def test_a_page_larger_than_the_limit_is_a_problem_naming_the_parameter(api: Api) -> None:
    answer = api.client.get("/v1/people?limit=501", headers=api.headers())
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "query.limit"


def test_an_unknown_record_is_404_as_a_problem(api: Api) -> None:
    answer = api.client.get("/v1/people/nobody", headers=api.headers())
    assert answer.status_code == 404
    assert answer.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "no person has the id 'nobody'",
        "instance": "/v1/people/nobody",
    }


@pytest.mark.parametrize("policy", [None, "chorley-2015-review"])
def test_findings_are_exactly_the_json_of_psr_check(api: Api, policy: str | None) -> None:
    query = "as_of=2016-01-01" + (f"&policy={policy}" if policy else "")
    served = api.client.get(f"/v1/partnerships/chorley/findings?{query}", headers=api.headers())
    args = ["check", str(CHORLEY), "--as-of", "2016-01-01", "--format", "json"]
    printed = CliRunner().invoke(psr, args + (["--policy", policy] if policy else [])).stdout
    assert served.json() == json.loads(printed)
    assert served.text.strip() == printed.strip()


def test_findings_with_a_bad_date_or_an_unknown_policy_name_the_parameter(api: Api) -> None:
    bad_date = api.client.get("/v1/partnerships/chorley/findings?as_of=2016-13-01", headers=api.headers())
    assert bad_date.status_code == 422
    assert bad_date.json()["errors"][0]["path"] == "query.as_of"
    bad_policy = api.client.get("/v1/partnerships/chorley/findings?policy=nope", headers=api.headers())
    assert bad_policy.status_code == 422
    assert bad_policy.json()["errors"][0]["path"] == "query.policy"
    missing = api.client.get("/v1/partnerships/nowhere/findings", headers=api.headers())
    assert missing.status_code == 404


def test_policies_are_listed_and_shown_as_psr_policy_show_prints_them(api: Api) -> None:
    listed = api.client.get("/v1/policies", headers=api.headers()).json()
    assert {p["id"] for p in listed["items"]} >= {"chorley-2015", "chorley-2015-review"}
    shown = api.client.get("/v1/policies/chorley-2015", headers=api.headers()).json()
    printed = CliRunner().invoke(psr, ["policy", "show", "chorley-2015", "--format", "json"]).stdout
    assert shown == json.loads(printed)
    assert api.client.get("/v1/policies/nope", headers=api.headers()).status_code == 404


def test_a_recorded_meeting_is_read_back_and_counts_in_the_findings(api: Api) -> None:
    answer = api.client.post("/v1/meetings", json=NEW_MEETING, headers=api.headers("write"))
    assert answer.status_code == 201
    assert answer.headers["location"] == "/v1/meetings/exec-extra"
    read = api.client.get("/v1/meetings/exec-extra", headers=api.headers()).json()
    assert read == NEW_MEETING
    again = api.client.post("/v1/meetings", json=NEW_MEETING, headers=api.headers("write"))
    assert again.status_code == 409


def test_attendance_is_changed_only_from_the_version_read(api: Api) -> None:
    path = f"/v1/meetings/{MEETING}/attendance"
    write = api.headers("write")
    first = api.client.post(
        path, json={"person": "gary-hall", "status": "apologies", "version": 1}, headers=write
    )
    assert (first.status_code, first.json()["version"]) == (200, 2)
    stale = api.client.post(
        path, json={"person": "gary-hall", "status": "absent", "version": 1}, headers=write
    )
    assert stale.status_code == 409
    assert "another writer" in stale.json()["detail"]
    read = api.client.get(f"{path}/gary-hall", headers=api.headers()).json()
    assert (read["entry"], read["version"]) == ("apologies", 2)
    added = api.client.post(path, json={"person": "gary-hall", "status": "absent"}, headers=write)
    assert added.status_code == 409


@pytest.mark.parametrize(
    ("path", "body", "bad_field"),
    [
        ("/v1/meetings", {**NEW_MEETING, "status": "postponed"}, "status"),
        ("/v1/meetings", {**NEW_MEETING, "start": "12 January"}, "start"),
        ("/v1/meetings", {**NEW_MEETING, "colour": "red"}, "colour"),
        (f"/v1/meetings/{MEETING}/attendance", {"person": "gary-hall", "status": "asleep"}, "status"),
        (
            f"/v1/meetings/{MEETING}/attendance",
            {"person": "gary-hall", "status": "present", "version": 0},
            "version",
        ),
        (
            f"/v1/meetings/{MEETING}/items/3/declarations",
            {"person": "gary-hall", "interest": "big"},
            "interest",
        ),
        (f"/v1/meetings/{MEETING}/items", {"title": "no id"}, ""),
    ],
)
def test_a_body_that_breaks_the_dataset_rules_is_422_with_the_path_of_the_bad_field(
    api: Api, path: str, body: dict[str, Any], bad_field: str
) -> None:
    answer = api.client.post(path, json=body, headers=api.headers("write"))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["title"] == "Invalid request"
    assert bad_field in [error["path"] for error in problem["errors"]]


def test_a_deputy_without_the_status_deputy_is_refused_by_the_recording_checks(api: Api) -> None:
    body = {"person": "gary-hall", "status": "present", "deputy": "louise-giles", "version": 1}
    answer = api.client.post(f"/v1/meetings/{MEETING}/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 422
    assert answer.json()["errors"]


def test_a_body_naming_an_unknown_person_is_404(api: Api) -> None:
    body = {"person": "nobody", "status": "present"}
    answer = api.client.post(f"/v1/meetings/{MEETING}/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 404
    assert "nobody" in answer.json()["detail"]


def test_bodies_that_are_too_large_not_json_or_not_declared_json_are_refused(chorley_db: str) -> None:
    small = Api(chorley_db, max_body_bytes=100)
    try:
        write = small.headers("write")
        huge = {**NEW_MEETING, "location": "x" * 200}
        assert small.client.post("/v1/meetings", json=huge, headers=write).status_code == 413
        garbled = small.client.post(
            "/v1/meetings", content=b"{", headers={**write, "Content-Type": "application/json"}
        )
        assert garbled.status_code == 400
        assert small.client.post("/v1/meetings", content=b"{}", headers=write).status_code == 415
    finally:
        small.close()


def test_a_decision_and_a_declaration_land_on_the_item(api: Api) -> None:
    write = api.headers("write")
    item = api.client.post(f"/v1/meetings/{MEETING}/items", json={"id": 7, "title": "Budget"}, headers=write)
    assert item.status_code == 201
    declaration = {"person": "gary-hall", "interest": "prejudicial", "withdrew": True}
    assert (
        api.client.post(
            f"/v1/meetings/{MEETING}/items/7/declarations", json=declaration, headers=write
        ).status_code
        == 201
    )
    vote = {"method": "vote", "for": ["alistair-bradley"], "against": [], "abstain": []}
    decided = api.client.put(f"/v1/meetings/{MEETING}/items/7/decision", json=vote, headers=write)
    assert decided.status_code == 201
    read = api.client.get(f"/v1/meetings/{MEETING}/items/7", headers=api.headers()).json()
    assert read["item"]["declarations"] == [declaration]
    assert read["item"]["decision"]["for"] == ["alistair-bradley"]
    assert read["version"] == 2
