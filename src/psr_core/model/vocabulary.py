"""The partnership's own words, as closed vocabularies.

Each enumeration is the set of values the Terms of Reference (2015) and the dataset format ``psr/1``
allow. Values are the strings used in dataset files, so ``Tier("board")`` reads a file value directly.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Vocabulary(StrEnum):
    """A closed set of words; the value is the word as it is written in a dataset file."""


class Tier(Vocabulary):
    """The three levels of the structure (clause 1.2.1)."""

    BOARD = "board"
    EXECUTIVE = "executive"
    IMPLEMENTATION = "implementation"


class PartnerStatus(Vocabulary):
    """How an organisation takes part (clause 1.3.1; associate and co-opted from the summary of partner
    consultations, May/June 2015: see docs/reference/sources.md)."""

    FULL = "full"
    AFFILIATED = "affiliated"
    ASSOCIATE = "associate"
    CO_OPTED = "co-opted"


class AdvocateRole(Vocabulary):
    """The three advocate roles (clauses 1.4.9 and 1.4.10)."""

    BUSINESS = "business"
    COMMUNITY = "community"
    THIRD_SECTOR = "third-sector"


class Role(Vocabulary):
    """The capacity in which a person sits on a group (table 1.2.1, clauses 1.4.10 and 1.5.2)."""

    CHIEF_OFFICER = "chief-officer"
    OPERATIONAL_MANAGER = "operational-manager"
    ACCOUNTABLE_REPRESENTATIVE = "accountable-representative"
    ADVOCATE = "advocate"
    INDEPENDENT_CHAIR = "independent-chair"


class MeetingStatus(Vocabulary):
    """Whether a meeting was held, is still to come, or was called off; only held meetings are judged."""

    HELD = "held"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class AttendanceStatus(Vocabulary):
    """What the minutes record for a member (clause 1.7.7)."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    DEPUTY = "deputy"


class UnrecordedAttendance(Vocabulary):
    """How a held meeting with no attendance entry for an expected member counts in a run of misses
    (clause 1.7.7 asks for "a full record"; the policy parameter ``unrecorded_attendance`` chooses)."""

    SKIP = "skip"
    MISSED = "missed"
    ATTENDED = "attended"


class Interest(Vocabulary):
    """The kinds of interest a member declares (clause 1.7.6)."""

    PERSONAL = "personal"
    PREJUDICIAL = "prejudicial"


class DecisionMethod(Vocabulary):
    """How a decision was reached (clause 1.7.5)."""

    CONSENSUS = "consensus"
    CHAIR = "chair"
    VOTE = "vote"


class ContributionKind(Vocabulary):
    """Full partner commitment 3: "an annual financial contribution (or in kind)"."""

    CASH = "cash"
    IN_KIND = "in-kind"


class ReportKind(Vocabulary):
    """The reports a partnership makes: to the Overview and Scrutiny Committee (clause 1.5.3) and its
    annual review (the closing line of the Terms of Reference (2015))."""

    SCRUTINY = "scrutiny"
    ANNUAL_REVIEW = "annual-review"


class Severity(Vocabulary):
    """How much a finding asks of the partnership (docs/reference/command-line.md, the findings document)."""

    BREACH = "breach"
    ACTION = "action"
    INFO = "info"


class ResponseAction(Vocabulary):
    """What the partnership did about a finding: the casework actions a response records.

    A programme officer asks for the written explanation of clause 1.7.3 and records its receipt, a chair
    confirms a deemed resignation, or a finding is resolved or waived; ``reopened`` answers a mistake, since
    a response is never edited or deleted.
    """

    ACKNOWLEDGED = "acknowledged"
    EXPLANATION_REQUESTED = "explanation-requested"
    EXPLANATION_RECEIVED = "explanation-received"
    RESIGNATION_CONFIRMED = "resignation-confirmed"
    RESOLVED = "resolved"
    WAIVED = "waived"
    REOPENED = "reopened"


class FindingStatus(Vocabulary):
    """Where a finding stands, from the latest response to it on or before the as-of day."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    WAIVED = "waived"


# -- The words as literal types -------------------------------------------------------------------------
# Each model field holding one of these words accepts the enumeration or its word as a literal string, so
# that a typo ("presnt") fails at type-check time; ``tests/unit/test_vocabulary.py`` keeps each literal type
# equal to its enumeration.
TierWord = Literal["board", "executive", "implementation"]
PartnerStatusWord = Literal["full", "affiliated", "associate", "co-opted"]
AdvocateRoleWord = Literal["business", "community", "third-sector"]
RoleWord = Literal[
    "chief-officer", "operational-manager", "accountable-representative", "advocate", "independent-chair"
]
MeetingStatusWord = Literal["held", "scheduled", "cancelled"]
AttendanceStatusWord = Literal["present", "apologies", "absent", "deputy"]
InterestWord = Literal["personal", "prejudicial"]
DecisionMethodWord = Literal["consensus", "chair", "vote"]
ContributionKindWord = Literal["cash", "in-kind"]
ReportKindWord = Literal["scrutiny", "annual-review"]
ResponseActionWord = Literal[
    "acknowledged",
    "explanation-requested",
    "explanation-received",
    "resignation-confirmed",
    "resolved",
    "waived",
    "reopened",
]
SeverityWord = Literal["breach", "action", "info"]
FindingStatusWord = Literal["open", "acknowledged", "resolved", "waived"]


# Each converter passes a member of its vocabulary through as it is (the commonest case, and no lookup)
# and looks up a word.


def as_tier(value: Tier | TierWord) -> Tier:
    return value if type(value) is Tier else Tier(value)


def as_partner_status(value: PartnerStatus | PartnerStatusWord) -> PartnerStatus:
    return value if type(value) is PartnerStatus else PartnerStatus(value)


def as_advocate_role(value: AdvocateRole | AdvocateRoleWord) -> AdvocateRole:
    return value if type(value) is AdvocateRole else AdvocateRole(value)


def as_role(value: Role | RoleWord) -> Role:
    return value if type(value) is Role else Role(value)


def as_meeting_status(value: MeetingStatus | MeetingStatusWord) -> MeetingStatus:
    return value if type(value) is MeetingStatus else MeetingStatus(value)


def as_attendance_status(value: AttendanceStatus | AttendanceStatusWord) -> AttendanceStatus:
    return value if type(value) is AttendanceStatus else AttendanceStatus(value)


def as_interest(value: Interest | InterestWord) -> Interest:
    return value if type(value) is Interest else Interest(value)


def as_decision_method(value: DecisionMethod | DecisionMethodWord) -> DecisionMethod:
    return value if type(value) is DecisionMethod else DecisionMethod(value)


def as_contribution_kind(value: ContributionKind | ContributionKindWord) -> ContributionKind:
    return value if type(value) is ContributionKind else ContributionKind(value)


def as_report_kind(value: ReportKind | ReportKindWord) -> ReportKind:
    return value if type(value) is ReportKind else ReportKind(value)


def as_response_action(value: ResponseAction | ResponseActionWord) -> ResponseAction:
    return value if type(value) is ResponseAction else ResponseAction(value)


def as_severity(value: Severity | SeverityWord) -> Severity:
    return value if type(value) is Severity else Severity(value)


def as_finding_status(value: FindingStatus | FindingStatusWord) -> FindingStatus:
    return value if type(value) is FindingStatus else FindingStatus(value)
