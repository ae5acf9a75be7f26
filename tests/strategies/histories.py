"""Whole partnership histories: coherent, valid, small, and varied enough that every rule has work to do."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from psr_core import (
    AdvocateRole,
    Contribution,
    ContributionKind,
    Group,
    History,
    Meeting,
    Membership,
    Organisation,
    PartnerStatus,
    Person,
    Report,
    ReportKind,
    Role,
    Tier,
)

from .chorley import (
    BOARD_REPRESENTATIVES,
    CHIEF_OFFICERS,
    CHORLEY,
    OPERATIONAL_MANAGERS,
    USUAL_CHAIR,
    USUAL_ROLE,
    partner,
    seat_holder,
)
from .minutes import DEPUTIES, MOSTLY_HELD, draw_meeting
from .parties import organisations, partnerships

SPAN = timedelta(days=480)
"""How long a generated history runs from the partnership's start: long enough for a financial year to
close, four quarters to pass and an annual review to fall due."""

FOUNDERS = ("chorley-council", "lcft")
"""Partners in every generated history: the district council, and Steve Winterson's trust (he chairs the
Implementation Group, table 1.2.1)."""

OTHER_PARTNERS = sorted(set(CHIEF_OFFICERS) - set(FOUNDERS))

OFTEN = st.sampled_from([True, True, True, True, True, False])
"""Most seats are filled, most quarters reported: the findings are exceptions, as in a real history."""

ADVOCATES = {
    AdvocateRole.BUSINESS: Person(id="allan-jones", name="Allan Jones", advocate=AdvocateRole.BUSINESS),
    AdvocateRole.COMMUNITY: Person(
        id="martin-cox", name="Reverend Martin Cox", advocate=AdvocateRole.COMMUNITY
    ),
    AdvocateRole.THIRD_SECTOR: Person(
        id="third-sector-advocate", name="Third Sector Advocate", advocate=AdvocateRole.THIRD_SECTOR
    ),
}

GROUPS = (
    Group(id="exec", partnership=CHORLEY.id, tier=Tier.EXECUTIVE),
    Group(id="ig", partnership=CHORLEY.id, tier=Tier.IMPLEMENTATION, chair="steve-winterson"),
    Group(id="board", partnership=CHORLEY.id, tier=Tier.BOARD),
)
GAP_DAYS = {"exec": st.integers(14, 75), "ig": st.integers(14, 75), "board": st.integers(60, 220)}
"""Days between one meeting of a group and the next: around the cadence of table 1.2.1, sometimes over."""


_WRONG_ROLE = st.sampled_from([None] * 60 + list(Role))
_DELAY = st.sampled_from([0, 0, 0, 0, 20, 90])
_LENGTH = st.sampled_from([None] * 7 + [30, 100, 200, 400])
_FIRST = st.integers(1, 50)
_AMOUNT = st.sampled_from([None, 9_999, 10_000, 12_500, 15_000, 20_000, 20_001])
_IN_KIND = st.sampled_from([0, 0, 2_500, -1])
_DAY_IN_QUARTER = st.integers(0, 90)
_REVIEWS = st.lists(st.integers(0, SPAN.days), max_size=2)
_HABIT = st.sampled_from(["regular", "regular", "regular", "absentee"])
_CHAIR = st.sampled_from(["usual"] * 6 + ["member", "anyone", "none"])
"""Who chairs a meeting: mostly the chair table 1.2.1 names; now and then a member, anyone at all, or no one
recorded."""
_INDEX = st.integers(0, 63)
_JOINT = st.sampled_from([False] * 4 + [True])
"""Now and then the Executive meets jointly with the Implementation Group: a joint meeting counts for each
of its groups (docs/explanation/interpretations.md)."""


def _seat(draw: st.DrawFn, person: str, group: str, joined: date, role: Role | None = None) -> Membership:
    """A seat from around the day the organisation joined; now and then in the wrong role, or ending."""
    role = draw(_WRONG_ROLE) or role or USUAL_ROLE[group]
    start = joined + timedelta(days=draw(_DELAY))
    length = draw(_LENGTH)
    end = start + timedelta(days=length) if length is not None else None
    return Membership(person=person, group=group, role=role, start=start, end=end)


def _days(draw: st.DrawFn, group: str, started: date, last: date, count: int) -> list[date]:
    days: list[date] = []
    day = started + timedelta(days=draw(_FIRST))
    while day <= last and len(days) < count:
        days.append(day)
        day += timedelta(days=draw(GAP_DAYS[group]))
    return days


def _contributions(
    draw: st.DrawFn, organisation: Organisation, started: date, last: date
) -> list[Contribution]:
    """One financial year after another from the year it joined: mostly inside the £10k-£20k band of full
    partner commitment 3, sometimes just outside it, sometimes nothing; cash, in kind, or both."""
    found: list[Contribution] = []
    joined = organisation.joined_on(started)
    first = joined.year if joined.month >= 4 else joined.year - 1
    for year in range(first, last.year + 1):
        amount = draw(_AMOUNT)
        if amount is None:
            continue
        in_kind = draw(_IN_KIND)
        in_kind = amount if in_kind < 0 else in_kind
        for kind, part in ((ContributionKind.CASH, amount - in_kind), (ContributionKind.IN_KIND, in_kind)):
            if part:
                found.append(
                    Contribution(organisation=organisation.id, year=year, amount=Decimal(part), kind=kind)
                )
    return found


def _reports(draw: st.DrawFn, started: date, last: date) -> list[Report]:
    """A scrutiny report in most quarters (clause 1.5.3), and an annual review or two (closing line)."""
    reports: list[Report] = []
    quarter = date(started.year, (started.month - 1) // 3 * 3 + 1, 1)
    while quarter <= last:
        following = date(quarter.year + quarter.month // 10, (quarter.month + 2) % 12 + 1, 1)
        if draw(OFTEN):
            day = min(quarter + timedelta(days=draw(_DAY_IN_QUARTER)), following - timedelta(days=1))
            reports.append(Report(partnership=CHORLEY.id, kind=ReportKind.SCRUTINY, date=day))
        quarter = following
    for offset in draw(_REVIEWS):
        reports.append(
            Report(partnership=CHORLEY.id, kind=ReportKind.ANNUAL_REVIEW, date=started + timedelta(offset))
        )
    return reports


@st.composite
def histories(draw: st.DrawFn, *, max_partners: int = 4, max_meetings: int = 7) -> History:
    """A coherent history of the Chorley partnership over a year and a bit from its start.

    Up to ``max_partners`` partners (Chorley Council and Lancashire Care Foundation Trust always, others
    founding or joining later); their people seated on the Executive, the Implementation Group and the
    Board (mostly in the role the tier has); advocates; the Board's independent chair; up to
    ``max_meetings`` meetings of each group about as often as its cadence, with attendance recorded for the
    members expected (regulars and absentees), chairs, agenda dates, declarations and votes; contributions
    for each financial year; scrutiny reports and annual reviews.
    """
    partnership = draw(partnerships())
    started = partnership.started
    last = started + SPAN
    others = draw(
        st.lists(
            organisations(ids=st.sampled_from(OTHER_PARTNERS), started=started),
            max_size=max_partners - len(FOUNDERS),
            unique_by=lambda organisation: organisation.id,
        )
    )
    partners = [partner(organisation, status=PartnerStatus.FULL) for organisation in FOUNDERS] + others
    people: dict[str, Person] = {advocate.id: advocate for advocate in ADVOCATES.values()}
    people["independent-chair"] = Person(id="independent-chair", name="Independent Chair of the Board")
    people["hayley-hughes"] = Person(id="hayley-hughes", name="Hayley Hughes", organisation="chorley-council")
    for deputy in DEPUTIES:
        people.setdefault(deputy, Person(id=deputy, name=deputy.replace("-", " ").title()))
    seats: list[Membership] = []
    for organisation in partners:
        joined = organisation.joined_on(started)
        board = BOARD_REPRESENTATIVES.get(organisation.id, f"{organisation.id}-board-representative")
        for tier, holder in (
            ("exec", CHIEF_OFFICERS[organisation.id]),
            ("ig", OPERATIONAL_MANAGERS[organisation.id]),
            ("board", board),
        ):
            people[holder] = seat_holder(holder, organisation.id)
            if draw(OFTEN):
                seats.append(_seat(draw, holder, tier, joined))
    for advocate in ADVOCATES.values():
        if draw(OFTEN):
            seats.append(_seat(draw, advocate.id, "exec", started, Role.ADVOCATE))
    if draw(OFTEN):
        seats.append(_seat(draw, "independent-chair", "board", started, Role.INDEPENDENT_CHAIR))

    habits = {person: draw(_HABIT) for person in sorted(people)}
    held: list[Meeting] = []
    everyone = sorted(people)
    for group in GROUPS:
        for day in _days(draw, group.id, started, last, max_meetings):
            groups = ("exec", "ig") if group.id == "exec" and draw(_JOINT) else (group.id,)
            members = sorted({seat.person for seat in seats if seat.group in groups and seat.covers(day)})
            kind = draw(_CHAIR)
            if kind == "usual":
                chair: str | None = USUAL_CHAIR[groups[-1]]
            elif kind == "member" and members:
                chair = members[draw(_INDEX) % len(members)]
            elif kind == "anyone":
                chair = everyone[draw(_INDEX) % len(everyone)]
            else:
                chair = None
            held.append(draw_meeting(draw, groups, day, members, habits, chair, draw(MOSTLY_HELD)))
    return History(
        partnerships=[partnership],
        organisations=partners,
        people=sorted(people.values(), key=lambda person: person.id),
        groups=GROUPS,
        memberships=seats,
        meetings=held,
        contributions=[c for o in partners for c in _contributions(draw, o, started, last)],
        reports=_reports(draw, started, last),
    )


def judgement_days(history: History) -> st.SearchStrategy[date]:
    """A day to judge ``history`` on: from just before its partnership started to a little after its end."""
    started = min(partnership.started for partnership in history.partnerships)
    return st.dates(started - timedelta(days=10), started + SPAN + timedelta(days=60))
