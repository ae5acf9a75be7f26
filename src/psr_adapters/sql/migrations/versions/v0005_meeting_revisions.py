"""When each meeting's time, place or status last changed, and how many times it has.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

``psr_meeting.sequence`` counts the changes of a meeting's time, place or status and ``psr_meeting.revised``
holds when (UTC) the last one was made, so that served calendars raise SEQUENCE and carry DTSTAMP and
LAST-MODIFIED from it (see docs/how-to/subscribe-to-meeting-calendars.md). A meeting stored before this
revision starts from ``version - 1``, the SEQUENCE served until now, so that no served SEQUENCE goes down.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def upgrade() -> None:
    # Added and dropped in place (SQLite can): batch mode would copy psr_meeting, and dropping the old copy
    # would take its groups, attendance and items with it (their foreign keys cascade).
    op.add_column("psr_meeting", sa.Column("sequence", sa.Integer(), server_default="0", nullable=False))
    op.add_column("psr_meeting", sa.Column("revised", MOMENT, nullable=True))
    meeting = sa.table("psr_meeting", sa.column("version", sa.Integer()), sa.column("sequence", sa.Integer()))
    op.execute(meeting.update().where(meeting.c.version > 1).values(sequence=meeting.c.version - 1))


def downgrade() -> None:
    op.drop_column("psr_meeting", "revised")
    op.drop_column("psr_meeting", "sequence")
