"""Declarations of interest and votes (clauses 1.7.5 and 1.7.6)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import AttendanceStatus, Interest, Item, Meeting
from .base import finds, meeting_rule

PREJUDICIAL_PARTICIPATION = finds(
    "interest.prejudicial-participation",
    "A member with a prejudicial interest in an item who neither left the room nor took no part in its "
    "discussion, or who voted on it.",
    uses=("abstention_counts_as_voting",),
)


@meeting_rule(PREJUDICIAL_PARTICIPATION)
def prejudicial_participation(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    for item in meeting.items:
        if not item.declarations:
            continue
        prejudicial = [d for d in item.declarations if d.interest is Interest.PREJUDICIAL]
        if not prejudicial:
            continue
        abstaining_votes = bool(assessment.value("abstention_counts_as_voting", meeting.day))
        votes = dict(item.decision.voters()) if item.decision is not None else {}
        for declaration in prejudicial:
            vote = votes.get(declaration.person)
            voted = vote is not None and (vote != "abstain" or abstaining_votes)
            # "leave the room and/or take no part in the discussions": either one complies.
            stood_aside = declaration.withdrew or declaration.took_part is False
            if stood_aside and not voted:
                continue
            what = []
            if not stood_aside:
                what.append("neither left the room nor is recorded as taking no part in its discussion")
            if voted:
                what.append(f"voted ({vote})")
            yield PREJUDICIAL_PARTICIPATION(
                assessment,
                meeting.day,
                Subject(person=declaration.person, meeting=meeting.id, item=item.id),
                f"{declaration.person} declared a prejudicial interest in item {item.id} of "
                f"{meeting.id} but {' and '.join(what)}",
                {
                    "nature": declaration.nature,
                    "withdrew": declaration.withdrew,
                    "took_part": declaration.took_part,
                    "vote": vote,
                },
            )


VOTE_ELIGIBILITY = finds(
    "decision.vote-eligibility",
    "A vote cast by someone not present, not a member, or withdrawn from the item.",
    uses=("deputies_may_vote",),
)


@meeting_rule(VOTE_ELIGIBILITY)
def vote_eligibility(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    # Only items with votes recorded (not those decided by consensus) can have a vote cast wrongly.
    items = [
        item
        for item in meeting.items
        if (decision := item.decision) is not None
        and (decision.votes_for or decision.votes_against or decision.abstentions)
    ]
    if not items:
        return
    expected = assessment.voters(meeting)
    record = assessment.record(meeting)
    # A member recorded present may vote on any item they did not withdraw from: only votes cast by
    # anyone else, or on an item someone withdrew from, need a closer look.
    eligible = record.present.intersection(expected)
    items = [item for item in items if _needs_a_look(item, eligible)]
    if not items:
        return
    entries = record.entries
    # A deputy sent by two members stands for an expected one first, then the first by id: whatever the
    # order of the minutes.
    deputising: dict[str, str] = {}
    sent = [e for e in record.others if e.status is AttendanceStatus.DEPUTY]
    for line in sorted(sent, key=lambda e: (e.person not in expected, e.person)):
        if line.deputy is not None:
            deputising.setdefault(line.deputy, line.person)
    deputies_vote = bool(assessment.value("deputies_may_vote", meeting.day))
    for item in items:
        assert item.decision is not None
        withdrawn = {d.person for d in item.declarations if d.withdrew}
        for person, vote in item.decision.voters():
            entry = entries.get(person)
            present = entry is not None and entry.status is AttendanceStatus.PRESENT
            member = person in expected
            for_member = deputising.get(person)
            if deputies_vote and for_member is not None and for_member in expected:
                present = member = True
            if present and member and person not in withdrawn:
                continue
            reasons = []
            if not present:
                reasons.append("was not recorded present")
            if not member:
                reasons.append(f"was not a member of {' or '.join(sorted(meeting.groups))}")
            if person in withdrawn:
                reasons.append("had withdrawn from the item")
            yield VOTE_ELIGIBILITY(
                assessment,
                meeting.day,
                Subject(person=person, meeting=meeting.id, item=item.id),
                f"A vote ({vote}) on item {item.id} of {meeting.id} was cast by {person}, who "
                + " and ".join(reasons),
                {
                    "vote": vote,
                    "present": present,
                    "member": member,
                    "withdrew": person in withdrawn,
                    "deputy_for": for_member,
                },
            )


def _needs_a_look(item: Item, eligible: set[str]) -> bool:
    """Whether a vote on ``item`` may have been cast by someone not ``eligible`` (present and expected),
    or by someone who withdrew from it."""
    decision = item.decision
    if decision is None:
        return False
    if item.declarations and any(declaration.withdrew for declaration in item.declarations):
        return True
    return not (
        eligible.issuperset(decision.votes_for)
        and eligible.issuperset(decision.votes_against)
        and eligible.issuperset(decision.abstentions)
    )


DECISION_MAKER = finds(
    "decision.decision-maker",
    "A decision recorded at a meeting of a tier that is not the partnership's decision maker.",
    uses=("deciding_tiers", "partnership_decision_methods"),
)


@meeting_rule(DECISION_MAKER)
def decision_maker(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    deciding = set(assessment.value("deciding_tiers", meeting.day))
    tiers = {assessment.groups[g].tier.value for g in meeting.groups if g in assessment.groups}
    if tiers & deciding:
        return
    # What makes a recorded decision a partnership decision (a vote, the chair's decision), not a group
    # agreeing its own work: a named reading.
    judged = set(assessment.value("partnership_decision_methods", meeting.day))
    for item in meeting.items:
        if item.decision is None or item.decision.method.value not in judged:
            continue
        yield DECISION_MAKER(
            assessment,
            meeting.day,
            Subject(meeting=meeting.id, item=item.id),
            f"Item {item.id} of {meeting.id} was decided ({item.decision.method.value}) at a meeting of "
            f"the {', '.join(sorted(tiers))}, but decisions are for the {', '.join(sorted(deciding))}",
            {
                "tiers": sorted(tiers),
                "deciding_tiers": sorted(deciding),
                "method": item.decision.method.value,
            },
        )
