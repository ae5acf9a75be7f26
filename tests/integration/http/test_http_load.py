"""Under load: the history is read once however many requests arrive together, a write is put in place
rather than read again, and a second server on the same database sees another's write on its next
request by asking for the revision, not by reading the whole history again. The findings served after
writes are those of the stored history evaluated afresh."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import pytest
from http_api import CHORLEY, Api, chorley_db_fixture, postgresql_db_fixture, postgresql_schema_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.dataset import read_dataset
from psr_adapters.http.store import Store
from psr_adapters.rendering.findings_json import evaluation_document
from psr_adapters.sql import import_history, load_history
from psr_core import Evaluation, built_in_policy, evaluate

CONCURRENT = 8
AS_OF = "2016-06-30"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("chorley_db" if request.param == "sqlite" else "postgresql_db"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time any server read the whole history."""
    counted: list[int] = []
    original = Store._load

    def load(self: Store) -> None:
        counted.append(1)
        original(self)

    monkeypatch.setattr(Store, "_load", load)
    return counted


@pytest.fixture
def api(url: str) -> Iterator[Api]:
    made = Api(url)
    yield made
    made.close()


def _findings(api: Api, as_of: str = AS_OF) -> dict[str, Any]:
    answer = api.client.get(f"/v1/partnerships/chorley/findings?as_of={as_of}", headers=api.headers())
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def _afresh(url: str, as_of: str = AS_OF) -> dict[str, Any]:
    from datetime import date

    history = load_history(url)
    evaluation = evaluate(history, built_in_policy("chorley-2015"), date.fromisoformat(as_of))
    own = Evaluation(
        as_of=evaluation.as_of,
        findings=tuple(f for f in evaluation.findings if f.partnership == "chorley"),
        policies={k: v for k, v in evaluation.policies.items() if k == "chorley"},
    )
    document: dict[str, Any] = json.loads(json.dumps(evaluation_document(own)))
    return document


def test_requests_arriving_together_read_the_history_once(api: Api, loads: list[int]) -> None:
    def ask(_n: int) -> int:
        paths = ["/v1/groups?limit=1", f"/v1/partnerships/chorley/findings?as_of={AS_OF}"]
        return int(api.client.get(paths[_n % 2], headers=api.headers()).status_code)

    with ThreadPoolExecutor(CONCURRENT) as pool:
        statuses = list(pool.map(ask, range(CONCURRENT * 4)))
    assert statuses == [200] * (CONCURRENT * 4)
    assert len(loads) == 1


def test_writes_are_put_in_place_and_the_findings_are_those_of_the_stored_history(
    api: Api, url: str, loads: list[int]
) -> None:
    before = _findings(api)
    write = api.headers("write")
    meeting = {"id": "exec-extra-2016", "groups": ["exec"], "start": "2016-05-20T10:00", "status": "held"}
    assert api.client.post("/v1/meetings", json=meeting, headers=write).status_code == 201
    for person in ("gary-hall", "alistair-bradley"):
        body = {"person": person, "status": "absent"}
        answer = api.client.post("/v1/meetings/exec-extra-2016/attendance", json=body, headers=write)
        assert answer.status_code == 201, answer.text
    after = _findings(api)
    assert after == _afresh(url)
    assert after != before
    listed = api.client.get("/v1/meetings?limit=500", headers=api.headers()).json()["items"]
    assert listed[-1]["id"] == "exec-extra-2016"
    assert sorted(listed[-1]["attendance"]) == ["alistair-bradley", "gary-hall"]
    assert len(loads) == 1


def test_a_second_server_sees_a_write_on_its_next_request_without_reading_everything_again(url: str) -> None:
    first, second = Api(url, cache_seconds=60), Api(url, cache_seconds=0)
    try:
        assert _findings(second) == _afresh(url)
        write = first.headers("write")
        meeting = {"id": "exec-extra-2016", "groups": ["exec"], "start": "2016-05-20T10:00", "status": "held"}
        assert first.client.post("/v1/meetings", json=meeting, headers=write).status_code == 201
        seen = second.client.get("/v1/meetings/exec-extra-2016", headers=second.headers())
        assert seen.status_code == 200
        assert _findings(second) == _afresh(url)
        assert second.app.state.store.loads == 1  # once, at its first request
    finally:
        first.close()
        second.close()


def test_an_import_through_psr_makes_every_server_read_the_history_again(url: str, loads: list[int]) -> None:
    served = Api(url)
    try:
        path = "/v1/meetings/exec-2015-07-14"
        assert served.client.get(path, headers=served.headers()).status_code == 200
        history = read_dataset(CHORLEY)
        kept = [m for m in history.meetings if m.id != "exec-2015-07-14"]
        import_history(attrs.evolve(history, meetings=kept), url, replace=True)
        assert served.client.get(path, headers=served.headers()).status_code == 404
        assert len(loads) == 2
    finally:
        served.close()


def test_findings_on_several_days_stay_those_of_the_stored_history_through_changes(
    api: Api, url: str
) -> None:
    days = ["2015-08-01", "2015-12-31", AS_OF]
    for day in days:
        assert _findings(api, day) == _afresh(url, day)
    write = api.headers("write")
    path = "/v1/meetings/exec-2015-07-14/attendance"
    current = api.client.get(f"{path}/gary-hall", headers=api.headers()).json()
    body = {"person": "gary-hall", "status": "absent", "version": current["version"]}
    assert api.client.post(path, json=body, headers=write).status_code == 200
    early = {"id": "exec-2015-06-30", "groups": ["exec"], "start": "2015-06-30T10:00", "status": "held"}
    assert api.client.post("/v1/meetings", json=early, headers=write).status_code == 201
    late = {"id": "exec-2016-06-01", "groups": ["exec"], "start": "2016-06-01T10:00", "status": "held"}
    assert api.client.post("/v1/meetings", json=late, headers=write).status_code == 201
    for day in days:
        assert _findings(api, day) == _afresh(url, day)


def test_requests_arriving_together_make_one_copy_of_the_dataset_document(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays bounded by one copy: eight listings at once on a cold server build one document."""
    import psr_adapters.http.store as store_module

    made: list[int] = []
    original = getattr(store_module, "document_from_history")  # noqa: B009 (not exported, patched here)

    def counted(history: Any) -> Any:
        made.append(1)
        time.sleep(0.2)  # a large history takes a while: long enough for the others to arrive
        return original(history)

    monkeypatch.setattr(store_module, "document_from_history", counted)

    def ask(_n: int) -> int:
        return int(api.client.get("/v1/groups?limit=1", headers=api.headers()).status_code)

    with ThreadPoolExecutor(CONCURRENT) as pool:
        assert list(pool.map(ask, range(CONCURRENT))) == [200] * CONCURRENT
    findings = api.client.get(f"/v1/partnerships/chorley/findings?as_of={AS_OF}", headers=api.headers())
    assert findings.status_code == 200
    assert len(made) == 1
