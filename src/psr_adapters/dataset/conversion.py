"""Between ``psr/1`` documents and the core's values: ``history_from_document`` and ``document_from_history``.

Times that carry an offset are turned into wall-clock times in the partnership's time zone on the way in;
on the way out every time is written as wall-clock time, so a written dataset reads back equal.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from psr_core import Attendance, AttendanceStatus, History, Meeting

from ..errors import DatasetError
from .meetings import Meetings
from .reading import FORMAT, read_document
from .walk import Walk


def history_from_document(document: Any) -> History:
    """The history a valid, consistent document describes; a :class:`DatasetError` (source
    ``<document>``) listing every problem otherwise."""
    history, walk = read_document(document, None)
    if history is None:
        raise DatasetError("<document>", walk.problems)
    return history


def _fragment(read: Any) -> Any:
    walk = Walk(references=False)
    value = read(walk)
    if value is None or walk.problems:
        raise DatasetError("<document>", walk.problems)
    return value


def meeting_from_document(m: dict[str, Any], zone: str) -> Meeting:
    """One meeting of a dataset, read on its own (its references are not resolved); times in ``zone``."""
    meeting: Meeting = _fragment(lambda walk: Meetings(walk, {}, ZoneInfo(zone)).meeting(m, "meetings[0]"))
    return meeting


def attendance_from_document(person: str, entry: str | dict[str, Any]) -> Attendance:
    """One attendance line of a dataset, read on its own (its references are not resolved)."""
    line: Attendance = _fragment(lambda walk: Meetings(walk, {}).line(person, entry, f"attendance.{person}"))
    return line


# -- writing ------------------------------------------------------------------------------------------


def _set(**values: Any) -> dict[str, Any]:
    """The keys whose value is given (not None, not empty), in order."""
    return {key: value for key, value in values.items() if value is not None and value != [] and value != {}}


def _text(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes" if moment.second == 0 and not moment.microsecond else "auto")


def _amount(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def document_from_history(history: History) -> dict[str, Any]:
    """The ``psr/1`` document for ``history``, in the contract's key order."""
    return _set(
        format=FORMAT,
        partnerships=[
            _set(
                id=p.id,
                name=p.name,
                policy=p.policy,
                timezone=p.timezone,
                district_council=p.district_council,
                started=p.started.isoformat(),
            )
            for p in history.partnerships
        ],
        organisations=[
            _set(
                id=o.id,
                name=o.name,
                partnership=o.partnership,
                status=o.status.value,
                joined=_text(o.joined),
                agreed_by_chair=o.agreed_by_chair,
                agreed_on=_text(o.agreed_on),
                inducted_on=_text(o.inducted_on),
            )
            for o in history.organisations
        ],
        people=[
            _set(
                id=p.id,
                name=p.name,
                organisation=p.organisation,
                offices=list(p.offices),
                advocate=p.advocate.value if p.advocate is not None else None,
            )
            for p in history.people
        ],
        groups=[
            _set(id=g.id, partnership=g.partnership, tier=g.tier.value, chair=g.chair, name=g.name)
            for g in history.groups
        ],
        memberships=[
            _set(
                person=m.person,
                group=m.group,
                role=m.role.value,
                organisation=m.organisation,
                **{"from": m.start.isoformat(), "to": _text(m.end)},
            )
            for m in history.memberships
        ],
        meetings=[meeting_document(m) for m in history.meetings],
        contributions=[
            _set(
                organisation=c.organisation,
                year=c.year,
                amount=_amount(c.amount),
                kind=c.kind.value,
            )
            for c in history.contributions
        ],
        reports=[
            _set(partnership=r.partnership, kind=r.kind.value, date=r.date.isoformat())
            for r in history.reports
        ],
        responses=[
            _set(finding=r.finding, action=r.action.value, by=r.by, on=r.on.isoformat(), note=r.note)
            for r in history.responses
        ],
    )


def meeting_document(m: Meeting) -> dict[str, Any]:
    return _set(
        id=m.id,
        groups=list(m.groups),
        start=_time(m.start),
        end=_time(m.end),
        status=m.status.value,
        chair=m.chair,
        vice_chair=m.vice_chair,
        agenda_published=_text(m.agenda_published),
        location=m.location,
        url=m.url,
        attendance={entry.person: attendance_document(entry) for entry in m.attendance},
        items=[
            _set(
                id=i.id,
                title=i.title,
                declarations=[
                    _set(
                        person=d.person,
                        interest=d.interest.value,
                        nature=d.nature,
                        withdrew=d.withdrew or None,
                        took_part=d.took_part,
                    )
                    for d in i.declarations
                ],
                decision=_set(
                    method=i.decision.method.value,
                    **{
                        "for": list(i.decision.votes_for),
                        "against": list(i.decision.votes_against),
                        "abstain": list(i.decision.abstentions),
                    },
                )
                if i.decision is not None
                else None,
            )
            for i in m.items
        ],
    )


def attendance_document(entry: Attendance) -> str | dict[str, Any]:
    if entry.deputy is None and entry.exceptional is None:
        return entry.status.value
    return _set(
        status=entry.status.value,
        deputy=entry.deputy if entry.status is AttendanceStatus.DEPUTY else None,
        exceptional=_exceptional_document(entry),
    )


def _exceptional_document(entry: Attendance) -> str | dict[str, Any] | None:
    """The reason alone, or with who accepted it and when where the minutes record that (clause 1.7.3)."""
    if entry.exceptional is None:
        return None
    if entry.exceptional_accepted_by is None and entry.exceptional_accepted_on is None:
        return entry.exceptional
    return _set(
        reason=entry.exceptional,
        accepted_by=entry.exceptional_accepted_by,
        accepted_on=_text(entry.exceptional_accepted_on),
    )
