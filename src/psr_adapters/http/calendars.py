"""``GET /v1/calendars/{token}.ics``: a person's or a group's private calendar subscription.

The token in the URL is the credential (calendar programs cannot send headers). The feed is served as
``text/calendar; charset=utf-8`` with a strong ETag (the SHA-256 of the body) and a Last-Modified kept in
the database, so that it never moves backwards; a matching ``If-None-Match`` (or, without one, an
``If-Modified-Since`` at or after Last-Modified) is answered 304 (:rfc:`9110#section-13.1`). A revoked
feed is 410 Gone, an unknown one 404. ``HEAD`` answers with the same headers and no body
(:rfc:`9110#section-9.3.2`), so a calendar program can check a feed cheaply. Event UIDs end in
``@`` and the server's ``uid_domain`` setting.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from psr_core import PsrError

from .problems import ProblemError, responses
from .security import store_of
from .store import Store

router = APIRouter(prefix="/v1")
MEDIA_TYPE = "text/calendar; charset=utf-8"


def _matches(header: str, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` (weak comparison, as the RFC asks for this header)."""
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= since


def _feed(store: Store, secret: str) -> tuple[bytes, str, datetime]:
    feed = store.access.feed(secret)
    if feed is None:
        raise ProblemError(404, "no calendar feed has that address")
    if feed.revoked:
        raise ProblemError(410, "this calendar feed has been revoked")
    try:
        body = store.calendar(feed.person, feed.group, feed.partnership)
    except PsrError as error:  # the person or group is no longer in the history
        raise ProblemError(404, f"the calendar of this feed cannot be made: {error}") from None
    etag = f'"{hashlib.sha256(body).hexdigest()}"'
    return body, etag, store.access.published(feed, etag).replace(tzinfo=UTC)


@router.get(
    "/calendars/{token}.ics",
    summary="A private calendar subscription (the token in the URL is the credential)",
    responses={
        200: {"content": {"text/calendar": {"schema": {"type": "string"}}}, "description": "The calendar"},
        304: {"description": "Not modified"},
        **responses(404, 410, 503),
    },
    response_class=Response,
)
async def calendar(request: Request, token: str) -> Response:
    body, etag, last_modified = await run_in_threadpool(_feed, store_of(request), token)
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(last_modified, usegmt=True),
        "Cache-Control": "private, no-cache",
    }
    none_match = request.headers.get("if-none-match")
    since = request.headers.get("if-modified-since")
    if none_match is not None:
        if _matches(none_match, etag):
            return Response(status_code=304, headers=headers)
    elif since is not None and _not_modified_since(since, last_modified):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        return Response(media_type=MEDIA_TYPE, headers={**headers, "Content-Length": str(len(body))})
    return Response(body, media_type=MEDIA_TYPE, headers=headers)


@router.head(
    "/calendars/{token}.ics",
    summary="A private calendar subscription's headers, without the calendar",
    responses={
        200: {"description": "The headers of the calendar"},
        304: {"description": "Not modified"},
        **responses(404, 410, 503),
    },
    response_class=Response,
)
async def calendar_head(request: Request, token: str) -> Response:
    return await calendar(request, token)
