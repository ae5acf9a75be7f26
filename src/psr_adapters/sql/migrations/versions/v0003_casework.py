"""Casework: the responses to findings, and what the minutes now record besides (psr/1).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Adds the table ``psr_response`` (what the partnership did about a finding, appended and never changed),
a declaration's ``took_part`` (clause 1.7.6: "leave the room and/or take no part in the discussions"),
who accepted an exceptional reason for missing a meeting and when (clause 1.7.3, the chair's discretion),
and the address of a meeting's papers. Every new column may be empty, so existing rows need no value.
The types are written out here, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
TEXT = sa.Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
WORD = sa.String(32)
ACTIONS = (
    "acknowledged",
    "explanation-requested",
    "explanation-received",
    "resignation-confirmed",
    "resolved",
    "waived",
    "reopened",
)
ACCEPTED_BY = "exceptional_accepted_by_id"
ACCEPTED_BY_KEY = "fk_psr_attendance_exceptional_accepted_by_id_psr_person"
ACCEPTED_BY_INDEX = "ix_psr_attendance_exceptional_accepted_by_id"


def _options() -> dict[str, Any]:
    dialect = op.get_bind().dialect
    collation = "utf8mb4_nopad_bin" if getattr(dialect, "is_mariadb", True) else "utf8mb4_0900_bin"
    options = {"engine": "InnoDB", "charset": "utf8mb4", "collate": collation}
    return {f"{prefix}_{key}": value for prefix in ("mysql", "mariadb") for key, value in options.items()}


def upgrade() -> None:
    op.add_column("psr_meeting", sa.Column("url", TEXT, nullable=True))
    op.add_column("psr_declaration", sa.Column("took_part", sa.Boolean(), nullable=True))
    # SQLite cannot add a foreign key to a table in place: batch mode copies the table there.
    with op.batch_alter_table("psr_attendance") as batch:
        batch.add_column(sa.Column(ACCEPTED_BY, ID, nullable=True))
        batch.add_column(sa.Column("exceptional_accepted_on", sa.Date(), nullable=True))
        batch.create_foreign_key(op.f(ACCEPTED_BY_KEY), "psr_person", [ACCEPTED_BY], ["id"])
        batch.create_index(op.f(ACCEPTED_BY_INDEX), [ACCEPTED_BY], unique=False)
    op.create_table(
        "psr_response",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("finding", ID, nullable=False),
        sa.Column("action", WORD, nullable=False),
        sa.Column("by_id", ID, nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("note", TEXT, nullable=True),
        sa.CheckConstraint(
            "action IN ({})".format(", ".join(f"'{action}'" for action in ACTIONS)),
            name=op.f("ck_psr_response_action"),
        ),
        sa.ForeignKeyConstraint(["by_id"], ["psr_person.id"], name=op.f("fk_psr_response_by_id_psr_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psr_response")),
        **_options(),
    )
    op.create_index(op.f("ix_psr_response_by_id"), "psr_response", ["by_id"], unique=False)
    op.create_index(op.f("ix_psr_response_finding"), "psr_response", ["finding"], unique=False)


def downgrade() -> None:
    op.drop_table("psr_response")  # its indexes with it (MariaDB keeps a foreign key's index till then)
    with op.batch_alter_table("psr_attendance") as batch:
        batch.drop_constraint(op.f(ACCEPTED_BY_KEY), type_="foreignkey")
        batch.drop_index(op.f(ACCEPTED_BY_INDEX))
        batch.drop_column("exceptional_accepted_on")
        batch.drop_column(ACCEPTED_BY)
    # Not in batch mode: on SQLite that copies the table, and dropping the old psr_meeting would take its
    # groups and attendance with it (ON DELETE CASCADE). SQLite drops a plain column in place.
    op.drop_column("psr_declaration", "took_part")
    op.drop_column("psr_meeting", "url")
