"""A meeting recorded through the JudgedRecorder is stored and judged at once: what it returns is
what evaluating the stored history afresh adds, whoever else is writing to the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from psr_adapters.sql import (
    ConflictError,
    JudgedRecorder,
    Recorder,
    RecordNotFoundError,
    import_history,
    load_history,
)
from psr_core import Attendance, Evaluation, Finding, Group, History, Meeting, Tier, evaluate
from strategies import histories
from strategies.chorley import CHIEF_OFFICERS, chorley, full_structure, held, monthly

from .conftest import Target, examples
from .storable import storable

EXECUTIVE = [*CHIEF_OFFICERS.values(), "allan-jones", "martin-cox"]
"""Everyone seated on the Executive by ``full_structure``."""

DAYS = monthly(date(2015, 7, 14), 5)


def executive(day: date, absent: tuple[str, ...] = ()) -> Meeting:
    """An Executive meeting on ``day`` with everyone's attendance recorded: present, unless ``absent``."""
    return held("exec", day, {person: "absent" if person in absent else "present" for person in EXECUTIVE})


MEETINGS = [executive(day, absent=("tracie-ogara",) if n else ()) for n, day in enumerate(DAYS)]
"""Tracie O'Gara attends the first meeting and misses every one after it (clause 1.7.3)."""


def new_in(after: Evaluation, before: Evaluation) -> tuple[Finding, ...]:
    """The findings of ``after`` that ``before`` does not have, in evaluate's order."""
    known = {finding.identity() for finding in before.findings}
    return tuple(finding for finding in after.findings if finding.identity() not in known)


def stored_evaluation(database: Target, as_of: date) -> Evaluation:
    """What evaluating the history stored in ``database`` afresh gives."""
    return evaluate(load_history(database.engine), None, as_of)


@pytest.fixture
def judge(database: Target) -> Iterator[JudgedRecorder]:
    """A judged recorder on Chorley with every seat filled and its first Executive meeting recorded."""
    import_history(chorley(memberships=full_structure(), meetings=MEETINGS[:1]), database.engine)
    with JudgedRecorder(database.engine, as_of=DAYS[0]) as judge:
        yield judge


def test_a_run_of_misses_is_judged_as_each_meeting_is_recorded(database: Target) -> None:
    """The worked example: the second miss asks for a written explanation, the third is a resignation."""
    import_history(chorley(memberships=full_structure()), database.engine)
    with JudgedRecorder(database.url, as_of=date(2015, 7, 1)) as judge:
        about_tracie: list[list[str]] = []
        for meeting in MEETINGS:
            before = stored_evaluation(database, judge.as_of)
            found = judge.record_meeting(meeting)
            assert judge.as_of == meeting.day
            assert found == new_in(stored_evaluation(database, judge.as_of), before)
            about_tracie.append([f.rule for f in found if f.subject.person == "tracie-ogara"])
        assert judge.evaluation() == stored_evaluation(database, DAYS[-1])
        assert judge.rebuilds == 1
    assert about_tracie == [
        [],
        [],
        ["attendance.written-explanation"],
        ["attendance.deemed-resignation"],
        [],  # her membership ended at the third miss: she is no longer expected
    ]


def test_generated_histories_are_judged_meeting_by_meeting_as_evaluate_judges_them(
    database: Target,
) -> None:
    """Part of a generated history stored, the rest of its meetings recorded one by one, each on its day
    or a later one, now and then by another writer: each result is what evaluating the stored history
    afresh adds to what the judge had found before."""

    @examples(database.kind)
    @given(data=st.data())
    def property(data: st.DataObject) -> None:
        history = storable(data.draw(histories()))
        meetings = sorted(history.meetings, key=lambda m: (m.start, m.id))
        split = data.draw(st.integers(0, len(meetings)), label="stored first")
        import_history(attrs.evolve(history, meetings=meetings[:split]), database.engine, replace=True)
        start = meetings[split - 1].day if split else history.partnerships[0].started
        with JudgedRecorder(database.engine, as_of=start) as judge, Recorder(database.engine) as other:
            before = stored_evaluation(database, judge.as_of)
            assert judge.evaluation() == before
            others = False
            for meeting in meetings[split:]:
                if data.draw(st.sampled_from([False] * 5 + [True]), label="by another writer"):
                    other.add_meeting(meeting)
                    others = True
                    continue
                later = data.draw(st.none() | st.dates(meeting.day, meeting.day + timedelta(days=200)))
                rebuilds = judge.rebuilds
                found = judge.record_meeting(meeting, later)
                after = stored_evaluation(database, judge.as_of)
                assert found == new_in(after, before)
                assert judge.evaluation() == after
                assert judge.rebuilds > rebuilds or not others
                before, others = after, False

    property()


def test_recording_in_order_reads_nothing_afresh(judge: JudgedRecorder, database: Target) -> None:
    for meeting in MEETINGS[1:]:
        judge.record_meeting(meeting)
    assert judge.rebuilds == 1
    assert judge.evaluation() == stored_evaluation(database, DAYS[-1])


@pytest.mark.parametrize(
    "refused",
    [
        pytest.param((MEETINGS[0], ConflictError, "already recorded"), id="recorded already"),
        pytest.param(
            (attrs.evolve(MEETINGS[1], groups=["nowhere"]), RecordNotFoundError, "no group has the id"),
            id="unknown group",
        ),
        pytest.param(
            (
                attrs.evolve(MEETINGS[1], attendance=[Attendance("nobody", "absent")]),
                RecordNotFoundError,
                "no person has the id 'nobody'",
            ),
            id="unknown person",
        ),
    ],
)
def test_a_meeting_that_cannot_be_stored_changes_nothing(
    judge: JudgedRecorder, database: Target, refused: tuple[Meeting, type[Exception], str]
) -> None:
    meeting, error, message = refused
    stored, judged = load_history(database.engine), judge.evaluation()
    with pytest.raises(error, match=message):
        judge.record_meeting(meeting)
    assert load_history(database.engine) == stored
    assert judge.evaluation() == judged
    assert (judge.as_of, judge.rebuilds) == (DAYS[0], 1)
    # And it goes on as before: the next meeting is judged as evaluate judges it.
    found = judge.record_meeting(MEETINGS[1])
    assert found == new_in(stored_evaluation(database, DAYS[1]), judged)
    assert judge.rebuilds == 1


def test_a_meeting_another_writer_recorded_meanwhile_is_taken_into_account(
    judge: JudgedRecorder, database: Target, fresh_engine: Callable[[], Engine]
) -> None:
    """Another process records the second miss; the third, recorded here, is still a deemed resignation."""
    judge.record_meeting(MEETINGS[1])
    before = judge.evaluation()
    with Recorder(fresh_engine()) as other:
        other.add_meeting(MEETINGS[2])
    found = judge.record_meeting(MEETINGS[3])
    assert judge.rebuilds == 2
    assert found == new_in(stored_evaluation(database, DAYS[3]), before)
    assert "attendance.written-explanation" in {f.rule for f in found}  # the other writer's meeting's
    assert "attendance.deemed-resignation" in {f.rule for f in found}
    assert judge.evaluation() == stored_evaluation(database, DAYS[3])
    judge.record_meeting(MEETINGS[4])  # and on from there without reading the history again
    assert judge.rebuilds == 2
    assert judge.evaluation() == stored_evaluation(database, DAYS[4])


def test_a_meeting_of_a_group_another_writer_added_is_judged_with_the_group(
    judge: JudgedRecorder, database: Target
) -> None:
    """The history replaced under the judge with one that has a new group: its meeting is not counted
    wrong, since a meeting of a group the judge does not know makes it read the history again."""
    task_group = Group(id="task", partnership="chorley", tier=Tier.IMPLEMENTATION)
    stored = load_history(database.engine)
    import_history(attrs.evolve(stored, groups=[*stored.groups, task_group]), database.engine, replace=True)
    found = judge.record_meeting(held("task", DAYS[1], chair=None))
    assert judge.rebuilds == 2
    assert judge.evaluation() == stored_evaluation(database, DAYS[1])
    assert found == new_in(judge.evaluation(), evaluate(stored, None, DAYS[0]))


def test_other_writers_changes_to_a_recorded_meeting_are_seen_after_reload(
    judge: JudgedRecorder, database: Target, fresh_engine: Callable[[], Engine]
) -> None:
    """Only new meetings are counted; a correction of attendance by another writer needs ``reload()``."""
    judge.record_meeting(MEETINGS[1])
    judge.record_meeting(MEETINGS[2])
    with Recorder(fresh_engine()) as other:
        seen = other.attendance(MEETINGS[2].id, "tracie-ogara")
        other.record_attendance(MEETINGS[2].id, Attendance("tracie-ogara", "present"), version=seen.version)
    stored = stored_evaluation(database, DAYS[2])
    assert "attendance.written-explanation" not in {f.rule for f in stored.findings}
    assert judge.evaluation() != stored
    judge.reload()
    assert judge.evaluation() == stored
    assert judge.as_of == DAYS[2]


def test_a_judged_recorder_disposes_only_of_an_engine_it_opened(database: Target) -> None:
    import_history(chorley(), database.engine)
    with JudgedRecorder(database.engine, as_of=DAYS[0]) as judge:
        assert judge.engine is database.engine
    assert load_history(database.engine) == chorley()  # the caller's engine still works


def test_an_empty_history_is_judged_too(database: Target) -> None:
    with JudgedRecorder(database.engine, as_of=DAYS[0]) as judge:
        assert judge.evaluation() == evaluate(History(), None, DAYS[0])
