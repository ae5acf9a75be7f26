"""Who must sit where: the composition rules (clauses 1.2.1, 1.3.1, 1.4.9, 1.4.10 and 1.5.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Group, Membership, Role, Tier
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


def seats_hold_until(assessment: Assessment, tier: Tier, parameter: str) -> date | None:
    """Who sits on a tier changes when a seat starts or the day after one ends (deemed resignations
    applied), and when the parameter read on the as-of day changes."""
    as_of = assessment.as_of
    days: list[date | None] = [parameters_hold_until(assessment, (parameter,))]
    for group in assessment.groups_of_tier(tier):
        for membership in assessment.memberships(group.id):
            end = assessment.effective_end(membership)
            if membership.start > as_of:
                days.append(membership.start)
            elif end is not None and end >= as_of:
                days.append(end + timedelta(days=1))
    return earliest(*days)


class Kept:
    """A composition rule's state: what it last found on a tier, with what it read to find it (the tier's
    memberships as taken in, the deemed resignations, the partnership's organisations, the parameter) and
    the day it holds until. Asked again on the same record before that day, the rule gives back the same
    findings without looking at every seat again."""

    __slots__ = ("findings", "read", "since", "until")

    def __init__(self, _assessment: Assessment) -> None:
        self.read: tuple[Any, ...] | None = None
        self.since = date.min
        self.until: date | None = None
        self.findings: list[Finding] = []

    def holds(self, read: tuple[Any, ...], as_of: date) -> bool:
        return read == self.read and self.since <= as_of and (self.until is None or as_of < self.until)


def _read_on_tier(assessment: Assessment, tier: Tier, parameter: str) -> tuple[Any, ...]:
    """What a rule about the seats of ``tier`` reads besides the day: as a value that changes when they do."""
    taken_in = assessment.index.seats_taken_in
    return (
        tuple(taken_in.get(group.id, 0) for group in assessment.groups_of_tier(tier)),
        len(assessment.runs.ends),
        tuple(map(id, assessment.organisations.values())),
        assessment.value(parameter, assessment.as_of),
    )


def _kept(
    assessment: Assessment,
    kept: Kept,
    tier: Tier,
    parameter: str,
    find: Callable[[Assessment], Iterator[Finding]],
) -> Kept:
    """``kept``, brought up to date with what ``find`` finds on the tier's seats on the as-of day."""
    read = _read_on_tier(assessment, tier, parameter)
    if not kept.holds(read, assessment.as_of):
        kept.findings = list(find(assessment))
        kept.until = seats_hold_until(assessment, tier, parameter)
        kept.read, kept.since = read, assessment.as_of
    return kept


def _register_tier_rule(
    found: Finds, tier: Tier, parameter: str, find: Callable[[Assessment], Iterator[Finding]]
) -> None:
    """Register a rule about the seats of ``tier`` that reads ``parameter`` on the as-of day."""

    def close(assessment: Assessment, kept: Kept) -> list[Finding]:
        return _kept(assessment, kept, tier, parameter, find).findings

    def holds_until(assessment: Assessment, kept: Kept) -> date | None:
        return _kept(assessment, kept, tier, parameter, find).until

    register(
        Rule(
            found,
            begin=Kept,
            close=close,
            holds_until=holds_until,
            changes_with=frozenset({RESIGNATIONS, SEATS, ORGANISATIONS}),
        )
    )


def _seat_rule(
    assessment: Assessment, found: Finds, tier: Tier, role: Role, statuses_parameter: str
) -> Iterator[Finding]:
    statuses = assessment.statuses(statuses_parameter)
    groups = assessment.groups_of_tier(tier)
    tier_name = TIER_NAMES[tier]
    role_name = role.value.replace("-", " ")
    # Each seat of the role on the tier, by the organisation it represents: one pass over the memberships.
    by_organisation: dict[str | None, list[Membership]] = {}
    for group in groups:
        for membership in assessment.memberships(group.id):
            if membership.role is role:
                by_organisation.setdefault(assessment.organisation_of(membership), []).append(membership)
    for organisation in sorted(assessment.organisations.values(), key=lambda o: o.id):
        if organisation.status not in statuses:
            continue
        seats = by_organisation.get(organisation.id, [])
        if any(assessment.sits(seat, assessment.as_of) for seat in seats):
            continue
        since = vacant_since(assessment, seats, assessment.joined(organisation))
        where = ", ".join(group.id for group in groups) or "none is recorded"
        yield found(
            assessment,
            since,
            Subject(organisation=organisation.id),
            f"{organisation.name} ({organisation.status} partner) has had no {role_name} on the "
            f"{tier_name} ({where}) since {since.isoformat()}",
            {
                "status": organisation.status.value,
                "tier": tier.value,
                "role": role.value,
                "groups": [group.id for group in groups],
                "former_members": sorted({seat.person for seat in seats}),
                "vacant_since": since.isoformat(),
            },
        )


EXECUTIVE = finds(
    "composition.executive",
    "A full or affiliated partner with no current chief-officer member of the Executive.",
    uses=("executive_statuses",),
)


def executive_seats(assessment: Assessment) -> Iterator[Finding]:
    yield from _seat_rule(
        assessment,
        EXECUTIVE,
        Tier.EXECUTIVE,
        Role.CHIEF_OFFICER,
        "executive_statuses",
    )


IMPLEMENTATION = finds(
    "composition.implementation",
    "A full or affiliated partner with no current operational-manager member of the Implementation Group.",
    uses=("implementation_statuses",),
)


def implementation_seats(assessment: Assessment) -> Iterator[Finding]:
    yield from _seat_rule(
        assessment,
        IMPLEMENTATION,
        Tier.IMPLEMENTATION,
        Role.OPERATIONAL_MANAGER,
        "implementation_statuses",
    )


BOARD = finds(
    "composition.board",
    "A full partner with no current accountable-representative member of the Board.",
    uses=("board_statuses",),
)


def board_seats(assessment: Assessment) -> Iterator[Finding]:
    yield from _seat_rule(
        assessment,
        BOARD,
        Tier.BOARD,
        Role.ACCOUNTABLE_REPRESENTATIVE,
        "board_statuses",
    )


_register_tier_rule(EXECUTIVE, Tier.EXECUTIVE, "executive_statuses", executive_seats)
_register_tier_rule(IMPLEMENTATION, Tier.IMPLEMENTATION, "implementation_statuses", implementation_seats)
_register_tier_rule(BOARD, Tier.BOARD, "board_statuses", board_seats)

ADVOCATES = finds(
    "composition.advocates",
    "An advocate role (business, community, third-sector) with no current member of the Executive.",
    uses=("advocate_roles",),
)


def advocates(assessment: Assessment) -> Iterator[Finding]:
    groups = assessment.groups_of_tier(Tier.EXECUTIVE)
    for kind in assessment.value("advocate_roles", assessment.as_of):
        seats = [
            membership
            for group in groups
            for membership in assessment.memberships(group.id)
            if membership.role is Role.ADVOCATE
            and (person := assessment.people.get(membership.person)) is not None
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


_register_tier_rule(ADVOCATES, Tier.EXECUTIVE, "advocate_roles", advocates)

ROLE = finds(
    "composition.role",
    "A member whose role does not fit the tier of the group.",
    uses=("tier_roles",),
)


class RolesJudged:
    """The role rule's state: each group's findings, with how many of its memberships had been taken in when
    they were found; a group is looked at again only when a membership of it is taken in."""

    __slots__ = ("_groups",)

    def __init__(self, _assessment: Assessment) -> None:
        self._groups: dict[str, tuple[int, list[Finding]]] = {}

    def of_group(self, assessment: Assessment, group: Group) -> list[Finding]:
        taken_in = assessment.index.seats_taken_in.get(group.id, 0)
        kept = self._groups.get(group.id)
        if kept is None or kept[0] != taken_in:
            kept = self._groups[group.id] = (taken_in, list(_misfits(assessment, group)))
        return kept[1]


def roles(assessment: Assessment, judged: RolesJudged) -> Iterator[Finding]:
    for group in sorted(assessment.groups.values(), key=lambda g: g.id):
        yield from judged.of_group(assessment, group)


def _misfits(assessment: Assessment, group: Group) -> Iterator[Finding]:
    """The members of ``group`` whose role does not fit its tier."""
    for membership in assessment.memberships(group.id):
        fitting = assessment.value("tier_roles", membership.start).get(group.tier.value, [])
        if membership.role.value in fitting:
            continue
        yield ROLE(
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
