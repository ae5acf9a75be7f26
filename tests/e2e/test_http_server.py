"""``psr serve`` as a user runs it: a real uvicorn process on 127.0.0.1 (a free port), a token and a feed
made with ``psr token create`` and ``psr feed create``, and requests over the loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"


# The psr command with serve, token and feed on it, whether or not cli/app.py registers them yet.
PSR = [
    sys.executable,
    "-c",
    "from psr_adapters.cli.app import psr; from psr_adapters.cli.serve import feed, serve, token; "
    "[psr.add_command(c) for c in (serve, token, feed)]; psr()",
]


def psr(*args: str) -> str:
    done = subprocess.run([*PSR, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Served:
    """A running ``psr serve``: its address, its database, and the file its log goes to."""

    def __init__(self, tmp_path: Path, *options: str) -> None:
        self.db = f"sqlite:///{tmp_path / 'psr.db'}"
        psr("db", "import", str(CHORLEY), "--db", self.db)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.log = tmp_path / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*PSR, "serve", "--db", self.db, "--port", str(port), "--base-url", self.base, *options],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                assert self.process.poll() is None, self.log.read_text()
                assert time.monotonic() < deadline, "the server did not start within 30 s"
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    served = Served(tmp_path)
    try:
        yield served.base, served.db
    finally:
        served.stop()


def test_a_real_server_serves_findings_to_a_token_and_a_calendar_to_a_feed_url(
    server: tuple[str, str],
) -> None:
    base, db = server
    token = psr("token", "create", "--scope", "read", "--db", db).strip().splitlines()[-1]
    url = psr("feed", "create", "--group", "exec", "--db", db, "--base-url", base).strip().splitlines()[-1]
    assert url.startswith(f"{base}/v1/calendars/")
    assert url.endswith(".ics")
    findings = f"{base}/v1/partnerships/chorley/findings?as_of=2016-01-01"
    assert httpx.get(findings).status_code == 401
    answer = httpx.get(findings, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["as_of"] == "2016-01-01"
    calendar = httpx.get(url)
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert httpx.get(url, headers={"If-None-Match": calendar.headers["etag"]}).status_code == 304
    psr("feed", "revoke", url, "--db", db)
    assert httpx.get(url).status_code == 410
    psr("token", "revoke", token, "--db", db)
    assert httpx.get(findings, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "psr"


def test_the_access_log_never_shows_a_feeds_secret(tmp_path: Path) -> None:
    served = Served(tmp_path)
    try:
        url = psr("feed", "create", "--group", "exec", "--db", served.db, "--base-url", served.base)
        url = url.strip().splitlines()[-1]
        assert httpx.get(url).status_code == 200
        assert httpx.get(url.replace(".ics", "x.ics")).status_code == 404
    finally:
        served.stop()
    logged = served.log.read_text()
    secret = url.rsplit("/", 1)[-1].removesuffix(".ics")
    assert "/v1/calendars/[secret].ics" in logged
    assert secret not in logged


def test_a_connection_that_sends_nothing_is_closed_after_the_idle_time(tmp_path: Path) -> None:
    served = Served(tmp_path, "--idle-seconds", "1")
    try:
        host, port = served.base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as idle:
            idle.sendall(b"GET /v1/policies HTTP/1.1\r\nHost: x")  # a request head never finished
            began = time.monotonic()
            assert idle.recv(1024) == b""  # closed by the server
            assert time.monotonic() - began < 5
    finally:
        served.stop()


def test_two_workers_each_see_a_write_through_the_other_on_the_next_request(tmp_path: Path) -> None:
    served = Served(tmp_path, "--workers", "2")
    try:
        write = psr("token", "create", "--scope", "write", "--db", served.db).strip().splitlines()[-1]
        headers = {"Authorization": f"Bearer {write}"}
        with httpx.Client(base_url=served.base, headers=headers) as warm:
            for _ in range(20):  # every worker holds the history before the write
                assert warm.get("/v1/meetings/exec-2015-07-14").status_code == 200
        meeting = {"id": "exec-extra", "groups": ["exec"], "start": "2016-02-23T10:00", "status": "held"}
        assert httpx.post(f"{served.base}/v1/meetings", json=meeting, headers=headers).status_code == 201
        for _ in range(20):  # a new connection each time, so that either worker may answer
            assert httpx.get(f"{served.base}/v1/meetings/exec-extra", headers=headers).status_code == 200
    finally:
        served.stop()


def test_a_partnership_feed_made_on_the_command_line_serves_every_meeting_of_its_groups(
    server: tuple[str, str],
) -> None:
    base, db = server
    made = psr("feed", "create", "--partnership", "chorley", "--db", db, "--base-url", base)
    url = made.strip().splitlines()[-1]
    calendar = httpx.get(url)
    assert calendar.status_code == 200
    for meeting in ("board-2015-06-16", "exec-2015-07-14", "ig-2015-07-28"):
        assert f"UID:meeting-{meeting}@psr" in calendar.text
    assert "partnership chorley" in psr("feed", "list", "--db", db)
    wrong = subprocess.run(
        [*PSR, "feed", "create", "--partnership", "nowhere", "--db", db], capture_output=True, text=True
    )
    assert wrong.returncode == 2
    assert "no partnership has the id 'nowhere'" in wrong.stderr
    both = subprocess.run(
        [*PSR, "feed", "create", "--partnership", "chorley", "--group", "exec", "--db", db],
        capture_output=True,
        text=True,
    )
    assert both.returncode == 2
    assert "one of them" in both.stderr
