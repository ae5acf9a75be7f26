"""The partnership's own words, as closed vocabularies.

Each enumeration is the set of values the Terms of Reference (2015) and the dataset format ``psr/1``
allow. Values are the strings used in dataset files, so ``Tier("board")`` reads a file value directly.
"""

from __future__ import annotations

from enum import StrEnum


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
