"""``chorley-south-ribble-2021``: Chorley's terms with joint meetings with South Ribble from January 2021.

The Terms of Reference of 2015 stay in force for Chorley; from 1 January 2021 each partnership's board and
executive also meet jointly, the existing chairs share the duties and rotate between meetings, and the
Leaders of the district councils provide the vice chair where they are not chairing (section 6.1 of the
joint roadmap, :mod:`psr_core.policy.joint_roadmap_2020`). Existing business continues under a split agenda,
so each partnership's own business is still judged by its own rules.
"""

from __future__ import annotations

from ..model.vocabulary import Severity
from .chorley_2015 import CHORLEY_2015
from .joint_roadmap_2020 import DOCUMENT, JOINT, JOINT_FROM, ROTATION, VICE_CHAIRS
from .terms import RuleTerms
from .version import Policy

JOINT_RULES = {
    "joint.chair-rotation": RuleTerms(
        clause="6.1", citations=[JOINT, ROTATION], severity=Severity.BREACH, since=JOINT_FROM
    ),
    "joint.vice-chair": RuleTerms(
        clause="6.1", citations=[JOINT, VICE_CHAIRS], severity=Severity.BREACH, since=JOINT_FROM
    ),
}
"""The rules of the joint meetings, as both partnerships' policies adopt them."""

CHORLEY_SOUTH_RIBBLE_2021 = Policy(
    id="chorley-south-ribble-2021",
    title="Chorley and South Ribble joint partnership meetings (from January 2021)",
    document=DOCUMENT,
    effective_from=JOINT_FROM,
    rules={**CHORLEY_2015.rules, **JOINT_RULES},
    parameters=CHORLEY_2015.parameters,
    extends=CHORLEY_2015.id,
    description="The Terms of Reference of 2015, with joint meetings of the Chorley and South Ribble boards "
    "and executives from January 2021: rotating chairs, and district council Leaders as vice chairs.",
)
