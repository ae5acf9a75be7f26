"""Generated histories for the calendar tests.

:func:`any_histories` draws either a coherent Chorley history from the suite's own ``strategies.histories``
or one of :func:`histories` here, which add what a calendar must cope with and the Chorley ones do not
have: two partnerships in different time zones, joint meetings across them, every status, memberships that
start and end, ids that are not safe in a UID, and text that needs escaping.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from psr_core import (
    Group,
    History,
    Meeting,
    MeetingStatus,
    Membership,
    Partnership,
    Person,
    Role,
    Tier,
)
from strategies import histories as chorley_histories

ZONES = ("Europe/London", "America/New_York", "UTC", "Australia/Sydney")
FIRST, LAST = datetime(2014, 1, 1), datetime(2030, 12, 31, 23, 59)

# Any text a dataset may hold, escapes and line breaks included (surrogates cannot be written as UTF-8).
texts = st.text(st.characters(codec="utf-8"), max_size=40)
names = st.text(st.characters(codec="utf-8", min_codepoint=32), min_size=1, max_size=30)
# Meeting ids with characters a UID must not carry as they are.
meeting_ids = st.text(st.sampled_from("ab-_.@ ,;:é\\/%~"), min_size=1, max_size=8).filter(
    lambda text: not text[0].isspace()
)
moments = st.datetimes(min_value=FIRST, max_value=LAST)


@st.composite
def meetings(draw: st.DrawFn, meeting_id: str, groups: list[Group], people: list[str]) -> Meeting:
    """A meeting of one group, or now and then a joint meeting of groups of different partnerships."""
    first = draw(st.sampled_from(groups))
    others = [g for g in groups if g.partnership != first.partnership]
    joined = [first.id]
    joint = draw(st.booleans())
    if others and joint:
        joined.append(draw(st.sampled_from(others)).id)
    start = draw(moments)
    return Meeting(
        id=meeting_id,
        groups=joined,
        start=start,
        end=draw(st.none() | st.integers(0, 300).map(lambda m: start + timedelta(minutes=m))),
        status=draw(st.sampled_from(MeetingStatus)),
        chair=draw(st.none() | st.sampled_from(people)),
        vice_chair=draw(st.none() | st.sampled_from(people)),
        agenda_published=draw(
            st.none() | st.integers(0, 20).map(lambda days: start.date() - timedelta(days=days))
        ),
        location=draw(st.none() | texts),
    )


@st.composite
def histories(draw: st.DrawFn, max_meetings: int = 10) -> History:
    """One or two partnerships, each with some of the three tiers, a few people with seats that start and
    end, and up to ``max_meetings`` meetings."""
    partnerships = [
        Partnership(
            id=f"p{index}",
            name=draw(names),
            policy="chorley-2015",
            timezone=draw(st.sampled_from(ZONES)),
            started=date(2014, 1, 1),
        )
        for index in range(draw(st.integers(1, 2)))
    ]
    people = [Person(id=f"person-{index}", name=draw(names)) for index in range(draw(st.integers(1, 4)))]
    person_ids = [p.id for p in people]
    groups = [
        Group(
            id=f"{partnership.id}-{tier.value}",
            partnership=partnership.id,
            tier=tier,
            chair=draw(st.none() | st.sampled_from(person_ids)),
            name=draw(st.none() | names),
        )
        for partnership in partnerships
        for tier in draw(st.lists(st.sampled_from(Tier), min_size=1, max_size=3, unique=True))
    ]
    memberships = []
    for person in person_ids:
        for _ in range(draw(st.integers(0, 3))):
            start = draw(st.dates(min_value=FIRST.date(), max_value=LAST.date()))
            days = draw(st.none() | st.integers(0, 2000))
            memberships.append(
                Membership(
                    person=person,
                    group=draw(st.sampled_from(groups)).id,
                    role=Role.CHIEF_OFFICER,
                    start=start,
                    end=start + timedelta(days=days) if days is not None else None,
                )
            )
    ids = draw(st.lists(meeting_ids, max_size=max_meetings, unique=True))
    return History(
        partnerships=partnerships,
        people=people,
        groups=groups,
        memberships=memberships,
        meetings=[draw(meetings(meeting_id, groups, person_ids)) for meeting_id in ids],
    )


def any_histories(max_meetings: int = 10) -> st.SearchStrategy[History]:
    """A Chorley history (up to four meetings per group) or a calendar-shaped one from :func:`histories`."""
    return st.one_of(chorley_histories(max_meetings=4), histories(max_meetings=max_meetings))
