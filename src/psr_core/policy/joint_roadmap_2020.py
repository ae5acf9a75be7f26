"""The words of "Future partnership development: Roadmap and next steps" (Chorley and South Ribble, October
2020), quoted: the joint meetings of the two partnerships from January 2021.

Cited by section number (6.1, "Development Programme"). The sources and their dates are listed in
docs/reference/sources.md.
"""

from __future__ import annotations

from datetime import date

from .terms import Citation, Clause

DOCUMENT = "Future partnership development: Roadmap and next steps, Chorley and South Ribble (October 2020)"
JOINT_FROM = date(2021, 1, 1)  # "meeting jointly, commencing in January 2021"


def cite(section: str, text: str) -> Citation:
    return Citation(document=DOCUMENT, clause=section, text=text)


JOINT = cite(
    "6.1",
    "Each partnership board/executive comes together meeting jointly, commencing in January 2021 to co-design "
    "a future partnership arrangement for the Chorley and South Ribble areas ... During this time existing "
    "partnership business will continue under a split agenda.",
)
ROTATION = cite("6.1", "Existing chairs of each partnership share the duties and rotate between meetings")
VICE_CHAIRS = cite(
    "6.1",
    "Vice Chairs: Leaders of each district Council will provide the vice chair (where they are not currently "
    "chair)",
)
SPLIT_AGENDA = cite(
    "6.1", "During this time existing partnership business will continue under a split agenda."
)
JOINT_BOARD_MEETINGS = cite(
    "6.1",
    "Joint Board Meeting: 16th March 2021; 13th July 2021; 14th September 2021",
)

ARRANGEMENTS = (
    Clause(DOCUMENT, "6.1", "Boards and executives meet jointly from January 2021", (JOINT,)),
    Clause(DOCUMENT, "6.1", "The existing chairs rotate between joint meetings", (ROTATION,)),
    Clause(DOCUMENT, "6.1", "District council Leaders as vice chairs, where not chairing", (VICE_CHAIRS,)),
    Clause(
        DOCUMENT,
        "6.1",
        "Existing business under a split agenda",
        (SPLIT_AGENDA,),
        "read as each partnership's own business staying under its own policy; an item's side of the "
        "agenda is not recorded in the format, so nothing checks it",
    ),
    Clause(
        DOCUMENT,
        "6.1",
        "The dated joint board meetings",
        (JOINT_BOARD_MEETINGS,),
        "dates in a plan, not a rule: examples/joint-2021/joint.yaml records them as the meetings held",
    ),
)
"""Each arrangement of the joint roadmap: the passages that encode it, or why not."""
