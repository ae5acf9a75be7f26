"""Access to the HTTP API: API tokens with a scope, and private calendar feeds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Only SHA-256 digests of the tokens are stored. The types are written out here, as in 0001.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# The row classes of these tables live in ``psr_adapters.sql.access``; importing it here puts them on
# ``tables.Base.metadata`` wherever the migrations are loaded (``psr db upgrade``, the schema checks), so
# that the metadata and the migrations describe the same tables.
from psr_adapters.sql import access  # noqa: F401

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(200)
KEY = sa.String(32)
DIGEST = sa.String(64)
MOMENT = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
WORD = sa.String(32)


def _options() -> dict[str, Any]:
    dialect = op.get_bind().dialect
    collation = "utf8mb4_nopad_bin" if getattr(dialect, "is_mariadb", True) else "utf8mb4_0900_bin"
    options = {"engine": "InnoDB", "charset": "utf8mb4", "collate": collation}
    return {f"{prefix}_{key}": value for prefix in ("mysql", "mariadb") for key, value in options.items()}


def upgrade() -> None:
    op.create_table(
        "psr_api_token",
        sa.Column("id", KEY, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("scope", WORD, nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("created", MOMENT, nullable=False),
        sa.Column("revoked", MOMENT, nullable=True),
        sa.CheckConstraint("scope IN ('read', 'write')", name=op.f("ck_psr_api_token_scope")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psr_api_token")),
        **_options(),
    )
    op.create_index(op.f("ix_psr_api_token_digest"), "psr_api_token", ["digest"], unique=True)
    op.create_table(
        "psr_feed",
        sa.Column("id", KEY, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("person_id", ID, nullable=True),
        sa.Column("group_id", ID, nullable=True),
        sa.Column("created", MOMENT, nullable=False),
        sa.Column("revoked", MOMENT, nullable=True),
        sa.Column("etag", sa.String(66), nullable=True),
        sa.Column("last_modified", MOMENT, nullable=True),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (group_id IS NULL)", name=op.f("ck_psr_feed_person_or_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psr_feed")),
        **_options(),
    )
    op.create_index(op.f("ix_psr_feed_digest"), "psr_feed", ["digest"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_psr_feed_digest"), table_name="psr_feed")
    op.drop_table("psr_feed")
    op.drop_index(op.f("ix_psr_api_token_digest"), table_name="psr_api_token")
    op.drop_table("psr_api_token")
