"""The attendance part of a report: the matrix, each member's statistics, and representation by tier."""

from __future__ import annotations

from typing import Any

from psr_core import Tier
from psr_core.statistics import AttendanceStatistics, GroupStatistics, Mark, MemberStatistics

from .names import Names

TIER_ORDER = (Tier.EXECUTIVE, Tier.IMPLEMENTATION, Tier.BOARD)
MARKS = tuple(Mark)
"""Every mark, in the order the legend and the totals show them."""


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a fraction rounded to 4 places, or ``None`` of nothing."""
    return round(part / whole, 4) if whole else None


def member_figures(member: MemberStatistics) -> dict[str, Any]:
    """The statistics UK committee systems publish for a member, plus the run of counted misses."""
    return {
        "expected": member.expected,
        "present": member.present,
        "apologies": member.apologies,
        "absent": member.absent,
        "deputised": member.deputised,
        "excused": member.excused,
        "unrecorded": member.unrecorded,
        "counted_misses": member.counted_misses,
        "current_run": member.current_run,
        "run": list(member.run),
        "resigned_on": member.resigned_on.isoformat() if member.resigned_on else None,
        "attendance_rate": share(member.present, member.expected),
    }


def _group_document(group: GroupStatistics, dates: dict[str, str], names: Names) -> dict[str, Any]:
    members = []
    for member in group.members:
        marks = {cell.meeting: cell for cell in member.cells}
        members.append(
            {
                "person": names.person(member.person),
                "organisation": names.organisation(member.organisation),
                "marks": [
                    marks[meeting].mark.value if meeting in marks else None for meeting in group.meetings
                ],
                "counted": [
                    marks[meeting].counted_miss if meeting in marks else False for meeting in group.meetings
                ],
                **member_figures(member),
                "excused_by": [
                    {
                        "meeting": cell.meeting,
                        "date": dates.get(cell.meeting, ""),
                        "reason": cell.exceptional,
                        "accepted_by": names.person(cell.accepted_by) if cell.accepted_by else None,
                        "accepted_on": cell.accepted_on.isoformat() if cell.accepted_on else None,
                    }
                    for cell in member.cells
                    if cell.exceptional is not None
                ],
            }
        )
    totals = {mark.value: group.total(mark) for mark in MARKS}
    return {
        "group": {**names.group(group.group), "tier": group.tier.value},
        "meetings": [{"id": meeting, "date": dates.get(meeting, "")} for meeting in group.meetings],
        "members": members,
        "totals": {
            "expected": group.expected,
            **totals,
            "attendance_rate": share(totals["present"], group.expected),
        },
    }


def attendance_document(
    statistics: AttendanceStatistics, dates: dict[str, str], names: Names
) -> list[dict[str, Any]]:
    """One entry per group that has members in the period, the Executive first: columns, rows and totals."""
    groups = sorted(statistics.groups, key=lambda g: (TIER_ORDER.index(g.tier), g.group))
    return [_group_document(group, dates, names) for group in groups if group.members or group.meetings]


def representation_document(
    statistics: AttendanceStatistics, statuses: dict[str, str], names: Names
) -> list[dict[str, Any]]:
    """Per organisation, per tier that met: the share of its meetings at which the organisation was represented."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in statistics.representation:
        row = rows.setdefault(
            entry.organisation,
            {
                "organisation": names.organisation(entry.organisation),
                "status": statuses.get(entry.organisation),
                "tiers": {},
            },
        )
        row["tiers"][entry.tier.value] = {
            "meetings": entry.meetings,
            "seated": entry.seated,
            "in_person": entry.in_person,
            "by_deputy": entry.by_deputy,
            "represented": entry.represented,
            "share": share(entry.represented, entry.meetings),
        }
    return sorted(rows.values(), key=lambda row: row["organisation"]["name"].casefold())


def tiers_met(statistics: AttendanceStatistics) -> list[str]:
    """The tiers with a held meeting in the period, in the report's order."""
    met = {entry.tier for entry in statistics.representation}
    return [tier.value for tier in TIER_ORDER if tier in met]
