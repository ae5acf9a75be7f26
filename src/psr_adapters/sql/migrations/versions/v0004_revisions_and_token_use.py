"""The history's revision (so that several servers stay current cheaply) and when tokens were last used.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

``psr_revision`` holds one row, the revision the stored history is at; ``psr_change`` what each revision
changed (see ``psr_adapters.sql.revisions``). API tokens may carry an expiry; tokens and feeds record when
they were last used. The types are written out here, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Importing the row classes puts them on ``tables.Base.metadata`` wherever the migrations are loaded,
# as 0002 does for the access tables.
from psr_adapters.sql import access, revisions  # noqa: F401

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
MOMENT = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def _options() -> dict[str, Any]:
    dialect = op.get_bind().dialect
    collation = "utf8mb4_nopad_bin" if getattr(dialect, "is_mariadb", True) else "utf8mb4_0900_bin"
    options = {"engine": "InnoDB", "charset": "utf8mb4", "collate": collation}
    return {f"{prefix}_{key}": value for prefix in ("mysql", "mariadb") for key, value in options.items()}


def upgrade() -> None:
    revision_table = op.create_table(
        "psr_revision",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psr_revision")),
        **_options(),
    )
    op.bulk_insert(revision_table, [{"id": 1, "revision": 0}])
    op.create_table(
        "psr_change",
        sa.Column("revision", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("meeting_id", ID, nullable=True),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_psr_change")),
        **_options(),
    )
    with op.batch_alter_table("psr_api_token") as batch:
        batch.add_column(sa.Column("expires", MOMENT, nullable=True))
        batch.add_column(sa.Column("last_used", MOMENT, nullable=True))
    with op.batch_alter_table("psr_feed") as batch:
        batch.add_column(sa.Column("last_used", MOMENT, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("psr_feed") as batch:
        batch.drop_column("last_used")
    with op.batch_alter_table("psr_api_token") as batch:
        batch.drop_column("last_used")
        batch.drop_column("expires")
    op.drop_table("psr_change")
    op.drop_table("psr_revision")
