"""Between ``psr/1`` documents and the core's values: ``history_from_document`` and ``document_from_history``.

Times that carry an offset are turned into wall-clock times in the partnership's time zone on the way in;
on the way out every time is written as wall-clock time, so a written dataset reads back equal.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from psr_core import (
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Decision,
    Declaration,
    Group,
    History,
    Item,
    Meeting,
    Membership,
    Organisation,
    Partnership,
    Person,
    Report,
)

from .schema import FORMAT


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def history_from_document(document: dict[str, Any]) -> History:
    """The history a valid, consistent document describes."""
    zones = {p["id"]: p["timezone"] for p in document.get("partnerships", [])}
    group_zone = {g["id"]: zones.get(g["partnership"], "UTC") for g in document.get("groups", [])}
    return History(
        partnerships=[
            Partnership(
                id=p["id"],
                name=p["name"],
                policy=p["policy"],
                timezone=p["timezone"],
                started=date.fromisoformat(p["started"]),
                district_council=p.get("district_council"),
            )
            for p in document.get("partnerships", [])
        ],
        organisations=[
            Organisation(
                id=o["id"],
                name=o["name"],
                partnership=o["partnership"],
                status=o["status"],
                joined=_day(o.get("joined")),
                agreed_by_chair=o.get("agreed_by_chair"),
                agreed_on=_day(o.get("agreed_on")),
                inducted_on=_day(o.get("inducted_on")),
            )
            for o in document.get("organisations", [])
        ],
        people=[
            Person(
                id=p["id"],
                name=p["name"],
                organisation=p.get("organisation"),
                offices=p.get("offices", []),
                advocate=p.get("advocate"),
            )
            for p in document.get("people", [])
        ],
        groups=[
            Group(
                id=g["id"],
                partnership=g["partnership"],
                tier=g["tier"],
                chair=g.get("chair"),
                name=g.get("name"),
            )
            for g in document.get("groups", [])
        ],
        memberships=[
            Membership(
                person=m["person"],
                group=m["group"],
                role=m["role"],
                start=date.fromisoformat(m["from"]),
                end=_day(m.get("to")),
                organisation=m.get("organisation"),
            )
            for m in document.get("memberships", [])
        ],
        meetings=[_meeting(m, group_zone.get(m["groups"][0], "UTC")) for m in document.get("meetings", [])],
        contributions=[
            Contribution(
                organisation=c["organisation"],
                year=c["year"],
                amount=Decimal(str(c["amount"])),
                kind=c.get("kind", ContributionKind.CASH.value),
            )
            for c in document.get("contributions", [])
        ],
        reports=[
            Report(partnership=r["partnership"], kind=r["kind"], date=date.fromisoformat(r["date"]))
            for r in document.get("reports", [])
        ],
    )


def _local(text: str, zone: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _meeting(m: dict[str, Any], zone: str) -> Meeting:
    return Meeting(
        id=m["id"],
        groups=m["groups"],
        start=_local(m["start"], zone),
        end=_local(m["end"], zone) if "end" in m else None,
        status=m["status"],
        chair=m.get("chair"),
        vice_chair=m.get("vice_chair"),
        agenda_published=_day(m.get("agenda_published")),
        location=m.get("location"),
        attendance=[_attendance(person, entry) for person, entry in m.get("attendance", {}).items()],
        items=[
            Item(
                id=str(i["id"]),
                title=i.get("title"),
                declarations=[
                    Declaration(
                        person=d["person"],
                        interest=d["interest"],
                        nature=d.get("nature"),
                        withdrew=d.get("withdrew", False),
                    )
                    for d in i.get("declarations", [])
                ],
                decision=Decision(
                    method=i["decision"]["method"],
                    votes_for=i["decision"].get("for", []),
                    votes_against=i["decision"].get("against", []),
                    abstentions=i["decision"].get("abstain", []),
                )
                if "decision" in i
                else None,
            )
            for i in m.get("items", [])
        ],
    )


def _attendance(person: str, entry: str | dict[str, Any]) -> Attendance:
    if isinstance(entry, str):
        return Attendance(person=person, status=entry)
    return Attendance(
        person=person,
        status=entry["status"],
        deputy=entry.get("deputy"),
        exceptional=entry.get("exceptional"),
    )


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
        meetings=[_meeting_document(m) for m in history.meetings],
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
    )


def _meeting_document(m: Meeting) -> dict[str, Any]:
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
        attendance={entry.person: _attendance_document(entry) for entry in m.attendance},
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


def _attendance_document(entry: Attendance) -> str | dict[str, Any]:
    if entry.deputy is None and entry.exceptional is None:
        return entry.status.value
    return _set(
        status=entry.status.value,
        deputy=entry.deputy if entry.status is AttendanceStatus.DEPUTY else None,
        exceptional=entry.exceptional,
    )
