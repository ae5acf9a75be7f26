"""The recording API driven step by step beside a model kept in memory: after every step the database
holds exactly the history the model says, with the versions the model expects (STYLE practice 11)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import ClassVar

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import ConflictError, Recorded, Recorder, import_history, load_history
from psr_adapters.sql.tables import AttendanceRow, ItemRow, MeetingRow, MembershipRow
from psr_core import Attendance, AttendanceStatus, Decision, Declaration, History, Item, Meeting, Membership

from .conftest import Target, examples
from .storable import SMALL

BASE = read_dataset(SMALL)
PEOPLE = [person.id for person in BASE.people]
MEETING_IDS = st.sampled_from(["exec-a", "exec-b", "Exec-a", "exec a", BASE.meetings[0].id])
ITEM_IDS = st.sampled_from(["1", "2", "4"])
DAYS = st.dates(date(2015, 6, 16), date(2017, 12, 31))
STATUSES = st.sampled_from(AttendanceStatus)


@st.composite
def entries(draw: st.DrawFn, person: str) -> Attendance:
    status = draw(STATUSES)
    deputy = draw(st.none() | st.sampled_from(PEOPLE)) if status is AttendanceStatus.DEPUTY else None
    return Attendance(person, status, deputy, draw(st.none() | st.sampled_from(["jury service", "illness"])))


@st.composite
def decisions(draw: st.DrawFn) -> Decision:
    voters = draw(st.permutations(PEOPLE))
    cut = sorted(draw(st.lists(st.integers(0, len(voters)), min_size=2, max_size=2)))
    return Decision(
        draw(st.sampled_from(["consensus", "chair", "vote"])), voters[: cut[0]], voters[cut[0] : cut[1]]
    )


@dataclass
class ModelItem:
    item: Item
    version: int = 1


@dataclass
class ModelMeeting:
    details: Meeting
    version: int = 1
    attendance: dict[str, tuple[Attendance, int]] = field(default_factory=dict)
    items: dict[str, ModelItem] = field(default_factory=dict)

    @classmethod
    def of(cls, meeting: Meeting) -> ModelMeeting:
        return cls(
            attrs.evolve(meeting, attendance=(), items=()),
            attendance={a.person: (a, 1) for a in meeting.attendance},
            items={i.id: ModelItem(i) for i in meeting.items},
        )

    def meeting(self) -> Meeting:
        return attrs.evolve(
            self.details,
            attendance=[entry for entry, _version in self.attendance.values()],
            items=[model.item for model in self.items.values()],
        )


class RecordingMachine(RuleBasedStateMachine):
    """A host application at work: meetings, attendance, items, declarations, decisions, memberships."""

    target: ClassVar[Target]

    def __init__(self) -> None:
        super().__init__()
        self.engine = self.target.engine
        import_history(BASE, self.engine, replace=True)
        self.recorder = Recorder(self.engine)
        self.meetings = {m.id: ModelMeeting.of(m) for m in BASE.meetings}
        self.memberships: list[Recorded[Membership]] = self.recorder.memberships()

    def teardown(self) -> None:
        self.recorder.close()

    def history(self) -> History:
        return attrs.evolve(
            BASE,
            memberships=[m.value for m in self.memberships],
            meetings=[model.meeting() for model in self.meetings.values()],
        )

    # -- meetings --------------------------------------------------------------------------------------

    @rule(meeting_id=MEETING_IDS, day=DAYS, data=st.data())
    def add_meeting(self, meeting_id: str, day: date, data: st.DataObject) -> None:
        people = data.draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=3))
        meeting = Meeting(
            id=meeting_id,
            groups=["exec"],
            start=datetime.combine(day, datetime.min.time()) + timedelta(hours=10),
            status=data.draw(st.sampled_from(["held", "scheduled"])),
            attendance=[data.draw(entries(person)) for person in people],
        )
        if meeting_id in self.meetings:
            with_conflict(lambda: self.recorder.add_meeting(meeting))
            return
        assert self.recorder.add_meeting(meeting) == Recorded(meeting, 1)
        self.meetings[meeting_id] = ModelMeeting.of(meeting)

    @precondition(lambda self: self.meetings)
    @rule(data=st.data())
    def change_meeting(self, data: st.DataObject) -> None:
        model = self.meetings[data.draw(st.sampled_from(sorted(self.meetings)))]
        changed = attrs.evolve(
            model.details,
            status=data.draw(st.sampled_from(["held", "scheduled", "cancelled"])),
            chair=data.draw(st.none() | st.sampled_from(PEOPLE)),
        )
        version = data.draw(
            st.sampled_from([model.version, model.version, model.version + 1, model.version - 1])
        )
        if version != model.version:
            with_conflict(lambda: self.recorder.update_meeting(changed, version=version))
            return
        assert self.recorder.update_meeting(changed, version=version).version == model.version + 1
        model.details, model.version = changed, model.version + 1

    # -- attendance ------------------------------------------------------------------------------------

    @precondition(lambda self: self.meetings)
    @rule(data=st.data())
    def record_attendance(self, data: st.DataObject) -> None:
        model = self.meetings[data.draw(st.sampled_from(sorted(self.meetings)))]
        entry = data.draw(entries(data.draw(st.sampled_from(PEOPLE))))
        if entry.person in model.attendance:
            with_conflict(lambda: self.recorder.record_attendance(model.details.id, entry))
            return
        assert self.recorder.record_attendance(model.details.id, entry) == Recorded(entry, 1)
        model.attendance[entry.person] = (entry, 1)

    @precondition(lambda self: any(model.attendance for model in self.meetings.values()))
    @rule(data=st.data())
    def change_attendance(self, data: st.DataObject) -> None:
        model = self.meetings[
            data.draw(st.sampled_from(sorted(k for k, m in self.meetings.items() if m.attendance)))
        ]
        person = data.draw(st.sampled_from(sorted(model.attendance)))
        _entry, current = model.attendance[person]
        entry = data.draw(entries(person))
        version = data.draw(st.sampled_from([current, current, current + 1, current - 1]))
        if version != current:
            with_conflict(lambda: self.recorder.record_attendance(model.details.id, entry, version=version))
            return
        assert self.recorder.record_attendance(model.details.id, entry, version=version) == Recorded(
            entry, current + 1
        )
        model.attendance[person] = (entry, current + 1)

    # -- items -----------------------------------------------------------------------------------------

    @precondition(lambda self: self.meetings)
    @rule(item_id=ITEM_IDS, data=st.data())
    def add_item(self, item_id: str, data: st.DataObject) -> None:
        model = self.meetings[data.draw(st.sampled_from(sorted(self.meetings)))]
        item = Item(
            item_id, data.draw(st.none() | st.just("Budget")), decision=data.draw(st.none() | decisions())
        )
        if item_id in model.items:
            with_conflict(lambda: self.recorder.add_item(model.details.id, item))
            return
        assert self.recorder.add_item(model.details.id, item) == Recorded(item, 1)
        model.items[item_id] = ModelItem(item)

    def _some_item(self, data: st.DataObject) -> tuple[str, ModelItem]:
        meeting_id = data.draw(st.sampled_from(sorted(k for k, m in self.meetings.items() if m.items)))
        model = self.meetings[meeting_id]
        return meeting_id, model.items[data.draw(st.sampled_from(sorted(model.items)))]

    @precondition(lambda self: any(model.items for model in self.meetings.values()))
    @rule(data=st.data())
    def declare(self, data: st.DataObject) -> None:
        meeting_id, model = self._some_item(data)
        declaration = Declaration(
            data.draw(st.sampled_from(PEOPLE)), data.draw(st.sampled_from(["personal", "prejudicial"]))
        )
        self.recorder.record_declaration(meeting_id, model.item.id, declaration)
        model.item = attrs.evolve(model.item, declarations=[*model.item.declarations, declaration])

    @precondition(lambda self: any(model.items for model in self.meetings.values()))
    @rule(data=st.data())
    def decide(self, data: st.DataObject) -> None:
        meeting_id, model = self._some_item(data)
        decision = data.draw(decisions())
        version = data.draw(
            st.sampled_from([None, model.version, model.version, model.version + 1, model.version - 1])
        )
        expected = model.version if version is not None else None
        undecided = model.item.decision is None
        if version != expected or (version is None and not undecided):
            with_conflict(
                lambda: self.recorder.record_decision(meeting_id, model.item.id, decision, version=version)
            )
            return
        decided = attrs.evolve(model.item, decision=decision)
        assert self.recorder.record_decision(
            meeting_id, model.item.id, decision, version=version
        ) == Recorded(decided, model.version + 1)
        model.item, model.version = decided, model.version + 1

    # -- memberships -----------------------------------------------------------------------------------

    @rule(person=st.sampled_from(PEOPLE), start=DAYS)
    def start_membership(self, person: str, start: date) -> None:
        recorded = self.recorder.start_membership(Membership(person, "exec", "chief-officer", start))
        self.memberships.append(recorded)

    @precondition(lambda self: self.memberships)
    @rule(data=st.data())
    def end_membership(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.memberships) - 1))
        seat = self.memberships[index]
        assert seat.key is not None
        end = seat.value.start + timedelta(days=data.draw(st.integers(0, 800)))
        version = data.draw(st.sampled_from([seat.version, seat.version, seat.version + 1, seat.version - 1]))
        if version != seat.version:
            with_conflict(lambda: self.recorder.end_membership(seat.key or 0, end, version=version))
            return
        ended = self.recorder.end_membership(seat.key, end, version=version)
        assert ended == Recorded(attrs.evolve(seat.value, end=end), seat.version + 1, seat.key)
        self.memberships[index] = ended

    # -- what must hold after every step ---------------------------------------------------------------

    @invariant()
    def the_database_holds_the_models_history(self) -> None:
        assert load_history(self.engine) == self.history()

    @invariant()
    def every_record_is_at_the_version_the_model_expects(self) -> None:
        with self.engine.connect() as connection:
            meetings = dict(connection.execute(select(MeetingRow.id, MeetingRow.version)).all())
            attendance = {
                (m, p): v
                for m, p, v in connection.execute(
                    select(AttendanceRow.meeting_id, AttendanceRow.person_id, AttendanceRow.version)
                )
            }
            items = {
                (m, i): v
                for m, i, v in connection.execute(select(ItemRow.meeting_id, ItemRow.id, ItemRow.version))
            }
            seats = dict(connection.execute(select(MembershipRow.id, MembershipRow.version)).all())
        assert meetings == {k: m.version for k, m in self.meetings.items()}
        assert attendance == {
            (k, p): v for k, m in self.meetings.items() for p, (_e, v) in m.attendance.items()
        }
        assert items == {
            (k, i): model.version for k, m in self.meetings.items() for i, model in m.items.items()
        }
        assert seats == {seat.key: seat.version for seat in self.memberships}


def with_conflict(call: Callable[[], object]) -> None:
    """The call is refused as a conflict, and (the invariants then check) changes nothing."""
    try:
        call()
    except ConflictError:
        return
    raise AssertionError("expected a ConflictError")


def test_the_recording_api_agrees_with_a_model_after_every_step(database: Target) -> None:

    class OnTheDatabase(RecordingMachine):
        target = database

    run_state_machine_as_test(OnTheDatabase, settings=examples(database.kind, 0.75, stateful_step_count=12))
