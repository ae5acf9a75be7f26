"""A history as the stream of events a host would have posted as it happened.

The order is the one the adapter asks of a host (see :mod:`.events`): the partnerships and their groups
first; then, day by day, the memberships that begin (and the ends of those that end) that day before the
meetings held that day; each held meeting whole, in order of its start: held, its attendance, each item's
declarations and votes (then ``item_decided`` when ``decide_items``), and closed. Meetings that were not
held, and meetings none of whose groups the history defines, are left out: no rule judged here reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from psr_core import History, Meeting, Membership

from .events import Event


def _membership(membership: Membership, *, ended: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "person": membership.person,
        "group": membership.group,
        "role": membership.role.value,
        "from": membership.start.isoformat(),
    }
    if ended and membership.end is not None:
        payload["to"] = membership.end.isoformat()
    if membership.organisation is not None:
        payload["organisation"] = membership.organisation
    return payload


def meeting_events(meeting: Meeting, *, decide_items: bool = True) -> Iterator[Event]:
    """One held meeting's events, from ``meeting_held`` to ``meeting_closed``."""
    yield Event(
        "meeting_held", {"id": meeting.id, "groups": list(meeting.groups), "start": meeting.start.isoformat()}
    )
    for entry in meeting.attendance:
        payload: dict[str, Any] = {
            "meeting": meeting.id,
            "person": entry.person,
            "status": entry.status.value,
        }
        if entry.deputy is not None:
            payload["deputy"] = entry.deputy
        if entry.exceptional is not None:
            payload["exceptional"] = entry.exceptional
        yield Event("attendance_recorded", payload)
    for item in meeting.items:
        where = {"meeting": meeting.id, "item": item.id}
        for declaration in item.declarations:
            declared: dict[str, Any] = {
                **where,
                "person": declaration.person,
                "interest": declaration.interest.value,
                "withdrew": declaration.withdrew,
            }
            if declaration.nature is not None:
                declared["nature"] = declaration.nature
            if declaration.took_part is not None:
                declared["took_part"] = declaration.took_part
            yield Event("declaration_made", declared)
        if item.decision is not None:
            for person, vote in item.decision.voters():
                yield Event("vote_cast", {**where, "person": person, "vote": vote})
        if decide_items:
            yield Event("item_decided", where)
    yield Event("meeting_closed", {"meeting": meeting.id})


def events_from_history(history: History, *, decide_items: bool = True) -> list[Event]:
    """Every event of ``history``, in the order a host posts them."""
    started = {p.id for p in history.partnerships}
    groups = {g.id for g in history.groups if g.partnership in started}
    events = [
        Event(
            "partnership_started",
            {
                "id": p.id,
                "name": p.name,
                "policy": p.policy,
                "timezone": p.timezone,
                "started": p.started.isoformat(),
                **({"district_council": p.district_council} if p.district_council else {}),
            },
        )
        for p in sorted(history.partnerships, key=lambda p: p.id)
    ]
    events.extend(
        Event(
            "group_formed",
            {
                "id": g.id,
                "partnership": g.partnership,
                "tier": g.tier.value,
                **({"chair": g.chair} if g.chair else {}),
            },
        )
        for g in history.groups
        if g.id in groups
    )
    timeline: list[tuple[tuple[Any, ...], list[Event]]] = []
    for index, membership in enumerate(history.memberships):
        if membership.group not in groups:
            continue
        timeline.append(
            (
                (membership.start, 0, index),
                [Event("membership_changed", _membership(membership, ended=False))],
            )
        )
        if membership.end is not None:
            ending = Event("membership_changed", _membership(membership, ended=True))
            timeline.append(((membership.end, 0, index), [ending]))
    for meeting in history.meetings:
        if meeting.held and any(group in groups for group in meeting.groups):
            key = (meeting.day, 1, meeting.start, meeting.id)
            timeline.append((key, list(meeting_events(meeting, decide_items=decide_items))))
    for _key, happened in sorted(timeline, key=lambda entry: entry[0]):
        events.extend(happened)
    return events


def last_day(history: History) -> date:
    """The latest day the history mentions: evaluating as of it judges every event in it."""
    days = [p.started for p in history.partnerships]
    days.extend(m.day for m in history.meetings)
    days.extend(d for m in history.memberships for d in (m.start, m.end) if d is not None)
    return max(days, default=date(2000, 1, 1))
