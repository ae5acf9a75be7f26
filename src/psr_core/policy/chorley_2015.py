"""``chorley-2015``: the Terms of Reference of the Chorley Public Service Reform Partnership (2015).

The default policy. Its rules quote the passages of :mod:`psr_core.policy.terms_of_reference_2015`; its
parameters are the declared defaults (:mod:`psr_core.policy.parameters`).
"""

from __future__ import annotations

from ..model.vocabulary import Severity
from .parameters import defaults
from .terms import Citation, RuleTerms
from .terms_of_reference_2015 import (
    ADOPTED,
    ADVOCATE_PURPOSE,
    ADVOCATES,
    AGENDA,
    ANNUAL_REVIEW,
    ATTENDANCE,
    BOARD,
    CHAIRS,
    COMMITMENT_CONTRIBUTION,
    COMMITMENT_EXECUTIVE,
    COMMITMENT_IMPLEMENTATION,
    DECISIONS,
    DEPUTIES,
    DOCUMENT,
    INTERESTS,
    MINUTES,
    NEW_PARTNERS,
    SCRUTINY,
    TABLE_CHAIR,
    TABLE_MEMBERSHIP,
    TABLE_REGULARITY,
)
from .version import Policy


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
    parameters=defaults(ADOPTED),
    description="Three tiers (Board, Executive, Implementation Group), full and affiliated partners, "
    "advocates, agenda notice, attendance thresholds, declarations of interest and decision making.",
)
