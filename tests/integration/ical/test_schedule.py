"""The schedule generator: dates that keep the tier's cadence, on the group's usual day, never on
a date already taken, written as dataset entries that import cleanly."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psr_adapters.dataset import document_from_history, load_dataset, read_dataset
from psr_adapters.documents import parse_text
from psr_adapters.ical.patterns import MonthlyDay
from psr_adapters.ical.plan_text import entry, plan_yaml
from psr_adapters.ical.schedule import Plan, propose_meetings
from psr_core import (
    CHORLEY_2015,
    CHORLEY_2015_REVIEW,
    Group,
    History,
    Meeting,
    MeetingStatus,
    Partnership,
    Policy,
    Tier,
    evaluate,
)
from psr_core.periods import month_index

CHORLEY = Path(__file__).resolve().parents[3] / "examples" / "chorley" / "chorley.yaml"
STARTED = date(2015, 6, 16)
PARTNERSHIP = Partnership("chorley", "Chorley", "chorley-2015", "Europe/London", STARTED)
GROUPS = [Group("exec", "chorley", Tier.EXECUTIVE), Group("board", "chorley", Tier.BOARD)]
days = st.dates(min_value=STARTED, max_value=date(2018, 6, 30))


@st.composite
def existing(draw: st.DrawFn) -> History:
    """The partnership with some meetings of either group already in the diary, in any status."""
    found = []
    for index, day in enumerate(draw(st.lists(days, max_size=12))):
        found.append(
            Meeting(
                id=f"m{index}",
                groups=[draw(st.sampled_from(GROUPS)).id],
                start=datetime.combine(day, time(10)),
                status=draw(st.sampled_from(MeetingStatus)),
            )
        )
    return History(partnerships=[PARTNERSHIP], groups=GROUPS, meetings=found)


patterns = st.builds(MonthlyDay, st.sampled_from([1, 2, 3, 4, -1]), st.integers(0, 6))
policies = st.sampled_from([CHORLEY_2015, CHORLEY_2015_REVIEW])


def _plan(history: History, policy: Policy, group: str, start: date, end: date, **options: object) -> Plan:
    return propose_meetings(history, policy, group=group, start=start, end=end, **options)  # type: ignore[arg-type]


@settings(deadline=None)
@given(existing(), policies, st.sampled_from(["exec", "board"]), days, st.integers(0, 700), st.none() | patterns,
       st.lists(days, max_size=15))  # fmt: skip
def test_proposals_never_take_a_date_and_keep_the_cadence_wherever_a_free_day_allows(
    history: History,
    policy: Policy,
    group: str,
    start: date,
    length: int,
    pattern: MonthlyDay | None,
    avoid: list[date],
) -> None:
    end = start + timedelta(days=length)
    plan = _plan(history, policy, group, start, end, day=pattern, avoid=avoid)
    proposed = [p.meeting.day for p in plan.proposals]
    taken = {m.day for m in history.meetings} | set(avoid)
    assert not taken & set(proposed)
    assert len(set(proposed)) == len(proposed)
    assert all(start <= day <= end for day in proposed)
    assert all(
        p.meeting.status is MeetingStatus.SCHEDULED and p.meeting.groups == (group,) for p in plan.proposals
    )
    assert not {p.meeting.id for p in plan.proposals} & {m.id for m in history.meetings}
    assert len({p.meeting.id for p in plan.proposals}) == len(proposed)
    months = {"exec": 1, "board": 6 if policy is CHORLEY_2015 else 2}[group]
    assert plan.cadence_months == months
    late = {p.meeting.day for p in plan.proposals if p.late}
    own = sorted(
        {m.day for m in history.meetings if group in m.groups and m.status is not MeetingStatus.CANCELLED}
        | set(proposed)
    )
    chain = [day for day in own if day < start][-1:] or [STARTED]
    chain += [day for day in own if start <= day <= end]
    for before, after in pairwise(chain):
        if month_index(after) <= month_index(before) + months or after in late:
            continue
        # A gap is left only where no day that keeps the cadence was free.
        assert not [
            day
            for day in _days_between(max(before + timedelta(days=1), start), before, months)
            if day not in taken and day not in proposed and (day.weekday() < 5 or day == _usual(plan, day))
        ], (before, after)


def _days_between(first: date, before: date, months: int) -> list[date]:
    found, day = [], first
    while month_index(day) <= month_index(before) + months:
        found.append(day)
        day += timedelta(days=1)
    return found


def _usual(plan: Plan, day: date) -> date:
    return plan.day.in_month(day.year, day.month)


@settings(deadline=None)
@given(existing(), st.sampled_from(["exec", "board"]), days, st.integers(0, 500), st.integers(0, 500))
def test_a_longer_window_proposes_the_same_dates_and_more(
    history: History, group: str, start: date, shorter: int, longer: int
) -> None:
    short = _plan(history, CHORLEY_2015, group, start, start + timedelta(days=min(shorter, longer)))
    long = _plan(history, CHORLEY_2015, group, start, start + timedelta(days=max(shorter, longer)))
    assert long.proposals[: len(short.proposals)] == short.proposals


def test_a_new_group_gets_one_meeting_a_month_on_the_second_tuesday_and_the_rule_finds_no_gap() -> None:
    history = History(partnerships=[PARTNERSHIP], groups=GROUPS)
    plan = _plan(history, CHORLEY_2015, "exec", STARTED, date(2016, 6, 30))
    assert [p.meeting.day for p in plan.proposals][:3] == [
        date(2015, 7, 14),
        date(2015, 8, 11),
        date(2015, 9, 8),
    ]
    assert len(plan.proposals) == 12
    held = [attrs.evolve(p.meeting, status=MeetingStatus.HELD) for p in plan.proposals]
    evaluation = evaluate(attrs.evolve(history, meetings=held), CHORLEY_2015, date(2016, 6, 30))
    assert [f for f in evaluation.of_rule("meeting.frequency") if f.subject.group == "exec"] == []


def test_a_taken_usual_day_gives_way_to_the_same_weekday_another_week() -> None:
    history = History(partnerships=[PARTNERSHIP], groups=GROUPS)
    plan = _plan(
        history, CHORLEY_2015, "exec", date(2015, 11, 1), date(2015, 11, 30), avoid=[date(2015, 11, 10)]
    )
    assert [p.meeting.day for p in plan.proposals] == [date(2015, 11, 3)]


def test_the_board_meets_every_six_months_under_chorley_2015_and_every_two_under_the_review() -> None:
    history = History(partnerships=[PARTNERSHIP], groups=GROUPS)
    six = _plan(history, CHORLEY_2015, "board", STARTED, date(2016, 12, 31), day=MonthlyDay(3, 1))
    assert [p.meeting.day for p in six.proposals] == [
        date(2015, 12, 15),
        date(2016, 6, 21),
        date(2016, 12, 20),
    ]
    two = _plan(history, CHORLEY_2015_REVIEW, "board", STARTED, date(2016, 3, 31), day=MonthlyDay(3, 1))
    assert [p.meeting.day for p in two.proposals] == [
        date(2015, 8, 18),
        date(2015, 10, 20),
        date(2015, 12, 15),
        date(2016, 2, 16),
    ]


def test_the_chorley_example_continues_on_each_groups_usual_day_and_keeps_every_cadence() -> None:
    history = read_dataset(CHORLEY)
    start, end = date(2016, 8, 1), date(2017, 12, 31)
    proposed: list[Meeting] = []
    for group in ("exec", "ig", "board"):
        plan = _plan(history, CHORLEY_2015, group, start, end)
        assert not any(p.late for p in plan.proposals)
        proposed += [attrs.evolve(p.meeting, status=MeetingStatus.HELD) for p in plan.proposals]
    assert str(_plan(history, CHORLEY_2015, "exec", start, end).day) == "second Tuesday"
    assert str(_plan(history, CHORLEY_2015, "ig", start, end).day) == "fourth Tuesday"
    evaluation = evaluate(attrs.evolve(history, meetings=[*history.meetings, *proposed]), CHORLEY_2015, end)
    assert [f for f in evaluation.of_rule("meeting.frequency") if f.date >= start] == []


def test_the_entries_import_into_the_dataset_they_were_planned_for() -> None:
    history = read_dataset(CHORLEY)
    plan = _plan(history, CHORLEY_2015, "exec", date(2016, 8, 1), date(2016, 12, 31))
    document = document_from_history(history)
    pasted = parse_text(plan_yaml(plan), "plan.yaml", ValueError)  # type: ignore[arg-type]
    assert pasted["meetings"] == [entry(p) for p in plan.proposals]
    document["meetings"] += pasted["meetings"]
    imported = load_dataset(json.dumps(document), "merged.json")
    assert {p.meeting for p in plan.proposals} <= set(imported.meetings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("second Tuesday", MonthlyDay(2, 1)),
        ("2nd tue", MonthlyDay(2, 1)),
        ("last Friday of the month", MonthlyDay(-1, 4)),
    ],
)
def test_a_day_of_the_month_is_read_from_words(text: str, expected: MonthlyDay) -> None:
    assert MonthlyDay.parse(text) == expected
