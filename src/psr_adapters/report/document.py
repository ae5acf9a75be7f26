"""A report as data: everything the HTML page shows, as one JSON-ready document (``--format json``).

The page is rendered from this document and nothing else, so the JSON and the HTML always carry the same
figures. Findings come from :func:`psr_core.evaluate` and the statistics from
:func:`psr_core.statistics.attendance_statistics`; this module only selects, names and arranges them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from psr_core import (
    Casework,
    Declaration,
    Finding,
    FindingStatus,
    History,
    Interest,
    Meeting,
    Partnership,
    Policy,
    PolicyChoice,
    amount_number,
    evaluate,
    policy_for,
)
from psr_core.periods import financial_year_end, financial_year_of
from psr_core.statistics import MemberStatistics, attendance_statistics

from ..errors import unknown_id
from ..rendering.findings_json import finding_document
from .attendance import attendance_document, representation_document, share, tiers_met
from .errors import ReportError
from .names import Names
from .period import Period

FORMAT = "psr-report/1"
SEVERITIES = ("breach", "action", "info")
STATUSES = tuple(status.value for status in FindingStatus)
AGENDA_NOTICE = "meeting.agenda-notice"
PREJUDICIAL = "interest.prejudicial-participation"
CONTRIBUTION = "commitment.contribution"


def build_report(
    history: History,
    partnership: str,
    policy: PolicyChoice,
    period: Period,
    *,
    source: str | None = None,
    made: date | None = None,
) -> dict[str, Any]:
    """The report of ``partnership`` for ``period``, judged as the history stood at the end of the period.

    ``source`` names where the history came from and ``made`` the day the report is made (both shown in
    the page's running footer when given); nothing here reads the clock.

    ``policy`` is chosen as :func:`psr_core.evaluate` chooses it. Raises :class:`ReportError` for a
    partnership that is not in the history or had not started by the end of the period.
    """
    chosen = _partnership(history, partnership, period)
    version = policy_for(chosen, policy)
    evaluation = evaluate(history, policy, period.end)
    known = history.as_it_stood(period.end)
    names = Names(history)
    findings = [f for f in evaluation.findings if f.partnership == chosen.id and f.date in period]
    casework = evaluation.casework
    statistics = attendance_statistics(history, chosen.id, policy, period.start, period.end)
    own = {group.id for group in known.groups if group.partnership == chosen.id}
    meetings = sorted(
        (m for m in known.meetings if m.day in period and own.intersection(m.groups)),
        key=lambda m: (m.start, m.id),
    )
    dates = {meeting.id: meeting.day.isoformat() for meeting in meetings}
    statuses = {o.id: o.status.value for o in known.organisations if o.partnership == chosen.id}
    attendance = attendance_document(statistics, dates, names)
    meeting_rows = [_meeting(meeting, version, findings, names, own) for meeting in meetings]
    return {
        "format": FORMAT,
        "title": "Quarterly scrutiny report" if period.quarter else "Scrutiny report",
        "source": source,
        "made": made.isoformat() if made is not None else None,
        "psr_version": psr_version(),
        "partnership": {"id": chosen.id, "name": chosen.name, "started": chosen.started.isoformat()},
        "policy": {"id": version.id, "title": version.title},
        "period": {
            "label": period.label,
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "words": period.describe(),
            "quarter": period.quarter,
        },
        "as_of": evaluation.as_of.isoformat(),
        "summary": {
            **_summary(meeting_rows, attendance, findings, version, period, statistics.members, names),
            "statuses": {s: sum(1 for f in findings if casework.status(f).value == s) for s in STATUSES},
        },
        "meetings": meeting_rows,
        "attendance": attendance,
        "tiers": tiers_met(statistics),
        "representation": representation_document(statistics, statuses, names),
        "findings": {
            severity: [_finding(f, names, casework) for f in findings if f.severity.value == severity]
            for severity in SEVERITIES
        },
        # What the partnership did about them: the same findings by status, with their responses.
        "casework": {
            status: [_finding(f, names, casework) for f in findings if casework.status(f).value == status]
            for status in STATUSES
        },
        "contributions": _contributions(known, chosen, version, period, findings, names),
        "declarations": _declarations(meetings, findings, names),
    }


def _partnership(history: History, partnership: str, period: Period) -> Partnership:
    for candidate in history.partnerships:
        if candidate.id == partnership:
            if candidate.started > period.end:
                raise ReportError(
                    f"partnership {partnership} started on {candidate.started.isoformat()}, after the period "
                    f"{period.label} ends; choose a later period"
                )
            return candidate
    raise ReportError(unknown_id("partnership", partnership, (p.id for p in history.partnerships)))


def psr_version() -> str:
    """The installed psr's version, for the footer of every page."""
    try:
        return version("psr")
    except PackageNotFoundError:
        return "unknown"


def _finding(finding: Finding, names: Names, casework: Casework) -> dict[str, Any]:
    """A finding with its subject in names, its message in names, its status and its responses (who, in
    names, and when)."""
    return {
        **finding_document(finding, casework),
        "subject": names.subject_document(finding),
        "message_in_names": names.in_names(finding),
        "responses": [
            {"action": r.action.value, "by": names.person(r.by), "on": r.on.isoformat(), "note": r.note}
            for r in casework.responses_to(finding)
        ],
    }


def _meeting(
    meeting: Meeting, policy: Policy, findings: list[Finding], names: Names, own: set[str]
) -> dict[str, Any]:
    """A meeting with its agenda notice (clause 1.7.1) judged as the rule judged it."""
    published = meeting.agenda_published
    days = (meeting.day - published).days if published is not None else None
    required = (
        policy.value("agenda_notice_days", meeting.day) if "agenda_notice_days" in policy.parameters else None
    )
    terms = policy.rules.get(AGENDA_NOTICE)
    judged = meeting.held and terms is not None and terms.in_force_on(meeting.day)
    late = any(f.rule == AGENDA_NOTICE and f.subject.meeting == meeting.id for f in findings)
    return {
        "id": meeting.id,
        "date": meeting.day.isoformat(),
        "start": meeting.start.strftime("%H:%M"),
        "end": meeting.end.strftime("%H:%M") if meeting.end is not None else None,
        "groups": [names.group(group) for group in meeting.groups if group in own],
        "joint": len(meeting.groups) > 1,
        "status": meeting.status.value,
        "chair": names.person(meeting.chair),
        "location": meeting.location,
        "agenda_published": published.isoformat() if published is not None else None,
        "days_notice": days,
        "required_days": int(required) if required is not None else None,
        "notice_met": (not late) if judged else None,
        "attendance_entries": len(meeting.attendance),
    }


def _summary(
    meetings: list[dict[str, Any]],
    attendance: list[dict[str, Any]],
    findings: list[Finding],
    policy: Policy,
    period: Period,
    members: Sequence[MemberStatistics],
    names: Names,
) -> dict[str, Any]:
    judged = [m for m in meetings if m["notice_met"] is not None]
    expected = sum(group["totals"]["expected"] for group in attendance)
    present = sum(group["totals"]["present"] for group in attendance)
    watch = (
        int(policy.value("written_explanation_after", period.end))
        if "written_explanation_after" in policy.parameters
        else 2
    )
    return {
        "meetings_held": sum(1 for m in meetings if m["status"] == "held"),
        "meetings_cancelled": sum(1 for m in meetings if m["status"] == "cancelled"),
        "meetings_scheduled": sum(1 for m in meetings if m["status"] == "scheduled"),
        "agenda_notice_met": sum(1 for m in judged if m["notice_met"]),
        "agenda_notice_judged": len(judged),
        "expected_attendances": expected,
        "present": present,
        "attendance_rate": share(present, expected),
        "findings": {s: sum(1 for f in findings if f.severity.value == s) for s in SEVERITIES},
        "runs_from": watch,
        "runs": [
            {"person": names.person(m.person), "group": names.group(m.group), "current_run": m.current_run}
            for m in members
            if m.current_run >= watch and m.resigned_on is None
        ],
    }


def _contributions(
    known: History,
    partnership: Partnership,
    policy: Policy,
    period: Period,
    findings: list[Finding],
    names: Names,
) -> dict[str, Any]:
    """Each financial year the period touches: the contributing partners' totals against the band."""
    if "contribution_band" not in policy.parameters:
        return {"band_set": False, "years": []}
    totals: defaultdict[tuple[str, int], dict[str, Decimal]] = defaultdict(dict)
    for contribution in known.contributions:
        by_kind = totals[(contribution.organisation, contribution.year)]
        by_kind[contribution.kind.value] = (
            by_kind.get(contribution.kind.value, Decimal(0)) + contribution.amount
        )
    years = []
    for year in range(financial_year_of(period.start), financial_year_of(period.end) + 1):
        end = financial_year_end(year)
        low, high = (Decimal(str(v)) for v in policy.value("contribution_band", end))
        statuses = (
            set(policy.value("contributing_statuses", end))
            if "contributing_statuses" in policy.parameters
            else {"full"}
        )
        partners = []
        for organisation in sorted(
            (o for o in known.organisations if o.partnership == partnership.id),
            key=lambda o: o.name.casefold(),
        ):
            if organisation.status.value not in statuses or organisation.joined_on(partnership.started) > end:
                continue
            by_kind = totals.get((organisation.id, year), {})
            cash, in_kind = by_kind.get("cash", Decimal(0)), by_kind.get("in-kind", Decimal(0))
            total = cash + in_kind
            partners.append(
                {
                    "organisation": names.organisation(organisation.id),
                    "cash": amount_number(cash),
                    "in_kind": amount_number(in_kind),
                    "total": amount_number(total),
                    "position": "below" if total < low else "above" if total > high else "within",
                    "finding": any(
                        f.rule == CONTRIBUTION
                        and f.subject.organisation == organisation.id
                        and f.evidence.get("financial_year") == year
                        for f in findings
                    ),
                }
            )
        years.append(
            {
                "year": year,
                "label": f"{year}-{(year + 1) % 100:02d}",
                "from": date(year, 4, 1).isoformat(),
                "to": end.isoformat(),
                "complete": end <= period.end,
                "band": [amount_number(low), amount_number(high)],
                "statuses": sorted(statuses),
                "partners": partners,
            }
        )
    return {"band_set": True, "years": years}


def _declarations(meetings: list[Meeting], findings: list[Finding], names: Names) -> list[dict[str, Any]]:
    """Every declaration of interest at a held meeting in the period (clause 1.7.6) and how it was handled."""
    rows = []
    for meeting in meetings:
        if not meeting.held:
            continue
        for item in meeting.items:
            votes = dict(item.decision.voters()) if item.decision is not None else {}
            for declaration in item.declarations:
                vote = votes.get(declaration.person)
                flagged = any(
                    f.rule == PREJUDICIAL
                    and f.subject.person == declaration.person
                    and f.subject.meeting == meeting.id
                    and f.subject.item == item.id
                    for f in findings
                )
                rows.append(
                    {
                        "meeting": meeting.id,
                        "date": meeting.day.isoformat(),
                        "item": {"id": item.id, "title": item.title},
                        "person": names.person(declaration.person),
                        "interest": declaration.interest.value,
                        "nature": declaration.nature,
                        "withdrew": declaration.withdrew,
                        "took_part": declaration.took_part,
                        "vote": vote,
                        "handled": _handled(declaration, vote),
                        "proper": not flagged,
                    }
                )
    return rows


def _handled(declaration: Declaration, vote: str | None) -> str:
    """How a declaration was handled, in words: left the room, or stayed and took part or not (1.7.6)."""
    voted = f"voted ({vote})" if vote is not None else "did not vote"
    if declaration.interest is Interest.PERSONAL:
        took_part = "withdrew" if declaration.withdrew else "took part"
        if not declaration.withdrew and declaration.took_part is False:
            took_part = "took no part in the discussion"
        return f"Declared at the meeting; {took_part} and {voted}"
    if declaration.withdrew:
        return f"Withdrew from the item and {voted}"
    if declaration.took_part is False:
        return f"Stayed for the item, took no part in the discussion, and {voted}"
    if declaration.took_part:
        return f"Stayed for the item, took part in the discussion, and {voted}"
    return f"Stayed for the item and {voted}"


__all__ = ["FORMAT", "SEVERITIES", "STATUSES", "build_report"]
