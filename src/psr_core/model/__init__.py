"""The domain model: frozen values in the partnership's own words."""

from .groups import Group, Membership
from .history import History
from .meetings import Attendance, Decision, Declaration, Item, Meeting
from .parties import Organisation, Partnership, Person
from .records import Contribution, Report, Response, amount_number
from .vocabulary import (
    AdvocateRole,
    AttendanceStatus,
    ContributionKind,
    DecisionMethod,
    FindingStatus,
    Interest,
    MeetingStatus,
    PartnerStatus,
    ReportKind,
    ResponseAction,
    Role,
    Severity,
    Tier,
    UnrecordedAttendance,
)

__all__ = [
    "AdvocateRole",
    "Attendance",
    "AttendanceStatus",
    "Contribution",
    "ContributionKind",
    "Decision",
    "DecisionMethod",
    "Declaration",
    "FindingStatus",
    "Group",
    "History",
    "Interest",
    "Item",
    "Meeting",
    "MeetingStatus",
    "Membership",
    "Organisation",
    "PartnerStatus",
    "Partnership",
    "Person",
    "Report",
    "ReportKind",
    "Response",
    "ResponseAction",
    "Role",
    "Severity",
    "Tier",
    "UnrecordedAttendance",
    "amount_number",
]
