"""The new details of the minutes over HTTP: a meeting's url, who accepted an exceptional reason and when,
and whether a member with an interest took part in the discussion, written and read back as a dataset
file writes them."""

from __future__ import annotations

from http_api import Api, api_fixture, chorley_db_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.sql import load_history

MEETING = {
    "id": "exec-extra",
    "groups": ["exec"],
    "start": "2016-02-23T10:00",
    "status": "held",
    "url": "https://chorley.example/exec/2016-02-23",
}


def test_a_meeting_records_where_its_papers_are(api: Api) -> None:
    answer = api.client.post("/v1/meetings", json=MEETING, headers=api.headers("write"))
    assert answer.status_code == 201
    assert answer.json()["meeting"]["url"] == MEETING["url"]
    assert api.client.get("/v1/meetings/exec-extra", headers=api.headers()).json()["url"] == MEETING["url"]
    bad = api.client.post(
        "/v1/meetings", json={**MEETING, "id": "x", "url": "chorley"}, headers=api.headers("write")
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["path"] == "url"


def test_an_exceptional_reason_records_who_accepted_it_and_when(api: Api) -> None:
    api.client.post("/v1/meetings", json=MEETING, headers=api.headers("write"))
    body = {
        "person": "gary-hall",
        "status": "apologies",
        "exceptional": {
            "reason": "bereavement",
            "accepted_by": "alistair-bradley",
            "accepted_on": "2016-02-20",
        },
    }
    answer = api.client.post("/v1/meetings/exec-extra/attendance", json=body, headers=api.headers("write"))
    assert answer.status_code == 201, answer.json()
    assert answer.json()["entry"]["exceptional"] == body["exceptional"]
    meeting = next(m for m in load_history(api.url).meetings if m.id == "exec-extra")
    entry = next(a for a in meeting.attendance if a.person == "gary-hall")
    assert (entry.exceptional, entry.exceptional_accepted_by) == ("bereavement", "alistair-bradley")


def test_a_declaration_records_whether_the_member_took_part(api: Api) -> None:
    api.client.post("/v1/meetings", json=MEETING, headers=api.headers("write"))
    item = {"id": "1", "title": "Locality working"}
    assert (
        api.client.post("/v1/meetings/exec-extra/items", json=item, headers=api.headers("write")).status_code
        == 201
    )
    declaration = {
        "person": "gary-hall",
        "interest": "prejudicial",
        "nature": "a relative bids",
        "took_part": False,
    }
    answer = api.client.post(
        "/v1/meetings/exec-extra/items/1/declarations", json=declaration, headers=api.headers("write")
    )
    assert answer.status_code == 201
    read = api.client.get("/v1/meetings/exec-extra/items/1", headers=api.headers()).json()
    assert read["item"]["declarations"][0]["took_part"] is False
