"""``chorley-2015``: the Terms of Reference of the Chorley Public Service Reform Partnership (seed 000).

Every value below quotes the words it comes from. Values marked ``interpretation=True`` are readings of text
that does not settle the question; the default is the one CONTRACT §4 documents, and every finding that
depends on one reports the value it used.
"""

from __future__ import annotations

from datetime import date

from ..model.vocabulary import Severity
from .terms import Citation, DatedValue, Parameter, RuleTerms
from .version import Policy

DOCUMENT = "Terms of Reference of the Chorley Public Service Reform Partnership (2015), seed 000"
ADOPTED = date(2015, 6, 16)


def cite(clause: str, text: str) -> Citation:
    return Citation(document=DOCUMENT, clause=clause, text=text)


TABLE_MEMBERSHIP = cite(
    "1.2.1",
    "Membership: [Executive] Chief Officers representative from each of the organisations (i.e. Chief "
    "Executives / Senior Managers); [Implementation Group] Operational Managers representative from each of "
    "the organisations (i.e. Heads of Service / Operating Officers); [Board] An accountable representative "
    "from each of the organisations, with a mandate to hold their organisation to account (i.e. Elected "
    "Members / Chairs / Non-Executive Directors)",
)
TABLE_REGULARITY = cite(
    "1.2.1",
    "Regularity of meetings: [Executive] Monthly; [Implementation Group] Monthly; [Board] Six monthly",
)
TABLE_CHAIR = cite(
    "1.2.1",
    "Chair: [Executive] Leader of the district council (to bring democratic accountability); "
    "[Implementation Group] Steve Winterson, Engagement Director, Lancashire Care Foundation Trust; "
    "[Board] To elect an independent Chair",
)
COMMITMENT_EXECUTIVE = cite(
    "1.3.1",
    "To commit their organisation to deliver the work programme as agreed – through a. enabling autonomy of "
    "decision making to the designated chief officer representation at the Executive [full and affiliated "
    "partner commitments, 2a]",
)
COMMITMENT_IMPLEMENTATION = cite(
    "1.3.1",
    "b. providing a lead officer for the Implementation Group who can be responsible for delivering the work "
    "programme on behalf of their organisation [full and affiliated partner commitments, 2b]",
)
COMMITMENT_CONTRIBUTION = cite(
    "1.3.1",
    "Commit to providing an annual financial contribution (or in kind) of between £10k - £20k towards the "
    "programme office costs [full partner commitment 3]",
)
PARTNERS = cite(
    "1.3.1",
    "Partners will sign up their commitment deliver as part of the partnership by becoming full partners or "
    "opting to be affiliated partners",
)
DEPUTIES = cite("1.4.8", "Attending meetings in person, avoiding the use of deputies.")
ADVOCATES = cite(
    "1.4.10",
    "These roles will include; Business Advocate, Third Sector Advocate and Community Advocate. They will "
    "have a place on the Executive",
)
ADVOCATE_PURPOSE = cite(
    "1.4.9",
    "The partnership will also appoint to three advocate roles, the purpose of which is “to provide the "
    "partnership with a willingness to question and challenge the direction and progress, as well as "
    "championing the needs and issues of their particular cohort”.",
)
BOARD = cite(
    "1.5.2",
    "It will include representatives from all full partner organisations with a mandate to hold their "
    "organisation to account.",
)
SCRUTINY = cite(
    "1.5.3",
    "a formal link will be made whereby performance reports will be provided to the Overview and Scrutiny "
    "Committee Performance Panel on a quarterly basis.",
)
AGENDA = cite(
    "1.7.1",
    "the agenda and associated reports will be distributed electronically no less than five days before the "
    "meeting.",
)
CHAIRS = cite("1.7.2", "Appointment of Chair – The partnership groups will appoint Chairs as indicated.")
ATTENDANCE = cite(
    "1.7.3",
    "Should any member miss 2 consecutive meetings the partnership will consider whether that member should "
    "be asked for a written explanation. Unless there are exceptional reasons, missing 3 consecutive "
    "meetings will be considered as resignation from the partnership",
)
NEW_PARTNERS = cite(
    "1.7.4",
    "New partners will be agreed through discussion with relevant groups and agreement with the appropriate "
    "Chair, and have an appropriate induction.",
)
DECISIONS = cite(
    "1.7.5",
    "The partnership will seek to make decisions by consensus whenever appropriate. In the event of any "
    "disagreement it will be for the Chair to seek to resolve any differences. If disagreement cannot be "
    "resolved then a vote can be taken.",
)
INTERESTS = cite(
    "1.7.6",
    "Where that interest is also prejudicial and therefore may give others the perception that their view is "
    "affected by their personal situation, then the member concerned should leave the room and/or take no "
    "part in the discussions around the particular item",
)
MINUTES = cite(
    "1.7.7",
    "A full record of those present at the meeting, of apologies of absence and non-attendance shall be "
    "recorded in the minutes",
)
ANNUAL_REVIEW = cite(
    "closing line", "The partnership will review its performance and effectiveness annually."
)


def _parameter(
    name: str, value: object, citation: Citation, description: str, *, interpretation: bool = False
) -> Parameter:
    return Parameter(
        name=name,
        description=description,
        citation=citation,
        values=[DatedValue(ADOPTED, value)],
        interpretation=interpretation,
    )


PARAMETERS = (
    _parameter(
        "cadence_months",
        {"executive": 1, "implementation": 1, "board": 6},
        TABLE_REGULARITY,
        "Months allowed between held meetings of each tier: the next meeting falls in or before the calendar "
        "month N months after the previous one (the partnership's start counts as the first meeting).",
    ),
    _parameter(
        "chair_rule",
        {"executive": "district-council-leader", "implementation": "named", "board": "independent"},
        TABLE_CHAIR,
        "Who may chair each tier: 'named' (only the chair the group names), 'district-council-leader' (a "
        "council-leader of the partnership's district council), 'independent' (someone whose organisation is "
        "not a partner), 'member' (a member of the group, elected from its membership). A group that names a "
        "chair is always chaired by that person.",
    ),
    _parameter(
        "named_chair_overrides",
        True,
        CHAIRS,
        "Whether a chair the group names (as table 1.2.1 names Steve Winterson for the Implementation Group) is "
        "the only person who may chair it, whatever the tier's chair rule.",
    ),
    _parameter(
        "agenda_notice_days",
        5,
        AGENDA,
        "Least number of days between the agenda's distribution and the meeting day (5 is enough, 4 is not).",
    ),
    _parameter(
        "written_explanation_after",
        2,
        ATTENDANCE,
        "Consecutive counted misses after which the partnership considers asking for a written explanation.",
    ),
    _parameter(
        "deemed_resignation_after",
        3,
        ATTENDANCE,
        "Consecutive counted misses that are considered resignation.",
    ),
    _parameter(
        "apologies_count_as_missed",
        True,
        ATTENDANCE,
        "Whether a meeting missed with apologies is a missed meeting. If not, it counts as attended and "
        "breaks a run of misses.",
        interpretation=True,
    ),
    _parameter(
        "deputy_counts_as_missed",
        True,
        DEPUTIES,
        "Whether a member represented by a deputy missed the meeting (members attend 'in person'). If not, "
        "it counts as attended and breaks a run of misses.",
        interpretation=True,
    ),
    _parameter(
        "exceptional_reason_skips",
        True,
        ATTENDANCE,
        "Whether a miss with an accepted exceptional reason is skipped: it neither counts towards nor breaks "
        "a run. If not, it counts as an ordinary miss.",
        interpretation=True,
    ),
    _parameter(
        "unrecorded_attendance",
        "skip",
        MINUTES,
        "How a held meeting with no attendance entry for an expected member counts in a run: 'skip' (neither "
        "counts nor breaks; the gap is reported by meeting.attendance-recorded), 'missed', or 'attended'.",
        interpretation=True,
    ),
    _parameter(
        "deemed_resignation_ends_membership",
        True,
        ATTENDANCE,
        "Whether a deemed resignation ends that membership on the day of the third miss, so that the member "
        "is no longer expected at the group's later meetings.",
        interpretation=True,
    ),
    _parameter(
        "contribution_band",
        [10000, 20000],
        COMMITMENT_CONTRIBUTION,
        "Least and greatest total contribution (cash and in kind) of a full partner for a financial year "
        "starting 1 April; a partial first year counts, with no pro-rating.",
    ),
    _parameter(
        "contributing_statuses",
        ["full"],
        COMMITMENT_CONTRIBUTION,
        "Partner statuses that commit to the annual contribution.",
    ),
    _parameter(
        "executive_statuses",
        ["full", "affiliated"],
        COMMITMENT_EXECUTIVE,
        "Partner statuses that must have a chief officer on the Executive.",
    ),
    _parameter(
        "implementation_statuses",
        ["full", "affiliated"],
        COMMITMENT_IMPLEMENTATION,
        "Partner statuses that must have an operational manager on the Implementation Group.",
    ),
    _parameter(
        "board_statuses",
        ["full"],
        BOARD,
        "Partner statuses that must have an accountable representative on the Board.",
    ),
    _parameter(
        "partner_statuses",
        ["full", "affiliated"],
        PARTNERS,
        "Statuses that make an organisation a partner (an independent chair's organisation has none).",
    ),
    _parameter(
        "advocate_roles",
        ["business", "community", "third-sector"],
        ADVOCATES,
        "Advocate roles that must each have a current member of the Executive.",
    ),
    _parameter(
        "tier_roles",
        {
            "executive": ["chief-officer", "advocate"],
            "implementation": ["operational-manager"],
            "board": ["accountable-representative", "independent-chair"],
        },
        TABLE_MEMBERSHIP,
        "Membership roles that fit each tier (advocates sit on the Executive, 1.4.10; the Board elects an "
        "independent chair).",
    ),
    _parameter(
        "scrutiny_months",
        3,
        SCRUTINY,
        "Length in months of the reporting period; periods are calendar quarters from the one the "
        "partnership started in.",
    ),
    _parameter(
        "review_months",
        12,
        ANNUAL_REVIEW,
        "Months allowed between the start or the last annual review and the next.",
    ),
    _parameter(
        "abstention_counts_as_voting",
        True,
        INTERESTS,
        "Whether a recorded abstention takes part in the item (for a member with a prejudicial interest).",
        interpretation=True,
    ),
    _parameter(
        "deputies_may_vote",
        False,
        DECISIONS,
        "Whether a deputy attending for an expected member may cast that member's vote.",
        interpretation=True,
    ),
)


def _terms(clause: str, *citations: Citation, severity: Severity = Severity.BREACH) -> RuleTerms:
    return RuleTerms(clause=clause, citations=citations, severity=severity)


RULES = {
    "composition.executive": _terms("1.2.1, 1.3.1", TABLE_MEMBERSHIP, COMMITMENT_EXECUTIVE),
    "composition.implementation": _terms("1.3.1", COMMITMENT_IMPLEMENTATION),
    "composition.board": _terms("1.5.2", BOARD),
    "composition.advocates": _terms("1.4.9, 1.4.10", ADVOCATE_PURPOSE, ADVOCATES, severity=Severity.ACTION),
    "composition.role": _terms("1.2.1", TABLE_MEMBERSHIP),
    "commitment.contribution": _terms("1.3.1", COMMITMENT_CONTRIBUTION),
    "meeting.frequency": _terms("1.2.1", TABLE_REGULARITY),
    "meeting.agenda-notice": _terms("1.7.1", AGENDA),
    "meeting.attendance-recorded": _terms("1.7.7", MINUTES),
    "meeting.chair": _terms("1.2.1, 1.7.2", TABLE_CHAIR, CHAIRS),
    "attendance.written-explanation": _terms("1.7.3", ATTENDANCE, severity=Severity.ACTION),
    "attendance.deemed-resignation": _terms("1.7.3", ATTENDANCE, severity=Severity.ACTION),
    "attendance.deputy": _terms("1.4.8", DEPUTIES, severity=Severity.INFO),
    "interest.prejudicial-participation": _terms("1.7.6", INTERESTS),
    "decision.vote-eligibility": _terms("1.7.5, 1.7.6", DECISIONS, INTERESTS),
    "admission.new-partner": _terms("1.7.4", NEW_PARTNERS),
    "reporting.scrutiny": _terms("1.5.3", SCRUTINY),
    "review.annual": _terms("closing line", ANNUAL_REVIEW, severity=Severity.ACTION),
}

CHORLEY_2015 = Policy(
    id="chorley-2015",
    title="Chorley Public Service Reform Partnership: Terms of Reference (2015)",
    document=DOCUMENT,
    effective_from=ADOPTED,
    rules=RULES,
    parameters={parameter.name: parameter for parameter in PARAMETERS},
    description="Three tiers (Board, Executive, Implementation Group), full and affiliated partners, "
    "advocates, agenda notice, attendance thresholds, declarations of interest and decision making.",
)
