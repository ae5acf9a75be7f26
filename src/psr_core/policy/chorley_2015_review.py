"""``chorley-2015-review``: the structure proposed in the Board's review of March 2015 (seed 004).

A what-if version: the same history judged as if the proposed structure had been adopted. It keeps the
operating arrangements of the Terms of Reference (seed 000: agenda notice, attendance, interests, decisions,
contributions, reporting) and changes what the review proposes: a bimonthly Board that elects its chair from
its members and is the decision maker, an Executive with an independent chair, an Implementation Group that
elects its chair from its members, and a Board with a representative of each organisation.
"""

from __future__ import annotations

from datetime import date

import attrs

from .chorley_2015 import CHORLEY_2015
from .terms import Citation, DatedValue, Parameter, RuleTerms
from .version import Policy

DOCUMENT = "Chorley Public Service Reform Board: Review and Proposals for the future (March 2015), seed 004"
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
    "to make those decisions for the Chorley locality. [Board] Role: To collectively be the decision makers",
)


def _changed(name: str, value: object, citation: Citation, description: str | None = None) -> Parameter:
    base = CHORLEY_2015.parameter(name)
    return attrs.evolve(
        base,
        citation=citation,
        values=[DatedValue(PROPOSED, value)],
        description=description or base.description,
    )


PARAMETERS = {
    **CHORLEY_2015.parameters,
    "cadence_months": _changed(
        "cadence_months", {"executive": 1, "implementation": 1, "board": 2}, STRUCTURE
    ),
    "chair_rule": _changed(
        "chair_rule", {"executive": "independent", "implementation": "member", "board": "member"}, CHAIRS
    ),
    "named_chair_overrides": _changed(
        "named_chair_overrides",
        False,
        CHAIRS,
        "Whether a chair the group names decides who may chair it. The review names no one: every chair is "
        "elected, so a chair named under the Terms of Reference does not bind.",
    ),
    "board_statuses": _changed(
        "board_statuses",
        ["full", "affiliated"],
        BOARD,
        "Partner statuses that must have an accountable representative on the Board: each of the "
        "organisations, not only full partners.",
    ),
    "deciding_tiers": Parameter(
        name="deciding_tiers",
        description="Tiers whose meetings take the partnership's decisions.",
        citation=DECISIONS,
        values=[DatedValue(PROPOSED, ["board"])],
    ),
}

RULES = {
    **CHORLEY_2015.rules,
    "composition.board": RuleTerms(clause="Governance 1: Board", citations=[BOARD]),
    "meeting.frequency": RuleTerms(clause="Governance 1: structure", citations=[STRUCTURE]),
    "meeting.chair": RuleTerms(clause="Governance 1: structure", citations=[CHAIRS]),
    "decision.decision-maker": RuleTerms(clause="Governance 2", citations=[DECISIONS]),
}

CHORLEY_2015_REVIEW = Policy(
    id="chorley-2015-review",
    title="Chorley Public Service Reform Board: proposed structure of the March 2015 review",
    document=DOCUMENT,
    effective_from=PROPOSED,
    rules=RULES,
    parameters=PARAMETERS,
    extends=CHORLEY_2015.id,
    description="A what-if version: the Board meets bimonthly, elects its chair from its members and is the "
    "decision maker; the Executive has an independent chair; the Implementation Group elects its chair; every "
    "organisation has a Board representative. Operating arrangements are those of the Terms of Reference.",
)
