"""The domain model: frozen values in the partnership's own words."""

from .groups import Group, Membership
from .history import History
from .meetings import Attendance, Decision, Declaration, Item, Meeting
from .parties import Organisation, Partnership, Person
from .records import Contribution, Report
from .vocabulary import (
    AdvocateRole,
    AttendanceStatus,
    ContributionKind,
    DecisionMethod,
    Interest,
    MeetingStatus,
    PartnerStatus,
    ReportKind,
    Role,
    Severity,
    Tier,
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
    "Role",
    "Severity",
    "Tier",
]
