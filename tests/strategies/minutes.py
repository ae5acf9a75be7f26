"""Strategies for what the minutes record: attendance, runs of attendance, items and meetings.

Strategies are built once, at import, and each choice is one draw where it can be: a whole partnership
history draws a few hundred values, and building strategies afresh inside a draw is what makes that slow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from psr_core import (
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Declaration,
    Interest,
    Item,
    Meeting,
    MeetingStatus,
)

from .chorley import STARTED

PRESENT, APOLOGIES, ABSENT, DEPUTY = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
    AttendanceStatus.DEPUTY,
)

REASONS = ("hospital admission", "bereavement", "major incident on call")
"""Exceptional reasons for missing a meeting (clause 1.7.3)."""

DEPUTIES = ("hayley-hughes", "deputy-chief-inspector", "deputy-director")
"""People who attend in a member's place (clause 1.4.8)."""

OUTSIDERS = ("hayley-hughes",)
"""People in attendance who are not members: the programme officer (the summary of partner
consultations, May/June 2015)."""

NON_MEMBERS_WHO_VOTE = (*OUTSIDERS, "deputy-director")
"""Whose votes an item may record though they are not members: the programme officer, a deputy."""

ANY_STATUS = st.sampled_from(AttendanceStatus)
MOSTLY_PRESENT = st.sampled_from([PRESENT] * 6 + list(AttendanceStatus))
MOSTLY_MISSING = st.sampled_from([ABSENT, APOLOGIES, DEPUTY] * 2 + [PRESENT])

_DEPUTY = st.sampled_from([None, *DEPUTIES])
_EXCEPTIONAL = st.sampled_from([None, None, None, *REASONS])


@st.composite
def attendance_entries(
    draw: st.DrawFn,
    person: str = "tracie-ogara",
    *,
    statuses: st.SearchStrategy[AttendanceStatus] = ANY_STATUS,
) -> Attendance:
    """One line of the attendance record for ``person`` (clause 1.7.7).

    A deputy is named, or not; a miss has, now and then, an accepted exceptional reason.
    """
    status = draw(statuses)
    deputy = draw(_DEPUTY) if status is DEPUTY else None
    exceptional = draw(_EXCEPTIONAL) if status is not PRESENT else None
    return Attendance(person=person, status=status, deputy=deputy, exceptional=exceptional)


def attendance_runs(
    person: str = "tracie-ogara",
    *,
    statuses: st.SearchStrategy[AttendanceStatus] = MOSTLY_MISSING,
    unrecorded: bool = True,
    min_size: int = 0,
    max_size: int = 8,
) -> st.SearchStrategy[list[Attendance | None]]:
    """What the minutes record for one member across consecutive held meetings of a group.

    ``None`` is a meeting whose minutes have no line for the member (when ``unrecorded`` allows it).
    Misses are common, so that runs of two and three (clause 1.7.3) are too.
    """
    entry = attendance_entries(person, statuses=statuses)
    return st.lists(st.none() | entry if unrecorded else entry, min_size=min_size, max_size=max_size)


Line = tuple[AttendanceStatus, str | None, str | None] | None
"""A line of the minutes as (status, deputy, exceptional reason); ``None``: the minutes leave it out."""

_MISSES: list[Line] = [
    (ABSENT, None, None),
    (APOLOGIES, None, None),
    (DEPUTY, "deputy-director", None),
    (DEPUTY, None, None),
    (ABSENT, None, REASONS[0]),
    (APOLOGIES, None, REASONS[1]),
]
HABITS: dict[str, st.SearchStrategy[Line]] = {
    "regular": st.sampled_from([(PRESENT, None, None)] * 12 + _MISSES + [None]),
    "absentee": st.sampled_from([(PRESENT, None, None)] * 2 + _MISSES * 2 + [None]),
}
"""How a member turns up: a regular is there most times; an absentee misses most meetings. Now and then the
minutes leave a member out (clause 1.7.7)."""

_INDEX = st.integers(0, 63)
_SIDE = st.sampled_from(("for", "for", "against", "abstain"))
_DECLARATION = st.sampled_from(
    [None, None, (Interest.PERSONAL, False), (Interest.PREJUDICIAL, True), (Interest.PREJUDICIAL, False)]
)
_DECISION = st.sampled_from([None, None, DecisionMethod.CONSENSUS, DecisionMethod.CHAIR, DecisionMethod.VOTE])
_VOTERS = st.integers(0, 4)


@st.composite
def items(
    draw: st.DrawFn,
    members: Sequence[str],
    *,
    item_id: str = "1",
    others: Sequence[str] = NON_MEMBERS_WHO_VOTE,
) -> Item:
    """An agenda item: now and then a declaration of interest by one of the ``members`` (clause 1.7.6) and
    a decision, by vote (clause 1.7.5) cast by members, present or not, and sometimes by someone else."""
    return draw_item(draw, members, item_id, others)


def draw_item(
    draw: st.DrawFn, members: Sequence[str], item_id: str, others: Sequence[str] = NON_MEMBERS_WHO_VOTE
) -> Item:
    """:func:`items`, drawn with ``draw`` directly (no strategy is built, which keeps big draws quick)."""
    voters = [*members, *others]
    declarations: list[Declaration] = []
    declared = draw(_DECLARATION)
    if members and declared is not None:
        interest, withdrew = declared
        person = members[draw(_INDEX) % len(members)]
        declarations.append(Declaration(person=person, interest=interest, nature="a bid", withdrew=withdrew))
    method = draw(_DECISION)
    decision = None
    if method is DecisionMethod.VOTE:
        cast = {voters[draw(_INDEX) % len(voters)]: draw(_SIDE) for _ in range(draw(_VOTERS))}
        decision = Decision(
            method=method,
            votes_for=[person for person, side in cast.items() if side == "for"],
            votes_against=[person for person, side in cast.items() if side == "against"],
            abstentions=[person for person, side in cast.items() if side == "abstain"],
        )
    elif method is not None:
        decision = Decision(method=method)
    return Item(id=item_id, title=f"Item {item_id}", declarations=declarations, decision=decision)


NOTICE_DAYS = st.sampled_from([None, 2, 4, 5, 5, 6, 7, 7, 10])
"""Days between the agenda going out and the meeting (clause 1.7.1), or ``None``: not recorded."""

A_YEAR_FROM_THE_START = st.dates(STARTED, STARTED + timedelta(days=365))
MOSTLY_HELD = st.sampled_from([MeetingStatus.HELD] * 6 + [MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED])
_ITEMS = st.sampled_from([0, 0, 1, 2])
THE_LEADER: st.SearchStrategy[str | None] = st.just("alistair-bradley")
_OUTSIDER = st.sampled_from([None, None, None, *OUTSIDERS])


@st.composite
def meetings(
    draw: st.DrawFn,
    group: str = "exec",
    *,
    days: st.SearchStrategy[date] = A_YEAR_FROM_THE_START,
    members: Sequence[str] = ("gary-hall", "tracie-ogara"),
    habits: Mapping[str, str] | None = None,
    chairs: st.SearchStrategy[str | None] = THE_LEADER,
    statuses: st.SearchStrategy[MeetingStatus] = MOSTLY_HELD,
) -> Meeting:
    """A meeting of ``group``; when held, its minutes record attendance for the ``members`` (now and then
    leaving one out, clause 1.7.7), its chair and the day its agenda went out, and up to two items.

    ``habits`` says which members are ``"regular"`` and which ``"absentee"`` (:data:`HABITS`).
    """
    return draw_meeting(draw, group, draw(days), members, habits or {}, draw(chairs), draw(statuses))


def draw_meeting(
    draw: st.DrawFn,
    group: str | tuple[str, ...],
    day: date,
    members: Sequence[str],
    habits: Mapping[str, str],
    chair: str | None,
    status: MeetingStatus,
) -> Meeting:
    """:func:`meetings` on ``day``, drawn with ``draw`` directly; ``group`` may be several groups meeting
    jointly."""
    groups = (group,) if isinstance(group, str) else group
    meeting_id = f"{'+'.join(groups)}-{day.isoformat()}"
    start = datetime.combine(day, time(10, 0))
    if status is not MeetingStatus.HELD:
        return Meeting(id=meeting_id, groups=groups, start=start, status=status)
    attendance = []
    for person in members:
        line = draw(HABITS[habits.get(person, "regular")])
        if line is not None:
            attendance.append(Attendance(person, *line))
    outsider = draw(_OUTSIDER)
    if outsider is not None:
        attendance.append(Attendance(person=outsider, status=PRESENT))
    notice = draw(NOTICE_DAYS)
    agenda = [draw_item(draw, members, str(n + 1)) for n in range(draw(_ITEMS))]
    return Meeting(
        id=meeting_id,
        groups=groups,
        start=start,
        end=start + timedelta(hours=2),
        status=status,
        chair=chair,
        agenda_published=day - timedelta(days=notice) if notice is not None else None,
        attendance=attendance,
        items=agenda,
    )
