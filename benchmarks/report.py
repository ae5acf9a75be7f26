"""How fast psr makes a year's scrutiny report for a large partnership: 100 members, 40 meetings.

    python benchmarks/report.py                 # the fastest of 5 runs, and where the time goes
    python benchmarks/report.py --repeat 10 --seed 3

The history is generated here, deterministically from the seed, as ``psr_core`` values: one partnership
of 20 organisations (8 full, 12 affiliated) with 100 members (40 on the Executive, 40 on the
Implementation Group, 20 on the Board) and, over the financial year 2016-17, 40 held meetings (the
Executive monthly, the Implementation Group twice a month, the Board quarterly) with an attendance entry for
every member, two agenda items each, declarations of interest, votes and contributions. The time measured is
the whole report as ``psr report --format html`` makes it once the dataset is read: evaluating every rule,
the statistics, the report document and the HTML page. Target: under 1 second.
"""

from __future__ import annotations

import argparse
import random
import statistics as stats
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from psr_adapters.report import Period, build_report, render_html
from psr_core import (
    Attendance,
    AttendanceStatus,
    Contribution,
    Decision,
    DecisionMethod,
    Declaration,
    Group,
    History,
    Interest,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Organisation,
    Partnership,
    PartnerStatus,
    Person,
    Report,
    ReportKind,
    Role,
    Tier,
    evaluate,
)
from psr_core.statistics import attendance_statistics

TARGET_SECONDS = 1.0
YEAR = Period.of_days(date(2016, 4, 1), date(2017, 3, 31))
STARTED = date(2015, 6, 16)
SEATS = {
    "exec": (Tier.EXECUTIVE, Role.CHIEF_OFFICER, 40),
    "ig": (Tier.IMPLEMENTATION, Role.OPERATIONAL_MANAGER, 40),
}
STATUSES = (
    [AttendanceStatus.PRESENT] * 84
    + [AttendanceStatus.APOLOGIES] * 10
    + [AttendanceStatus.ABSENT] * 3
    + [AttendanceStatus.DEPUTY] * 3
)


def _meeting_days() -> list[tuple[str, datetime]]:
    """40 meetings in the year: the Executive monthly, the Implementation Group twice a month, the Board
    quarterly."""
    days: list[tuple[str, datetime]] = []
    for index in range(12):
        month = date(2016 + (3 + index) // 12, (3 + index) % 12 + 1, 1)
        days.append(("exec", datetime(month.year, month.month, 9, 10)))
        days.append(("ig", datetime(month.year, month.month, 5, 14)))
        days.append(("ig", datetime(month.year, month.month, 20, 14)))
        if index % 3 == 2:
            days.append(("board", datetime(month.year, month.month, 24, 17, 30)))
    return days


def generate(seed: int = 1) -> History:
    """The partnership's history: the year before the report and the report's year."""
    pick = random.Random(seed)
    organisations = [
        Organisation(
            id=f"org-{n:02d}",
            name=f"Partner Organisation {n:02d}",
            partnership="riverside",
            status=PartnerStatus.FULL if n < 8 else PartnerStatus.AFFILIATED,
        )
        for n in range(20)
    ]
    people: list[Person] = [
        Person(id="leader", name="The Leader", organisation="org-00", offices=["council-leader"])
    ]
    memberships: list[Membership] = [Membership("leader", "exec", Role.CHIEF_OFFICER, STARTED)]
    members: dict[str, list[str]] = {"exec": ["leader"], "ig": [], "board": []}
    for group, (_tier, role, count) in SEATS.items():
        for n in range(len(members[group]), count):
            person = f"{group}-member-{n:02d}"
            people.append(
                Person(id=person, name=f"Member {group.upper()} {n:02d}", organisation=f"org-{n % 20:02d}")
            )
            memberships.append(Membership(person, group, role, STARTED))
            members[group].append(person)
    people.append(Person(id="board-chair", name="Independent Chair"))
    memberships.append(Membership("board-chair", "board", Role.INDEPENDENT_CHAIR, STARTED))
    members["board"].append("board-chair")
    for n in range(19):
        person = f"board-member-{n:02d}"
        people.append(Person(id=person, name=f"Board Member {n:02d}", organisation=f"org-{n:02d}"))
        memberships.append(Membership(person, "board", Role.ACCOUNTABLE_REPRESENTATIVE, STARTED))
        members["board"].append(person)
    chairs = {"exec": "leader", "ig": "ig-member-00", "board": "board-chair"}
    meetings = []
    for group, start in _meeting_days():
        attendance = []
        for person in members[group]:
            status = pick.choice(STATUSES)
            exceptional = (
                "hospital admission"
                if status is not AttendanceStatus.PRESENT and pick.random() < 0.05
                else None
            )
            deputy = "a-deputy" if status is AttendanceStatus.DEPUTY else None
            attendance.append(Attendance(person, status, deputy=deputy, exceptional=exceptional))
        items = []
        for number in (1, 2):
            declarations = []
            if pick.random() < 0.3:
                declarations.append(
                    Declaration(
                        pick.choice(members[group]), pick.choice(list(Interest)), "a bid", pick.random() < 0.8
                    )
                )
            voters = pick.sample(members[group], 6)
            decision = Decision(DecisionMethod.VOTE, votes_for=voters[:4], votes_against=voters[4:])
            items.append(Item(str(number), f"Item {number}", declarations, decision))
        meetings.append(
            Meeting(
                id=f"{group}-{start:%Y-%m-%d}",
                groups=(group,),
                start=start,
                end=start + timedelta(hours=2),
                status=MeetingStatus.HELD,
                chair=chairs[group],
                agenda_published=start.date() - timedelta(days=pick.choice([4, 5, 6, 7, 7, 7])),
                attendance=attendance,
                items=items,
            )
        )
    contributions = [
        Contribution(o.id, year, Decimal(pick.choice([8000, 12000, 15000, 20000, 21000])))
        for o in organisations[:8]
        for year in (2015, 2016)
    ]
    return History(
        partnerships=[
            Partnership(
                "riverside", "Riverside Partnership", "chorley-2015", "Europe/London", STARTED, "org-00"
            )
        ],
        organisations=organisations,
        people=people,
        groups=[
            Group("exec", "riverside", Tier.EXECUTIVE),
            Group("ig", "riverside", Tier.IMPLEMENTATION, chair="ig-member-00"),
            Group("board", "riverside", Tier.BOARD),
        ],
        memberships=memberships,
        meetings=meetings,
        contributions=contributions,
        reports=[Report("riverside", ReportKind.SCRUTINY, date(2016, m, 28)) for m in (6, 9, 12)],
    )


def measure(history: History) -> dict[str, float]:
    """Seconds for the whole report, and for its parts measured on their own."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    document = build_report(history, "riverside", None, YEAR)
    built = time.perf_counter()
    page = render_html(document)
    timings["total"] = time.perf_counter() - clock
    timings["document"] = built - clock
    timings["render"] = timings["total"] - timings["document"]
    clock = time.perf_counter()
    evaluate(history, None, YEAR.end)
    timings["evaluate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    attendance_statistics(history, "riverside", None, YEAR.start, YEAR.end)
    timings["statistics"] = time.perf_counter() - clock
    timings["bytes"] = len(page.encode("utf-8"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs to make; the fastest is reported [5]")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated history [1]")
    options = parser.parse_args()
    history = generate(options.seed)
    held = [m for m in history.meetings if m.held and m.day in YEAR]
    members = {m.person for m in history.memberships}
    records = sum(len(m.attendance) for m in held)
    runs = [measure(history) for _ in range(max(options.repeat, 1))]
    best = min(runs, key=lambda run: run["total"])
    median = stats.median(run["total"] for run in runs)
    verdict = "met" if best["total"] < TARGET_SECONDS else "MISSED"
    print(
        f"year's report of {len(members)} members, {len(held)} meetings, {records:,} attendance records: "
        f"{best['total']:.3f} s (fastest of {len(runs)}; median {median:.3f} s); "
        f"target < {TARGET_SECONDS:.0f} s: {verdict}"
    )
    print(
        f"  document {best['document']:.3f} s (of which evaluate {best['evaluate']:.3f} s, "
        f"statistics {best['statistics']:.3f} s), render {best['render']:.3f} s, page {best['bytes'] / 1024:,.0f} KiB"
    )


if __name__ == "__main__":
    main()
