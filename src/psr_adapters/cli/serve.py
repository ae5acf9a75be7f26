"""``psr serve``, ``psr token`` and ``psr feed``: the HTTP API and who may use it
(docs/how-to/http-api.md).

The settings are built here, at the entry point, from the environment and the options
(:meth:`~psr_adapters.http.Settings.from_environment`), and passed to the application factory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import click

from .common import reports_errors
from .db import db_option

if TYPE_CHECKING:
    from ..sql.access import Access, Listed

# The token scopes, spelled as psr_adapters.sql.access.Scope spells them (that module needs the sql extra).
SCOPES = ("read", "write")


@contextmanager
def _access(database: str | None) -> Iterator[Access]:
    from ..extras import require_extra

    require_extra("sql", "managing tokens and feeds")
    from ..sql import create_database_engine, database_url
    from ..sql.access import Access
    from ..sql.engine import require_existing_file

    engine = create_database_engine(database_url(database))
    try:
        require_existing_file(engine)
        yield Access(engine)
    finally:
        engine.dispose()


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@click.option(
    "--base-url", metavar="URL", help="The public address of this server, for feed URLs [$PSR_BASE_URL]."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes serving requests; each sees the others' writes on its next request.",
)
@click.option(
    "--idle-seconds",
    default=5,
    show_default=True,
    type=click.IntRange(1, 3600),
    help="Close a connection that sends no request within this time.",
)
@click.option("--docs/--no-docs", default=None, help="Serve /docs and /redoc (they load scripts from a CDN).")
@reports_errors
def serve(
    database: str | None,
    host: str,
    port: int,
    base_url: str | None,
    workers: int,
    idle_seconds: int,
    docs: bool | None,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json) on the history in --db."""
    from ..extras import require_extra

    require_extra("http", "psr serve")
    import uvicorn

    from ..http import Settings, create_app
    from ..http.server import GuardedH11Protocol, log_config

    settings = Settings.from_environment(os.environ, database=database, base_url=base_url, docs=docs)
    options: dict[str, object] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "log_config": log_config(),
        "proxy_headers": False,
        "http": GuardedH11Protocol,
        "timeout_keep_alive": idle_seconds,
    }
    if workers == 1:
        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
        return
    create_app(settings).state.store.close()  # a bad --db is refused here, before any worker starts
    os.environ.update(settings.to_environment())
    uvicorn.run(
        "psr_adapters.http.server:application",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )


@click.group("token")
def token() -> None:
    """API tokens: read for host applications, write for the programme office."""


@token.command("create")
@click.option("--scope", type=click.Choice(SCOPES), required=True, help="What it may do.")
@click.option("--label", help="A note saying who the token is for.")
@click.option(
    "--expires-in-days",
    type=click.IntRange(1, 36_500),
    help="The token stops working this many days from now (default: never).",
)
@db_option
@reports_errors
def token_create(scope: str, label: str | None, expires_in_days: int | None, database: str | None) -> None:
    """Make a token; it is printed once, alone on the last line, and only its digest is stored."""
    expires = None
    if expires_in_days is not None:
        expires = datetime.now(UTC).replace(tzinfo=None, microsecond=0) + timedelta(days=expires_in_days)
    with _access(database) as access:
        from ..sql.access import Scope

        issued = access.create_token(Scope(scope), label, expires=expires)
    until = f", expires {expires.isoformat(sep=' ')} UTC" if expires is not None else ""
    click.echo(
        f"token id {issued.id} (scope {scope}{until}); keep the token below secret, it is not shown again:"
    )
    click.echo(issued.secret)


def _when(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="seconds") if moment is not None else "-"


def _listing(rows: list[Listed], heading: str) -> None:
    """One line a token or feed: its id, what it is, when made, last used, expires, revoked (UTC)."""
    click.echo(f"{'id':<16}  {heading:<32}  {'created':<19}  {'last used':<19}  {'expires':<19}  revoked")
    for row in rows:
        click.echo(
            f"{row.id:<16}  {row.what:<32}  {_when(row.created):<19}  {_when(row.last_used):<19}  "
            f"{_when(row.expires):<19}  {_when(row.revoked)}"
        )


@token.command("list")
@db_option
@reports_errors
def token_list(database: str | None) -> None:
    """List the tokens (never their secrets): id, scope, created, last used, expires, revoked (UTC)."""
    with _access(database) as access:
        _listing(access.tokens(), "scope (label)")


@token.command("revoke")
@click.argument("token_or_id")
@db_option
@reports_errors
def token_revoke(token_or_id: str, database: str | None) -> None:
    """Revoke a token, given by itself or by its id; requests with it are refused from now on."""
    with _access(database) as access:
        found = access.revoke_token(token_or_id)
    click.echo(f"token {found} revoked")


@click.group("feed")
def feed() -> None:
    """Private calendar subscriptions of a person, a group or a partnership."""


@feed.command("create")
@click.option("--person", metavar="ID", help="The person whose meetings the calendar shows.")
@click.option("--group", metavar="ID", help="The group whose meetings the calendar shows.")
@click.option(
    "--partnership", metavar="ID", help="The partnership whose groups' meetings the calendar shows."
)
@click.option("--base-url", metavar="URL", help="The server's public address [$PSR_BASE_URL].")
@db_option
@reports_errors
def feed_create(
    person: str | None,
    group: str | None,
    partnership: str | None,
    base_url: str | None,
    database: str | None,
) -> None:
    """Make a subscription URL (printed alone on the last line) carrying an unguessable token."""
    given = {"person": person, "group": group, "partnership": partnership}
    chosen = [(kind, value) for kind, value in given.items() if value is not None]
    if len(chosen) != 1:
        raise click.UsageError("give --person ID, --group ID or --partnership ID (one of them)")
    kind, wanted = chosen[0]
    from ..extras import require_extra

    require_extra("http", "psr feed create")
    from ..http import Settings
    from ..sql import load_history

    history = load_history(database)
    known = {
        "person": {p.id for p in history.people},
        "group": {g.id for g in history.groups},
        "partnership": {p.id for p in history.partnerships},
    }
    if wanted not in known[kind]:
        raise click.BadParameter(f"no {kind} has the id {wanted!r} in the database", param_hint=f"--{kind}")
    settings = Settings.from_environment(os.environ, database=database, base_url=base_url)
    with _access(database) as access:
        issued = access.create_feed(person=person, group=group, partnership=partnership)
    click.echo(
        f"feed id {issued.id}; anyone with this URL can read the calendar (revoke it with psr feed revoke):"
    )
    click.echo(settings.feed_url(issued.secret))


@feed.command("list")
@db_option
@reports_errors
def feed_list(database: str | None) -> None:
    """List the calendar feeds (never their URLs): id, whose calendar, created, last used, revoked (UTC)."""
    with _access(database) as access:
        _listing(access.feeds(), "calendar of")


@feed.command("revoke")
@click.argument("feed")
@db_option
@reports_errors
def feed_revoke(feed: str, database: str | None) -> None:
    """Revoke a feed, given by its URL, its token or its id; it answers 410 Gone from now on."""
    secret = feed.rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics")
    with _access(database) as access:
        found = access.revoke_feed(secret)
    click.echo(f"feed {found} revoked")


__all__ = ["feed", "serve", "token"]
