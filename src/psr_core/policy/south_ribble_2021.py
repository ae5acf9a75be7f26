"""``south-ribble-2021``: South Ribble's part in the joint meetings with Chorley, from January 2021.

The joint roadmap (:mod:`psr_core.policy.joint_roadmap_2020`) is the only source psr holds for South Ribble,
and it gives no terms of reference for the South Ribble Partnership's own business: only how the joint
meetings are run. So a partnership under this policy is judged by the joint-meeting rules alone (rotating
chairs, district council Leaders as vice chairs), never by Chorley's 2015 terms.
"""

from __future__ import annotations

from .chorley_south_ribble_2021 import JOINT_RULES
from .joint_roadmap_2020 import DOCUMENT, JOINT_FROM
from .parameters import defaults
from .version import Policy

SOUTH_RIBBLE_2021 = Policy(
    id="south-ribble-2021",
    title="South Ribble Partnership in the joint meetings with Chorley (from January 2021)",
    document=DOCUMENT,
    effective_from=JOINT_FROM,
    rules=dict(JOINT_RULES),
    parameters={
        name: parameter
        for name, parameter in defaults(JOINT_FROM).items()
        if name in ("vice_chair_from_other_side",)
    },
    description="Only the joint-meeting arrangements of the October 2020 roadmap, from January 2021: the "
    "existing chairs rotate between joint meetings, and the Leaders of the district councils provide the vice "
    "chair where they are not chairing. The roadmap sets no other terms for South Ribble.",
)
