"""The words of the Terms of Reference of the Chorley Public Service Reform Partnership (2015), quoted.

Each constant is one passage, cited by the clause number the document gives it; the parameters
(:mod:`psr_core.policy.parameters`) and the rules of ``chorley-2015`` (:mod:`psr_core.policy.chorley_2015`)
rest on them. The sources and their dates are listed in docs/reference/sources.md.
"""

from __future__ import annotations

from datetime import date

from .terms import Citation, Clause

DOCUMENT = "Terms of Reference of the Chorley Public Service Reform Partnership (2015)"
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
BOARD_MEMBERSHIP = cite(
    "table 1.2.1, 1.5.2",
    "[Board] Membership: An accountable representative from each of the organisations, with a mandate to "
    "hold their organisation to account (table 1.2.1) ... It will include representatives from all full "
    "partner organisations with a mandate to hold their organisation to account (1.5.2)",
)

CLAUSES = (
    Clause(
        DOCUMENT,
        "1.1.1",
        "Purpose",
        (),
        "the partnership's purpose: a statement of intent, with no duty to check",
    ),
    Clause(DOCUMENT, "1.1.2", "Fulfilling the purpose", (), "a statement of intent, with no duty to check"),
    Clause(
        DOCUMENT, "1.1.3", "Five year vision", (), "a vision for 2020, not a duty with a date or a measure"
    ),
    Clause(
        DOCUMENT,
        "1.1.4",
        "The Public Service Reform Strategy",
        (),
        "the strategy's content is outside the format: psr/1 records no strategy or its priorities",
    ),
    Clause(
        DOCUMENT,
        "1.1.5",
        "Delivering the strategy",
        (),
        "delivery is not recorded: the format holds no work programme",
    ),
    Clause(
        DOCUMENT,
        "1.1.6",
        "Lobbying other partnership bodies",
        (),
        "the format records no dealings with other bodies",
    ),
    Clause(
        DOCUMENT,
        "1.2.1",
        "Structure: the three tiers",
        (TABLE_MEMBERSHIP, TABLE_REGULARITY, TABLE_CHAIR, BOARD_MEMBERSHIP),
    ),
    Clause(
        DOCUMENT,
        "1.3.1",
        "Full and affiliated partner commitments",
        (COMMITMENT_EXECUTIVE, COMMITMENT_IMPLEMENTATION, COMMITMENT_CONTRIBUTION, PARTNERS),
    ),
    Clause(
        DOCUMENT,
        "1.4.1",
        "The partners and their status",
        (),
        "data rather than a rule: the table's organisations and statuses are a history's organisations "
        "(examples/chorley/chorley.yaml), which every rule reading a partner's status reads",
    ),
    Clause(
        DOCUMENT,
        "1.4.2",
        "Representatives at the three levels",
        (),
        "read through the tiers' membership rules of 1.2.1 and 1.3.1 (composition.*), which check each level",
    ),
    Clause(
        DOCUMENT,
        "1.4.3",
        "Leading work for the partnership",
        (),
        "the format records no work-streams or leads",
    ),
    Clause(
        DOCUMENT,
        "1.4.4",
        "Two-way communication",
        (),
        "the format records no reporting between partner and partnership",
    ),
    Clause(
        DOCUMENT,
        "1.4.5",
        "Full buy-in from each organisation",
        (),
        "the format records no signed agreements or business cases",
    ),
    Clause(
        DOCUMENT,
        "1.4.6",
        "Identifying resources",
        (),
        "the format records resources only as contributions (1.3.1)",
    ),
    Clause(DOCUMENT, "1.4.7", "Suggesting improvements", (), "a responsibility with no record to check"),
    Clause(DOCUMENT, "1.4.8", "Attending in person, avoiding deputies", (DEPUTIES,)),
    Clause(DOCUMENT, "1.4.9", "Three advocate roles", (ADVOCATE_PURPOSE,)),
    Clause(DOCUMENT, "1.4.10", "The advocates' places on the Executive", (ADVOCATES,)),
    Clause(
        DOCUMENT,
        "1.5.1",
        "Accountability arrangements",
        (),
        "an introduction to 1.5.2 and 1.5.3, which are encoded",
    ),
    Clause(DOCUMENT, "1.5.2", "The Board holds the Executive to account", (BOARD, BOARD_MEMBERSHIP)),
    Clause(DOCUMENT, "1.5.3", "Reports to the Overview and Scrutiny Committee", (SCRUTINY,)),
    Clause(
        DOCUMENT,
        "1.5.4",
        "Partners' internal governance",
        (),
        "each partner's own governance is outside the partnership's record",
    ),
    Clause(
        DOCUMENT,
        "1.6.1",
        "The Programme Office",
        (),
        "the Programme Office's duties (administering meetings, performance management, intelligence, a risk "
        "register) have no record in the format: it holds no risks, projects or analyses",
    ),
    Clause(DOCUMENT, "1.7.1", "Agenda setting", (AGENDA,)),
    Clause(DOCUMENT, "1.7.2", "Appointment of chairs", (CHAIRS,)),
    Clause(DOCUMENT, "1.7.3", "Attendance", (ATTENDANCE,)),
    Clause(DOCUMENT, "1.7.4", "New partners", (NEW_PARTNERS,)),
    Clause(DOCUMENT, "1.7.5", "Decision making", (DECISIONS,)),
    Clause(DOCUMENT, "1.7.6", "Declaration of interests", (INTERESTS,)),
    Clause(
        DOCUMENT,
        "1.7.7",
        "Meetings and their minutes",
        (MINUTES,),
        "encoded for the attendance record; 'Meetings of the partnership are not open to the public' is not: "
        "the format records no one in attendance who is not a member, an officer or a deputy, so there is no "
        "data to check",
    ),
    Clause(DOCUMENT, "closing line", "Annual review", (ANNUAL_REVIEW,)),
)
"""Every numbered clause of the Terms of Reference (2015) and its closing line: the passages that encode it,
or why it is not encoded (docs/reference/coverage.md is generated from these)."""
