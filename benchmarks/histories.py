"""Realistic synthetic partnership histories for benchmarks, built directly as ``psr_core`` values.

    from histories import Shape, generate, attendance_records
    history = generate(Shape(partnerships=7, years=20))

Each partnership is shaped like Chorley's (the Terms of Reference (2015)): eleven organisations (five full,
six affiliated, the last admitted two years in), an Executive chaired by the Leader of the district council
with a chief officer of each partner and the three advocates, an Implementation Group and working groups of
operational managers (monthly), and a Board with an independent chair (six-monthly). Seats change hands every
few years, sometimes with a vacancy between holders. Every held meeting has an agenda date, a chair and an
attendance entry per member drawn from the given rates (a few misses carry an exceptional reason, a very few
entries are missing), agenda items with declarations of interest, consensus decisions and votes (a few cast by
someone not eligible). Full partners contribute each financial year (mostly inside the £10k-£20k band), and
scrutiny reports and annual reviews are mostly on time.

Generation is deterministic: the same :class:`Shape` (``seed`` included) gives an equal history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from psr_core import (
    AdvocateRole,
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Decision,
    DecisionMethod,
    Declaration,
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
    Report,
    ReportKind,
    Role,
    Tier,
)

FIRST_START = date(1996, 4, 1)
ADVOCATES = (AdvocateRole.BUSINESS, AdvocateRole.COMMUNITY, AdvocateRole.THIRD_SECTOR)
EXCEPTIONAL = (
    "hospital admission",
    "bereavement",
    "major incident response",
    "jury service",
    "flooding response",
)
TIMES = {Tier.EXECUTIVE: time(10), Tier.IMPLEMENTATION: time(14), Tier.BOARD: time(17, 30)}


@dataclass(frozen=True)
class Rates:
    """What the minutes record for an expected member: the four statuses' shares (they are normalised)."""

    present: float = 0.82
    apologies: float = 0.12
    absent: float = 0.03
    deputy: float = 0.03
    exceptional: float = 0.05
    """Share of apologies and absences with an accepted exceptional reason."""
    unrecorded: float = 0.0005
    """Share of expected members with no attendance entry at all."""


@dataclass(frozen=True)
class Shape:
    """The size and texture of a generated history."""

    partnerships: int
    years: int
    members: int = 14
    """Members per group (at least 5: the Executive has the Leader, chief officers and three advocates)."""
    groups_per_partnership: int = 5
    """Executive, Implementation Group, Board, then further Implementation-tier working groups."""
    organisations: int = 11
    full_partners: int = 5
    rates: Rates = field(default_factory=Rates)
    items_per_meeting: tuple[int, int] = (2, 5)
    declaration_rate: float = 0.06
    """Chance that an item has a declaration of interest."""
    prejudicial_share: float = 0.3
    withdraw_rate: float = 0.85
    """Chance that a member declaring a prejudicial interest withdraws."""
    vote_rate: float = 0.08
    """Chance that an item is decided by a vote (otherwise by consensus half the time, else not decided)."""
    ineligible_vote_rate: float = 0.05
    """Chance that a vote includes one voter who may not vote (a deputy, or a member not present)."""
    cancel_rate: float = 0.02
    short_notice_rate: float = 0.03
    tenure_years: tuple[int, int] = (3, 7)
    vacancy_rate: float = 0.1
    """Chance that a seat stays empty for one to three months between holders."""
    board_months: int = 6
    seed: int = 2015

    @property
    def groups(self) -> int:
        return self.partnerships * self.groups_per_partnership

    @property
    def as_of(self) -> date:
        """The last day of the generated period: the day to evaluate the history on."""
        return date(FIRST_START.year + self.years, FIRST_START.month, 1) - timedelta(days=1)

    def expected_records(self) -> int:
        """Roughly how many attendance records the shape gives (before cancellations and gaps)."""
        per_year = 12 * (self.groups_per_partnership - 1) + 12 // self.board_months
        return self.partnerships * self.years * self.members * per_year


def generate(shape: Shape) -> History:
    """A history of ``shape.partnerships`` partnerships over ``shape.years`` years."""
    if shape.members < 5:
        raise ValueError("a group needs at least 5 members")
    if shape.groups_per_partnership < 3:
        raise ValueError("a partnership has at least its three tiers")
    builder = _Builder(shape)
    for index in range(shape.partnerships):
        builder.partnership(index)
    return builder.history()


def attendance_records(history: History) -> int:
    return sum(len(meeting.attendance) for meeting in history.meetings)


@dataclass
class _Seat:
    """One seat on one group. Holders follow each other for a few years; a deemed resignation (clause 1.7.3)
    ends a holder early, and a vacancy may come between holders."""

    group: str
    role: Role
    organisation: str | None
    opens: date
    leader: bool = False
    advocate: AdvocateRole | None = None
    holders: list[tuple[str, date, date | None]] = field(default_factory=list)
    person: str | None = None
    since: date = date.min
    until: date = date.max
    next_start: date = date.min
    run: int = 0

    def holder_on(self, day: date) -> str | None:
        for person, first, last in self.holders:
            if first <= day and (last is None or day <= last):
                return person
        return None


class _Builder:
    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.partnerships: list[Partnership] = []
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.groups: list[Group] = []
        self.memberships: list[Membership] = []
        self.meetings: list[Meeting] = []
        self.contributions: list[Contribution] = []
        self.reports: list[Report] = []
        self.counter = 0
        rates = shape.rates
        total = rates.present + rates.apologies + rates.absent + rates.deputy
        self.cumulative = (
            rates.present / total,
            (rates.present + rates.apologies) / total,
            (rates.present + rates.apologies + rates.absent) / total,
        )

    def history(self) -> History:
        return History(
            partnerships=self.partnerships,
            organisations=self.organisations,
            people=self.people,
            groups=self.groups,
            memberships=self.memberships,
            meetings=self.meetings,
            contributions=self.contributions,
            reports=self.reports,
        )

    # -- one partnership ------------------------------------------------------------------------------
    def partnership(self, index: int) -> None:
        shape = self.shape
        rng = random.Random(shape.seed * 1_000_003 + index)
        pid = f"p{index:04d}"
        started = FIRST_START + timedelta(days=index % 28)
        end = shape.as_of
        orgs = [f"{pid}-o{k:02d}" for k in range(shape.organisations)]
        late = orgs[-1]
        late_joined = started + timedelta(days=730 + rng.randrange(180))
        self.partnerships.append(
            Partnership(
                id=pid,
                name=f"Partnership {index}",
                policy="chorley-2015",
                timezone="Europe/London",
                started=started,
                district_council=orgs[0],
            )
        )
        opens = {org: (late_joined if org == late else started) for org in orgs}
        deputies = {org: f"{org}-deputy" for org in orgs}
        for org in orgs:
            self.people.append(Person(deputies[org], f"Deputy of {org}", org))

        tiers = [Tier.EXECUTIVE, Tier.IMPLEMENTATION, Tier.BOARD]
        tiers += [Tier.IMPLEMENTATION] * (shape.groups_per_partnership - 3)
        leader_seat: _Seat | None = None
        for g, tier in enumerate(tiers):
            gid = f"{pid}-g{g}"
            named = None
            if tier is Tier.IMPLEMENTATION:
                # chorley-2015 names the Implementation Group's chair (table 1.2.1: Steve Winterson): each
                # such group records a chair of its own, who chairs its meetings.
                named = f"{gid}-chair"
                self.people.append(Person(named, f"Chair of {gid}", orgs[1]))
            self.groups.append(Group(gid, pid, tier, chair=named))
            seats = self._seats(gid, tier, orgs, opens, started)
            if tier is Tier.EXECUTIVE:
                leader_seat = seats[0]
            self._meetings(rng, pid, gid, tier, seats, started, end, deputies, named)
            for seat in seats:
                self._holder(rng, pid, seat, end)
                if seat.person is not None:
                    self.memberships.append(Membership(seat.person, gid, seat.role, seat.since))
                    seat.holders.append((seat.person, seat.since, None))
        assert leader_seat is not None

        agreed_on = late_joined - timedelta(days=20)
        for k, org in enumerate(orgs):
            status = PartnerStatus.FULL if k < shape.full_partners else PartnerStatus.AFFILIATED
            if org != late:
                self.organisations.append(Organisation(org, f"Organisation {org}", pid, status))
                continue
            self.organisations.append(
                Organisation(
                    id=org,
                    name=f"Organisation {org}",
                    partnership=pid,
                    status=status,
                    joined=late_joined,
                    agreed_by_chair=leader_seat.holder_on(agreed_on),
                    agreed_on=agreed_on,
                    inducted_on=late_joined + timedelta(days=30) if rng.random() < 0.7 else None,
                )
            )
        self._money(rng, pid, orgs[: shape.full_partners], started, end)

    def _seats(
        self, gid: str, tier: Tier, orgs: list[str], opens: dict[str, date], started: date
    ) -> list[_Seat]:
        members = self.shape.members

        def seat(role: Role, org: str | None, **kwargs: Any) -> _Seat:
            opened = opens[org] if org is not None else started
            return _Seat(gid, role, org, opened, next_start=opened, **kwargs)

        if tier is Tier.EXECUTIVE:
            seats = [seat(Role.CHIEF_OFFICER, orgs[0], leader=True)]
            seats += [seat(Role.CHIEF_OFFICER, orgs[k % len(orgs)]) for k in range(1, members - 3)]
            return seats + [seat(Role.ADVOCATE, None, advocate=kind) for kind in ADVOCATES]
        if tier is Tier.BOARD:
            seats = [seat(Role.INDEPENDENT_CHAIR, None)]
            return seats + [
                seat(Role.ACCOUNTABLE_REPRESENTATIVE, orgs[k % len(orgs)]) for k in range(members - 1)
            ]
        return [seat(Role.OPERATIONAL_MANAGER, orgs[k % len(orgs)]) for k in range(members)]

    # -- who holds a seat -----------------------------------------------------------------------------
    def _holder(self, rng: random.Random, pid: str, seat: _Seat, day: date) -> str | None:
        """The holder of ``seat`` on ``day``: ends tenures that are over and starts new ones that are due."""
        while True:
            if seat.person is not None:
                if seat.until >= day:
                    return seat.person
                gap = rng.randint(30, 90) if rng.random() < self.shape.vacancy_rate else 0
                self._close(seat, seat.until, gap)
                continue
            if seat.next_start > day:
                return None
            self._open(rng, pid, seat, seat.next_start)

    def _open(self, rng: random.Random, pid: str, seat: _Seat, start: date) -> None:
        low, high = self.shape.tenure_years
        self.counter += 1
        person = f"{pid}-m{self.counter:06d}"
        self.people.append(
            Person(
                id=person,
                name=f"Member {person}",
                organisation=seat.organisation,
                offices=("council-leader",) if seat.leader else (),
                advocate=seat.advocate,
            )
        )
        seat.person, seat.since, seat.run = person, start, 0
        seat.until = start + timedelta(days=rng.randint(low * 365, high * 365))

    def _close(self, seat: _Seat, last: date, gap: int) -> None:
        assert seat.person is not None
        self.memberships.append(Membership(seat.person, seat.group, seat.role, seat.since, last))
        seat.holders.append((seat.person, seat.since, last))
        seat.person = None
        seat.next_start = last + timedelta(days=1 + gap)

    # -- meetings -------------------------------------------------------------------------------------
    def _meetings(
        self,
        rng: random.Random,
        pid: str,
        gid: str,
        tier: Tier,
        seats: list[_Seat],
        started: date,
        end: date,
        deputies: dict[str, str],
        named_chair: str | None = None,
    ) -> None:
        """Meetings of one group, in order, with the holders' runs of misses counted as clause 1.7.3 does;
        a group that names its chair has every meeting chaired by them."""
        shape = self.shape
        step = shape.board_months if tier is Tier.BOARD else 1
        day_of_month = 5 + rng.randrange(20)
        month = started.year * 12 + started.month
        chair_index = 0 if tier is not Tier.IMPLEMENTATION else None
        while True:
            day = date(month // 12, month % 12 + 1, day_of_month)
            if day > end:
                return
            month += step
            start = datetime.combine(day, TIMES[tier])
            mid = f"{gid}-{day.isoformat()}"
            if rng.random() < shape.cancel_rate:
                self.meetings.append(Meeting(mid, (gid,), start, MeetingStatus.CANCELLED))
                continue
            sitting = [(seat, self._holder(rng, pid, seat, day)) for seat in seats]
            attendance, present, deputising, missed = self._attendance(rng, sitting, deputies)
            chair_holder = sitting[chair_index][1] if chair_index is not None else None
            chair = chair_holder if chair_holder in present else present[0] if present else None
            if named_chair is not None:
                chair = named_chair
            notice = rng.randint(2, 4) if rng.random() < shape.short_notice_rate else rng.randint(5, 10)
            members = [person for _, person in sitting if person is not None]
            self.meetings.append(
                Meeting(
                    id=mid,
                    groups=(gid,),
                    start=start,
                    status=MeetingStatus.HELD,
                    end=start + timedelta(hours=2),
                    chair=chair,
                    agenda_published=day - timedelta(days=notice),
                    attendance=attendance,
                    items=self._items(rng, present, deputising, members),
                )
            )
            for seat in missed:  # the third consecutive miss: considered a resignation (clause 1.7.3)
                self._close(seat, day, rng.randint(20, 60))

    def _attendance(
        self, rng: random.Random, sitting: list[tuple[_Seat, str | None]], deputies: dict[str, str]
    ) -> tuple[list[Attendance], list[str], list[str], list[_Seat]]:
        """Entries for the members sitting; also who is present, who deputises and whose run reached 3."""
        rates = self.shape.rates
        p_present, p_apologies, p_absent = self.cumulative
        entries: list[Attendance] = []
        present: list[str] = []
        deputising: list[str] = []
        resigned: list[_Seat] = []
        for seat, person in sitting:
            if person is None or rng.random() < rates.unrecorded:
                continue  # vacant, or not recorded (which the default reading skips)
            draw = rng.random()
            if draw < p_present:
                entries.append(Attendance(person, AttendanceStatus.PRESENT))
                present.append(person)
                seat.run = 0
                continue
            if draw >= p_absent and seat.organisation is not None:
                deputy = deputies[seat.organisation]
                entries.append(Attendance(person, AttendanceStatus.DEPUTY, deputy))
                deputising.append(deputy)
                reason = None
            else:
                status = AttendanceStatus.APOLOGIES if draw < p_apologies else AttendanceStatus.ABSENT
                reason = rng.choice(EXCEPTIONAL) if rng.random() < rates.exceptional else None
                entries.append(Attendance(person, status, None, reason))
            if reason is None:
                seat.run += 1
                if seat.run == 3:
                    resigned.append(seat)
        return entries, present, deputising, resigned

    def _items(
        self, rng: random.Random, present: list[str], deputising: list[str], members: list[str]
    ) -> list[Item]:
        shape = self.shape
        items: list[Item] = []
        for number in range(1, rng.randint(*shape.items_per_meeting) + 1):
            declarations: list[Declaration] = []
            if present and rng.random() < shape.declaration_rate:
                who = rng.choice(present)
                if rng.random() < shape.prejudicial_share:
                    withdrew = rng.random() < shape.withdraw_rate
                    declarations.append(Declaration(who, Interest.PREJUDICIAL, "a bidder", withdrew))
                else:
                    declarations.append(Declaration(who, Interest.PERSONAL, "a relative is employed"))
            decision: Decision | None = None
            if len(present) > 2 and rng.random() < shape.vote_rate:
                out = {d.person for d in declarations if d.withdrew}
                votes: dict[str, list[str]] = {"for": [], "against": [], "abstain": []}
                for person in present:
                    if person in out:
                        continue
                    draw = rng.random()
                    side = "for" if draw < 0.8 else "against" if draw < 0.95 else "abstain"
                    votes[side].append(person)
                if rng.random() < shape.ineligible_vote_rate:
                    absent = [m for m in members if m not in present]
                    candidates = deputising or absent
                    if candidates:
                        votes["for"].append(rng.choice(candidates))
                decision = Decision(DecisionMethod.VOTE, votes["for"], votes["against"], votes["abstain"])
            elif rng.random() < 0.5:
                decision = Decision(DecisionMethod.CONSENSUS)
            items.append(Item(str(number), f"Item {number}", declarations, decision))
        return items

    # -- money and reports ------------------------------------------------------------------------------
    def _money(self, rng: random.Random, pid: str, full: list[str], started: date, end: date) -> None:
        first_year = started.year if started.month >= 4 else started.year - 1
        for year in range(first_year, end.year + 1):
            for org in full:
                draw = rng.random()
                if draw < 0.9:
                    amount = 500 * rng.randint(20, 40)
                elif draw < 0.95:
                    amount = 500 * rng.randint(2, 19)
                else:
                    amount = 500 * rng.randint(41, 50)
                kind = ContributionKind.CASH if rng.random() < 0.8 else ContributionKind.IN_KIND
                self.contributions.append(Contribution(org, year, amount, kind))
        quarter = date(started.year, 3 * ((started.month - 1) // 3) + 1, 1)
        while quarter <= end:
            if rng.random() < 0.95:
                self.reports.append(
                    Report(pid, ReportKind.SCRUTINY, quarter + timedelta(days=60 + rng.randrange(25)))
                )
            month = quarter.month + 3
            quarter = date(quarter.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        review = started
        while True:
            review += timedelta(days=365 - rng.randint(5, 30))
            if review > end:
                return
            if rng.random() < 0.9:
                self.reports.append(Report(pid, ReportKind.ANNUAL_REVIEW, review))
