"""What the records of a meeting may hold: their keys and vocabularies (docs/reference/dataset-format.md)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from psr_core import AttendanceStatus, DecisionMethod, Interest, MeetingStatus

MEETING_REQUIRED = frozenset(("id", "groups", "start", "status"))
MEETING_KEYS = frozenset(
    (
        "id",
        "groups",
        "start",
        "end",
        "status",
        "chair",
        "vice_chair",
        "agenda_published",
        "location",
        "url",
        "attendance",
        "items",
    )
)
ENTRY_KEYS = frozenset(("status", "deputy", "exceptional"))
EXCEPTIONAL_KEYS = frozenset(("reason", "accepted_by", "accepted_on"))
ITEM_KEYS = frozenset(("id", "title", "declarations", "decision"))
DECLARATION_KEYS = frozenset(("person", "interest", "nature", "withdrew", "took_part"))
DECISION_KEYS = frozenset(("method", "for", "against", "abstain"))
STATUS = {member.value: member for member in AttendanceStatus}
MEETING_STATUS = {member.value: member for member in MeetingStatus}
INTEREST = {member.value: member for member in Interest}
METHOD = {member.value: member for member in DecisionMethod}
UTC = ZoneInfo("UTC")


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A time with an offset as wall-clock time in ``zone``; a time without one is already wall-clock."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def ends_first(start: datetime, end: datetime) -> bool:
    """Whether ``end`` is before ``start``: as instants when both carry an offset, else as wall-clock times."""
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    return end < start
