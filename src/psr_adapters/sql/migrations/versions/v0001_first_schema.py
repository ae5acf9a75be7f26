"""The first schema: every record of a psr/1 history (docs/reference/dataset-format.md).

Revision ID: 0001
Revises:
Create Date: 2026-11-23

The types are written out here rather than imported from ``tables.py``: a migration records the schema as
it was when it was written, whatever the row classes become later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
TEXT = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
MOMENT = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
WORD = sa.String(32)


def _options() -> dict[str, Any]:
    """InnoDB, utf8mb4, and ids compared byte for byte with no padding, on MariaDB (or MySQL 8)."""
    dialect = op.get_bind().dialect
    collation = "utf8mb4_nopad_bin" if getattr(dialect, "is_mariadb", True) else "utf8mb4_0900_bin"
    options = {"engine": "InnoDB", "charset": "utf8mb4", "collate": collation}
    # A mariadb:// URL reads the mariadb_ options, a mysql:// URL the mysql_ ones.
    return {f"{prefix}_{key}": value for prefix in ("mysql", "mariadb") for key, value in options.items()}


def _one_of(column: str, words: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{word}'" for word in words)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=column)


def _id(name: str, refers_to: str | None = None, **kwargs: Any) -> sa.Column[Any]:
    if refers_to is None:
        return sa.Column(name, ID, **kwargs)
    return sa.Column(name, ID, sa.ForeignKey(refers_to), **kwargs)


def _table(name: str, *parts: Any) -> None:
    """Create ``name`` from ``parts``, naming its checks and primary key as ``tables.NAMING`` does."""
    resolved = [
        sa.CheckConstraint(part.sqltext, name=op.f(f"ck_{name}_{part.name}"))
        if isinstance(part, sa.CheckConstraint)
        else part
        for part in parts
    ]
    op.create_table(
        name, *resolved, sa.PrimaryKeyConstraint(*_primary(parts), name=op.f(f"pk_{name}")), **_options()
    )


def _primary(parts: Sequence[Any]) -> list[str]:
    return [part.name for part in parts if isinstance(part, sa.Column) and part.primary_key]


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def _fk(table: str, columns: list[str], referred: str, referred_columns: list[str], **kwargs: Any) -> Any:
    return sa.ForeignKeyConstraint(
        columns,
        [f"{referred}.{column}" for column in referred_columns],
        name=op.f(f"fk_{table}_{columns[0]}_{referred}"),
        **kwargs,
    )


def upgrade() -> None:
    # psr_partnership and psr_organisation refer to each other, and so do psr_organisation and psr_person:
    # those two constraints are added once the three tables exist (SQLite, which cannot add a constraint
    # later, takes them inline: it resolves references when rows are written).
    _table(
        "psr_partnership",
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("policy", TEXT, nullable=False),
        sa.Column("timezone", TEXT, nullable=False),
        sa.Column("started", sa.Date(), nullable=False),
        sa.Column("district_council_id", ID, nullable=True),
        _fk("psr_partnership", ["district_council_id"], "psr_organisation", ["id"], use_alter=True),
    )
    _index("psr_partnership", "district_council_id")
    _table(
        "psr_organisation",
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("partnership_id", ID, nullable=False),
        sa.Column("status", WORD, nullable=False),
        sa.Column("joined", sa.Date(), nullable=True),
        sa.Column("agreed_by_chair_id", ID, nullable=True),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("inducted_on", sa.Date(), nullable=True),
        _one_of("status", ["full", "affiliated", "associate", "co-opted"]),
        _fk("psr_organisation", ["partnership_id"], "psr_partnership", ["id"]),
        _fk("psr_organisation", ["agreed_by_chair_id"], "psr_person", ["id"], use_alter=True),
    )
    _index("psr_organisation", "agreed_by_chair_id")
    _index("psr_organisation", "partnership_id")
    _table(
        "psr_person",
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("organisation_id", ID, nullable=True),
        sa.Column("advocate", WORD, nullable=True),
        _one_of("advocate", ["business", "community", "third-sector"]),
        _fk("psr_person", ["organisation_id"], "psr_organisation", ["id"]),
    )
    _index("psr_person", "organisation_id")
    if op.get_bind().dialect.supports_alter:
        op.create_foreign_key(
            op.f("fk_psr_partnership_district_council_id_psr_organisation"),
            "psr_partnership",
            "psr_organisation",
            ["district_council_id"],
            ["id"],
        )
        op.create_foreign_key(
            op.f("fk_psr_organisation_agreed_by_chair_id_psr_person"),
            "psr_organisation",
            "psr_person",
            ["agreed_by_chair_id"],
            ["id"],
        )
    _table(
        "psr_person_office",
        sa.Column("person_id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("office", TEXT, nullable=False),
        _fk("psr_person_office", ["person_id"], "psr_person", ["id"], ondelete="CASCADE"),
    )
    _table(
        "psr_group",
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("partnership_id", ID, nullable=False),
        sa.Column("tier", WORD, nullable=False),
        sa.Column("chair_id", ID, nullable=True),
        sa.Column("name", TEXT, nullable=True),
        _one_of("tier", ["board", "executive", "implementation"]),
        _fk("psr_group", ["chair_id"], "psr_person", ["id"]),
        _fk("psr_group", ["partnership_id"], "psr_partnership", ["id"]),
    )
    _index("psr_group", "chair_id")
    _index("psr_group", "partnership_id")
    _table(
        "psr_membership",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("group_id", ID, nullable=False),
        sa.Column("role", WORD, nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("organisation_id", ID, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _one_of(
            "role",
            [
                "chief-officer",
                "operational-manager",
                "accountable-representative",
                "advocate",
                "independent-chair",
            ],
        ),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),
        _fk("psr_membership", ["group_id"], "psr_group", ["id"]),
        _fk("psr_membership", ["organisation_id"], "psr_organisation", ["id"]),
        _fk("psr_membership", ["person_id"], "psr_person", ["id"]),
    )
    _index("psr_membership", "group_id")
    _index("psr_membership", "organisation_id")
    _index("psr_membership", "person_id")
    _table(
        "psr_meeting",
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_time", MOMENT, nullable=False),
        sa.Column("end_time", MOMENT, nullable=True),
        sa.Column("status", WORD, nullable=False),
        sa.Column("chair_id", ID, nullable=True),
        sa.Column("vice_chair_id", ID, nullable=True),
        sa.Column("agenda_published", sa.Date(), nullable=True),
        sa.Column("location", TEXT, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _one_of("status", ["held", "scheduled", "cancelled"]),
        sa.CheckConstraint("end_time IS NULL OR end_time >= start_time", name="ends_after_start"),
        _fk("psr_meeting", ["chair_id"], "psr_person", ["id"]),
        _fk("psr_meeting", ["vice_chair_id"], "psr_person", ["id"]),
    )
    _index("psr_meeting", "chair_id")
    _index("psr_meeting", "vice_chair_id")
    _table(
        "psr_meeting_group",
        sa.Column("meeting_id", ID, primary_key=True),
        sa.Column("group_id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("psr_meeting_group", ["group_id"], "psr_group", ["id"]),
        _fk("psr_meeting_group", ["meeting_id"], "psr_meeting", ["id"], ondelete="CASCADE"),
    )
    _index("psr_meeting_group", "group_id")
    _table(
        "psr_attendance",
        sa.Column("meeting_id", ID, primary_key=True),
        sa.Column("person_id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", WORD, nullable=False),
        sa.Column("deputy_id", ID, nullable=True),
        sa.Column("exceptional", TEXT, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _one_of("status", ["present", "apologies", "absent", "deputy"]),
        sa.CheckConstraint("deputy_id IS NULL OR status = 'deputy'", name="deputy_needs_deputy_status"),
        _fk("psr_attendance", ["deputy_id"], "psr_person", ["id"]),
        _fk("psr_attendance", ["meeting_id"], "psr_meeting", ["id"], ondelete="CASCADE"),
        _fk("psr_attendance", ["person_id"], "psr_person", ["id"]),
    )
    _index("psr_attendance", "deputy_id")
    _index("psr_attendance", "person_id")
    _table(
        "psr_item",
        sa.Column("meeting_id", ID, primary_key=True),
        sa.Column("id", ID, primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", TEXT, nullable=True),
        sa.Column("decision", WORD, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _one_of("decision", ["consensus", "chair", "vote"]),
        _fk("psr_item", ["meeting_id"], "psr_meeting", ["id"], ondelete="CASCADE"),
    )
    _table(
        "psr_declaration",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", ID, nullable=False),
        sa.Column("item_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("interest", WORD, nullable=False),
        sa.Column("nature", TEXT, nullable=True),
        sa.Column("withdrew", sa.Boolean(), nullable=False),
        _one_of("interest", ["personal", "prejudicial"]),
        _fk(
            "psr_declaration", ["meeting_id", "item_id"], "psr_item", ["meeting_id", "id"], ondelete="CASCADE"
        ),
        _fk("psr_declaration", ["person_id"], "psr_person", ["id"]),
    )
    _index("psr_declaration", "meeting_id", "item_id")
    _index("psr_declaration", "person_id")
    _table(
        "psr_vote",
        sa.Column("meeting_id", ID, primary_key=True),
        sa.Column("item_id", ID, primary_key=True),
        sa.Column("person_id", ID, primary_key=True),
        sa.Column("side", WORD, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _one_of("side", ["for", "against", "abstain"]),
        _fk("psr_vote", ["meeting_id", "item_id"], "psr_item", ["meeting_id", "id"], ondelete="CASCADE"),
        _fk("psr_vote", ["person_id"], "psr_person", ["id"]),
    )
    _index("psr_vote", "person_id")
    _table(
        "psr_contribution",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("organisation_id", ID, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.String(64), nullable=False),
        sa.Column("kind", WORD, nullable=False),
        _one_of("kind", ["cash", "in-kind"]),
        sa.CheckConstraint("year BETWEEN 1900 AND 2999", name="year"),
        sa.CheckConstraint("amount NOT LIKE '-%'", name="amount_not_negative"),
        _fk("psr_contribution", ["organisation_id"], "psr_organisation", ["id"]),
    )
    _index("psr_contribution", "organisation_id")
    _table(
        "psr_report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("partnership_id", ID, nullable=False),
        sa.Column("kind", WORD, nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        _one_of("kind", ["scrutiny", "annual-review"]),
        _fk("psr_report", ["partnership_id"], "psr_partnership", ["id"]),
    )
    _index("psr_report", "partnership_id")


def downgrade() -> None:
    if op.get_bind().dialect.supports_alter:
        op.drop_constraint(
            op.f("fk_psr_partnership_district_council_id_psr_organisation"),
            "psr_partnership",
            type_="foreignkey",
        )
        op.drop_constraint(
            op.f("fk_psr_organisation_agreed_by_chair_id_psr_person"), "psr_organisation", type_="foreignkey"
        )
    for table in (
        "psr_report",
        "psr_contribution",
        "psr_vote",
        "psr_declaration",
        "psr_item",
        "psr_attendance",
        "psr_meeting_group",
        "psr_meeting",
        "psr_membership",
        "psr_group",
        "psr_person_office",
        "psr_person",
        "psr_organisation",
        "psr_partnership",
    ):
        op.drop_table(table)
