"""Joint meetings of two partnerships (section 6.1 of the joint roadmap, October 2020): rotating chairs and
vice chairs.

A joint meeting is one meeting whose groups belong to two or more partnerships. It counts for attendance
in each of its groups; these rules judge who chairs and vice-chairs it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Meeting
from .base import Rule, finds, meeting_rule, register


def meeting_partnerships(assessment: Assessment, meeting: Meeting) -> list[str]:
    """The partnerships whose groups meet in ``meeting``, in id order."""
    return sorted(
        {assessment.all_groups[g].partnership for g in meeting.groups if g in assessment.all_groups}
    )


def chair_partnership(assessment: Assessment, meeting: Meeting, person: str) -> str | None:
    """The partnership a chair belongs to.

    The partnership of the group that names them as its chair, else of the group in which they hold a
    membership on the meeting's day (the meeting's own groups first), else of their organisation.
    """
    groups = [assessment.all_groups[g] for g in meeting.groups if g in assessment.all_groups]
    others = sorted(
        (g for g in assessment.all_groups.values() if g.id not in meeting.groups), key=lambda g: g.id
    )
    for group in [*groups, *others]:
        if group.chair == person:
            return group.partnership
    for group in [*groups, *others]:
        if any(m.person == person for m in assessment.members_on(group.id, meeting.day)):
            return group.partnership
    found = assessment.people.get(person)
    organisation = assessment.all_organisations.get(found.organisation or "") if found else None
    return organisation.partnership if organisation is not None else None


def is_joint(assessment: Assessment, meeting: Meeting) -> bool:
    return len(meeting_partnerships(assessment, meeting)) > 1


CHAIR_ROTATION = finds(
    "joint.chair-rotation",
    "Consecutive joint meetings of the same groups chaired by the same partnership's chair.",
)


def _rotation_step(
    assessment: Assessment, previous: dict[frozenset[str], tuple[Meeting, str]], meeting: Meeting
) -> Iterator[Finding]:
    """Compare a joint meeting's chair with the last joint meeting of the same groups."""
    if meeting.chair is None or not is_joint(assessment, meeting):
        return
    series = frozenset(meeting.groups)
    chairing = chair_partnership(assessment, meeting, meeting.chair)
    if chairing is None:
        return
    before = previous.get(series)
    previous[series] = (meeting, chairing)
    if before is None or before[1] != chairing:
        return
    earlier, _ = before
    yield CHAIR_ROTATION(
        assessment,
        meeting.day,
        Subject(meeting=meeting.id, person=meeting.chair),
        f"{meeting.id} was chaired for {chairing} ({meeting.chair}), as was the previous joint meeting "
        f"{earlier.id} ({earlier.chair}); the partnerships' chairs rotate between meetings",
        {
            "chair": meeting.chair,
            "chair_partnership": chairing,
            "previous": earlier.id,
            "previous_chair": earlier.chair,
            "groups": sorted(series),
        },
    )


register(
    Rule(
        CHAIR_ROTATION,
        begin=lambda _assessment: {},
        step=_rotation_step,
    )
)


VICE_CHAIR = finds(
    "joint.vice-chair",
    "A joint meeting whose vice chair is not the Leader of the district council of one of its partnerships, "
    "or is its chair.",
    uses=("vice_chair_from_other_side",),
)


@meeting_rule(VICE_CHAIR)
def vice_chair(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    """ "Leaders of each district Council will provide the vice chair (where they are not currently chair)":
    the Leader of any of the meeting's partnerships' district councils who is not chairing it may be vice
    chair; under the narrower reading (``vice_chair_from_other_side``), only a Leader of a partnership other
    than the chair's."""
    if not is_joint(assessment, meeting):
        return
    partnerships = meeting_partnerships(assessment, meeting)
    chairing = chair_partnership(assessment, meeting, meeting.chair) if meeting.chair else None
    other_side = bool(assessment.value("vice_chair_from_other_side", meeting.day))
    eligible = [p for p in partnerships if not (other_side and p == chairing)]
    councils = {
        assessment.partnerships[p].district_council: p
        for p in eligible
        if p in assessment.partnerships and assessment.partnerships[p].district_council
    }
    leaders = sorted(
        person.id
        for person in assessment.people.values()
        if "council-leader" in person.offices
        and person.organisation in councils
        and person.id != meeting.chair
    )
    if meeting.vice_chair is not None and meeting.vice_chair in leaders:
        return
    if meeting.vice_chair is None:
        problem = "no vice chair is recorded"
    elif meeting.vice_chair == meeting.chair:
        problem = f"the vice chair {meeting.vice_chair} is also the chair"
    elif other_side:
        problem = (
            f"the vice chair {meeting.vice_chair} is not the Leader of the district council of a partnership "
            "other than the chair's"
        )
    else:
        problem = (
            f"the vice chair {meeting.vice_chair} is not the Leader of the district council of one of the "
            "meeting's partnerships"
        )
    yield VICE_CHAIR(
        assessment,
        meeting.day,
        Subject(meeting=meeting.id, person=meeting.vice_chair),
        f"At the joint meeting {meeting.id} (chaired for {chairing or 'an unknown partnership'}) {problem}; "
        f"a Leader of the district council of {', '.join(eligible) or 'the other partnership'} who is not "
        f"chairing ({', '.join(leaders) or 'none recorded'}) provides the vice chair",
        {
            "chair": meeting.chair,
            "chair_partnership": chairing,
            "vice_chair": meeting.vice_chair,
            "eligible_vice_chairs": leaders,
            "district_councils": sorted(c for c in councils if c),
        },
    )
