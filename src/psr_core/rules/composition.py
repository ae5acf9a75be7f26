"""Who must sit where: the composition rules (clauses 1.2.1, 1.3.1, 1.4.9, 1.4.10 and 1.5.2)."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Group, Membership, Organisation, PartnerStatus, Role, Tier
from .base import (
    ORGANISATIONS,
    RESIGNATIONS,
    SEATS,
    Finds,
    Rule,
    earliest,
    finds,
    never,
    parameters_hold_until,
    register,
)

TIER_NAMES = {
    Tier.EXECUTIVE: "Executive",
    Tier.IMPLEMENTATION: "Implementation Group",
    Tier.BOARD: "Board",
}


def vacant_since(assessment: Assessment, seats: list[Membership], since: date) -> date:
    """The first day of the current vacancy: the later of ``since`` and the day after the last seat ended."""
    ends = [end for end in map(assessment.effective_end, seats) if end is not None]
    return max([since, *(end + timedelta(days=1) for end in ends)])


def seats_hold_until(assessment: Assessment, seats: Iterable[Membership], parameter: str) -> date | None:
    """Who holds ``seats`` changes when one starts or the day after one ends (deemed resignations applied),
    and what is asked of them when the parameter read on the as-of day changes."""
    return earliest(parameters_hold_until(assessment, (parameter,)), _seats_hold_until(assessment, seats))


class SeatsRead:
    """Where a composition rule left off reading what came in about seats since the record was indexed:
    each group's seats taken in (``HistoryIndex.seats_log``) and the memberships deemed resignations ended
    (``AttendanceRuns.ended``). Each rule's state keeps one, so that it reads each change once."""

    __slots__ = ("_ended", "_logged")

    def __init__(self) -> None:
        self._logged: dict[str, int] = {}
        self._ended = 0

    def taken_in(self, assessment: Assessment, group: str) -> list[tuple[Membership | None, Membership]]:
        """The seats of ``group`` taken in since last asked, each with the one it replaced (``None``: new)."""
        log = assessment.index.seats_log.get(group, [])
        start = self._logged.get(group, 0)
        if len(log) == start:
            return []
        self._logged[group] = len(log)
        return log[start:]

    def resigned(self, assessment: Assessment, groups: list[Group]) -> list[Membership]:
        """The memberships of ``groups`` that deemed resignations ended since last asked."""
        ended = assessment.runs.ended
        start = self._ended
        if len(ended) == start:
            return []
        self._ended = len(ended)
        tier = {group.id for group in groups}
        return [membership for membership in ended[start:] if membership.group in tier]

    def up_to_date(self, assessment: Assessment, groups: list[Group]) -> None:
        """Count everything that came in about the seats of ``groups`` so far as read (the rule has just
        looked at every one of them)."""
        for group in groups:
            self._logged[group.id] = len(assessment.index.seats_log.get(group.id, []))
        self._ended = len(assessment.runs.ended)


class AdvocatesKept:
    """The advocates rule's state: what it last found, with what it read to find it and the day that holds
    until. What it reads besides the day is the advocate seats of the Executive: it counts the advocate seats
    taken in (``HistoryIndex.seats_log``) and those deemed resignations ended (``AttendanceRuns.ended``) since
    it last looked, so that a seat of any other role changing hands leaves its answer standing."""

    __slots__ = ("changes", "findings", "read", "seen", "since", "until")

    def __init__(self, _assessment: Assessment) -> None:
        self.seen = SeatsRead()
        self.changes = 0
        self.read: tuple[Any, ...] | None = None
        self.since = date.min
        self.until: date | None = None
        self.findings: list[Finding] = []

    def current(self, assessment: Assessment) -> AdvocatesKept:
        """Brought up to date with what :func:`advocates` finds on the as-of day."""
        groups = assessment.groups_of_tier(Tier.EXECUTIVE)
        for group in groups:
            for old, new in self.seen.taken_in(assessment, group.id):
                if new.role is Role.ADVOCATE or (old is not None and old.role is Role.ADVOCATE):
                    self.changes += 1
        for membership in self.seen.resigned(assessment, groups):
            if membership.role is Role.ADVOCATE:
                self.changes += 1
        as_of = assessment.as_of
        read = (self.changes, assessment.value("advocate_roles", as_of))
        if read != self.read or as_of < self.since or (self.until is not None and as_of >= self.until):
            self.findings = list(advocates(assessment))
            self.until = seats_hold_until(assessment, _advocate_seats(assessment, groups), "advocate_roles")
            self.read, self.since = read, as_of
        return self


class SeatsJudged:
    """A seat rule's state (composition.executive, .implementation, .board): the seats of its role on its
    tier by the organisation they represent, and what it found of each organisation with the day that holds
    until. Asked again, it looks again only at the organisations whose seats were taken in, ended by a
    deemed resignation, or reached their day, or that are known otherwise now (joined, agreed, inducted);
    at every one when the statuses it reads change."""

    __slots__ = (
        "found",
        "judged",
        "organisations",
        "organisations_seen",
        "seats",
        "seen",
        "status_set",
        "statuses",
        "until",
    )

    def __init__(self, _assessment: Assessment) -> None:
        self.statuses: Any = None
        self.status_set: frozenset[PartnerStatus] = frozenset()
        """The statuses ``statuses`` lists, as vocabulary."""
        self.organisations_seen = 0
        """How many organisations the assessment had taken in when ``organisations`` was last read."""
        self.seen = SeatsRead()
        self.organisations: dict[str, Organisation] = {}
        self.seats: dict[str | None, list[Membership]] = {}
        self.judged: dict[str, tuple[Finding | None, date | None]] = {}
        self.until: date | None = None
        self.found: list[Finding] = []


def _organisations_to_judge(
    assessment: Assessment, judged: SeatsJudged, groups: list[Group], role: Role
) -> set[str] | None:
    """Bring the seats of ``judged`` up to date with what was taken in; the organisations to look at again
    (``None``: every one)."""
    statuses = assessment.value(judged_parameter(role), assessment.as_of)
    if judged.statuses is None or statuses != judged.statuses:
        judged.statuses = statuses
        judged.status_set = assessment.statuses(judged_parameter(role))
        judged.seats = {}
        for group in groups:
            for membership in assessment.memberships(group.id):
                if membership.role is role:
                    judged.seats.setdefault(assessment.organisation_of(membership), []).append(membership)
        judged.seen.up_to_date(assessment, groups)
        judged.organisations = dict(assessment.organisations)
        judged.organisations_seen = assessment.organisations_taken_in
        return None
    dirty: set[str | None] = set()
    seats = judged.seats
    for group in groups:
        for old, new in judged.seen.taken_in(assessment, group.id):
            if old is not None and old.role is role:
                held = seats.get(owner := assessment.organisation_of(old), [])
                if old in held:
                    held.remove(old)
                dirty.add(owner)
            if new.role is role:
                seats.setdefault(owner := assessment.organisation_of(new), []).append(new)
                dirty.add(owner)
    for membership in judged.seen.resigned(assessment, groups):
        if membership.role is role:
            dirty.add(assessment.organisation_of(membership))
    if assessment.organisations_taken_in != judged.organisations_seen:
        judged.organisations_seen = assessment.organisations_taken_in
        known = judged.organisations
        for organisation in assessment.organisations.values():
            if known.get(organisation.id) is not organisation:
                known[organisation.id] = organisation
                dirty.add(organisation.id)
    as_of = assessment.as_of
    if judged.until is not None and judged.until <= as_of:  # the earliest of the organisations' days
        for organisation_id, (_finding, until) in judged.judged.items():
            if until is not None and until <= as_of:
                dirty.add(organisation_id)
    return {owner for owner in dirty if owner is not None}


def judged_parameter(role: Role) -> str:
    """The parameter listing the partner statuses that must hold a seat of ``role``."""
    return _STATUSES[role]


def _seat_rule(
    assessment: Assessment, judged: SeatsJudged, found: Finds, tier: Tier, role: Role
) -> list[Finding]:
    """Each organisation of a status that must hold a seat of ``role`` on ``tier`` and holds none on the
    as-of day, judged again only where something it reads changed (:class:`SeatsJudged`)."""
    groups = assessment.groups_of_tier(tier)
    again = _organisations_to_judge(assessment, judged, groups, role)
    if again is not None and not again and (judged.until is None or assessment.as_of < judged.until):
        return judged.found
    statuses = judged.status_set
    if again is None:
        judged.judged = {}
        again = set(assessment.organisations)
    for organisation_id in again:
        organisation = assessment.organisations.get(organisation_id)
        if organisation is None:
            continue
        seats = judged.seats.get(organisation_id, [])
        finding = None
        if organisation.status in statuses:
            finding = _vacancy(assessment, found, tier, role, groups, organisation, seats)
        judged.judged[organisation_id] = (finding, _seats_hold_until(assessment, seats))
    judged.until = earliest(
        parameters_hold_until(assessment, (judged_parameter(role),)),
        *(until for _finding, until in judged.judged.values()),
    )
    judged.found = [
        finding
        for organisation_id in sorted(judged.judged)
        if (finding := judged.judged[organisation_id][0]) is not None
    ]
    return judged.found


def _seats_hold_until(assessment: Assessment, seats: Iterable[Membership]) -> date | None:
    """The first day after the as-of day on which one of ``seats`` starts or has ended."""
    as_of = assessment.as_of
    days: list[date | None] = []
    for membership in seats:
        end = assessment.effective_end(membership)
        if membership.start > as_of:
            days.append(membership.start)
        elif end is not None and end >= as_of:
            days.append(end + timedelta(days=1))
    return earliest(*days)


def _vacancy(
    assessment: Assessment,
    found: Finds,
    tier: Tier,
    role: Role,
    groups: list[Group],
    organisation: Organisation,
    seats: list[Membership],
) -> Finding | None:
    """The finding that ``organisation`` holds none of ``seats`` (its seats of ``role`` on ``tier``) on the
    as-of day, or ``None`` if it holds one."""
    if any(assessment.sits(seat, assessment.as_of) for seat in seats):
        return None
    since = vacant_since(assessment, seats, assessment.joined(organisation))
    where = ", ".join(group.id for group in groups) or "none is recorded"
    role_name = role.value.replace("-", " ")
    return found(
        assessment,
        since,
        Subject(organisation=organisation.id),
        f"{organisation.name} ({organisation.status} partner) has had no {role_name} on the "
        f"{TIER_NAMES[tier]} ({where}) since {since.isoformat()}",
        {
            "status": organisation.status.value,
            "tier": tier.value,
            "role": role.value,
            "groups": [group.id for group in groups],
            "former_members": sorted({seat.person for seat in seats}),
            "vacant_since": since.isoformat(),
        },
    )


def _register_seat_rule(found: Finds, tier: Tier, role: Role) -> None:
    """Register the rule that each organisation of the statuses it reads holds a seat of ``role`` on ``tier``."""

    def close(assessment: Assessment, judged: SeatsJudged) -> list[Finding]:
        return _seat_rule(assessment, judged, found, tier, role)

    def holds_until(_assessment: Assessment, judged: SeatsJudged) -> date | None:
        return judged.until

    register(
        Rule(
            found,
            begin=SeatsJudged,
            close=close,
            holds_until=holds_until,
            changes_with=frozenset({RESIGNATIONS, SEATS, ORGANISATIONS}),
        )
    )


EXECUTIVE = finds(
    "composition.executive",
    "A full or affiliated partner with no current chief-officer member of the Executive.",
    uses=("executive_statuses",),
)

IMPLEMENTATION = finds(
    "composition.implementation",
    "A full or affiliated partner with no current operational-manager member of the Implementation Group.",
    uses=("implementation_statuses",),
)

BOARD = finds(
    "composition.board",
    "A full partner with no current accountable-representative member of the Board.",
    uses=("board_statuses",),
)

_STATUSES = {
    Role.CHIEF_OFFICER: "executive_statuses",
    Role.OPERATIONAL_MANAGER: "implementation_statuses",
    Role.ACCOUNTABLE_REPRESENTATIVE: "board_statuses",
}
_register_seat_rule(EXECUTIVE, Tier.EXECUTIVE, Role.CHIEF_OFFICER)
_register_seat_rule(IMPLEMENTATION, Tier.IMPLEMENTATION, Role.OPERATIONAL_MANAGER)
_register_seat_rule(BOARD, Tier.BOARD, Role.ACCOUNTABLE_REPRESENTATIVE)

ADVOCATES = finds(
    "composition.advocates",
    "An advocate role (business, community, third-sector) with no current member of the Executive.",
    uses=("advocate_roles",),
)


def _advocate_seats(assessment: Assessment, groups: list[Group]) -> list[Membership]:
    """The advocate seats of ``groups`` (the Executive's), earliest first in each group."""
    return [
        membership
        for group in groups
        for membership in assessment.memberships(group.id)
        if membership.role is Role.ADVOCATE
    ]


def advocates(assessment: Assessment) -> Iterator[Finding]:
    groups = assessment.groups_of_tier(Tier.EXECUTIVE)
    held = _advocate_seats(assessment, groups)
    for kind in assessment.value("advocate_roles", assessment.as_of):
        seats = [
            membership
            for membership in held
            if (person := assessment.people.get(membership.person)) is not None
            and person.advocate is not None
            and person.advocate.value == kind
        ]
        if any(assessment.sits(seat, assessment.as_of) for seat in seats):
            continue
        since = vacant_since(assessment, seats, assessment.partnership.started)
        yield ADVOCATES(
            assessment,
            since,
            Subject(partnership=assessment.partnership.id),
            f"No {kind.replace('-', ' ')} advocate has sat on the Executive since {since.isoformat()}; "
            "the partnership should appoint one",
            {
                "advocate": kind,
                "groups": [group.id for group in groups],
                "former_advocates": sorted({seat.person for seat in seats}),
                "vacant_since": since.isoformat(),
            },
            facet=kind,  # one finding per vacant role, about the same partnership on the same day
        )


def _advocates_found(assessment: Assessment, kept: AdvocatesKept) -> list[Finding]:
    return kept.current(assessment).findings


def _advocates_hold_until(assessment: Assessment, kept: AdvocatesKept) -> date | None:
    return kept.current(assessment).until


register(
    Rule(
        ADVOCATES,
        begin=AdvocatesKept,
        close=_advocates_found,
        holds_until=_advocates_hold_until,
        changes_with=frozenset({RESIGNATIONS, SEATS}),
    )
)


ROLE = finds(
    "composition.role",
    "A member whose role does not fit the tier of the group.",
    uses=("tier_roles",),
)


class RolesJudged:
    """The role rule's state: each group's misfits, each with its membership, in the order of the group's
    memberships (:meth:`Membership.order`), and the findings of them all. A group is looked at in full the
    first time; after that only the memberships taken in since (``HistoryIndex.seats_log``, each with the
    one it replaced) are judged, and the findings are gathered again only when a group's misfits changed."""

    __slots__ = ("_found", "_misfits", "_seen")

    def __init__(self, _assessment: Assessment) -> None:
        self._misfits: dict[str, list[tuple[Membership, Finding]]] = {}
        self._seen = SeatsRead()
        self._found: list[Finding] | None = None

    def found(self, assessment: Assessment) -> list[Finding]:
        """Every misfit's finding, group by group in order of their ids."""
        misfits = self._misfits
        changed = False
        for group in assessment.groups.values():
            held = misfits.get(group.id)
            if held is None:
                misfits[group.id] = held = [
                    (membership, finding)
                    for membership in assessment.memberships(group.id)
                    if (finding := _misfit(assessment, group, membership)) is not None
                ]
                self._seen.up_to_date(assessment, [group])
                changed = True
                continue
            for old, new in self._seen.taken_in(assessment, group.id):
                if old is not None:
                    for at, (membership, _finding) in enumerate(held):
                        if membership == old:
                            del held[at]
                            changed = True
                            break
                finding = _misfit(assessment, group, new)
                if finding is not None:
                    # Where the index placed it among the group's memberships (HistoryIndex.take_in).
                    insort(held, (new, finding), key=_in_order)
                    changed = True
        if changed or self._found is None:
            self._found = [
                finding
                for group_id in sorted(misfits)
                if group_id in assessment.groups
                for _membership, finding in misfits[group_id]
            ]
        return self._found


def _in_order(misfit: tuple[Membership, Finding]) -> tuple[date, str, str]:
    return misfit[0].order()


def roles(assessment: Assessment, judged: RolesJudged) -> list[Finding]:
    return judged.found(assessment)


def _misfit(assessment: Assessment, group: Group, membership: Membership) -> Finding | None:
    """The finding that ``membership`` of ``group`` is in a role that does not fit its tier, if it is."""
    fitting = assessment.value("tier_roles", membership.start).get(group.tier.value, [])
    if membership.role.value in fitting:
        return None
    return ROLE(
        assessment,
        membership.start,
        Subject(person=membership.person, group=group.id),
        f"{membership.person} sits on {group.id} ({TIER_NAMES[group.tier]}) as "
        f"{membership.role.value}, a role the {TIER_NAMES[group.tier]} does not have "
        f"(it has: {', '.join(fitting) or 'none'})",
        {
            "tier": group.tier.value,
            "role": membership.role.value,
            "fitting_roles": list(fitting),
            "from": membership.start.isoformat(),
        },
    )


register(Rule(ROLE, begin=RolesJudged, close=roles, holds_until=never, changes_with=frozenset({SEATS})))
