"""``chorley-south-ribble-2021``: joint meetings with South Ribble from January 2021 (seed 001).

The Terms of Reference of 2015 stay in force; from 1 January 2021 each partnership's board and executive
also meet jointly, the existing chairs share the duties and rotate between meetings, and the Leaders of the
district councils provide the vice chair where they are not chairing. Existing business continues under a
split agenda, so each partnership's own business is still judged by its own rules.
"""

from __future__ import annotations

from datetime import date

from ..model.vocabulary import Severity
from .chorley_2015 import CHORLEY_2015
from .terms import Citation, RuleTerms
from .version import Policy

DOCUMENT = "Future partnership development: Roadmap and next steps, Chorley and South Ribble (October 2020), seed 001"
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

CHORLEY_SOUTH_RIBBLE_2021 = Policy(
    id="chorley-south-ribble-2021",
    title="Chorley and South Ribble joint partnership meetings (from January 2021)",
    document=DOCUMENT,
    effective_from=JOINT_FROM,
    rules={
        **CHORLEY_2015.rules,
        "joint.chair-rotation": RuleTerms(
            clause="6.1", citations=[JOINT, ROTATION], severity=Severity.BREACH, since=JOINT_FROM
        ),
        "joint.vice-chair": RuleTerms(
            clause="6.1", citations=[JOINT, VICE_CHAIRS], severity=Severity.BREACH, since=JOINT_FROM
        ),
    },
    parameters=CHORLEY_2015.parameters,
    extends=CHORLEY_2015.id,
    description="The Terms of Reference of 2015, with joint meetings of the Chorley and South Ribble boards "
    "and executives from January 2021: rotating chairs, and district council Leaders as vice chairs.",
)
