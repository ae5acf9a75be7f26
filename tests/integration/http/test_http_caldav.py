"""A real CalDAV server (Radicale, :rfc:`4791`) stores the events of a served feed unchanged: after a meeting
moved, each event is PUT as a calendar object and read back with the same UID, SEQUENCE, DTSTAMP,
LAST-MODIFIED and start. Radicale runs on 127.0.0.1, on a free port, with its collections in a temporary
folder."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import attrs
import httpx
import pytest
from http_api import Api, api_fixture, chorley_db_fixture  # noqa: F401 (fixtures, found by pytest by name)
from icalendar import Calendar, Event

from psr_adapters.sql import Recorder

pytest.importorskip("radicale", reason="Radicale is in the dev extra")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(name="caldav")
def caldav_fixture(tmp_path: Path) -> Iterator[str]:
    """The address of a fresh calendar collection on a running Radicale."""
    port = _free_port()
    command = [
        sys.executable, "-m", "radicale",
        "--server-hosts", f"127.0.0.1:{port}",
        "--auth-type", "none",
        "--rights-type", "authenticated",
        "--storage-filesystem-folder", str(tmp_path / "collections"),
        "--logging-level", "error",
    ]  # fmt: skip
    log = (tmp_path / "radicale.log").open("wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.request("OPTIONS", f"{base}/", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, (tmp_path / "radicale.log").read_text()
                assert time.monotonic() < deadline, "Radicale did not start within 20 s"
                time.sleep(0.1)
        collection = f"{base}/psr/exec/"
        made = httpx.request("MKCALENDAR", collection, auth=("psr", "x"))
        assert made.status_code == 201, made.text
        yield collection
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _blocks(text: str, name: str) -> list[str]:
    """The components ``name`` of a calendar, as the raw content lines served."""
    begin, end = f"BEGIN:{name}\r\n", f"END:{name}\r\n"
    return [begin + part.split(end)[0] + end for part in text.split(begin)[1:]]


def _kept(event: Event) -> tuple[str, int, object, object, object]:
    """What a calendar program goes by: the UID, SEQUENCE, DTSTAMP, LAST-MODIFIED and start."""
    return (
        str(event["UID"]),
        int(str(event["SEQUENCE"])),
        event.decoded("DTSTAMP"),
        event.decoded("LAST-MODIFIED"),
        event.decoded("DTSTART"),
    )


@pytest.mark.slow
def test_a_caldav_server_stores_a_moved_meetings_events_unchanged(api: Api, caldav: str) -> None:
    feed = f"/v1/calendars/{api.access.create_feed(group='exec').secret}.ics"
    with Recorder(api.url) as other:
        stored = other.meeting("exec-2015-07-14")
        moved = attrs.evolve(stored.value, start=datetime(2015, 7, 15, 10), end=None, attendance=(), items=())
        other.update_meeting(moved, version=stored.version)
    served = api.client.get(feed).text
    head = served.split("BEGIN:VTIMEZONE")[0].split("BEGIN:VEVENT")[0]
    zones = "".join(_blocks(served, "VTIMEZONE"))
    events = _blocks(served, "VEVENT")
    assert len(events) > 10
    sent: dict[str, list[object]] = {}
    for event in events:
        one = f"{head}{zones}{event}END:VCALENDAR\r\n"
        found = Calendar.from_ical(one)
        assert isinstance(found, Calendar)
        [component] = found.events
        key, *rest = _kept(component)
        sent[key] = rest
        address = caldav + quote(key, safe="") + ".ics"
        put = httpx.put(address, content=one, headers={"Content-Type": "text/calendar"}, auth=("psr", "x"))
        assert put.status_code == 201, put.text
    moved_uid = "meeting-exec-2015-07-14@psr"
    assert sent[moved_uid][0] == 1
    for key, values in sent.items():
        back = httpx.get(caldav + quote(key, safe="") + ".ics", auth=("psr", "x"))
        assert back.status_code == 200
        calendar = Calendar.from_ical(back.content)
        assert isinstance(calendar, Calendar)
        [component] = calendar.events
        assert _kept(component) == (key, *values)
