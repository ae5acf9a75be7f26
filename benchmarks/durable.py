"""How fast the durable_rules adapter judges a stream: 100,000 attendance events through the adapter and
through the core's incremental path, in one run, with both rates and their ratio.

    pip install -e '.[durable]'
    python benchmarks/durable.py                    # 100,000 attendance events
    python benchmarks/durable.py --events 20000     # a shorter stream
    python benchmarks/durable.py --json             # the figures as JSON
    python benchmarks/durable.py --realistic --events 20000
    python benchmarks/durable.py --repeat 3         # each path three times, the fastest of each

The stream is a synthetic history (deterministic from ``--seed``): partnerships shaped like Chorley's with an
Executive, an Implementation Group and a Board of fourteen members each meeting monthly, attendance at the
rates of ``histories.py`` (82% present, 12% apologies, 3% absent, 3% deputy; 5% of misses excused), and
agenda items with declarations of interest and votes. Its held meetings are taken in order until the
stream holds the number of attendance events asked for.

Both paths judge the five rules the adapter implements (``chorley-2015`` with the others switched off):

- **adapter**: every event of the stream (``events_from_history``: memberships, meetings held, attendance,
  declarations, votes, items decided, meetings closed) posted to a :class:`DurableHost` one at a time;
- **core incremental**: the same meetings recorded one at a time in a :class:`psr_core.incremental.Ledger`
  built on the history without its meetings.

The rate is attendance events per second of the whole stream (wall clock, and the process's CPU time,
which is the figure to compare on a busy machine). With ``--repeat N`` each path runs N times and the
fastest run of each is reported (the least disturbed by other work). Both paths must find the same
findings; the script says so, or fails.

Seats here do not change hands. With ``--realistic`` the stream is ``histories.py``'s history instead,
where seats change hands every few years and the Ledger takes each change in as the day passes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the module path, where this file (durable.py) would
# hide the durable_rules package (``import durable``) from the adapter. Look there last instead: the
# benchmarks' own helper (histories.py) is still found.
_HERE = str(Path(__file__).resolve().parent)
if sys.path and sys.path[0] in (_HERE, ""):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date, datetime  # noqa: E402
from typing import Any  # noqa: E402

import attrs  # noqa: E402
from histories import Rates, Shape, generate  # noqa: E402

from psr_adapters.durable import RULE_IDS, DurableHost, DurableNotInstalledError, events_from_history  # noqa: E402
from psr_core import (  # noqa: E402
    CHORLEY_2015,
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
)
from psr_core.incremental import Ledger  # noqa: E402

STREAM = 100_000
MEMBERS = 14
TIERS = ((Tier.EXECUTIVE, Role.CHIEF_OFFICER, 10), (Tier.IMPLEMENTATION, Role.OPERATIONAL_MANAGER, 14))
POLICY = CHORLEY_2015.without_rules(*(rule for rule in CHORLEY_2015.rules if rule not in RULE_IDS))


def _entry(rng: random.Random, rates: Rates, person: str) -> Attendance | None:
    """What the minutes record for ``person``; None: they forgot the member."""
    if rng.random() < rates.unrecorded:
        return None
    statuses = (
        AttendanceStatus.PRESENT,
        AttendanceStatus.APOLOGIES,
        AttendanceStatus.ABSENT,
        AttendanceStatus.DEPUTY,
    )
    shares = (rates.present, rates.apologies, rates.absent, rates.deputy)
    status = rng.choices(statuses, weights=shares)[0]
    excused = status is not AttendanceStatus.PRESENT and rng.random() < rates.exceptional
    return Attendance(
        person=person,
        status=status,
        deputy="a-deputy" if status is AttendanceStatus.DEPUTY else None,
        exceptional="hospital admission" if excused else None,
    )


def steady_history(events: int, seed: int) -> History:
    """Monthly meetings of groups whose seats never change hands, until ``events`` attendance events."""
    rng, rates = random.Random(seed), Rates()
    partnerships: list[Partnership] = []
    groups: list[Group] = []
    seats: list[Membership] = []
    meetings: list[Meeting] = []
    per_partnership = MEMBERS * len(TIERS) * 12 * 20
    for p in range(max(1, -(-events // per_partnership))):
        started = date(2000, 4, 1)
        partnerships.append(
            Partnership(
                id=f"p{p:02d}", name=f"P{p}", policy="chorley-2015", timezone="Europe/London", started=started
            )
        )
        for tier, role, hour in TIERS:
            group = Group(id=f"p{p:02d}-{tier.value}", partnership=f"p{p:02d}", tier=tier)
            groups.append(group)
            people = [f"{group.id}-m{n:02d}" for n in range(MEMBERS)]
            seats.extend(
                Membership(person=person, group=group.id, role=role, start=started) for person in people
            )
            for month in range(12 * 20):
                day = date(
                    started.year + (started.month + month - 1) // 12, (started.month + month - 1) % 12 + 1, 10
                )
                attendance = [entry for person in people if (entry := _entry(rng, rates, person)) is not None]
                voters = rng.sample(people, 4)
                declared = [
                    Declaration(person=voters[0], interest=Interest.PREJUDICIAL, withdrew=rng.random() < 0.8)
                ]
                item = Item(
                    id="1",
                    declarations=declared if rng.random() < 0.2 else [],
                    decision=Decision(
                        method=DecisionMethod.VOTE, votes_for=voters[:3], abstentions=voters[3:]
                    ),
                )
                start = datetime(day.year, day.month, day.day, hour)
                meetings.append(
                    Meeting(
                        id=f"{group.id}-{day.isoformat()}",
                        groups=(group.id,),
                        start=start,
                        status=MeetingStatus.HELD,
                        attendance=attendance,
                        items=[item],
                    )
                )
    return History(partnerships=partnerships, groups=groups, memberships=seats, meetings=meetings)


def cut(history: History, events: int) -> History:
    """The history with its held meetings taken in order until they hold ``events`` attendance events."""
    kept: list[Meeting] = []
    count = 0
    for meeting in sorted((m for m in history.meetings if m.held), key=lambda m: (m.start, m.id)):
        if count >= events:
            break
        entries = meeting.attendance[: events - count]
        kept.append(attrs.evolve(meeting, attendance=entries))
        count += len(entries)
    if count < events:
        raise SystemExit(f"the history holds only {count} attendance events")
    return attrs.evolve(history, meetings=kept)


def timed(work: Callable[[], Counter[Finding]], repeat: int = 1) -> tuple[Counter[Finding], float, float]:
    """What ``work`` found, and the fastest of ``repeat`` runs by the wall clock and in CPU time."""
    walls, cpus = [], []
    found: Counter[Finding] = Counter()
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        found = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return found, min(walls), min(cpus)


def through_the_adapter(history: History) -> Counter[Finding]:
    events = events_from_history(history)
    found: Counter[Finding] = Counter()
    with DurableHost(policy=POLICY) as host:
        for event in events:
            found.update(host.post_event(event))
    return found


def through_the_ledger(history: History) -> Counter[Finding]:
    first = min(p.started for p in history.partnerships)
    ledger = Ledger(attrs.evolve(history, meetings=()), POLICY, first)
    for meeting in sorted(history.meetings, key=lambda m: (m.start, m.id)):
        ledger.record(meeting)
    return Counter(ledger.evaluation().findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=STREAM, help=f"attendance events in the stream ({STREAM:,})"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--realistic", action="store_true", help="histories.py's history, seats changing hands"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--repeat", type=int, default=1, help="run each path N times, report the fastest")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.realistic:
        years = -(-args.events // 9_000) + 1  # about 10,000 attendance events a year for 15 partnerships
        history = cut(generate(Shape(partnerships=15, years=years, seed=args.seed)), args.events)
    else:
        history = cut(steady_history(args.events, args.seed), args.events)
    kinds = Counter(event.kind for event in events_from_history(history))
    try:
        adapter, adapter_wall, adapter_cpu = timed(lambda: through_the_adapter(history), args.repeat)
    except DurableNotInstalledError as exc:
        print(f"durable benchmark: {exc}", file=sys.stderr)
        return 2
    core, core_wall, core_cpu = timed(lambda: through_the_ledger(history), args.repeat)
    if adapter != core:
        print(
            f"the paths disagree: {len(adapter - core)} findings only the adapter found, "
            f"{len(core - adapter)} only the core",
            file=sys.stderr,
        )
        return 1
    figures: dict[str, Any] = {
        "attendance_events": args.events,
        "events_in_stream": sum(kinds.values()),
        "meetings": len(history.meetings),
        "findings": sum(core.values()),
        "stream": "realistic" if args.realistic else "steady",
        "repeat": args.repeat,
        "adapter": {"wall_s": adapter_wall, "cpu_s": adapter_cpu, "per_s": args.events / adapter_cpu},
        "core_incremental": {"wall_s": core_wall, "cpu_s": core_cpu, "per_s": args.events / core_cpu},
        "core_over_adapter": adapter_cpu / core_cpu,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{args.events:,} attendance events ({figures['events_in_stream']:,} events in all, "
        f"{figures['meetings']:,} meetings, {figures['findings']:,} findings, the same on both paths)"
    )
    for name, key in (
        ("durable_rules adapter", "adapter"),
        ("core incremental (Ledger)", "core_incremental"),
    ):
        f = figures[key]
        print(
            f"  {name:<27} {f['per_s']:>10,.0f} attendance events/s  ({f['cpu_s']:.2f} s CPU, {f['wall_s']:.2f} s wall)"
        )
    ratio = figures["core_over_adapter"]
    faster = "core incremental path" if ratio > 1 else "adapter"
    print(f"  ratio core/adapter: {ratio:.2f} (the {faster} is {max(ratio, 1 / ratio):.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
