"""What the adapter refuses, and how it fails: clearly, to the caller, and never with a wrong answer.

- Without the extra, :class:`DurableHost` says how to install it.
- An error inside a rule's action reaches the poster (durable_rules itself would store it in the context's
  state and carry on), and the host then takes no more events.
- An event that cannot be judged as the core judges it is refused, and the host is left as it was.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from psr_adapters.durable import (
    ActionError,
    DurableHost,
    DurableNotInstalledError,
    EventError,
    EventOrderError,
    HostStoppedError,
    ruleset_definition,
)
from psr_adapters.durable.core_view import CoreDisagreementError, CoreView
from psr_adapters.durable.events import DeclarationMade, parse_event
from psr_core import CHORLEY_2015, PsrError
from psr_core.policy import CHORLEY_2015_REVIEW
from strategies.extras import require

require("durable.engine", "durable")  # skip without the extra; fail under CI

STARTED = {
    "id": "chorley",
    "name": "Chorley",
    "policy": "chorley-2015",
    "timezone": "Europe/London",
    "started": "2015-06-16",
}


def _meeting(meeting: str, start: str, group: str = "exec") -> dict[str, Any]:
    return {"id": meeting, "groups": [group], "start": start}


@pytest.fixture
def host() -> Iterator[DurableHost]:
    """A host with the Chorley partnership, its Executive, and two members."""
    with DurableHost() as host:
        host.post("partnership_started", STARTED)
        host.post("group_formed", {"id": "exec", "partnership": "chorley", "tier": "executive"})
        for person in ("tracie-ogara", "allan-jones"):
            host.post(
                "membership_changed",
                {"person": person, "group": "exec", "role": "chief-officer", "from": "2015-06-16"},
            )
        yield host


def _miss(host: DurableHost, meeting: str, start: str, status: str = "absent") -> list[str]:
    rules = list(host.post("meeting_held", _meeting(meeting, start)))
    rules += host.post(
        "attendance_recorded", {"meeting": meeting, "person": "tracie-ogara", "status": status}
    )
    rules += host.post("meeting_closed", {"meeting": meeting})
    return [finding.rule for finding in rules]


def test_without_the_extra_the_host_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    with pytest.raises(DurableNotInstalledError, match=r"pip install 'psr\[durable\]'") as raised:
        DurableHost()
    assert isinstance(raised.value, PsrError)
    assert isinstance(raised.value, ImportError)


def test_an_error_in_an_action_reaches_the_poster_and_stops_the_host(
    host: DurableHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the letter could not be worded")

    monkeypatch.setattr(CoreView, "judge", broken)
    host.post("meeting_held", _meeting("exec-1", "2015-07-14T10:00"))
    with pytest.raises(ActionError, match="the letter could not be worded") as raised:
        host.post(
            "attendance_recorded",
            {"meeting": "exec-1", "person": "allan-jones", "status": "deputy", "deputy": "gary"},
        )
    assert isinstance(raised.value.__cause__, RuntimeError)
    assert isinstance(raised.value, PsrError)
    with pytest.raises(HostStoppedError, match="rebuild it and replay"):
        host.post("meeting_closed", {"meeting": "exec-1"})


def test_the_host_stops_where_the_engine_finds_what_the_core_does_not(
    host: DurableHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CoreView, "_step", staticmethod(lambda _assessment, _rule, _meeting: []))
    host.post("meeting_held", _meeting("exec-1", "2015-07-14T10:00"))
    with pytest.raises(CoreDisagreementError, match="the core's rule finds 0 finding"):
        host.post("attendance_recorded", {"meeting": "exec-1", "person": "allan-jones", "status": "deputy"})
    with pytest.raises(HostStoppedError):
        host.post("meeting_closed", {"meeting": "exec-1"})


def test_an_error_in_the_hosts_callback_reaches_the_poster() -> None:
    def refuse(_finding: object) -> None:
        raise LookupError("no address for the letter")

    with DurableHost(refuse) as host:
        host.post("partnership_started", STARTED)
        host.post("group_formed", {"id": "exec", "partnership": "chorley", "tier": "executive"})
        host.post(
            "membership_changed",
            {"person": "ann", "group": "exec", "role": "chief-officer", "from": "2015-06-16"},
        )
        host.post("meeting_held", _meeting("exec-1", "2015-07-14T10:00"))
        with pytest.raises(LookupError, match="no address"):
            host.post("attendance_recorded", {"meeting": "exec-1", "person": "ann", "status": "deputy"})
        host.post("meeting_closed", {"meeting": "exec-1"})  # the event was judged; the host goes on


def test_consequences_arrive_with_the_event_that_raises_them(host: DurableHost) -> None:
    assert _miss(host, "exec-1", "2015-07-14T10:00", "apologies") == []
    assert _miss(host, "exec-2", "2015-08-11T10:00") == ["attendance.written-explanation"]
    assert _miss(host, "exec-3", "2015-09-08T10:00") == ["attendance.deemed-resignation"]
    assert _miss(host, "exec-4", "2015-10-13T10:00") == []  # the membership ended: no longer counted


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        ("minutes_lost", {}, "unknown kind of event"),
        ("attendance_recorded", {"meeting": "exec-1", "person": "ann"}, "missing field"),
        (
            "attendance_recorded",
            {"meeting": "exec-1", "person": "ann", "status": "late"},
            "status must be one of",
        ),
        (
            "attendance_recorded",
            {"meeting": "exec-1", "person": "ann", "status": "absent", "mood": "x"},
            "unknown field",
        ),
        (
            "attendance_recorded",
            {"meeting": "exec-9", "person": "ann", "status": "absent"},
            "unknown meeting",
        ),
        (
            "vote_cast",
            {"meeting": "exec-1", "item": "4", "person": "ann", "vote": "yes"},
            "vote must be one of",
        ),
        (
            "declaration_made",
            {"meeting": "exec-1", "item": "4", "person": "ann", "interest": "prejudicial", "took_part": "no"},
            "took_part must be true or false",
        ),
        (
            "membership_changed",
            {"person": "x", "group": "nowhere", "role": "chief-officer", "from": "2015-06-16"},
            "unknown group",
        ),
        (
            "membership_changed",
            {"person": "x", "group": "exec", "role": "chief-officer", "from": "16/06/2015"},
            "ISO date",
        ),
        (
            "meeting_held",
            {"id": "exec-2", "groups": ["exec"], "start": "2015-07-14T10:00", "status": "cancelled"},
            "held",
        ),
        ("meeting_held", {"id": "exec-2", "groups": ["exec"], "start": "2015-08-11T10:00"}, "is not closed"),
        (
            "meeting_held",
            {"id": "exec-2", "groups": ["elsewhere"], "start": "2015-08-11T10:00"},
            "none of the groups",
        ),
        (
            "meeting_held",
            {"id": "exec-2", "groups": ["exec", "exec"], "start": "2015-08-11T10:00"},
            "listed twice",
        ),
        (
            "group_formed",
            {"id": "ig", "partnership": "nowhere", "tier": "implementation"},
            "unknown partnership",
        ),
        ("partnership_started", STARTED, "already started"),
    ],
)
def test_a_malformed_or_unknown_event_is_refused_and_changes_nothing(
    host: DurableHost, kind: str, payload: dict[str, Any], message: str
) -> None:
    host.post("meeting_held", _meeting("exec-1", "2015-07-14T10:00"))
    before = Counter(host.counts)
    with pytest.raises(EventError, match=message) as raised:
        host.post(kind, payload)
    assert isinstance(raised.value, ValueError)
    assert host.counts == before
    assert (
        host.post("attendance_recorded", {"meeting": "exec-1", "person": "tracie-ogara", "status": "absent"})
        == ()
    )


def test_events_that_come_too_late_are_refused(host: DurableHost) -> None:
    _miss(host, "exec-2", "2015-08-11T10:00")
    late = [
        ("meeting_held", _meeting("exec-1", "2015-07-14T10:00"), "post meetings in order"),
        (
            "attendance_recorded",
            {"meeting": "exec-2", "person": "allan-jones", "status": "absent"},
            "is closed",
        ),
        (
            "membership_changed",
            {
                "person": "tracie-ogara",
                "group": "exec",
                "role": "chief-officer",
                "from": "2015-06-16",
                "to": "2015-07-01",
            },
            "already held",
        ),
        (
            "membership_changed",
            {"person": "gary-hall", "group": "exec", "role": "chief-officer", "from": "2015-08-01"},
            "already held",
        ),
    ]
    for kind, payload, message in late:
        with pytest.raises(EventOrderError, match=message):
            host.post(kind, payload)
    # An end after every meeting held so far rewrites nothing, and is taken.
    host.post(
        "membership_changed",
        {
            "person": "tracie-ogara",
            "group": "exec",
            "role": "chief-officer",
            "from": "2015-06-16",
            "to": "2015-12-31",
        },
    )


def test_an_items_record_is_complete_once_it_is_decided(host: DurableHost) -> None:
    host.post("meeting_held", _meeting("exec-1", "2015-07-14T10:00"))
    host.post("attendance_recorded", {"meeting": "exec-1", "person": "allan-jones", "status": "present"})
    host.post(
        "declaration_made",
        {
            "meeting": "exec-1",
            "item": "4",
            "person": "allan-jones",
            "interest": "prejudicial",
            "withdrew": True,
        },
    )
    found = host.post("vote_cast", {"meeting": "exec-1", "item": "4", "person": "allan-jones", "vote": "for"})
    assert found == ()  # judged when the item is decided: a later declaration could still change it
    found = host.post("item_decided", {"meeting": "exec-1", "item": "4"})
    assert sorted(f.rule for f in found) == [
        "decision.vote-eligibility",
        "interest.prejudicial-participation",
    ]
    with pytest.raises(EventOrderError, match="already decided"):
        host.post("vote_cast", {"meeting": "exec-1", "item": "4", "person": "tracie-ogara", "vote": "for"})
    with pytest.raises(EventOrderError, match="record attendance before deciding items"):
        host.post("attendance_recorded", {"meeting": "exec-1", "person": "tracie-ogara", "status": "present"})


def test_each_partnership_and_policy_has_its_own_ruleset_and_several_live_in_one_process() -> None:
    partnerships = [
        {**STARTED, "id": "chorley"},
        {**STARTED, "id": "south-ribble", "policy": "chorley-2015-review"},
    ]
    with DurableHost() as first, DurableHost() as second:
        for host in (first, second):
            for payload in partnerships:
                host.post("partnership_started", payload)
        names = [*first.rulesets.values(), *second.rulesets.values()]
        assert len(set(names)) == 4
        assert first.rulesets["chorley"].startswith("psr:chorley-2015:chorley#")
        assert first.rulesets["south-ribble"].startswith("psr:chorley-2015-review:south-ribble#")


def test_a_dated_reading_generates_rules_for_each_stretch_of_days() -> None:
    from datetime import date

    changed = CHORLEY_2015.with_parameter("apologies_count_as_missed", False, date(2016, 1, 1))
    rules = ruleset_definition(changed)
    assert {name.split(".")[1] for name in rules if name.startswith("seen.")} == {"s0", "s1"}
    assert all(name.startswith("seen.s0") is False or "$lt" in str(rule) for name, rule in rules.items())
    assert len(ruleset_definition(CHORLEY_2015_REVIEW)) == len(ruleset_definition(CHORLEY_2015))
    assert (
        ruleset_definition(
            CHORLEY_2015.without_rules("attendance.deputy", "decision.vote-eligibility")
        ).keys()
        < rules.keys()
    )


@pytest.mark.parametrize("took_part", [False, True, None])
def test_a_declaration_carries_whether_the_member_took_part_in_the_discussion(took_part: bool | None) -> None:
    """Clause 1.7.6: "leave the room and/or take no part in the discussions"; absent means not recorded."""
    payload: dict[str, Any] = {"meeting": "exec-1", "item": "4", "person": "ann", "interest": "prejudicial"}
    if took_part is not None:
        payload["took_part"] = took_part
    event = parse_event("declaration_made", payload)
    assert isinstance(event, DeclarationMade)
    assert event.declaration.took_part is took_part
