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


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db = f"sqlite:///{tmp_path / 'psr.db'}"
    psr("db", "import", str(CHORLEY), "--db", db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [*PSR, "serve", "--db", db, "--port", str(port), "--base-url", base],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, "the server stopped: run `psr serve` by hand to see why"
                assert time.monotonic() < deadline, "the server did not start within 20 s"
                time.sleep(0.1)
        yield base, db
    finally:
        process.terminate()
        process.wait(timeout=10)


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
