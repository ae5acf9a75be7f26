"""The attendance record of a meeting as the rules read it (clause 1.7.7)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from psr_core import Attendance, AttendanceStatus, Meeting, MeetingStatus
from psr_core.attendance import AttendanceRecord, entry_of

PEOPLE = ("alan-cain", "gary-hall", "hayley-hughes", "steve-winterson")


def meeting(*lines: Attendance) -> Meeting:
    return Meeting(
        id="ig-2015-07-21",
        groups=("implementation-group",),
        start=datetime(2015, 7, 21, 10),
        status=MeetingStatus.HELD,
        attendance=lines,
    )


def test_the_record_sorts_the_lines_into_present_and_the_rest_in_the_minutes_order() -> None:
    record = AttendanceRecord(
        meeting(
            Attendance(person="gary-hall", status="apologies"),
            Attendance(person="alan-cain", status="present"),
            Attendance(person="hayley-hughes", status="deputy", deputy="steve-winterson"),
        )
    )
    assert record.present == {"alan-cain"}
    assert [line.person for line in record.others] == ["gary-hall", "hayley-hughes"]
    assert record.entries["hayley-hughes"].deputy == "steve-winterson"


def test_where_the_minutes_list_someone_twice_the_last_line_is_their_entry() -> None:
    record = AttendanceRecord(
        meeting(
            Attendance(person="gary-hall", status="present"),
            Attendance(person="gary-hall", status="absent"),
        )
    )
    assert record.entries["gary-hall"].status is AttendanceStatus.ABSENT
    assert record.present == set()
    # Every line that records something other than presence is still there for the deputy rule.
    assert [line.status for line in record.others] == [AttendanceStatus.ABSENT]


@given(
    st.lists(
        st.builds(
            Attendance,
            person=st.sampled_from(PEOPLE),
            status=st.sampled_from(AttendanceStatus),
        ),
        max_size=8,
    )
)
def test_present_is_everyone_whose_entry_says_present(lines: list[Attendance]) -> None:
    record = AttendanceRecord(meeting(*lines))
    assert record.entries == {line.person: line for line in lines}
    assert record.present == {
        person for person, entry in record.entries.items() if entry.status is AttendanceStatus.PRESENT
    }
    assert record.others == [line for line in lines if line.status is not AttendanceStatus.PRESENT]


@given(
    st.lists(
        st.builds(
            Attendance,
            person=st.sampled_from(PEOPLE),
            status=st.sampled_from(AttendanceStatus),
        ),
        max_size=8,
    ),
    st.sampled_from(PEOPLE),
)
def test_one_members_entry_is_the_one_the_whole_record_gives(lines: list[Attendance], person: str) -> None:
    assert entry_of(meeting(*lines), person) is AttendanceRecord(meeting(*lines)).entries.get(person)
