"""Strategies for who takes part: partnerships, partner organisations, and seats on the groups."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from psr_core import Membership, Organisation, Partnership, PartnerStatus, Role

from .chorley import CHORLEY, PARTNER_NAMES, STARTED

EARLIEST = date(2015, 1, 1)
LATEST = date(2017, 12, 31)

STATUSES = st.sampled_from([*[PartnerStatus.FULL, PartnerStatus.AFFILIATED] * 2, *PartnerStatus])
"""Mostly full and affiliated partners (clause 1.3.1); now and then an associate or co-opted one (the
summary of partner consultations, May/June 2015)."""

CHAIRS_WHO_AGREE = ("alistair-bradley", "steve-winterson", "independent-chair")

IN_2015 = st.dates(date(2015, 1, 1), date(2015, 12, 31))
ANY_PARTNER = st.sampled_from(sorted(PARTNER_NAMES))
SOME_PEOPLE = st.sampled_from(["gary-hall", "tracie-ogara", "allan-jones", "alistair-bradley"])
THE_GROUPS = st.sampled_from(["exec", "ig", "board"])
ANY_ROLE = st.sampled_from(Role)


def partnerships(*, started: st.SearchStrategy[date] = IN_2015) -> st.SearchStrategy[Partnership]:
    """The Chorley partnership, started on some day of 2015, with Chorley Council as its district council."""
    return st.builds(
        Partnership,
        id=st.just(CHORLEY.id),
        name=st.just(CHORLEY.name),
        policy=st.just(CHORLEY.policy),
        timezone=st.just(CHORLEY.timezone),
        started=started,
        district_council=st.just("chorley-council"),
    )


@st.composite
def organisations(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] = ANY_PARTNER,
    partnership: str = CHORLEY.id,
    started: date = STARTED,
    statuses: st.SearchStrategy[PartnerStatus] = STATUSES,
) -> Organisation:
    """A partner from table 1.4.1, a founding partner or one that joined within a year of ``started``.

    A later partner has, or lacks, the chair's agreement and an induction (clause 1.7.4).
    """
    organisation = draw(ids)
    joined = draw(st.none() | st.dates(started, started + timedelta(days=365)))
    agreed_by_chair = agreed_on = inducted_on = None
    if joined is not None:
        agreed_by_chair = draw(st.none() | st.sampled_from(CHAIRS_WHO_AGREE))
        agreed_on = draw(st.none() | st.dates(joined - timedelta(days=60), joined))
        inducted_on = draw(st.none() | st.dates(joined, joined + timedelta(days=60)))
    return Organisation(
        id=organisation,
        name=PARTNER_NAMES[organisation],
        partnership=partnership,
        status=draw(statuses),
        joined=joined,
        agreed_by_chair=agreed_by_chair,
        agreed_on=agreed_on,
        inducted_on=inducted_on,
    )


@st.composite
def memberships(
    draw: st.DrawFn,
    *,
    people: st.SearchStrategy[str] = SOME_PEOPLE,
    groups: st.SearchStrategy[str] = THE_GROUPS,
    roles: st.SearchStrategy[Role] = ANY_ROLE,
    since: date = STARTED,
    until: date = LATEST,
) -> Membership:
    """A seat held from a day between ``since`` and ``until``, open or ending on or after that day."""
    start = draw(st.dates(since, until))
    end = draw(st.none() | st.dates(start, until))
    return Membership(person=draw(people), group=draw(groups), role=draw(roles), start=start, end=end)
