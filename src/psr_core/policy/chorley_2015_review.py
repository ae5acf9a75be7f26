"""``chorley-2015-review``: the structure proposed in the Board's review of March 2015.

A what-if version: the same history judged as if the proposed structure had been adopted. It keeps the
operating arrangements of the Terms of Reference (agenda notice, attendance, interests, decisions,
contributions, reporting) and changes what the review proposes: a bimonthly Board that elects its chair from
its members and is the decision maker, an Executive with an independent chair, an Implementation Group that
elects its chair from its members. Its words are quoted in :mod:`psr_core.policy.board_review_2015`.
"""

from __future__ import annotations

import attrs

from .board_review_2015 import (
    BOARD,
    CHAIRS,
    DECISIONS,
    DOCUMENT,
    EXECUTIVE,
    IMPLEMENTATION,
    PROPOSED,
    STRUCTURE,
)
from .chorley_2015 import CHORLEY_2015
from .terms import Citation, DatedValue, Parameter, RuleTerms
from .version import Policy


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
}

RULES = {
    **CHORLEY_2015.rules,
    "composition.board": RuleTerms(clause="Governance 1: Board", citations=[BOARD]),
    "composition.executive": RuleTerms(clause="Governance 1: Executive", citations=[EXECUTIVE]),
    "composition.implementation": RuleTerms(
        clause="Governance 1: Implementation Group", citations=[IMPLEMENTATION]
    ),
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
