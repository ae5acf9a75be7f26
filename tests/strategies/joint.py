"""Joint meetings of Chorley and South Ribble from January 2021 (section 6.1 of the joint roadmap, October
2020): the two partnerships, their Leaders and chairs, and a series of joint meetings of the Chorley
Executive and the South Ribble Partnership Board."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import strategies as st

from psr_core import Attendance, Group, History, Meeting, Membership, Organisation, Partnership, Person

CHORLEY = Partnership(
    id="chorley",
    name="Chorley PSR",
    policy="chorley-south-ribble-2021",
    timezone="Europe/London",
    started=date(2015, 6, 16),
    district_council="chorley-council",
)
SOUTH_RIBBLE = Partnership(
    id="south-ribble",
    name="South Ribble Partnership",
    policy="chorley-south-ribble-2021",
    timezone="Europe/London",
    started=date(2015, 4, 1),
    district_council="south-ribble-council",
)
JOINT_PEOPLE = (
    Person(
        id="alistair-bradley",
        name="Alistair Bradley",
        organisation="chorley-council",
        offices=("council-leader",),
    ),
    Person(
        id="sr-leader",
        name="South Ribble Leader",
        organisation="south-ribble-council",
        offices=("council-leader",),
    ),
    Person(id="sr-chair", name="South Ribble Chair"),
    Person(id="gary-hall", name="Gary Hall", organisation="chorley-council"),
)
CHAIR_OF = {"alistair-bradley": "chorley", "sr-chair": "south-ribble"}
LEADER_OF = {"chorley": "alistair-bradley", "south-ribble": "sr-leader"}


def joint_history(chairs: list[str], vice_chairs: list[str | None]) -> History:
    meetings = [
        Meeting(
            id=f"joint-{index:02d}",
            groups=("chorley-exec", "sr-board"),
            start=datetime(2021, 1 + index, 16, 14),
            status="held",
            chair=chair,
            vice_chair=vice,
            agenda_published=date(2021, 1 + index, 9),
            attendance=[
                Attendance(p, "present") for p in ("alistair-bradley", "gary-hall", "sr-chair", "sr-leader")
            ],
        )
        for index, (chair, vice) in enumerate(zip(chairs, vice_chairs, strict=True))
    ]
    return History(
        partnerships=[CHORLEY, SOUTH_RIBBLE],
        organisations=[
            Organisation(id="chorley-council", name="Chorley Council", partnership="chorley", status="full"),
            Organisation(
                id="south-ribble-council", name="South Ribble BC", partnership="south-ribble", status="full"
            ),
        ],
        people=JOINT_PEOPLE,
        groups=[
            Group(id="chorley-exec", partnership="chorley", tier="executive"),
            Group(id="sr-board", partnership="south-ribble", tier="board", chair="sr-chair"),
        ],
        memberships=[
            Membership("alistair-bradley", "chorley-exec", "chief-officer", date(2015, 6, 16)),
            Membership("gary-hall", "chorley-exec", "chief-officer", date(2015, 6, 16)),
            Membership("sr-chair", "sr-board", "independent-chair", date(2019, 5, 1)),
            Membership("sr-leader", "sr-board", "accountable-representative", date(2019, 5, 1)),
        ],
        meetings=meetings,
    )


joint_series = st.integers(1, 10).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(sorted(CHAIR_OF)), min_size=n, max_size=n),
        st.lists(
            st.sampled_from([None, "alistair-bradley", "sr-leader", "gary-hall", "sr-chair"]),
            min_size=n,
            max_size=n,
        ),
    )
)
