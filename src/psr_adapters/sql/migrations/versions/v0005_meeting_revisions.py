"""When each meeting's time, place or status last changed, and how many times it has; partnership feeds.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

``psr_meeting.sequence`` counts the changes of a meeting's time, place or status and ``psr_meeting.revised``
holds when (UTC) the last one was made, so that served calendars raise SEQUENCE and carry DTSTAMP and
LAST-MODIFIED from it (see docs/how-to/subscribe-to-meeting-calendars.md). A meeting stored before this
revision starts from ``version - 1``, the SEQUENCE served until now, so that no served SEQUENCE goes down.

``psr_feed.partnership_id``: a feed may be the calendar of a whole partnership (every meeting of its groups),
so a feed names exactly one of a person, a group and a partnership.
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

ID = sa.String(200)
SUBJECT = " + ".join(
    f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
    for column in ("person_id", "group_id", "partnership_id")
)
MOMENT = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def upgrade() -> None:
    # Added and dropped in place (SQLite can): batch mode would copy psr_meeting, and dropping the old copy
    # would take its groups, attendance and items with it (their foreign keys cascade).
    op.add_column("psr_meeting", sa.Column("sequence", sa.Integer(), server_default="0", nullable=False))
    op.add_column("psr_meeting", sa.Column("revised", MOMENT, nullable=True))
    meeting = sa.table("psr_meeting", sa.column("version", sa.Integer()), sa.column("sequence", sa.Integer()))
    op.execute(meeting.update().where(meeting.c.version > 1).values(sequence=meeting.c.version - 1))
    with op.batch_alter_table("psr_feed") as batch:
        batch.add_column(sa.Column("partnership_id", ID, nullable=True))
        batch.drop_constraint(op.f("ck_psr_feed_person_or_group"), type_="check")
        batch.create_check_constraint(op.f("ck_psr_feed_one_subject"), sa.text(f"{SUBJECT} = 1"))


def downgrade() -> None:
    feed = sa.table("psr_feed", sa.column("partnership_id", ID))
    op.execute(feed.delete().where(feed.c.partnership_id.is_not(None)))
    with op.batch_alter_table("psr_feed") as batch:
        batch.drop_constraint(op.f("ck_psr_feed_one_subject"), type_="check")
        batch.drop_column("partnership_id")
        batch.create_check_constraint(
            op.f("ck_psr_feed_person_or_group"), sa.text("(person_id IS NULL) <> (group_id IS NULL)")
        )
    op.drop_column("psr_meeting", "revised")
    op.drop_column("psr_meeting", "sequence")
