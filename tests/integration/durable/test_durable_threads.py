"""A threaded host: events posted from several threads at once are all judged, and none is lost.

durable_rules' C engine has no locks, its own host runs actions on timer threads, and its ``lang`` module
registers rulesets on the first post from whichever thread; the adapter registers each ruleset when its
partnership starts and judges one event at a time. These tests post from several threads released together
and check that every event was judged (``DurableHost.counts``), that none waits in the engine, and that the
findings are exactly those ``evaluate`` gives for the same history.
"""

from __future__ import annotations

import functools
import random
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from psr_adapters.durable import DurableHost, Event, events_from_history, last_day, meeting_events
from psr_adapters.durable.rulesets import RULE_IDS
from psr_core import (
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Declaration,
    Finding,
    Group,
    History,
    Interest,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Partnership,
    Role,
    Tier,
    evaluate,
)
from strategies.extras import require

require("durable.engine", "durable")  # skip without the extra; fail under CI

STATUSES = [AttendanceStatus.PRESENT] * 3 + [
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
    AttendanceStatus.DEPUTY,
]


def _history(
    seed: int, partnerships: Sequence[str], groups_each: int, members: int, meetings: int
) -> History:
    """A busy, deterministic history: every group meets weekly and its members often miss."""
    rng = random.Random(seed)
    begin = date(2015, 6, 16)
    groups = [
        Group(id=f"{p}-g{n}", partnership=p, tier=Tier.EXECUTIVE)
        for p in partnerships
        for n in range(groups_each)
    ]
    people = {g.id: [f"{g.id}-m{n}" for n in range(members)] for g in groups}
    seats = [
        Membership(person=person, group=g.id, role=Role.CHIEF_OFFICER, start=begin)
        for g in groups
        for person in people[g.id]
    ]
    held = []
    for g in groups:
        for week in range(meetings):
            day = begin + timedelta(weeks=week + 1)
            attendance = []
            for person in people[g.id]:
                status = rng.choice(STATUSES)
                deputy = f"{person}-deputy" if status is AttendanceStatus.DEPUTY else None
                attendance.append(Attendance(person=person, status=status, deputy=deputy))
            voters = rng.sample(people[g.id], 3)
            item = Item(
                id="1",
                declarations=[
                    Declaration(person=voters[0], interest=Interest.PREJUDICIAL, withdrew=rng.random() < 0.5)
                ],
                decision=Decision(method=DecisionMethod.VOTE, votes_for=voters[:2], abstentions=voters[2:]),
            )
            held.append(
                Meeting(
                    id=f"{g.id}-w{week:02d}",
                    groups=(g.id,),
                    start=datetime.combine(day, time(10)),
                    status=MeetingStatus.HELD,
                    attendance=attendance,
                    items=[item],
                )
            )
    return History(
        partnerships=[
            Partnership(id=p, name=p, policy="chorley-2015", timezone="Europe/London", started=begin)
            for p in partnerships
        ],
        groups=groups,
        memberships=seats,
        meetings=held,
    )


def _core(history: History) -> Counter[Finding]:
    return Counter(f for f in evaluate(history, None, last_day(history)).findings if f.rule in RULE_IDS)


def _together(work: Sequence[Callable[[], None]]) -> None:
    """Run each piece of ``work`` on its own thread, all released at once; re-raise the first failure."""
    barrier = threading.Barrier(len(work))
    failures: list[BaseException] = []

    def run(piece: Callable[[], None]) -> None:
        barrier.wait()
        try:
            piece()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(piece,)) for piece in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _posting(host: DurableHost, events: Sequence[Event]) -> Callable[[], None]:
    """Work for one thread: post ``events`` in order."""

    def post() -> None:
        for event in events:
            host.post_event(event)

    return post


def _kinds(events: Sequence[Event]) -> Counter[str]:
    return Counter(event.kind for event in events)


def test_each_groups_meetings_posted_from_its_own_thread_are_all_judged() -> None:
    history = _history(1, ["p"], groups_each=6, members=6, meetings=20)
    delivered: list[Finding] = []
    with DurableHost(delivered.append) as host:
        setup = events_from_history(
            History(partnerships=history.partnerships, groups=history.groups, memberships=history.memberships)
        )
        host.replay(setup)
        by_group = {
            g.id: [e for m in history.meetings if m.groups == (g.id,) for e in meeting_events(m)]
            for g in history.groups
        }
        _together([_posting(host, events) for events in by_group.values()])
        posted = _kinds([*setup, *(e for events in by_group.values() for e in events)])
        assert host.counts == posted
        assert host.unconsumed() == 0
    assert Counter(delivered) == _core(history)


def test_attendance_of_one_meeting_posted_from_many_threads_is_all_judged() -> None:
    history = _history(2, ["p"], groups_each=1, members=48, meetings=8)
    delivered: list[Finding] = []
    with DurableHost(delivered.append) as host:
        host.replay(
            events_from_history(
                History(
                    partnerships=history.partnerships, groups=history.groups, memberships=history.memberships
                )
            )
        )
        for meeting in history.meetings:
            events = list(meeting_events(meeting))
            held, minutes, rest = (
                events[0],
                events[1 : 1 + len(meeting.attendance)],
                events[1 + len(meeting.attendance) :],
            )
            host.post_event(held)
            slices = [minutes[n::8] for n in range(8)]
            _together([_posting(host, part) for part in slices])
            host.replay(rest)
        assert host.counts["attendance_recorded"] == sum(len(m.attendance) for m in history.meetings)
        assert host.unconsumed() == 0
    assert Counter(delivered) == _core(history)


def test_partnerships_started_from_several_threads_each_get_their_ruleset() -> None:
    names = [f"p{n}" for n in range(6)]
    history = _history(3, names, groups_each=2, members=5, meetings=12)
    delivered: list[Finding] = []
    with DurableHost(delivered.append) as host:

        def one(partnership: str) -> None:
            own = History(
                partnerships=[p for p in history.partnerships if p.id == partnership],
                groups=[g for g in history.groups if g.partnership == partnership],
                memberships=[m for m in history.memberships if m.group.startswith(f"{partnership}-")],
                meetings=[m for m in history.meetings if m.id.startswith(f"{partnership}-")],
            )
            host.replay(events_from_history(own))

        _together([functools.partial(one, p) for p in names])
        assert sorted(host.rulesets) == names
        assert len(set(host.rulesets.values())) == len(names)
        assert host.unconsumed() == 0
    assert Counter(delivered) == _core(history)


def test_hosts_on_separate_threads_do_not_disturb_each_other() -> None:
    histories = [_history(10 + n, ["p"], groups_each=2, members=6, meetings=15) for n in range(4)]
    results: dict[int, Counter[Finding]] = {}

    def one(n: int) -> None:
        with DurableHost() as host:
            results[n] = Counter(host.replay(events_from_history(histories[n])))

    _together([functools.partial(one, n) for n in range(len(histories))])
    for n, history in enumerate(histories):
        assert results[n] == _core(history)
