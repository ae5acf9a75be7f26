"""Who may use the HTTP API: API tokens with a scope, and private calendar feeds.

A token is shown once, when it is made, and never stored: the database keeps its SHA-256 digest, and a
presented token is digested and compared in constant time. Tokens carry 256 bits from :mod:`secrets`, so
a plain digest (no salt, no stretching) is enough: there is nothing to guess.

The rows live on the same :class:`~psr_adapters.sql.tables.Base` metadata as the history's tables, so the
"models and migrations agree" check covers them; revision ``0002`` creates them. They hold no foreign key
to a person or group: ``psr db import --replace`` may replace the history under a feed, and a feed whose
person or group has gone serves an empty calendar's 404 instead of blocking the import.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import attrs
from sqlalchemy import CheckConstraint, Engine, Select, String, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from .engine import SQLITE_BUSY_SECONDS, connected, name_of, reading, translated
from .errors import RecordNotFoundError, StorageError
from .migrations import require_current
from .revisions import RevisionRow
from .tables import MARIADB_OPTIONS, Base, Id, Moment, Word, one_of

USE_RECORDED_EVERY = timedelta(minutes=1)
"""How often a token's or feed's ``last_used`` is written: a read that used it writes at most this often,
so that checking a token is a read and not, at every request, a write."""

TOKEN_PREFIX = "psr_"
FEED_PREFIX = "psrf_"
DIGEST_LENGTH = 64


class Scope(StrEnum):
    """What a token may do: ``read`` everything, or also ``write`` (the programme office)."""

    READ = "read"
    WRITE = "write"

    def allows(self, needed: Scope) -> bool:
        return self is Scope.WRITE or needed is Scope.READ


class ApiTokenRow(Base):
    __tablename__ = "psr_api_token"
    __table_args__ = (one_of("scope", Scope), MARIADB_OPTIONS)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), unique=True, index=True)
    scope: Mapped[str] = mapped_column(Word)
    label: Mapped[str | None] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(Moment)
    revoked: Mapped[datetime | None] = mapped_column(Moment)
    expires: Mapped[datetime | None] = mapped_column(Moment)
    last_used: Mapped[datetime | None] = mapped_column(Moment)


class FeedRow(Base):
    """A private calendar subscription of one person, one group or one partnership; ``etag`` and
    ``last_modified`` are the feed's last published state, kept so that Last-Modified never moves backwards."""

    __tablename__ = "psr_feed"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
                for column in ("person_id", "group_id", "partnership_id")
            )
            + " = 1",
            name="one_subject",
        ),
        MARIADB_OPTIONS,
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    digest: Mapped[str] = mapped_column(String(DIGEST_LENGTH), unique=True, index=True)
    person_id: Mapped[str | None] = mapped_column(Id)
    group_id: Mapped[str | None] = mapped_column(Id)
    created: Mapped[datetime] = mapped_column(Moment)
    revoked: Mapped[datetime | None] = mapped_column(Moment)
    etag: Mapped[str | None] = mapped_column(String(DIGEST_LENGTH + 2))
    last_modified: Mapped[datetime | None] = mapped_column(Moment)
    last_used: Mapped[datetime | None] = mapped_column(Moment)
    partnership_id: Mapped[str | None] = mapped_column(Id)


@attrs.frozen
class Issued:
    """A token as made: ``secret`` is shown to the user once; ``id`` names it for revoking."""

    id: str
    secret: str


@attrs.frozen
class Listed:
    """A token or feed as ``psr token list`` and ``psr feed list`` show it: never its secret."""

    id: str
    what: str
    """A token's scope (and label), or whose calendar a feed is (``person gary-hall``, ``group exec``)."""
    created: datetime
    last_used: datetime | None
    expires: datetime | None
    revoked: datetime | None


@attrs.frozen
class Feed:
    id: str
    person: str | None
    group: str | None
    revoked: bool
    etag: str | None
    last_modified: datetime | None
    last_used: datetime | None = None
    partnership: str | None = None


def _subject(row: Any) -> str:
    """Whose calendar a feed is: ``person gary-hall``, ``group exec``, ``partnership chorley-psr``."""
    if row.person_id is not None:
        return f"person {row.person_id}"
    if row.group_id is not None:
        return f"group {row.group_id}"
    return f"partnership {row.partnership_id}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _new(prefix: str) -> Issued:
    return Issued(secrets.token_hex(8), prefix + secrets.token_urlsafe(32))


class Access:
    """Tokens and feeds in ``engine``'s database (at the current schema)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = name_of(engine)
        self._schema_checked = False

    @contextmanager
    def _begin(self, doing: str, *, read_only: bool = False) -> Iterator[Connection]:
        with connected(self.engine) as connection, translated(self.name, doing):
            if read_only:
                reading(connection)
            with connection.begin():
                if not self._schema_checked:
                    require_current(connection, self.name)
                    self._schema_checked = True
                yield connection

    # -- API tokens -------------------------------------------------------------------------------------

    def create_token(
        self, scope: Scope, label: str | None = None, *, expires: datetime | None = None
    ) -> Issued:
        """A new token; ``expires`` (UTC, without an offset) is when it stops working, if ever."""
        issued = _new(TOKEN_PREFIX)
        with self._begin("creating an API token") as c:
            c.execute(
                insert(ApiTokenRow).values(
                    id=issued.id,
                    digest=digest(issued.secret),
                    scope=scope.value,
                    label=label,
                    created=_now(),
                    expires=expires,
                )
            )
        return issued

    def tokens(self) -> list[Listed]:
        """Every token, oldest first: id, scope and label, when made, last used, expires, revoked."""
        with self._begin("listing the API tokens", read_only=True) as c:
            rows = c.execute(select(ApiTokenRow).order_by(ApiTokenRow.created, ApiTokenRow.id)).all()
        return [
            Listed(
                r.id,
                f"{r.scope}" + (f" ({r.label})" if r.label else ""),
                r.created,
                r.last_used,
                r.expires,
                r.revoked,
            )
            for r in rows
        ]

    def feeds(self) -> list[Listed]:
        """Every calendar feed, oldest first: id, whose calendar, when made, last used, revoked."""
        with self._begin("listing the calendar feeds", read_only=True) as c:
            rows = c.execute(select(FeedRow).order_by(FeedRow.created, FeedRow.id)).all()
        return [
            Listed(
                r.id,
                _subject(r),
                r.created,
                r.last_used,
                None,
                r.revoked,
            )
            for r in rows
        ]

    def revoke_token(self, token_or_id: str) -> str:
        """Revoke a token given by its secret or its id; returns the id. Unknown: RecordNotFoundError."""
        return self._revoke(ApiTokenRow, token_or_id, "API token")

    def scope_of(self, secret: str) -> Scope | None:
        """The scope of a live token, or ``None`` for an unknown or revoked one."""
        return self.check(secret)[0]

    def check(self, secret: str) -> tuple[Scope | None, int | None]:
        """The scope of a live token (``None`` for an unknown, revoked or expired one), and the revision
        of the stored history (:mod:`.revisions`) read in the same query, so that a server learns both in
        one round trip; ``None`` when no token has that secret. The token is read afresh each time, so a
        revocation takes effect on the next request."""
        wanted = digest(secret)
        revision = select(RevisionRow.revision).where(RevisionRow.id == 1).scalar_subquery()
        query = select(
            ApiTokenRow.id,
            ApiTokenRow.digest,
            ApiTokenRow.scope,
            ApiTokenRow.revoked,
            ApiTokenRow.expires,
            ApiTokenRow.last_used,
            revision.label("revision"),
        ).where(ApiTokenRow.digest == wanted)
        row = self._first("checking an API token", query)
        if row is None or not hmac.compare_digest(row.digest, wanted):
            return None, None
        held = 0 if row.revision is None else int(row.revision)
        now = _now()
        if row.revoked is not None or (row.expires is not None and row.expires <= now):
            return None, held
        self._used(ApiTokenRow, row.id, row.last_used, now)
        return Scope(row.scope), held

    def _used(
        self, table: type[ApiTokenRow] | type[FeedRow], key: str, last: datetime | None, now: datetime
    ) -> None:
        """Note that a token or feed was used, at most every :data:`USE_RECORDED_EVERY`."""
        if last is not None and now - last < USE_RECORDED_EVERY:
            return
        # Best effort, and never a wait: while another writer (a long import, say) holds a SQLite
        # database, the note is skipped and made at a later use.
        with connected(self.engine) as c:
            sqlite = c.dialect.name == "sqlite"
            if sqlite:
                c.connection.driver_connection.execute("PRAGMA busy_timeout = 50")  # type: ignore[union-attr]
            try:
                with c.begin():
                    c.execute(update(table).where(table.id == key).values(last_used=now))
            except SQLAlchemyError:
                pass
            finally:
                if sqlite:
                    milliseconds = int(SQLITE_BUSY_SECONDS * 1000)
                    c.connection.driver_connection.execute(f"PRAGMA busy_timeout = {milliseconds}")  # type: ignore[union-attr]

    # -- calendar feeds ---------------------------------------------------------------------------------

    def create_feed(
        self, *, person: str | None = None, group: str | None = None, partnership: str | None = None
    ) -> Issued:
        """A new feed: the calendar of one person, one group, or one partnership (every meeting of its
        groups)."""
        if sum(subject is not None for subject in (person, group, partnership)) != 1:
            raise ValueError("a feed is of one person, one group or one partnership: give exactly one")
        issued = _new(FEED_PREFIX)
        with self._begin("creating a calendar feed") as c:
            c.execute(
                insert(FeedRow).values(
                    id=issued.id,
                    digest=digest(issued.secret),
                    person_id=person,
                    group_id=group,
                    partnership_id=partnership,
                    created=_now(),
                )
            )
        return issued

    def revoke_feed(self, token_or_id: str) -> str:
        return self._revoke(FeedRow, token_or_id, "calendar feed")

    def feed(self, secret: str) -> Feed | None:
        wanted = digest(secret)
        row = self._first("reading a calendar feed", select(FeedRow).where(FeedRow.digest == wanted))
        if row is None or not hmac.compare_digest(row.digest, wanted):
            return None
        if row.revoked is None:
            self._used(FeedRow, row.id, row.last_used, _now())
        return Feed(
            row.id,
            row.person_id,
            row.group_id,
            row.revoked is not None,
            row.etag,
            row.last_modified,
            row.last_used,
            row.partnership_id,
        )

    def published(self, feed: Feed, etag: str) -> datetime:
        """Record that ``feed`` now serves the body ``etag``; the Last-Modified to send, never earlier than
        the one sent before (a clock stepping back, or two servers, cannot make it move backwards)."""
        if feed.etag == etag and feed.last_modified is not None:
            return feed.last_modified
        moment = _now()
        if feed.last_modified is not None and moment < feed.last_modified:
            moment = feed.last_modified
        with self._begin("publishing a calendar feed") as c:
            row = c.execute(select(FeedRow.etag, FeedRow.last_modified).where(FeedRow.id == feed.id)).first()
            if row is not None and row.last_modified is not None:
                stored: datetime = row.last_modified
                if row.etag == etag:
                    return stored  # another request published the same body first
                moment = max(moment, stored)
            c.execute(update(FeedRow).where(FeedRow.id == feed.id).values(etag=etag, last_modified=moment))
        return moment

    # -- helpers ----------------------------------------------------------------------------------------

    def _first(self, doing: str, query: Select[Any]) -> Any:
        """The first row of ``query``, read once more on a fresh connection if the pooled one was dropped.

        A pooled connection the database dropped (it restarted, or closed an idle one) fails its first
        query; the pool then throws its connections away and a fresh one answers. Every request to
        ``psr serve`` begins here (its token, or its feed), so a server whose engine does not test each
        connection before use (one round trip less) loses no request to a restart.
        """
        try:
            with self._begin(doing, read_only=True) as c:
                return c.execute(query).first()
        except StorageError as error:
            cause = error.__cause__
            if not (isinstance(cause, DBAPIError) and cause.connection_invalidated):
                raise
        with self._begin(doing, read_only=True) as c:
            return c.execute(query).first()

    def _revoke(self, table: type[ApiTokenRow] | type[FeedRow], token_or_id: str, kind: str) -> str:
        with self._begin(f"revoking a {kind}") as c:
            found = c.execute(
                select(table.id).where((table.id == token_or_id) | (table.digest == digest(token_or_id)))
            ).scalar()
            if found is None:
                raise RecordNotFoundError(f"{self.name}: no {kind} has that id or secret")
            c.execute(update(table).where(table.id == found, table.revoked.is_(None)).values(revoked=_now()))
        return str(found)
