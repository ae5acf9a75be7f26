"""How meetings are run: cadence, agenda notice, the attendance record, the chair (1.2.1, 1.7.1-1.7.7)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Group, Meeting, Person
from ..periods import first_of_month, month_index
from ..policy import SteadySpan
from .base import MEETINGS, Rule, earliest, finds, meeting_rule, register


def meeting_subject(assessment: Assessment, meeting: Meeting) -> Subject:
    """A meeting, with its group where the meeting belongs to one group of this partnership."""
    own = [group for group in meeting.groups if group in assessment.groups]
    return Subject(meeting=meeting.id, group=own[0] if len(own) == 1 else None)


FREQUENCY = finds(
    "meeting.frequency",
    "A gap between consecutive held meetings of a group longer than its cadence allows.",
    uses=("cadence_months",),
)


def _cadence(assessment: Assessment, group: Group, day: date) -> int | None:
    months = assessment.value("cadence_months", day).get(group.tier.value)
    return int(months) if months is not None else None


Gap = tuple[Meeting | None, date, int | None, int | None]
"""A group's last held meeting so far (``None``: the partnership's start), its day, the cadence in force
on that day in months (``None``: the tier has none), and the month (:func:`month_index`) by the end of
which the next held meeting falls due."""


class Gaps:
    """Each group's :data:`Gap`, kept as its held meetings go by (the frequency rule's state)."""

    __slots__ = ("_months", "_steady", "last")

    def __init__(self, assessment: Assessment) -> None:
        self._months: dict[str, int | None] = {}
        self._steady = SteadySpan(("cadence_months",))
        started = assessment.partnership.started
        self.last: dict[str, Gap] = {
            group_id: self.since(assessment, group_id, None, started) for group_id in assessment.groups
        }

    def since(self, assessment: Assessment, group_id: str, meeting: Meeting | None, day: date) -> Gap:
        """The gap that opens with ``meeting`` (on ``day``) for ``group_id``."""
        if self._steady.moved(assessment.policy, day):
            self._months = {}  # the cadences hold while cadence_months does
        if group_id in self._months:
            months = self._months[group_id]
        else:
            months = self._months[group_id] = _cadence(assessment, assessment.groups[group_id], day)
        return (meeting, day, months, month_index(day) + months if months is not None else None)


def _frequency_begin(assessment: Assessment) -> Gaps:
    return Gaps(assessment)


def _frequency_step(assessment: Assessment, gaps: Gaps, meeting: Meeting) -> Iterator[Finding]:
    last = gaps.last
    month = month_index(meeting.day)
    for group_id in meeting.groups:
        gap = last.get(group_id)
        if gap is None:
            continue
        previous, previous_day, months, due = gap
        if due is not None and months is not None and month > due:
            yield _late(assessment, assessment.groups[group_id], previous, previous_day, meeting, due, months)
        last[group_id] = gaps.since(assessment, group_id, meeting, meeting.day)


def _frequency_close(assessment: Assessment, gaps: Gaps) -> Iterator[Finding]:
    """A gap still open on the as-of day, once the month the next meeting was due in has passed."""
    month = month_index(assessment.as_of)
    for group_id in sorted(gaps.last):
        previous, previous_day, months, due = gaps.last[group_id]
        if due is not None and months is not None and month > due:
            yield _late(assessment, assessment.groups[group_id], previous, previous_day, None, due, months)


def _frequency_holds_until(assessment: Assessment, gaps: Gaps) -> date | None:
    """The first of the month after the next meeting falls due, for the group that falls due first."""
    month = month_index(assessment.as_of)
    return earliest(
        *(
            first_of_month(due + 1)
            for _m, _d, _months, due in gaps.last.values()
            if due is not None and month <= due
        )
    )


register(
    Rule(
        FREQUENCY,
        begin=_frequency_begin,
        step=_frequency_step,
        close=_frequency_close,
        holds_until=_frequency_holds_until,
        changes_with=frozenset({MEETINGS}),
    )
)


def _late(
    assessment: Assessment,
    group: Group,
    previous: Meeting | None,
    previous_day: object,
    meeting: Meeting | None,
    deadline: int,
    months: int,
) -> Finding:
    overdue = first_of_month(deadline + 1)
    after = f"the meeting of {previous_day}" if previous is not None else f"the start on {previous_day}"
    if meeting is None:
        what = f"no held meeting since {after}"
    else:
        what = f"the next held meeting after {after} was on {meeting.day.isoformat()}"
    return FREQUENCY(
        assessment,
        overdue,
        Subject(group=group.id, meeting=meeting.id if meeting is not None else None),
        f"{group.id} meets every {months} month(s) but {what}; one was due by the end of "
        f"{first_of_month(deadline):%B %Y}",
        {
            "cadence_months": months,
            "previous": previous.id if previous is not None else None,
            "previous_date": str(previous_day),
            "next": meeting.id if meeting is not None else None,
            "next_date": meeting.day.isoformat() if meeting is not None else None,
            "due_by": f"{first_of_month(deadline):%Y-%m}",
        },
    )


AGENDA_NOTICE = finds(
    "meeting.agenda-notice",
    "A held meeting whose agenda went out fewer than the notice days before it, or with no date recorded.",
    uses=("agenda_notice_days",),
)


@meeting_rule(AGENDA_NOTICE)
def agenda_notice(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    notice = int(assessment.value("agenda_notice_days", meeting.day))
    published = meeting.agenda_published
    if published is not None and (meeting.day - published).days >= notice:
        return
    if published is None:
        message = f"No date is recorded for the agenda of {meeting.id}; it must go out {notice} days ahead"
        given = None
    else:
        given = (meeting.day - published).days
        message = (
            f"The agenda of {meeting.id} ({meeting.day.isoformat()}) went out on "
            f"{published.isoformat()}, {given} day(s) ahead; at least {notice} are required"
        )
    yield AGENDA_NOTICE(
        assessment,
        meeting.day,
        meeting_subject(assessment, meeting),
        message,
        {
            "meeting_date": meeting.day.isoformat(),
            "agenda_published": published.isoformat() if published is not None else None,
            "days_notice": given,
            "required_days": notice,
        },
    )


ATTENDANCE_RECORDED = finds(
    "meeting.attendance-recorded",
    "A held meeting with an expected member who has no attendance entry.",
)


@meeting_rule(ATTENDANCE_RECORDED)
def attendance_recorded(assessment: Assessment, meeting: Meeting) -> Iterator[Finding]:
    entries = assessment.entries(meeting)
    unrecorded = [person for person in assessment.expected(meeting) if person not in entries]
    if unrecorded:
        missing = sorted(unrecorded)
        yield ATTENDANCE_RECORDED(
            assessment,
            meeting.day,
            meeting_subject(assessment, meeting),
            f"The minutes of {meeting.id} do not record whether {', '.join(missing)} attended",
            {"unrecorded": missing},
        )


CHAIR = finds(
    "meeting.chair",
    "A held meeting chaired by someone the chair rule does not allow, or with no chair recorded.",
    uses=("chair_rule", "named_chair_overrides", "partner_statuses"),
)
CHAIR_READS = ("chair_rule", "named_chair_overrides")
"""The parameters that decide, with the history's fixed facts, whether someone may chair a group."""


class ChairVerdicts:
    """Whether a person may chair a meeting of some groups, kept while the chair rules stay the same.

    A named chair, a district council's Leader and "anyone" depend only on who the person is and on the
    rules; an independent chair (whose organisation may join the partnership later) and an elected member
    depend on the day too, so those are always asked afresh.
    """

    __slots__ = ("allowed", "steady")

    def __init__(self) -> None:
        self.steady = SteadySpan(CHAIR_READS)
        self.allowed: dict[tuple[tuple[str, ...], str], bool] = {}

    def may_chair(self, assessment: Assessment, meeting: Meeting, person: str) -> bool:
        """Whether ``person`` may chair ``meeting`` under the rule of one of its groups."""
        day = meeting.day
        if self.steady.moved(assessment.policy, day):
            self.allowed = {}
        key = (meeting.groups, person)
        allowed = self.allowed.get(key)
        if allowed is None:
            groups = _groups(assessment, meeting)
            allowed = any(may_chair(assessment, g, meeting, person) for g in groups)
            if all(_kind(assessment, g, day) not in _DAY_BY_DAY for g in groups):
                self.allowed[key] = allowed
        return allowed


_DAY_BY_DAY = frozenset({"independent", "member"})


def _kind(assessment: Assessment, group: Group, day: date) -> str:
    """The chair rule that decides for ``group`` on ``day``: its tier's, or "named" where it names one."""
    if _named_chair(assessment, group, day) is not None:
        return "named"
    return _tier_rule(assessment, group, day)


def _tier_rule(assessment: Assessment, group: Group, day: date) -> str:
    """The chair rule of the group's tier on ``day`` (table 1.2.1), "any" where the policy names none."""
    return str(assessment.value("chair_rule", day).get(group.tier.value, "any"))


def _chair_begin(_assessment: Assessment) -> ChairVerdicts:
    return ChairVerdicts()


def _groups(assessment: Assessment, meeting: Meeting) -> list[Group]:
    """The meeting's groups, by id. A joint meeting may be chaired by any of the chairs its groups allow
    (section 6.1 of the joint roadmap: "Existing chairs of each partnership share the duties"); each
    group's rule is read for that group's partnership."""
    return [assessment.all_groups[g] for g in sorted(meeting.groups) if g in assessment.all_groups]


def _chair_step(assessment: Assessment, verdicts: ChairVerdicts, meeting: Meeting) -> Iterator[Finding]:
    if meeting.chair is not None and verdicts.may_chair(assessment, meeting, meeting.chair):
        return
    groups = _groups(assessment, meeting)
    if meeting.chair is None:
        yield CHAIR(
            assessment,
            meeting.day,
            meeting_subject(assessment, meeting),
            f"No chair is recorded for {meeting.id}",
            {
                "chair": None,
                "rules": {g.id: chair_rule(assessment, g, meeting) for g in groups},
            },
        )
        return
    verdict = {g.id: chair_rule(assessment, g, meeting) for g in groups}
    person = assessment.people.get(meeting.chair)
    name = person.name if person is not None else meeting.chair
    yield CHAIR(
        assessment,
        meeting.day,
        Subject(
            meeting=meeting.id,
            person=meeting.chair,
            group=groups[0].id if len(groups) == 1 else None,
        ),
        f"{name} chaired {meeting.id}, but "
        + "; ".join(f"{g} is to be chaired by {rule}" for g, rule in verdict.items()),
        {"chair": meeting.chair, "rules": verdict},
    )


register(
    Rule(
        CHAIR,
        begin=_chair_begin,
        step=_chair_step,
    )
)


def _named_chair(assessment: Assessment, group: Group, day: date) -> str | None:
    """The chair the group names, where this policy lets a named chair decide (table 1.2.1)."""
    if group.chair is None:
        return None
    kind = _tier_rule(assessment, group, day)
    if kind == "named" or bool(assessment.value("named_chair_overrides", day)):
        return group.chair
    return None


def chair_rule(assessment: Assessment, group: Group, meeting: Meeting) -> str:
    """The chair rule for ``group`` on the meeting's day, in words."""
    named = _named_chair(assessment, group, meeting.day)
    if named is not None:
        return f"its named chair {named}"
    kind = _tier_rule(assessment, group, meeting.day)
    return {
        "district-council-leader": "the Leader of the district council "
        f"({_district(assessment, group.partnership) or 'not recorded'})",
        "independent": "an independent chair (not of a partner organisation)",
        "member": "a chair elected from its members",
        "named": "the chair the terms of reference name (none recorded for the group)",
        "any": "anyone",
    }.get(kind, kind)


def _district(assessment: Assessment, partnership: str) -> str | None:
    found = assessment.partnerships.get(partnership)
    return found.district_council if found is not None else None


def may_chair(assessment: Assessment, group: Group, meeting: Meeting, person_id: str) -> bool:
    """Whether ``person_id`` may chair ``meeting`` of ``group`` (table 1.2.1, clause 1.7.2)."""
    named = _named_chair(assessment, group, meeting.day)
    if named is not None:
        return person_id == named
    kind = _tier_rule(assessment, group, meeting.day)
    person = assessment.people.get(person_id)
    if kind == "district-council-leader":
        return person is not None and is_district_leader(assessment, person, group.partnership)
    if kind == "independent":
        return person is not None and not is_partner(assessment, person, meeting, group.partnership)
    if kind == "member":
        return any(m.person == person_id for m in assessment.members_on(group.id, meeting.day))
    return kind in ("named", "any")


def is_district_leader(assessment: Assessment, person: Person, partnership: str) -> bool:
    """Whether ``person`` is the Leader of ``partnership``'s district council (table 1.2.1)."""
    found = assessment.partnerships.get(partnership)
    district = found.district_council if found is not None else None
    return "council-leader" in person.offices and district is not None and person.organisation == district


def is_partner(assessment: Assessment, person: Person, meeting: Meeting, partnership: str) -> bool:
    """Whether the person's organisation is a partner (full or affiliated) of ``partnership`` on the
    meeting's day: an organisation that joined later was not yet one."""
    organisation = assessment.all_organisations.get(person.organisation or "")
    return (
        organisation is not None
        and organisation.partnership == partnership
        and (organisation.joined is None or organisation.joined <= meeting.day)
        and organisation.status in assessment.statuses("partner_statuses", meeting.day)
    )
