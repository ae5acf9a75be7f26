"""The durable_rules adapter finds what ``evaluate`` finds.

For the five rules the adapter judges (clauses 1.7.3, 1.4.8, 1.7.6 and 1.7.5), posting a history's events to
a :class:`DurableHost` one at a time yields the same findings, field for field (clause, severity, date,
subject, message, evidence, interpretation) and so with the same ids, as :func:`psr_core.evaluate` on the
whole history, and leaves no event waiting in the engine. CI runs at least 500 generated histories (the
``CI`` variable is set), and fails rather than skips when the durable extra is missing there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from three_paths import EQUIVALENCE, IN_A_HISTORY

from psr_adapters.dataset import read_dataset
from psr_adapters.durable import RULE_IDS, DurableHost, events_from_history, last_day
from psr_core import (
    CHORLEY_2015,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Finding,
    Group,
    History,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Partnership,
    Policy,
    Role,
    Tier,
    evaluate,
)
from psr_core.evaluation import PolicyChoice
from strategies import histories
from strategies.extras import require
from strategies.tangled import only_the_adapters_rules, policies, tangled_histories

require("durable.engine", "durable")  # skip without the extra; fail under CI

ROOT = Path(__file__).resolve().parents[2]
REALISTIC = EQUIVALENCE
TANGLED = EQUIVALENCE


def _describe(findings: Iterable[Finding]) -> str:
    return "\n".join(
        f"  {f.date} {f.rule} {f.subject.as_dict()} {f.message} {dict(f.evidence)}" for f in findings
    )


def assert_same_findings(core: Iterable[Finding], replayed: Iterable[Finding]) -> None:
    core, replayed = list(core), list(replayed)
    assert Counter(f.id for f in core) == Counter(f.id for f in replayed)
    expected, got = Counter(core), Counter(replayed)
    missing, extra = expected - got, got - expected
    report = (
        f"the adapter disagrees with the core\nonly the core found:\n{_describe(missing.elements())}"
        f"\nonly the adapter found:\n{_describe(extra.elements())}"
    )
    assert not missing, report
    assert not extra, report
    # Findings are equal when every field is (evidence and interpretation included), so the two multisets
    # being equal is the property; the order findings arise in is the host's, and evaluate sorts its own.


def replay_and_compare(history: History, policy: PolicyChoice, *, decide_items: bool = True) -> int:
    as_of = last_day(history)
    core = [f for f in evaluate(history, policy, as_of).findings if f.rule in RULE_IDS]
    delivered: list[Finding] = []
    with DurableHost(delivered.append, policy=policy) as host:
        returned = host.replay(events_from_history(history, decide_items=decide_items))
        assert host.unconsumed() == 0
    assert list(returned) == delivered
    assert_same_findings(core, delivered)
    return len(core)


@REALISTIC
@given(history=histories(), policy=st.none() | policies(days=IN_A_HISTORY), decide_items=st.booleans())
def test_replaying_a_partnership_history_finds_what_evaluate_finds(
    history: History, policy: Policy | None, decide_items: bool
) -> None:
    replay_and_compare(history, policy, decide_items=decide_items)


@TANGLED
@given(history=tangled_histories(), policy=policies(), decide_items=st.booleans())
def test_replaying_a_tangled_history_finds_what_evaluate_finds(
    history: History, policy: Policy, decide_items: bool
) -> None:
    replay_and_compare(history, only_the_adapters_rules(policy), decide_items=decide_items)


@pytest.mark.parametrize(
    "path", ["examples/chorley/chorley.yaml", "tests/data/small.yaml", "examples/joint-2021/joint.yaml"]
)
def test_replaying_the_examples_finds_what_evaluate_finds(path: str) -> None:
    replay_and_compare(read_dataset(ROOT / path), None)


def test_the_chorley_example_shows_each_of_the_five_rules() -> None:
    path = ROOT / "examples/chorley/chorley.yaml"
    with DurableHost() as host:
        found = host.replay(events_from_history(read_dataset(path)))
    assert {f.rule for f in found} == set(RULE_IDS)


BEGIN = date(2015, 1, 5)


def _corner(
    meetings: list[tuple[int, int, list[Attendance], list[Item]]], seats: list[Membership]
) -> History:
    """One partnership, one group ``g``, meetings given as (week, hour, attendance, items)."""
    return History(
        partnerships=[
            Partnership(id="p", name="p", policy="chorley-2015", timezone="Europe/London", started=BEGIN)
        ],
        groups=[Group(id="g", partnership="p", tier=Tier.EXECUTIVE)],
        memberships=seats,
        meetings=[
            Meeting(
                id=f"m{n}",
                groups=("g",),
                start=datetime.combine(BEGIN + timedelta(weeks=week), time(hour)),
                status=MeetingStatus.HELD,
                attendance=attendance,
                items=items,
            )
            for n, (week, hour, attendance, items) in enumerate(meetings)
        ],
    )


ABSENT = [Attendance(person="ann", status=AttendanceStatus.ABSENT)]
ANN = Membership(person="ann", group="g", role=Role.CHIEF_OFFICER, start=BEGIN)


def test_a_member_who_resigns_at_the_morning_meeting_is_still_expected_that_afternoon() -> None:
    """Clause 1.7.3: the membership ends on the day of the third miss, so the member is still expected at a
    second meeting that day (her deputy is noted, 1.4.8, and her vote counts as a member's) but that meeting
    no longer counts in a run of hers."""
    vote = Item(id="1", decision=Decision(method=DecisionMethod.VOTE, votes_for=["ann"]))
    sent = [Attendance(person="ann", status=AttendanceStatus.DEPUTY, deputy="bob")]
    history = _corner(
        [(0, 10, ABSENT, []), (1, 10, ABSENT, []), (2, 9, ABSENT, []), (2, 14, sent, [vote])], [ANN]
    )
    assert replay_and_compare(history, CHORLEY_2015) == 4  # WE, DR, deputy, vote
    with DurableHost(policy=CHORLEY_2015) as host:
        found = host.replay(events_from_history(history))
    afternoon = sorted((f.rule, dict(f.evidence)) for f in found if f.subject.meeting == "m3")
    assert afternoon == [
        ("attendance.deputy", {"deputy": "bob"}),
        (
            "decision.vote-eligibility",
            {"vote": "for", "present": False, "member": True, "withdrew": False, "deputy_for": None},
        ),
    ]


def test_a_member_seated_again_after_a_deemed_resignation_starts_a_new_run() -> None:
    """Clause 1.7.3: after a deemed resignation only a membership that starts later seats the member again,
    and the misses counted towards the first resignation do not count towards the next."""
    again = Membership(person="ann", group="g", role=Role.ADVOCATE, start=BEGIN + timedelta(weeks=4))
    weeks: list[tuple[int, int, list[Attendance], list[Item]]] = [
        (week, 10, ABSENT, []) for week in (0, 1, 2, 3, 5, 6, 7, 8)
    ]
    history = _corner(weeks, [ANN, again])
    assert replay_and_compare(history, CHORLEY_2015) == 4
