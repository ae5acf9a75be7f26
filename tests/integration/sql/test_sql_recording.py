"""A host application records a partnership's business as it happens: one transaction a call, and two
writers never overwrite each other silently."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import pytest
from sqlalchemy import Engine

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import (
    ConflictError,
    Recorded,
    Recorder,
    RecordNotFoundError,
    SchemaVersionError,
    UnstorableHistoryError,
    import_history,
    load_history,
)
from psr_core import Attendance, AttendanceStatus, Decision, Declaration, Item, Meeting, Membership, Person

from . import workers
from .conftest import Target
from .storable import SMALL

T = TypeVar("T")

MEETING = Meeting(id="exec-2015-11-10", groups=["exec"], start=datetime(2015, 11, 10, 10), status="scheduled")


@pytest.fixture
def recorder(database: Target) -> Iterator[Recorder]:
    """A recorder on a database holding the small dataset."""
    import_history(read_dataset(SMALL), database.engine)
    with Recorder(database.engine) as recorder:
        yield recorder


def test_a_new_meeting_is_recorded_with_its_attendance_and_items(
    recorder: Recorder, database: Target
) -> None:
    meeting = attrs.evolve(
        MEETING,
        attendance=[Attendance("alistair-bradley", "present")],
        items=[Item("1", "Budget", [Declaration("gary-hall", "personal")], Decision("consensus"))],
    )
    assert recorder.add_meeting(meeting) == Recorded(meeting, 1)
    assert recorder.meeting(meeting.id) == Recorded(meeting, 1)
    assert load_history(database.engine).meetings[-1] == meeting


def test_a_meeting_recorded_twice_is_a_conflict(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    with pytest.raises(ConflictError, match="meeting exec-2015-11-10 is already recorded"):
        recorder.add_meeting(MEETING)


def test_a_meeting_of_an_unknown_group_is_refused_naming_it(recorder: Recorder, database: Target) -> None:
    with pytest.raises(RecordNotFoundError, match=r"no group has the id 'nowhere'; record it first"):
        recorder.add_meeting(attrs.evolve(MEETING, groups=["nowhere"]))
    assert MEETING.id not in {m.id for m in load_history(database.engine).meetings}


def test_attendance_is_recorded_then_changed_from_the_version_read(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    first = recorder.record_attendance(MEETING.id, Attendance("gary-hall", "apologies"))
    assert first.version == 1
    changed = recorder.record_attendance(
        MEETING.id, Attendance("gary-hall", "present"), version=first.version
    )
    assert changed == Recorded(Attendance("gary-hall", "present"), 2)
    assert recorder.attendance(MEETING.id, "gary-hall") == changed


def test_recording_attendance_already_recorded_is_a_conflict_that_says_how_to_change_it(
    recorder: Recorder,
) -> None:
    recorder.add_meeting(MEETING)
    recorder.record_attendance(MEETING.id, Attendance("gary-hall", "apologies"))
    with pytest.raises(
        ConflictError, match=r"already recorded \(version 1\); to change it, read it and pass"
    ):
        recorder.record_attendance(MEETING.id, Attendance("gary-hall", "present"))


def test_a_change_from_a_stale_version_is_refused_and_overwrites_nothing(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    seen = recorder.record_attendance(MEETING.id, Attendance("gary-hall", "apologies"))
    recorder.record_attendance(MEETING.id, Attendance("gary-hall", "absent"), version=seen.version)
    with pytest.raises(ConflictError, match=r"you read version 1, it is now at version 2"):
        recorder.record_attendance(MEETING.id, Attendance("gary-hall", "present"), version=seen.version)
    assert recorder.attendance(MEETING.id, "gary-hall").value.status == "absent"


def test_attendance_at_an_unknown_meeting_or_of_an_unknown_person_is_not_found(recorder: Recorder) -> None:
    with pytest.raises(RecordNotFoundError, match="no meeting has the id 'nowhere'"):
        recorder.record_attendance("nowhere", Attendance("gary-hall", "present"))
    recorder.add_meeting(MEETING)
    with pytest.raises(RecordNotFoundError, match="no person has the id 'nobody'"):
        recorder.record_attendance(MEETING.id, Attendance("nobody", "present"))
    with pytest.raises(RecordNotFoundError, match="no attendance of gary-hall"):
        recorder.attendance(MEETING.id, "gary-hall")


def test_a_deputy_with_the_wrong_status_is_refused_before_anything_is_written(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    with pytest.raises(UnstorableHistoryError, match=r"use status: deputy"):
        recorder.record_attendance(MEETING.id, Attendance("gary-hall", "present", deputy="allan-jones"))


def test_a_decision_is_recorded_once_then_changed_from_the_items_version(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    added = recorder.add_item(MEETING.id, Item("7", "Pooled budget"))
    vote = Decision("vote", ["alistair-bradley"], ["gary-hall"])
    decided = recorder.record_decision(MEETING.id, "7", vote)
    assert decided == Recorded(Item("7", "Pooled budget", decision=vote), added.version + 1)
    with pytest.raises(ConflictError, match=r"decision on item 7 .* already recorded"):
        recorder.record_decision(MEETING.id, "7", Decision("consensus"))
    revised = recorder.record_decision(MEETING.id, "7", Decision("consensus"), version=decided.version)
    assert revised.value.decision == Decision("consensus")
    with pytest.raises(ConflictError, match="changed by another writer"):
        recorder.record_decision(MEETING.id, "7", vote, version=decided.version)


def test_declarations_are_added_in_order(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    recorder.add_item(MEETING.id, Item("7"))
    recorder.record_declaration(MEETING.id, "7", Declaration("gary-hall", "personal", "spouse"))
    recorder.record_declaration(
        MEETING.id, "7", Declaration("alistair-bradley", "prejudicial", withdrew=True)
    )
    assert [d.person for d in recorder.item(MEETING.id, "7").value.declarations] == [
        "gary-hall",
        "alistair-bradley",
    ]
    with pytest.raises(RecordNotFoundError, match="has no item '8'"):
        recorder.record_declaration(MEETING.id, "8", Declaration("gary-hall", "personal"))


def test_a_membership_starts_and_ends_and_a_stale_end_is_refused(
    recorder: Recorder, database: Target
) -> None:
    recorder.add_person(Person("new-member", "New Member"))
    seat = recorder.start_membership(Membership("new-member", "exec", "chief-officer", date(2015, 9, 1)))
    assert seat.key is not None
    ended = recorder.end_membership(seat.key, date(2015, 12, 31), version=seat.version)
    assert ended.value.end == date(2015, 12, 31)
    assert load_history(database.engine).memberships[-1] == ended.value
    with pytest.raises(ConflictError, match="changed by another writer"):
        recorder.end_membership(seat.key, date(2016, 1, 31), version=seat.version)
    assert [r.value.person for r in recorder.memberships(group_id="exec")][-1] == "new-member"


def test_a_meetings_details_change_from_the_version_read(recorder: Recorder) -> None:
    recorder.add_meeting(MEETING)
    held = attrs.evolve(MEETING, status="held", chair="alistair-bradley")
    assert recorder.update_meeting(held, version=1) == Recorded(held, 2)
    with pytest.raises(ConflictError, match="you read version 1, it is now at version 2"):
        recorder.update_meeting(attrs.evolve(MEETING, status="cancelled"), version=1)


def test_the_recorder_refuses_a_database_without_the_current_schema(empty_database: Target) -> None:
    with (
        Recorder(empty_database.engine) as recorder,
        pytest.raises(SchemaVersionError, match="psr db upgrade"),
    ):
        recorder.add_meeting(MEETING)


# -- concurrency ----------------------------------------------------------------------------------------


def all_at_once(count: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run ``work(0)`` ... ``work(count - 1)`` in threads that start together; each result or error."""
    start = threading.Barrier(count)
    results: list[T | Exception] = [RuntimeError("did not run")] * count

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = work(index)
        except Exception as error:  # collected and asserted on by the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


PEOPLE = [f"member-{i}" for i in range(6)]


@pytest.fixture
def crowded(recorder: Recorder) -> Recorder:
    for person in PEOPLE:
        recorder.add_person(Person(person, person.title()))
    recorder.add_meeting(MEETING)
    return recorder


def test_writers_recording_different_members_attendance_at_once_all_land(
    crowded: Recorder, fresh_engine: Callable[[], Engine]
) -> None:
    engines = [fresh_engine() for _ in PEOPLE]

    def record(index: int) -> Recorded[Attendance]:
        with Recorder(engines[index]) as writer:
            return writer.record_attendance(MEETING.id, Attendance(PEOPLE[index], "present"))

    results = all_at_once(len(PEOPLE), record)
    assert [r for r in results if isinstance(r, Exception)] == []
    stored = crowded.meeting(MEETING.id).value
    assert sorted(entry.person for entry in stored.attendance) == PEOPLE


def test_writers_changing_the_same_attendance_at_once_conflict_and_one_change_lands(
    crowded: Recorder, fresh_engine: Callable[[], Engine]
) -> None:
    seen = crowded.record_attendance(MEETING.id, Attendance("gary-hall", "apologies"))
    engines = [fresh_engine() for _ in range(4)]
    statuses = ["present", "absent", "deputy", "present"]

    def change(index: int) -> Recorded[Attendance]:
        entry = Attendance(
            "gary-hall",
            AttendanceStatus(statuses[index]),
            "allan-jones" if statuses[index] == "deputy" else None,
        )
        with Recorder(engines[index]) as writer:
            return writer.record_attendance(MEETING.id, entry, version=seen.version)

    results = all_at_once(len(engines), change)
    landed = [r for r in results if isinstance(r, Recorded)]
    assert len(landed) == 1
    assert all(isinstance(r, ConflictError) for r in results if not isinstance(r, Recorded))
    assert crowded.attendance(MEETING.id, "gary-hall") == Recorded(landed[0].value, 2)


@pytest.mark.usefixtures("crowded")
def test_writers_recording_the_same_new_attendance_at_once_conflict_and_one_lands(
    fresh_engine: Callable[[], Engine],
) -> None:
    engines = [fresh_engine() for _ in range(4)]

    def record(index: int) -> Recorded[Attendance]:
        with Recorder(engines[index]) as writer:
            return writer.record_attendance(MEETING.id, Attendance(PEOPLE[0], "present"))

    results = all_at_once(len(engines), record)
    assert len([r for r in results if isinstance(r, Recorded)]) == 1
    assert all(isinstance(r, ConflictError) for r in results if not isinstance(r, Recorded))


def test_writers_declaring_interests_in_the_same_item_at_once_all_land(
    crowded: Recorder, fresh_engine: Callable[[], Engine]
) -> None:
    crowded.add_item(MEETING.id, Item("1"))
    engines = [fresh_engine() for _ in PEOPLE]

    def declare(index: int) -> None:
        with Recorder(engines[index]) as writer:
            writer.record_declaration(MEETING.id, "1", Declaration(PEOPLE[index], "personal"))

    results = all_at_once(len(PEOPLE), declare)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(d.person for d in crowded.item(MEETING.id, "1").value.declarations) == PEOPLE


def in_processes(calls: list[tuple[Any, ...]]) -> list[int | None]:
    """Run ``workers.record_attendance`` once per argument tuple, each in a process of its own, all at once."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(calls))
    processes = [context.Process(target=workers.record_attendance, args=(*call, start)) for call in calls]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    return [process.exitcode for process in processes]


def test_two_processes_recording_different_members_attendance_both_land(
    crowded: Recorder, database: Target
) -> None:
    codes = in_processes([(database.url, MEETING.id, person, "present", None) for person in PEOPLE[:2]])
    assert codes == [workers.LANDED, workers.LANDED]
    assert sorted(e.person for e in crowded.meeting(MEETING.id).value.attendance) == PEOPLE[:2]


def test_two_processes_changing_the_same_attendance_one_lands_one_conflicts(
    crowded: Recorder, database: Target
) -> None:
    seen = crowded.record_attendance(MEETING.id, Attendance(PEOPLE[0], "apologies"))
    codes = in_processes(
        [(database.url, MEETING.id, PEOPLE[0], status, seen.version) for status in ("present", "absent")]
    )
    assert set(codes) == {workers.LANDED, workers.CONFLICT}  # one of each
    assert crowded.attendance(MEETING.id, PEOPLE[0]).version == seen.version + 1
