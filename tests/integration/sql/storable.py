"""Histories for the SQL tests: the suite's generated ones made storable, and awkward ones of our own.

``storable`` completes a generated history (tests/strategies) whose attendance names a deputy who is not
among its people: a dataset file may not say that, and neither may a database. ``awkward_histories``
draws the values a database is most likely to get wrong: ids that differ only in case, ids with spaces
inside (never at either end: the format refuses those, and so does every database), the longest id
stored, text in any script, times to the microsecond, amounts written as ``15000.0`` or ``1E+3``, empty
and duplicated lists.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import strategies as st

from psr_adapters.sql.tables import ID_LENGTH
from psr_core import (
    Attendance,
    AttendanceStatus,
    Contribution,
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
    Tier,
)

ROOT = Path(__file__).resolve().parents[3]
SMALL = ROOT / "tests" / "data" / "small.yaml"
EXAMPLES = (ROOT / "examples" / "chorley" / "chorley.yaml", ROOT / "examples" / "joint-2021" / "joint.yaml")


def storable(history: History) -> History:
    """``history`` with a person added for every id it refers to but does not define."""
    known = {person.id for person in history.people}
    named: list[str] = []
    for meeting in history.meetings:
        for entry in meeting.attendance:
            named.extend(p for p in (entry.person, entry.deputy) if p is not None)
        named.extend(p for p in (meeting.chair, meeting.vice_chair) if p is not None)
        for item in meeting.items:
            named.extend(d.person for d in item.declarations)
            if item.decision is not None:
                named.extend(person for person, _side in item.decision.voters())
    named.extend(m.person for m in history.memberships)
    named.extend(g.chair for g in history.groups if g.chair is not None)
    named.extend(o.agreed_by_chair for o in history.organisations if o.agreed_by_chair is not None)
    missing = sorted(set(named) - known)
    return attrs.evolve(history, people=[*history.people, *(Person(id=p, name=p.title()) for p in missing)])


IDS = st.sampled_from(["a", "A", "a b", "é", "Ünïcode-ß", "x" * ID_LENGTH, "with space", "7", "ü\u00a0ü"])
TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)
AMOUNTS = st.sampled_from(["15000", "15000.0", "0.1", "1E+3", "12.50", "0", "9999.99", "20001"]).map(Decimal)
DAYS = st.dates(date(1990, 1, 1), date(2030, 12, 31))
TIMES = st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31))


@st.composite
def awkward_histories(draw: st.DrawFn) -> History:
    """A small history, valid and storable, full of values that are easy to store wrongly."""
    partnership = Partnership(
        id=draw(IDS), name=draw(TEXT), policy="chorley-2015", timezone="Europe/London", started=draw(DAYS)
    )
    people = [
        Person(id=i, name=draw(TEXT), offices=draw(st.lists(TEXT, max_size=2)))
        for i in draw(st.sets(IDS, max_size=5))
    ]
    ids = [p.id for p in people]
    organisations = [
        Organisation(
            id=i, name=draw(TEXT), partnership=partnership.id, status="full", joined=draw(st.none() | DAYS)
        )
        for i in draw(st.sets(IDS, max_size=3))
    ]
    council = draw(st.booleans())
    if organisations and council:
        partnership = attrs.evolve(partnership, district_council=organisations[0].id)
    if organisations and ids:
        organisations[0] = attrs.evolve(organisations[0], agreed_by_chair=ids[0], agreed_on=draw(DAYS))
        people[-1] = attrs.evolve(people[-1], organisation=organisations[-1].id)
    groups = [
        Group(id=i, partnership=partnership.id, tier=draw(st.sampled_from(Tier)), name=draw(st.none() | TEXT))
        for i in draw(st.sets(IDS, min_size=1, max_size=2))
    ]
    memberships = []
    for person in draw(st.lists(st.sampled_from(ids), max_size=4)) if ids else []:
        start = draw(DAYS)
        end = draw(st.none() | st.just(start) | st.just(start + timedelta(days=draw(st.integers(1, 900)))))
        memberships.append(
            Membership(
                person=person,
                group=draw(st.sampled_from(groups)).id,
                role="chief-officer",
                start=start,
                end=end,
            )
        )
    meetings = []
    for meeting_id in draw(st.sets(IDS, max_size=3)):
        start = draw(TIMES)
        attendance = []
        for person in draw(st.sets(st.sampled_from(ids), max_size=3)) if ids else []:
            status = draw(st.sampled_from(AttendanceStatus))
            deputy = draw(st.none() | st.sampled_from(ids)) if status is AttendanceStatus.DEPUTY else None
            attendance.append(Attendance(person, status, deputy, draw(st.none() | TEXT.filter(bool))))
        items = []
        for item_id in draw(st.sets(IDS, max_size=2)):
            declarations = (
                [
                    Declaration(
                        p,
                        draw(st.sampled_from(["personal", "prejudicial"])),
                        draw(st.none() | TEXT),
                        draw(st.booleans()),
                    )
                    for p in draw(st.lists(st.sampled_from(ids), max_size=2))
                ]
                if ids
                else []
            )
            voters = draw(st.permutations(ids)) if ids else []
            cut = sorted(draw(st.lists(st.integers(0, len(voters)), min_size=2, max_size=2)))
            decision = Decision(
                draw(st.sampled_from(["consensus", "chair", "vote"])),
                voters[: cut[0]],
                voters[cut[0] : cut[1]],
                [],
            )
            items.append(
                Item(item_id, draw(st.none() | TEXT), declarations, draw(st.none() | st.just(decision)))
            )
        meetings.append(
            Meeting(
                id=meeting_id,
                groups=draw(st.lists(st.sampled_from([g.id for g in groups]), min_size=1, unique=True)),
                start=start,
                end=draw(st.none() | st.just(start + timedelta(minutes=draw(st.integers(0, 600))))),
                status=draw(st.sampled_from(["held", "scheduled", "cancelled"])),
                chair=draw(st.none() | st.sampled_from(ids)) if ids else None,
                agenda_published=draw(st.none() | DAYS),
                location=draw(st.none() | TEXT),
                attendance=attendance,
                items=items,
            )
        )
    contributions = (
        [
            Contribution(
                organisation=o.id,
                year=draw(st.integers(1990, 2030)),
                amount=draw(AMOUNTS),
                kind=draw(st.sampled_from(["cash", "in-kind"])),
            )
            for o in draw(st.lists(st.sampled_from(organisations), max_size=3))
        ]
        if organisations
        else []
    )
    reports = [
        Report(partnership.id, draw(st.sampled_from(["scrutiny", "annual-review"])), draw(DAYS))
        for _ in range(draw(st.integers(0, 2)))
    ]
    return History(
        partnerships=[partnership],
        organisations=organisations,
        people=people,
        groups=groups,
        memberships=memberships,
        meetings=meetings,
        contributions=contributions,
        reports=reports,
    )
