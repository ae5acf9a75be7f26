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
        entries: dict[str, Attendance] = {}
        present: set[str] = set()
        others: list[Attendance] = []
        attended = AttendanceStatus.PRESENT
        # One pass over the minutes: a later line for the same person replaces the earlier one in both
        # ``entries`` and ``present``; every line not recording presence is kept in ``others``.
        for entry in meeting.attendance:
            person = entry.person
            entries[person] = entry
            if entry.status is attended:
                present.add(person)
            else:
                present.discard(person)
                others.append(entry)
        self.entries = entries
        self.present = present
        self.others = others
