"""Private calendar subscriptions: ``text/calendar``, a strong ETag from the body, a Last-Modified that never
moves backwards, 304 on a matching validator, and 410 once revoked."""

from __future__ import annotations

import hashlib
from datetime import datetime

import attrs
import pytest
import vobject  # the package ships no type information
from http_api import Api, api_fixture, chorley_db_fixture  # noqa: F401 (fixtures, found by pytest by name)
from icalendar import Calendar, Event

from psr_adapters.ical.events import uid
from psr_adapters.sql import Recorder, import_history, load_history
from psr_core import MeetingStatus


def feed_path(api: Api, **subject: str) -> str:
    return f"/v1/calendars/{api.access.create_feed(**subject).secret}.ics"


def test_a_feed_is_served_as_a_calendar_with_a_strong_etag_from_its_body(api: Api) -> None:
    answer = api.client.get(feed_path(api, group="exec"))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.content.startswith(b"BEGIN:VCALENDAR")
    assert answer.headers["etag"] == f'"{hashlib.sha256(answer.content).hexdigest()}"'
    assert "Authorization" not in answer.request.headers


def test_a_matching_if_none_match_or_if_modified_since_is_answered_304(api: Api) -> None:
    path = feed_path(api, person="gary-hall")
    first = api.client.get(path)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert api.client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert api.client.get(path, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert api.client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    assert api.client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    early = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert api.client.get(path, headers={"If-Modified-Since": early}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2)
    assert (
        api.client.get(path, headers={"If-None-Match": '"x"', "If-Modified-Since": modified}).status_code
        == 200
    )


def test_last_modified_stays_while_the_body_stays_and_never_moves_backwards(api: Api) -> None:
    path = feed_path(api, group="exec")
    first = api.client.get(path).headers["last-modified"]
    assert api.client.get(path).headers["last-modified"] == first
    meeting = {"id": "exec-extra", "groups": ["exec"], "start": "2016-02-23T10:00", "status": "scheduled"}
    assert api.client.post("/v1/meetings", json=meeting, headers=api.headers("write")).status_code == 201
    changed = api.client.get(path)
    from email.utils import parsedate_to_datetime

    assert parsedate_to_datetime(changed.headers["last-modified"]) >= parsedate_to_datetime(first)
    assert b"exec-extra" in changed.content


def test_a_revoked_feed_is_gone_and_an_unknown_one_not_found(api: Api) -> None:
    issued = api.access.create_feed(group="exec")
    path = f"/v1/calendars/{issued.secret}.ics"
    assert api.client.get(path).status_code == 200
    api.access.revoke_feed(issued.id)
    assert api.client.get(path).status_code == 410
    assert api.client.get("/v1/calendars/psrf_guess.ics").status_code == 404


def test_an_api_token_is_not_a_feed_token(api: Api) -> None:
    assert api.client.get(f"/v1/calendars/{api.read_token}.ics").status_code == 404


def test_a_meeting_moved_by_another_writer_is_served_with_a_higher_sequence(api: Api) -> None:
    """RFC 5545 section 3.8.7.4: a calendar program replaces an event only when its SEQUENCE rises."""
    secret = api.access.create_feed(group="exec").secret
    feed = f"/v1/calendars/{secret}.ics"
    before = api.client.get(feed)
    assert "SEQUENCE:1" not in _event(before.text, "exec-2015-07-14")
    with Recorder(api.url) as other:
        stored = other.meeting("exec-2015-07-14")
        moved = attrs.evolve(stored.value, start=datetime(2015, 7, 15, 10), end=None, attendance=(), items=())
        other.update_meeting(moved, version=stored.version)
    after = api.client.get(feed, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert "SEQUENCE:1" in _event(after.text, "exec-2015-07-14")
    assert "SEQUENCE:1" not in _event(after.text, "exec-2015-09-08")


def _event(text: str, meeting_id: str) -> str:
    """The VEVENT of a meeting in a calendar."""
    for block in text.split("BEGIN:VEVENT")[1:]:
        if f"UID:meeting-{meeting_id}@" in block:
            return block.split("END:VEVENT")[0]
    raise AssertionError(f"no event of {meeting_id}")


def events(body: bytes) -> dict[str, Event]:
    """Every VEVENT of a calendar by UID, as icalendar reads it."""
    calendar = Calendar.from_ical(body)
    assert isinstance(calendar, Calendar)
    return {str(e["UID"]): e for e in calendar.events}


def _revision(event: Event) -> tuple[int, datetime, datetime]:
    """An event's SEQUENCE, DTSTAMP and LAST-MODIFIED as icalendar reads them."""
    stamp, modified = event.decoded("DTSTAMP"), event.decoded("LAST-MODIFIED")
    assert isinstance(stamp, datetime)
    assert isinstance(modified, datetime)
    return int(str(event["SEQUENCE"])), stamp, modified


def _vobject_revisions(body: str) -> dict[str, tuple[int, datetime, datetime]]:
    """The same, as vobject (a second, independent reader) reads them."""
    calendar = vobject.readOne(body)
    return {
        str(e.uid.value): (int(e.sequence.value), e.dtstamp.value, e.last_modified.value)
        for e in calendar.vevent_list
    }


def test_a_moved_or_cancelled_meeting_raises_sequence_dtstamp_and_last_modified_and_a_reimport_none(
    api: Api,
) -> None:
    """RFC 5545 sections 3.8.7.2 to 3.8.7.4: a calendar program replaces the event it holds when SEQUENCE
    rises; DTSTAMP and LAST-MODIFIED say when the change was made. Read by icalendar and by vobject."""
    feed = f"/v1/calendars/{api.access.create_feed(group='exec').secret}.ics"
    moved_uid, cancelled_uid, kept_uid = (
        uid("meeting", m, "psr") for m in ("exec-2015-07-14", "exec-2015-09-08", "exec-2015-11-10")
    )
    before = events(api.client.get(feed).content)
    with Recorder(api.url) as other:
        stored = other.meeting("exec-2015-07-14")
        moved = attrs.evolve(stored.value, start=datetime(2015, 7, 15, 10), end=None, attendance=(), items=())
        other.update_meeting(moved, version=stored.version)
        stored = other.meeting("exec-2015-09-08")
        cancelled = attrs.evolve(stored.value, status=MeetingStatus.CANCELLED, attendance=(), items=())
        other.update_meeting(cancelled, version=stored.version)
    served = api.client.get(feed)
    after = events(served.content)
    for changed in (moved_uid, cancelled_uid):
        (s0, stamp0, modified0), (s1, stamp1, modified1) = (
            _revision(before[changed]),
            _revision(after[changed]),
        )
        assert s1 == s0 + 1
        assert stamp1 > stamp0
        assert modified1 > modified0
        assert stamp1 == modified1
        assert _vobject_revisions(served.text)[changed] == (s1, stamp1, modified1)
    assert after[cancelled_uid]["STATUS"] == "CANCELLED"
    assert _revision(after[kept_uid]) == _revision(before[kept_uid])

    # psr db import --replace of the history as stored: nothing changed, so nothing moves
    import_history(load_history(api.url), api.url, replace=True)
    again = api.client.get(feed)
    assert again.content == served.content
    # and one that moves a meeting's place moves that meeting alone
    history = load_history(api.url)
    meetings = [
        attrs.evolve(m, location="Town Hall, Chorley") if m.id == "exec-2015-11-10" else m
        for m in history.meetings
    ]
    import_history(attrs.evolve(history, meetings=meetings), api.url, replace=True)
    placed = events(api.client.get(feed).content)
    assert _revision(placed[kept_uid])[0] == _revision(after[kept_uid])[0] + 1
    assert _revision(placed[kept_uid])[1] > _revision(after[kept_uid])[1]
    assert _revision(placed[moved_uid]) == _revision(after[moved_uid])


def test_a_partnership_feed_is_every_meeting_of_its_groups_and_follows_a_move(api: Api) -> None:
    feed = f"/v1/calendars/{api.access.create_feed(partnership='chorley').secret}.ics"
    served = events(api.client.get(feed).content)
    group_feed = events(api.client.get(feed_path(api, group="exec")).content)
    meetings = {u for u in served if u.startswith("meeting-")}
    assert {u for u in group_feed if u.startswith("meeting-")} < meetings
    assert {u.split("-")[1] for u in meetings} == {"board", "exec", "ig"}
    ig = uid("meeting", "ig-2015-07-28", "psr")
    with Recorder(api.url) as other:
        stored = other.meeting("ig-2015-07-28")
        moved = attrs.evolve(stored.value, location="Union Street Offices", attendance=(), items=())
        other.update_meeting(moved, version=stored.version)
    after = events(api.client.get(feed).content)
    assert _revision(after[ig])[0] == _revision(served[ig])[0] + 1
    assert str(after[ig]["LOCATION"]) == "Union Street Offices"


def test_access_refuses_a_feed_of_no_one_or_of_two_subjects(api: Api) -> None:
    with pytest.raises(ValueError, match="give exactly one"):
        api.access.create_feed()
    with pytest.raises(ValueError, match="give exactly one"):
        api.access.create_feed(group="exec", partnership="chorley")
