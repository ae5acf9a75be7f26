"""The tables: typed SQLAlchemy row classes, one per kind of record, separate from the frozen core values.

The constraints mirror the ``psr/1`` dataset's rules (docs/reference/dataset-format.md;
:mod:`psr_adapters.dataset.consistency`) so that the database itself refuses what a dataset file may not say:
a dangling reference (foreign keys), an id used twice (primary keys), an unknown status or a membership that
ends before it starts (checks).

Every list of the dataset keeps its order in a ``position`` column, so that a history read back is equal to
the history written. Records a host application changes carry a ``version`` column for optimistic
concurrency (:mod:`psr_adapters.sql.recording`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from psr_core import (
    AdvocateRole,
    AttendanceStatus,
    ContributionKind,
    DecisionMethod,
    Interest,
    MeetingStatus,
    PartnerStatus,
    ReportKind,
    ResponseAction,
    Role,
    Tier,
)

ID_LENGTH = 200
"""The longest id the database stores (MariaDB limits the length of a composite key)."""

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MARIADB_OPTIONS: dict[str, Any] = {
    f"{prefix}_{key}": value
    for prefix in ("mysql", "mariadb")  # a mariadb:// URL reads the mariadb_ options, mysql:// the others
    for key, value in {
        "engine": "InnoDB",
        "charset": "utf8mb4",
        # Ids are compared byte for byte: "Exec" is not "exec", and "a " is not "a".
        "collate": "utf8mb4_nopad_bin",
    }.items()
}
"""Table options on MariaDB (and MySQL); other databases ignore them."""

Id = String(ID_LENGTH)
LongText = Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
Moment = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
Word = String(32)


class DecimalText(TypeDecorator[Decimal]):
    """A decimal amount stored as its exact text, so that ``15000.0`` reads back as ``15000.0``.

    Findings quote amounts (``£15,000.0``); a numeric column would lose how the amount was written and
    ``psr check --db`` would no longer match ``psr check FILE`` byte for byte.
    """

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, _dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any, _dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def one_of(column: str, vocabulary: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """A check that ``column`` holds one of the words of ``vocabulary`` (or nothing)."""
    words = ", ".join(f"'{member.value}'" for member in vocabulary)
    return CheckConstraint(f"{column} IN ({words})", name=name or column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PartnershipRow(Base):
    __tablename__ = "psr_partnership"
    __table_args__ = (MARIADB_OPTIONS,)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(LongText)
    policy: Mapped[str] = mapped_column(LongText)
    timezone: Mapped[str] = mapped_column(LongText)
    started: Mapped[date]
    # psr_organisation refers back here: the constraint is added after both tables exist.
    district_council_id: Mapped[str | None] = mapped_column(
        Id, ForeignKey("psr_organisation.id", use_alter=True), index=True
    )


class OrganisationRow(Base):
    __tablename__ = "psr_organisation"
    __table_args__ = (one_of("status", PartnerStatus), MARIADB_OPTIONS)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(LongText)
    partnership_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_partnership.id"), index=True)
    status: Mapped[str] = mapped_column(Word)
    joined: Mapped[date | None]
    agreed_by_chair_id: Mapped[str | None] = mapped_column(
        Id, ForeignKey("psr_person.id", use_alter=True), index=True
    )
    agreed_on: Mapped[date | None]
    inducted_on: Mapped[date | None]


class PersonRow(Base):
    __tablename__ = "psr_person"
    __table_args__ = (one_of("advocate", AdvocateRole), MARIADB_OPTIONS)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(LongText)
    organisation_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_organisation.id"), index=True)
    advocate: Mapped[str | None] = mapped_column(Word)


class PersonOfficeRow(Base):
    __tablename__ = "psr_person_office"
    __table_args__ = (MARIADB_OPTIONS,)

    person_id: Mapped[str] = mapped_column(
        Id, ForeignKey("psr_person.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    office: Mapped[str] = mapped_column(LongText)


class GroupRow(Base):
    __tablename__ = "psr_group"
    __table_args__ = (one_of("tier", Tier), MARIADB_OPTIONS)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    partnership_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_partnership.id"), index=True)
    tier: Mapped[str] = mapped_column(Word)
    chair_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    name: Mapped[str | None] = mapped_column(LongText)


class MembershipRow(Base):
    __tablename__ = "psr_membership"
    __table_args__ = (
        one_of("role", Role),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        MARIADB_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    person_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    group_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_group.id"), index=True)
    role: Mapped[str] = mapped_column(Word)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    organisation_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_organisation.id"), index=True)
    version: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative protocol)


class MeetingRow(Base):
    __tablename__ = "psr_meeting"
    __table_args__ = (
        one_of("status", MeetingStatus),
        CheckConstraint("end_time IS NULL OR end_time >= start_time", name="ends_after_start"),
        MARIADB_OPTIONS,
    )

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    start_time: Mapped[datetime] = mapped_column(Moment)
    end_time: Mapped[datetime | None] = mapped_column(Moment)
    status: Mapped[str] = mapped_column(Word)
    chair_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    vice_chair_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    agenda_published: Mapped[date | None]
    location: Mapped[str | None] = mapped_column(LongText)
    url: Mapped[str | None] = mapped_column(LongText)
    version: Mapped[int] = mapped_column()
    sequence: Mapped[int] = mapped_column(server_default="0")
    """How many times the meeting's time, place or status changed: its events' SEQUENCE in served feeds."""
    revised: Mapped[datetime | None] = mapped_column(Moment)
    """When (UTC) its time, place or status last changed; ``None`` while unchanged since first recorded."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative protocol)


class MeetingGroupRow(Base):
    """One of the groups a meeting is of; two or more groups of different partnerships: a joint meeting."""

    __tablename__ = "psr_meeting_group"
    __table_args__ = (MARIADB_OPTIONS,)

    meeting_id: Mapped[str] = mapped_column(
        Id, ForeignKey("psr_meeting.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_group.id"), primary_key=True, index=True)
    position: Mapped[int]


class AttendanceRow(Base):
    """One line of a meeting's attendance record (clause 1.7.7): one per person per meeting."""

    __tablename__ = "psr_attendance"
    __table_args__ = (
        one_of("status", AttendanceStatus),
        CheckConstraint("deputy_id IS NULL OR status = 'deputy'", name="deputy_needs_deputy_status"),
        MARIADB_OPTIONS,
    )

    meeting_id: Mapped[str] = mapped_column(
        Id, ForeignKey("psr_meeting.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_person.id"), primary_key=True, index=True)
    position: Mapped[int]
    status: Mapped[str] = mapped_column(Word)
    deputy_id: Mapped[str | None] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    exceptional: Mapped[str | None] = mapped_column(LongText)
    # Who accepted the exceptional reason, and when (the chair's discretion, clause 1.7.3).
    exceptional_accepted_by_id: Mapped[str | None] = mapped_column(
        Id, ForeignKey("psr_person.id"), index=True
    )
    exceptional_accepted_on: Mapped[date | None]
    version: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative protocol)


class ItemRow(Base):
    """An agenda item and how it was decided (clause 1.7.5); ``decision`` is null until it is decided."""

    __tablename__ = "psr_item"
    __table_args__ = (one_of("decision", DecisionMethod), MARIADB_OPTIONS)

    meeting_id: Mapped[str] = mapped_column(
        Id, ForeignKey("psr_meeting.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    position: Mapped[int]
    title: Mapped[str | None] = mapped_column(LongText)
    decision: Mapped[str | None] = mapped_column(Word)
    version: Mapped[int] = mapped_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative protocol)


class DeclarationRow(Base):
    """A declaration of interest in an item (clause 1.7.6); several may be recorded at once."""

    __tablename__ = "psr_declaration"
    __table_args__ = (
        ForeignKeyConstraint(
            ["meeting_id", "item_id"], ["psr_item.meeting_id", "psr_item.id"], ondelete="CASCADE"
        ),
        Index(None, "meeting_id", "item_id"),
        one_of("interest", Interest),
        MARIADB_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[str] = mapped_column(Id)
    item_id: Mapped[str] = mapped_column(Id)
    position: Mapped[int]
    person_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    interest: Mapped[str] = mapped_column(Word)
    nature: Mapped[str | None] = mapped_column(LongText)
    withdrew: Mapped[bool]
    # False: stayed in the room but took no part in the discussion; null: the minutes do not say.
    took_part: Mapped[bool | None]


class VoteRow(Base):
    """A vote cast on an item decided by vote (clause 1.7.5): one per person per item."""

    __tablename__ = "psr_vote"
    __table_args__ = (
        ForeignKeyConstraint(
            ["meeting_id", "item_id"], ["psr_item.meeting_id", "psr_item.id"], ondelete="CASCADE"
        ),
        CheckConstraint("side IN ('for', 'against', 'abstain')", name="side"),
        MARIADB_OPTIONS,
    )

    meeting_id: Mapped[str] = mapped_column(Id, primary_key=True)
    item_id: Mapped[str] = mapped_column(Id, primary_key=True)
    person_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_person.id"), primary_key=True, index=True)
    side: Mapped[str] = mapped_column(Word)
    position: Mapped[int]


class ContributionRow(Base):
    """A partner's contribution for a financial year (clause 1.3.1, full partner commitment 3)."""

    __tablename__ = "psr_contribution"
    __table_args__ = (
        one_of("kind", ContributionKind),
        CheckConstraint("year BETWEEN 1900 AND 2999", name="year"),
        CheckConstraint("amount NOT LIKE '-%'", name="amount_not_negative"),
        MARIADB_OPTIONS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    organisation_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_organisation.id"), index=True)
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    kind: Mapped[str] = mapped_column(Word)


class ReportRow(Base):
    """A report to scrutiny (clause 1.5.3) or an annual review (the closing line)."""

    __tablename__ = "psr_report"
    __table_args__ = (one_of("kind", ReportKind), MARIADB_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    partnership_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_partnership.id"), index=True)
    kind: Mapped[str] = mapped_column(Word)
    dated: Mapped[date]


class ResponseRow(Base):
    """What the partnership did about a finding (its casework), appended and never changed.

    ``id`` grows with each response stored, so responses with the same ``position`` (two written at once)
    keep the order in which they arrived; ``finding`` is a finding's id, not a reference, since a
    response may outlive the finding it answered (the data it answered may have been corrected).
    """

    __tablename__ = "psr_response"
    __table_args__ = (one_of("action", ResponseAction), MARIADB_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    finding: Mapped[str] = mapped_column(Id, index=True)
    action: Mapped[str] = mapped_column(Word)
    by_id: Mapped[str] = mapped_column(Id, ForeignKey("psr_person.id"), index=True)
    dated: Mapped[date]
    note: Mapped[str | None] = mapped_column(LongText)


TABLES: list[Table] = list(Base.metadata.sorted_tables)
"""Every psr table, each after the tables it refers to (the circular references aside)."""
