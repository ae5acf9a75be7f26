"""What the minutes of one meeting record of attendance (clause 1.7.7), looked up by person."""

from __future__ import annotations

from ..model import Attendance, AttendanceStatus, Meeting


class AttendanceRecord:
    """The attendance record of one meeting (clause 1.7.7), looked up by person.

    ``entries`` holds each person's entry (the last, where the minutes list someone twice), ``present``
    who is recorded present, and ``others`` the lines that record anything else, in the minutes' order.
    """

    __slots__ = ("entries", "meeting", "others", "present")

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        attendance = meeting.attendance
        attended = AttendanceStatus.PRESENT
        # A later line for the same person replaces the earlier one (in ``entries``, so in ``present``);
        # every line not recording presence is kept in ``others``, in the minutes' order.
        self.entries = entries = {entry.person: entry for entry in attendance}
        self.present = {person for person, entry in entries.items() if entry.status is attended}
        self.others = [entry for entry in attendance if entry.status is not attended]


def entry_of(meeting: Meeting, person: str) -> Attendance | None:
    """``person``'s entry in the attendance record of ``meeting`` (the last, where the minutes list them
    twice), as :attr:`AttendanceRecord.entries` gives it, without recording the rest."""
    for entry in reversed(meeting.attendance):  # the last line for them is their entry
        if entry.person == person:
            return entry
    return None
