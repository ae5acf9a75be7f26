"""The words of "Chorley Public Service Reform Board: Review and Proposals for the future" (March 2015), quoted.

The passages the ``chorley-2015-review`` policy (:mod:`psr_core.policy.chorley_2015_review`) and the
``deciding_tiers`` parameter rest on, cited by the heading they stand under. The sources and their dates
are listed in docs/reference/sources.md.
"""

from __future__ import annotations

from datetime import date

from .terms import Citation, Clause

DOCUMENT = "Chorley Public Service Reform Board: Review and Proposals for the future (March 2015)"
PROPOSED = date(2015, 4, 21)  # "the Board can have a full discussion at their meeting on the 21st April"


def cite(section: str, text: str) -> Citation:
    return Citation(document=DOCUMENT, clause=section, text=text)


BOARD = cite(
    "Governance 1: Public Service Reform Board",
    "Membership: An accountable representative from each of the organisations, with a mandate to hold their "
    "organisation to account ... Role: To collectively be the decision makers ... Meeting Frequency: "
    "Bimonthly. Chair: To elect a Chair from within the Membership",
)
EXECUTIVE = cite(
    "Governance 1: Public Service Reform Executive",
    "Membership: Chief Officers representative from each of the organisations ... Meeting Frequency: Monthly. "
    "Chair: To elect an independent Chair",
)
IMPLEMENTATION = cite(
    "Governance 1: Public Service Reform Implementation Group",
    "Membership: Operational Managers representative from each of the organisations ... Meeting Frequency: "
    "Monthly. Chair: To elect a Chair from within the Membership",
)
STRUCTURE = cite(
    "Governance 1: structure",
    "[Board] Meeting Frequency: Bimonthly; [Executive] Meeting Frequency: Monthly; [Implementation Group] "
    "Meeting Frequency: Monthly",
)
CHAIRS = cite(
    "Governance 1: structure",
    "[Board] Chair: To elect a Chair from within the Membership; [Executive] Chair: To elect an independent "
    "Chair; [Implementation Group] Chair: To elect a Chair from within the Membership",
)
DECISIONS = cite(
    "Governance 2",
    "Decision making needs to be clearly defined at one level and representatives need to have the autonomy "
    "to make those decisions for the Chorley locality. Decision making could take place at the Board or "
    "Executive level, dependant on how the partnership is organised. The diagram above separates out those "
    "making the decisions from those setting the strategic vision and implementing the decisions to ensure a "
    "level of accountability.",
)
BOARD_ROLE = cite("Governance 1: Public Service Reform Board", "Role: To collectively be the decision makers")
PROGRAMME_OFFICE = cite(
    "Governance 1: Programme Office",
    "Role: To manage the governance arrangements of the partnership ... To maintain risk registers and "
    "accelerate any risks to delivery to the appropriate partnership group",
)

ELEMENTS = (
    Clause(
        DOCUMENT,
        "Governance 1: Public Service Reform Board",
        "Board: membership, role, bimonthly, elected chair",
        (BOARD, BOARD_ROLE),
    ),
    Clause(
        DOCUMENT,
        "Governance 1: Public Service Reform Executive",
        "Executive: membership, monthly, independent chair",
        (EXECUTIVE,),
    ),
    Clause(
        DOCUMENT,
        "Governance 1: Public Service Reform Implementation Group",
        "Implementation Group: membership, monthly, elected chair",
        (IMPLEMENTATION,),
    ),
    Clause(
        DOCUMENT, "Governance 1: structure", "Frequencies and chairs of the three tiers", (STRUCTURE, CHAIRS)
    ),
    Clause(
        DOCUMENT,
        "Governance 1: Programme Office",
        "Programme Office",
        (PROGRAMME_OFFICE,),
        "the Programme Office's governance, project management and risk registers have no record in the "
        "format: it holds no risks or projects",
    ),
    Clause(DOCUMENT, "Governance 2", "Decision making at one level", (DECISIONS,)),
)
"""Each element of the review's proposed structure: the passages that encode it, or why not."""
