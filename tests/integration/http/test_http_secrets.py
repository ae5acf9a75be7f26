"""Quiet about secrets: answers a browser or a shared cache cannot misuse, no outside scripts, tokens that
expire and say when they were last used, listings that never show a secret, bodies that must arrive."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from click.testing import CliRunner
from http_api import Api, chorley_db_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.cli.serve import feed, token
from psr_adapters.sql.access import Scope


@pytest.fixture
def api(chorley_db: str) -> Iterator[Api]:
    made = Api(chorley_db)
    yield made
    made.close()


def test_every_answer_carries_the_security_headers(api: Api) -> None:
    secret = api.access.create_feed(group="exec").secret
    for answer in (
        api.client.get("/v1/groups", headers=api.headers()),
        api.client.get("/v1/groups"),
        api.client.get(f"/v1/calendars/{secret}.ics"),
    ):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"].startswith("private")


def test_the_interactive_pages_are_off_unless_asked_for(chorley_db: str) -> None:
    quiet = Api(chorley_db)
    shown = Api(chorley_db, docs=True)
    try:
        assert quiet.client.get("/docs").status_code == 404
        assert quiet.client.get("/redoc").status_code == 404
        assert quiet.client.get("/openapi.json").status_code == 200
        assert shown.client.get("/docs").status_code == 200
    finally:
        quiet.close()
        shown.close()


def test_an_expired_token_is_refused_and_a_live_one_notes_when_it_was_used(api: Api) -> None:
    past = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1)
    expired = api.access.create_token(Scope.READ, expires=past).secret
    assert api.client.get("/v1/groups", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    future = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    live = api.access.create_token(Scope.READ, "host app", expires=future)
    assert api.client.get("/v1/groups", headers={"Authorization": f"Bearer {live.secret}"}).status_code == 200
    listed = {t.id: t for t in api.access.tokens()}
    assert listed[live.id].last_used is not None
    assert listed[live.id].expires is not None
    assert listed[live.id].what == "read (host app)"


def test_token_and_feed_listings_show_ids_and_use_never_secrets(api: Api) -> None:
    made = api.access.create_feed(person="gary-hall")
    assert api.client.get(f"/v1/calendars/{made.secret}.ics").status_code == 200
    runner = CliRunner()
    tokens = runner.invoke(token, ["list", "--db", api.url])
    feeds = runner.invoke(feed, ["list", "--db", api.url])
    assert tokens.exit_code == 0, tokens.output
    assert feeds.exit_code == 0, feeds.output
    assert api.read_token not in tokens.output
    assert api.write_token not in tokens.output
    assert made.secret not in feeds.output
    line = next(line for line in feeds.output.splitlines() if line.startswith(made.id))
    assert "person gary-hall" in line
    assert line.split()[-1] == "-"  # not revoked
    assert "read" in tokens.output
    assert "write" in tokens.output


def test_a_body_that_does_not_arrive_in_time_is_answered_408(chorley_db: str) -> None:
    slow = Api(chorley_db, body_seconds=0.2)

    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"id": "exec-slow", '
        await asyncio.sleep(1)
        yield b'"groups": ["exec"], "start": "2016-02-23T10:00", "status": "held"}'

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=slow.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://psr") as client:
            headers = {**slow.headers("write"), "Content-Type": "application/json"}
            return await client.post("/v1/meetings", content=trickle(), headers=headers)

    try:
        answer = asyncio.run(send())
        assert answer.status_code == 408
        assert slow.client.get("/v1/meetings/exec-slow", headers=slow.headers()).status_code == 404
    finally:
        slow.close()


def test_a_feed_answers_head_with_its_headers_and_no_body(api: Api) -> None:
    secret = api.access.create_feed(group="exec").secret
    got = api.client.get(f"/v1/calendars/{secret}.ics")
    head = api.client.head(f"/v1/calendars/{secret}.ics")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-length"] == str(len(got.content))
    assert api.client.head("/v1/calendars/psrf_unknown.ics").status_code == 404


def test_event_uids_end_in_the_servers_uid_domain(chorley_db: str) -> None:
    served = Api(chorley_db, uid_domain="psr.example.org")
    try:
        secret = served.access.create_feed(group="exec").secret
        body = served.client.get(f"/v1/calendars/{secret}.ics").text
        assert "UID:meeting-exec-2015-07-14@psr.example.org" in body
    finally:
        served.close()
