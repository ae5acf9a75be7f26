"""The Chorley partnership as the seeds describe it, for worked examples.

Names come from the seeds: table 1.4.1 of the terms of reference (seed 000) lists the partners and the
advocates; the consultation summary (seed 002) names the people met (Cllr Alistair Bradley and Gary Hall of
Chorley Council, Steve Winterson, Louise Giles, Dave McBride, John Buck, Carole Spencer, Chief Inspector
Tracie O'Gara, Diane Gradwell and Reverend Martin Cox). Where a seat's holder is not named, the person is
called after the seat ("Runshaw College chief officer").

The builders here make plain values; a worked example states the one fact it is about and relies on the
rest being ordinary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum

from psr_core import (
    CHORLEY_2015,
    AdvocateRole,
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Decision,
    DecisionMethod,
    Declaration,
    Finding,
    Group,
    History,
    Interest,
    Item,
    Meeting,
    MeetingStatus,
    Membership,
    Organisation,
    Partnership,
    PartnerStatus,
    Person,
    Policy,
    Report,
    ReportKind,
    Role,
    Tier,
    evaluate,
)

STARTED = date(2015, 6, 16)
"""The partnership's start: the Board meeting of 16 June that adopted the new terms (seed 002)."""

CHORLEY = Partnership(
    id="chorley",
    name="Chorley Public Service Reform Partnership",
    policy="chorley-2015",
    timezone="Europe/London",
    started=STARTED,
    district_council="chorley-council",
)

FULL_PARTNERS = {
    "chorley-council": "Chorley Council",
    "ccg": "Chorley and South Ribble Clinical Commissioning Group",
    "lcft": "Lancashire Care Foundation Trust",
    "lfrs": "Lancashire Fire and Rescue Service",
    "ltht": "Lancashire Teaching Hospitals Trust",
}
"""Table 1.4.1: the full partners."""

AFFILIATED_PARTNERS = {
    "vcfs": "Chorley VCFS Network",
    "dwp": "DWP",
    "constabulary": "Lancashire Constabulary",
    "lcc": "Lancashire County Council",
    "primary-care": "Primary Care – Local Representative",
    "runshaw": "Runshaw College",
}
"""Table 1.4.1: the affiliated partners."""

PARTNER_NAMES = {**FULL_PARTNERS, **AFFILIATED_PARTNERS}


def partner(
    organisation: str,
    *,
    status: PartnerStatus | None = None,
    joined: date | None = None,
    agreed_by_chair: str | None = None,
    agreed_on: date | None = None,
    inducted_on: date | None = None,
) -> Organisation:
    """One organisation of table 1.4.1, with its status there unless another is given.

    ``joined`` of ``None`` is a founding partner; a later partner records its admission (clause 1.7.4).
    """
    listed = PartnerStatus.FULL if organisation in FULL_PARTNERS else PartnerStatus.AFFILIATED
    return Organisation(
        id=organisation,
        name=PARTNER_NAMES[organisation],
        partnership=CHORLEY.id,
        status=status or listed,
        joined=joined,
        agreed_by_chair=agreed_by_chair,
        agreed_on=agreed_on,
        inducted_on=inducted_on,
    )


ORGANISATIONS = tuple(partner(organisation) for organisation in PARTNER_NAMES)

CHIEF_OFFICERS = {
    "chorley-council": "gary-hall",
    "ccg": "louise-giles",
    "lcft": "lcft-chief-officer",
    "lfrs": "john-buck",
    "ltht": "carole-spencer",
    "vcfs": "diane-gradwell",
    "dwp": "dwp-chief-officer",
    "constabulary": "tracie-ogara",
    "lcc": "lcc-chief-officer",
    "primary-care": "primary-care-chief-officer",
    "runshaw": "runshaw-chief-officer",
}
"""Who represents each partner on the Executive."""

OPERATIONAL_MANAGERS = {
    **{organisation: f"{organisation}-operational-manager" for organisation in PARTNER_NAMES},
    "ccg": "dave-mcbride",  # seed 002: "Implementation Group rep will be Dave Mc Bride."
    "lcft": "steve-winterson",
}
"""Who is each partner's lead officer on the Implementation Group."""

BOARD_REPRESENTATIVES = {
    **{organisation: f"{organisation}-board-representative" for organisation in FULL_PARTNERS},
    "chorley-council": "alistair-bradley",
}
"""Each full partner's accountable representative on the Board (clause 1.5.2)."""

NAMED = {
    "alistair-bradley": "Alistair Bradley",
    "gary-hall": "Gary Hall",
    "louise-giles": "Louise Giles",
    "dave-mcbride": "Dave McBride",
    "john-buck": "John Buck",
    "carole-spencer": "Carole Spencer",
    "diane-gradwell": "Diane Gradwell",
    "tracie-ogara": "Tracie O'Gara",
    "steve-winterson": "Steve Winterson",
}


def seat_holder(person: str, organisation: str) -> Person:
    """The person ``person`` of ``organisation``, by name where the seeds name them."""
    name = NAMED.get(person) or person.replace(organisation, PARTNER_NAMES[organisation]).replace("-", " ")
    offices = ("council-leader",) if person == "alistair-bradley" else ()
    return Person(id=person, name=name, organisation=organisation, offices=offices)


PEOPLE = (
    *(
        seat_holder(person, organisation)
        for seats in (CHIEF_OFFICERS, OPERATIONAL_MANAGERS, BOARD_REPRESENTATIVES)
        for organisation, person in seats.items()
    ),
    Person(id="allan-jones", name="Allan Jones", advocate=AdvocateRole.BUSINESS),
    Person(id="martin-cox", name="Reverend Martin Cox", advocate=AdvocateRole.COMMUNITY),
    Person(id="independent-chair", name="Independent Chair of the Board"),
    Person(id="hayley-hughes", name="Hayley Hughes", organisation="chorley-council"),
    Person(
        id="lcc-leader",
        name="Leader of Lancashire County Council",
        organisation="lcc",
        offices=("council-leader",),
    ),
)
"""Everyone the examples name. Hayley Hughes is the programme officer (seed 002), in attendance only; the
Third Sector Advocate is "TBC" in table 1.4.1, so no one holds that role."""

EXECUTIVE = Group(
    id="exec", partnership=CHORLEY.id, tier=Tier.EXECUTIVE, name="Public Service Reform Executive"
)
IMPLEMENTATION = Group(
    id="ig",
    partnership=CHORLEY.id,
    tier=Tier.IMPLEMENTATION,
    chair="steve-winterson",
    name="Public Service Reform Implementation Group",
)
BOARD = Group(id="board", partnership=CHORLEY.id, tier=Tier.BOARD, name="Public Service Reform Board")
GROUPS = (EXECUTIVE, IMPLEMENTATION, BOARD)
TIER_GROUPS = {group.id: group for group in GROUPS}

USUAL_ROLE = {
    "exec": Role.CHIEF_OFFICER,
    "ig": Role.OPERATIONAL_MANAGER,
    "board": Role.ACCOUNTABLE_REPRESENTATIVE,
}
USUAL_CHAIR = {"exec": "alistair-bradley", "ig": "steve-winterson", "board": "independent-chair"}
"""Who chairs each tier as table 1.2.1 says: the Leader of the district council, Steve Winterson, and an
independent chair."""


def seat(
    person: str,
    group: str = "exec",
    role: Role | str | None = None,
    start: date = STARTED,
    end: date | None = None,
) -> Membership:
    """``person``'s seat on ``group`` in the role that tier has, unless another is given."""
    return Membership(person=person, group=group, role=role or USUAL_ROLE[group], start=start, end=end)


def full_structure() -> tuple[Membership, ...]:
    """Every seat of the structure filled from the start: a chief officer and a lead officer of each
    partner, an accountable representative of each full partner, the independent chair of the Board, and
    the two advocates table 1.4.1 names (the Third Sector Advocate is still TBC)."""
    return (
        *(seat(person, "exec") for person in CHIEF_OFFICERS.values()),
        seat("allan-jones", "exec", Role.ADVOCATE),
        seat("martin-cox", "exec", Role.ADVOCATE),
        *(seat(person, "ig") for person in OPERATIONAL_MANAGERS.values()),
        *(seat(person, "board") for person in BOARD_REPRESENTATIVES.values()),
        seat("independent-chair", "board", Role.INDEPENDENT_CHAIR),
    )


Entry = Attendance | str
"""An attendance entry, or just its status."""


class AsUsual(Enum):
    """The default of a meeting's chair and agenda: as the terms of reference have it."""

    AS_USUAL = "as usual"


AS_USUAL = AsUsual.AS_USUAL


def held(
    group: str | tuple[str, ...],
    day: date,
    attendance: Mapping[str, Entry] | None = None,
    *,
    chair: str | AsUsual | None = AS_USUAL,
    agenda: date | AsUsual | None = AS_USUAL,
    items: Iterable[Item] = (),
    status: MeetingStatus = MeetingStatus.HELD,
    meeting_id: str | None = None,
) -> Meeting:
    """A meeting of ``group`` on ``day`` at 10:00, chaired as table 1.2.1 says and with its agenda out a
    week ahead, unless told otherwise."""
    groups = (group,) if isinstance(group, str) else group
    entries = tuple(
        entry if isinstance(entry, Attendance) else Attendance(person=person, status=AttendanceStatus(entry))
        for person, entry in (attendance or {}).items()
    )
    return Meeting(
        id=meeting_id or f"{'+'.join(groups)}-{day.isoformat()}",
        groups=groups,
        start=datetime.combine(day, time(10, 0)),
        end=datetime.combine(day, time(12, 0)),
        status=status,
        chair=USUAL_CHAIR.get(groups[0]) if chair is AS_USUAL else chair,
        agenda_published=day - timedelta(days=7) if agenda is AS_USUAL else agenda,
        location="Chorley Town Hall",
        attendance=entries,
        items=tuple(items),
    )


def absent(person: str, *, exceptional: str | None = None) -> Attendance:
    return Attendance(person=person, status=AttendanceStatus.ABSENT, exceptional=exceptional)


def deputised(person: str, deputy: str) -> Attendance:
    return Attendance(person=person, status=AttendanceStatus.DEPUTY, deputy=deputy)


def item(
    item_id: str = "4",
    *declarations: Declaration,
    votes_for: Iterable[str] = (),
    votes_against: Iterable[str] = (),
    abstentions: Iterable[str] = (),
    title: str = "Locality working pilot",
) -> Item:
    """An agenda item; a vote is recorded when anyone voted."""
    voted = (tuple(votes_for), tuple(votes_against), tuple(abstentions))
    decision = Decision(DecisionMethod.VOTE, *voted) if any(voted) else None
    return Item(id=item_id, title=title, declarations=declarations, decision=decision)


def prejudicial(
    person: str, *, withdrew: bool, nature: str = "the trust is a bidder", took_part: bool | None = None
) -> Declaration:
    return Declaration(
        person=person, interest=Interest.PREJUDICIAL, nature=nature, withdrew=withdrew, took_part=took_part
    )


def personal(person: str, nature: str = "spouse works for a bidder") -> Declaration:
    return Declaration(person=person, interest=Interest.PERSONAL, nature=nature)


def contribution(
    organisation: str, year: int, amount: int, kind: ContributionKind = ContributionKind.CASH
) -> Contribution:
    return Contribution(organisation=organisation, year=year, amount=Decimal(amount), kind=kind)


def scrutiny_report(day: date) -> Report:
    return Report(partnership=CHORLEY.id, kind=ReportKind.SCRUTINY, date=day)


def annual_review(day: date) -> Report:
    return Report(partnership=CHORLEY.id, kind=ReportKind.ANNUAL_REVIEW, date=day)


def chorley(
    *,
    partnership: Partnership = CHORLEY,
    organisations: Iterable[Organisation] = ORGANISATIONS,
    people: Iterable[Person] = PEOPLE,
    groups: Iterable[Group] = GROUPS,
    memberships: Iterable[Membership] = (),
    meetings: Iterable[Meeting] = (),
    contributions: Iterable[Contribution] = (),
    reports: Iterable[Report] = (),
) -> History:
    """The Chorley partnership with the facts given (by default its partners and people, and no seats)."""
    return History(
        partnerships=(partnership,),
        organisations=tuple(organisations),
        people=tuple(people),
        groups=tuple(groups),
        memberships=tuple(memberships),
        meetings=tuple(meetings),
        contributions=tuple(contributions),
        reports=tuple(reports),
    )


def findings_of(
    rule: str, history: History, as_of: date, policy: Policy = CHORLEY_2015
) -> tuple[Finding, ...]:
    """The findings of ``rule`` when ``history`` is judged as it stood at the end of ``as_of``."""
    return evaluate(history, policy, as_of).of_rule(rule)


def monthly(first: date, count: int) -> list[date]:
    """``count`` days a calendar month apart from ``first`` (whose day of the month is at most 28)."""
    return [
        date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, first.day)
        for n in range(count)
    ]


RUN_STARTS = date(2015, 7, 14)
"""The first Executive meeting after the start, on the second Tuesday of July 2015."""


def run_history(
    run: Sequence[Attendance | None],
    person: str = "tracie-ogara",
    *,
    days: Sequence[date] | None = None,
) -> History:
    """``person``, sitting on the Executive from the start, across one Executive meeting per entry of
    ``run`` (monthly from July 2015 unless ``days`` are given): ``None`` leaves the member out of that
    meeting's minutes."""
    on = days if days is not None else monthly(RUN_STARTS, len(run))
    meetings = [
        held("exec", day, {person: entry} if entry is not None else {})
        for day, entry in zip(on, run, strict=True)
    ]
    return chorley(memberships=[seat(person, "exec")], meetings=meetings)
