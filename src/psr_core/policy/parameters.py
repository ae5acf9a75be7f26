"""Every named parameter, declared once: its name, the values it allows, its default, its clause, and
whether it is a reading of ambiguous text.

A policy version takes its parameters from here (:func:`defaults`) and changes the value or the citation of
those its source words differently; a policy file may only set a parameter declared here, to a value its
check allows. Values marked ``interpretation=True`` are readings of text that does not settle the question;
every finding that depends on one reports the value it used (docs/explanation/interpretations.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from ..errors import PolicyError
from ..model.vocabulary import AdvocateRole, DecisionMethod, Role
from .board_review_2015 import DECISIONS as REVIEW_DECISIONS
from .joint_roadmap_2020 import VICE_CHAIRS as JOINT_VICE_CHAIRS
from .terms import Citation, DatedValue, Parameter
from .terms_of_reference_2015 import (
    ADOPTED,
    ADVOCATES,
    AGENDA,
    ANNUAL_REVIEW,
    ATTENDANCE,
    BOARD_MEMBERSHIP,
    CHAIRS,
    COMMITMENT_CONTRIBUTION,
    COMMITMENT_EXECUTIVE,
    COMMITMENT_IMPLEMENTATION,
    DECISIONS,
    DEPUTIES,
    INTERESTS,
    MINUTES,
    PARTNERS,
    SCRUTINY,
    TABLE_CHAIR,
    TABLE_MEMBERSHIP,
    TABLE_REGULARITY,
)
from .values import (
    _STATUSES,
    TIERS,
    _band,
    _chair_rule,
    _count,
    _days,
    _flag,
    _per_tier,
    _unrecorded,
    _words,
)

Check = Callable[[Any], str | None]


@attrs.frozen
class Declared:
    """A parameter as declared: what it means, the text it rests on, its default and the values it allows."""

    name: str
    default: Any
    citation: Citation
    description: str
    check: Check = attrs.field(eq=False, repr=False)
    interpretation: bool = False

    def parameter(self, since: date = ADOPTED) -> Parameter:
        """The parameter with its default in force from ``since``."""
        return Parameter(
            name=self.name,
            description=self.description,
            citation=self.citation,
            values=[DatedValue(since, self.default)],
            interpretation=self.interpretation,
        )


DECLARED: dict[str, Declared] = {}
"""Every parameter a rule may read, by name."""


def declare(
    name: str,
    default: Any,
    citation: Citation,
    description: str,
    *,
    check: Check,
    interpretation: bool = False,
) -> Declared:
    if name in DECLARED:
        raise PolicyError(f"parameter {name} is declared twice")
    problem = check(default)
    if problem:
        raise PolicyError(f"parameter {name}: its default {default!r} is refused by its own check: {problem}")
    declared = DECLARED[name] = Declared(name, default, citation, description, check, interpretation)
    return declared


def value_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the parameter ``name`` (an unknown name included), or ``None``."""
    declared = DECLARED.get(name)
    if declared is None:
        return f"unknown parameter {name!r}; the parameters are: {', '.join(sorted(DECLARED))}"
    return declared.check(value)


def defaults(since: date = ADOPTED) -> dict[str, Parameter]:
    """Every declared parameter with its default, in force from ``since``, by name."""
    return {name: declared.parameter(since) for name, declared in DECLARED.items()}


declare(
    "cadence_months",
    {"executive": 1, "implementation": 1, "board": 6},
    TABLE_REGULARITY,
    "Months allowed between held meetings of each tier: the next meeting falls in or before the calendar "
    "month N months after the previous one (the partnership's start counts as the first meeting).",
    check=_per_tier(_count, "a number of months"),
)
declare(
    "chair_rule",
    {"executive": "district-council-leader", "implementation": "named", "board": "independent"},
    TABLE_CHAIR,
    "Who may chair each tier: 'named' (only the chair the group names), 'district-council-leader' (a "
    "council-leader of the partnership's district council), 'independent' (someone whose organisation is "
    "not a partner), 'member' (a member of the group, elected from its membership). A group that names a "
    "chair is always chaired by that person.",
    check=_per_tier(_chair_rule, "a chair rule"),
)
declare(
    "named_chair_overrides",
    True,
    CHAIRS,
    "Whether a chair the group names (as table 1.2.1 names Steve Winterson for the Implementation Group) is "
    "the only person who may chair it, whatever the tier's chair rule.",
    check=_flag,
)
declare(
    "agenda_notice_days",
    5,
    AGENDA,
    "Least number of days between the agenda's distribution and the meeting day (5 is enough, 4 is not).",
    check=_days,
)
declare(
    "written_explanation_after",
    2,
    ATTENDANCE,
    "Consecutive counted misses after which the partnership considers asking for a written explanation.",
    check=_count,
)
declare(
    "deemed_resignation_after",
    3,
    ATTENDANCE,
    "Consecutive counted misses that are considered resignation.",
    check=_count,
)
declare(
    "apologies_count_as_missed",
    True,
    ATTENDANCE,
    "Whether a meeting missed with apologies is a missed meeting. If not, it counts as attended and "
    "breaks a run of misses.",
    interpretation=True,
    check=_flag,
)
declare(
    "deputy_counts_as_missed",
    True,
    DEPUTIES,
    "Whether a member represented by a deputy missed the meeting (members attend 'in person'). If not, "
    "it counts as attended and breaks a run of misses.",
    interpretation=True,
    check=_flag,
)
declare(
    "exceptional_reason_skips",
    True,
    ATTENDANCE,
    "Whether a miss with an accepted exceptional reason is skipped: it neither counts towards nor breaks "
    "a run. If not, it counts as an ordinary miss.",
    interpretation=True,
    check=_flag,
)
declare(
    "unrecorded_attendance",
    "skip",
    MINUTES,
    "How a held meeting with no attendance entry for an expected member counts in a run: 'skip' (neither "
    "counts nor breaks; the gap is reported by meeting.attendance-recorded), 'missed', or 'attended'.",
    interpretation=True,
    check=_unrecorded,
)
declare(
    "deemed_resignation_ends_membership",
    True,
    ATTENDANCE,
    "Whether a deemed resignation ends that membership on the day of the third miss, so that the member "
    "is no longer expected at the group's later meetings.",
    interpretation=True,
    check=_flag,
)
declare(
    "contribution_band",
    [10000, 20000],
    COMMITMENT_CONTRIBUTION,
    "Least and greatest total contribution (cash and in kind) of a full partner for a financial year "
    "starting 1 April; a partial first year counts, with no pro-rating.",
    check=_band,
)
declare(
    "contributing_statuses",
    ["full"],
    COMMITMENT_CONTRIBUTION,
    "Partner statuses that commit to the annual contribution.",
    check=_STATUSES,
)
declare(
    "executive_statuses",
    ["full", "affiliated"],
    COMMITMENT_EXECUTIVE,
    "Partner statuses that must have a chief officer on the Executive.",
    check=_STATUSES,
)
declare(
    "implementation_statuses",
    ["full", "affiliated"],
    COMMITMENT_IMPLEMENTATION,
    "Partner statuses that must have an operational manager on the Implementation Group.",
    check=_STATUSES,
)
declare(
    "board_statuses",
    ["full"],
    BOARD_MEMBERSHIP,
    "Partner statuses that must have an accountable representative on the Board. Table 1.2.1 (and the "
    "March 2015 review, which repeats its words) says 'each of the organisations'; clause 1.5.2 says 'all "
    "full partner organisations'. The default reads the narrower, specific clause: full partners only.",
    check=_STATUSES,
    interpretation=True,
)
declare(
    "partner_statuses",
    ["full", "affiliated"],
    PARTNERS,
    "Statuses that make an organisation a partner (an independent chair's organisation has none).",
    check=_STATUSES,
)
declare(
    "advocate_roles",
    ["business", "community", "third-sector"],
    ADVOCATES,
    "Advocate roles that must each have a current member of the Executive.",
    check=_words({a.value for a in AdvocateRole}, "advocate roles"),
)
declare(
    "tier_roles",
    {
        "executive": ["chief-officer", "advocate"],
        "implementation": ["operational-manager"],
        "board": ["accountable-representative", "independent-chair"],
    },
    TABLE_MEMBERSHIP,
    "Membership roles that fit each tier (advocates sit on the Executive, 1.4.10; the Board elects an "
    "independent chair).",
    check=_per_tier(_words({r.value for r in Role}, "roles"), "a list of roles"),
)
declare(
    "scrutiny_months",
    3,
    SCRUTINY,
    "Length in months of the reporting period; periods are calendar quarters from the one the "
    "partnership started in.",
    check=_count,
)
declare(
    "review_months",
    12,
    ANNUAL_REVIEW,
    "Months allowed between the start or the last annual review and the next.",
    check=_count,
)
declare(
    "abstention_counts_as_voting",
    True,
    INTERESTS,
    "Whether a recorded abstention takes part in the item (for a member with a prejudicial interest).",
    interpretation=True,
    check=_flag,
)
declare(
    "deputies_may_vote",
    False,
    DECISIONS,
    "Whether a deputy attending for an expected member may cast that member's vote.",
    interpretation=True,
    check=_flag,
)
declare(
    "deciding_tiers",
    ["board", "executive"],
    REVIEW_DECISIONS,
    "Tiers whose meetings take the partnership's decisions: 'Decision making could take place at the Board or "
    "Executive level, dependant on how the partnership is organised', so both are accepted unless a policy "
    "chooses one.",
    check=_words(TIERS, "tiers"),
    interpretation=True,
)
declare(
    "partnership_decision_methods",
    ["vote", "chair"],
    REVIEW_DECISIONS,
    "The ways of deciding that make a recorded decision a partnership decision: a vote, or the chair's "
    "decision. A consensus is the group agreeing its own work (an Implementation Group settling how it "
    "delivers), which the text does not make a partnership decision, so by default it is not judged.",
    check=_words({m.value for m in DecisionMethod}, "decision methods"),
    interpretation=True,
)
declare(
    "vice_chair_from_other_side",
    False,
    JOINT_VICE_CHAIRS,
    "Whether only the Leader of the district council of a partnership other than the chair's may be vice "
    "chair of a joint meeting. The text, 'Leaders of each district Council will provide the vice chair "
    "(where they are not currently chair)', excludes only the person chairing, so by default the Leader of "
    "either partnership's district council who is not chairing may be vice chair.",
    check=_flag,
    interpretation=True,
)
