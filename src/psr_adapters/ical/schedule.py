"""Planned meetings: dates for a group that keep its tier's cadence and avoid every date already taken.

Table 1.2.1 of chorley-2015 sets how often each tier meets (``cadence_months``: 1 for monthly, 2 for
bimonthly, 6 for six-monthly), read as the rule ``meeting.frequency`` reads it: the next meeting falls in or
before the calendar month N months after the month of the one before, and the partnership's start counts as
the first meeting. The generator walks forward from the group's last meeting before the window: where the
group already has a meeting (held or scheduled) in time, it moves on to it; otherwise it proposes one in the
latest month that keeps the cadence (every N months), on the group's usual day ("second Tuesday").

A date is taken when any meeting of the partnership (of any group, in any status, a cancelled one included)
falls on it, when it is given to avoid (a bank holiday), or when an earlier proposal has it. A taken usual
day gives way to the same weekday in another week of the month, then to another weekday (Monday to
Friday), nearest first, then to an earlier month that still keeps the cadence. Where no date in the window
keeps it (the window opens after the cadence had already lapsed, or every date is taken), the earliest free
date is proposed and marked ``late``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

import attrs

from psr_core import History, Meeting, MeetingStatus, Policy
from psr_core.periods import first_of_month, last_of_month, month_index

from .deadlines import AgendaDeadline, agenda_deadline
from .errors import CalendarError
from .patterns import MonthlyDay, usual_day
from .scope import TIER_NAMES, Directory

DEFAULT_DAY = MonthlyDay(2, 1)  # the second Tuesday, as the Chorley Executive met in 2015
DEFAULT_START = time(10, 0)
DEFAULT_LENGTH = timedelta(hours=2)


@attrs.frozen
class Proposal:
    """A proposed meeting (status ``scheduled``), its agenda deadline, and whether it is later than the
    cadence allows."""

    meeting: Meeting
    deadline: AgendaDeadline | None
    late: bool = False


@attrs.frozen
class Plan:
    """What the generator proposes for one group, and how it chose."""

    group: str
    title: str
    policy: str
    cadence_months: int
    day: MonthlyDay
    start: date
    end: date
    proposals: tuple[Proposal, ...]


def _most_common(values: Iterable[object]) -> object | None:
    """The most frequent value, the latest on a tie."""
    ordered = list(values)
    counts = Counter(ordered)
    if not counts:
        return None
    latest = {value: index for index, value in enumerate(ordered)}
    return max(counts, key=lambda value: (counts[value], latest[value]))


def _candidates(year: int, month: int, day: MonthlyDay) -> Iterator[date]:
    """Days of the month in order of preference: the usual day, the same weekday in other weeks, then
    other weekdays, nearest first."""
    usual = day.in_month(year, month)
    first, last = date(year, month, 1), last_of_month(month_index(usual))
    others = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    yield usual
    same = sorted(
        (d for d in others if d.weekday() == usual.weekday() and d != usual), key=lambda d: abs(d - usual)
    )
    yield from same
    yield from sorted(
        (d for d in others if d.weekday() < 5 and d.weekday() != usual.weekday()),
        key=lambda d: (abs(d - usual), d),
    )


class _Planner:
    def __init__(
        self,
        history: History,
        policy: Policy,
        group: str,
        start: date,
        end: date,
        day: MonthlyDay | None,
        avoid: Iterable[date],
    ) -> None:
        directory = Directory.of(history)
        self.group = directory.group(group)
        self.partnership = directory.partnership(self.group.partnership)
        self.policy = policy
        self.start, self.end = max(start, self.partnership.started), end
        own = [m for m in history.meetings if group in m.groups]
        self.own = sorted((m for m in own if m.status is not MeetingStatus.CANCELLED), key=lambda m: m.start)
        self.day = day or usual_day(m.day for m in self.own) or DEFAULT_DAY
        ours = self.partnership.id
        self.taken = {
            m.day
            for m in history.meetings
            if any(directory.group(g, m.id).partnership == ours for g in m.groups)
        } | set(avoid)
        self.ids = {m.id for m in history.meetings}

    def cadence(self, day: date) -> int:
        tiers = self.policy.value("cadence_months", day)
        months = tiers.get(self.group.tier.value) if isinstance(tiers, dict) else None
        if months is None:
            raise CalendarError(
                f"policy {self.policy.id} sets no cadence for the {self.group.tier.value} tier"
            )
        return int(months)

    def free(self, candidate: date, after: date) -> bool:
        return after < candidate and self.start <= candidate and candidate not in self.taken

    def find(self, months: Iterable[int], after: date) -> date | None:
        """The first free day in ``months``, trying each month's days in order of preference."""
        for index in months:
            month = first_of_month(index)
            for candidate in _candidates(month.year, month.month, self.day):
                if self.free(candidate, after):
                    return candidate
        return None

    def dates(self) -> Iterator[tuple[date, bool]]:
        """Each proposed date in the window, and whether it is late.

        Days are chosen without regard to the window's end, which only cuts the list short: a longer window
        proposes the same dates and more.
        """
        before = [m.day for m in self.own if m.day < self.start]
        previous = before[-1] if before else self.partnership.started
        ahead = [m.day for m in self.own if m.day >= self.start]
        while previous <= self.end:
            due = month_index(previous) + self.cadence(previous)
            coming = next((d for d in ahead if d > previous), None)
            if coming is not None and month_index(coming) <= due:
                previous = coming
                continue
            lowest = max(month_index(previous) + 1, month_index(self.start))
            found, late = self.find(range(due, lowest - 1, -1), previous), False
            if found is None:
                found, late = (
                    self.find(range(max(due + 1, lowest), month_index(self.end) + 1), previous),
                    True,
                )
            if found is None or (coming is not None and coming < found):
                if coming is None:
                    return
                previous = coming
                continue
            if found > self.end:
                return
            yield found, late
            self.taken.add(found)
            previous = found

    def meeting_id(self, day: date) -> str:
        base = f"{self.group.id}-{day.isoformat()}"
        chosen, count = base, 1
        while chosen in self.ids:
            count += 1
            chosen = f"{base}-{count}"
        self.ids.add(chosen)
        return chosen


def propose_meetings(
    history: History,
    policy: Policy,
    *,
    group: str,
    start: date,
    end: date,
    day: MonthlyDay | None = None,
    at: time | None = None,
    length: timedelta | None = None,
    location: str | None = None,
    avoid: Iterable[date] = (),
) -> Plan:
    """Proposed meetings of ``group`` from ``start`` to ``end`` inclusive under ``policy``.

    ``day`` defaults to the day of the month most of the group's meetings fell on (else the second
    Tuesday); ``at``, ``length`` and ``location`` to the group's most usual ones (else 10:00, two hours, and
    no location).
    """
    if end < start:
        raise CalendarError(f"the window ends ({end}) before it starts ({start})")
    planner = _Planner(history, policy, group, start, end, day, avoid)
    own = planner.own
    at = at or _time(_most_common(m.start.time() for m in own)) or DEFAULT_START
    length = (
        length or _length(_most_common(m.end - m.start for m in own if m.end is not None)) or DEFAULT_LENGTH
    )
    if location is None:
        location = _text(_most_common(m.location for m in own if m.location))
    proposals = []
    for day_found, late in planner.dates():
        begins = datetime.combine(day_found, at)
        meeting = Meeting(
            id=planner.meeting_id(day_found),
            groups=(planner.group.id,),
            start=begins,
            end=begins + length,
            status=MeetingStatus.SCHEDULED,
            location=location,
        )
        proposals.append(Proposal(meeting, agenda_deadline(meeting, [policy]), late))
    return Plan(
        group=planner.group.id,
        title=planner.group.name or f"{planner.partnership.name} {TIER_NAMES[planner.group.tier]}",
        policy=policy.id,
        cadence_months=planner.cadence(planner.start),
        day=planner.day,
        start=start,
        end=end,
        proposals=tuple(proposals),
    )


def _time(value: object) -> time | None:
    return value if isinstance(value, time) else None


def _length(value: object) -> timedelta | None:
    return value if isinstance(value, timedelta) and value > timedelta(0) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
