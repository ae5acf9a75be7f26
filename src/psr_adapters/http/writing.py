"""Recording a partnership's business through the API (write scope), one transaction each through
:class:`~psr_adapters.sql.Recorder`, with its optimistic version checks.

Adding a record that exists, or changing one from a version another writer has moved on from, is 409;
nothing is overwritten. A body that breaks the dataset rules is 422 with the path of each bad field; a
record named in the path or body that does not exist is 404.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from psr_core import PsrError

from ..dataset import attendance_document, meeting_document
from ..errors import Problem
from .bodies import (
    ATTENDANCE_SCHEMA,
    DECISION_SCHEMA,
    DECLARATION_SCHEMA,
    ITEM_SCHEMA,
    MEETING_SCHEMA,
    attendance_from,
    decision_from,
    declaration_from,
    item_from,
    meeting_from,
)
from .ids import PathId
from .problems import ProblemError, responses
from .security import WRITE, store_of
from .store import Store

T = TypeVar("T")
router = APIRouter(
    prefix="/v1", dependencies=[WRITE], responses=responses(400, 401, 403, 404, 408, 409, 413, 415, 422, 503)
)


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def read_json(request: Request) -> Any:
    """The request's JSON body: at most ``max_body_bytes`` (else 413), arrived within ``body_seconds``
    (else 408), JSON (else 415 or 400) with each key once in an object (else 422)."""
    limit = store_of(request).settings.max_body_bytes
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise ProblemError(415, "send the body as JSON, with Content-Type: application/json")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ProblemError(413, f"the request body is larger than the limit of {limit} bytes")
    received = bytearray()
    seconds = store_of(request).settings.body_seconds
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                received.extend(chunk)
                if len(received) > limit:
                    raise ProblemError(413, f"the request body is larger than the limit of {limit} bytes")
    except TimeoutError:
        raise ProblemError(408, f"the request body did not arrive within {seconds:g} seconds") from None
    try:
        return json.loads(received, object_pairs_hook=_unique)
    except DuplicateKeyError as error:
        raise ProblemError(422, "the request body is invalid", [Problem(error.path, str(error))]) from None
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ProblemError(400, f"the request body is not valid JSON ({error})") from None


class DuplicateKeyError(ValueError):
    """A JSON object naming a key twice: refused, as a dataset file naming one twice is."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} is given twice in one object")
        self.path = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKeyError(key)
        found[key] = value
    return found


def location(*parts: str) -> str:
    """A path under ``/v1`` with each id percent-encoded, so that any id makes a valid header value."""
    return "/v1/" + "/".join(quote(part, safe="") for part in parts)


async def _run(request: Request, work: Callable[[Store], T]) -> T:
    store = store_of(request)
    try:
        return await run_in_threadpool(work, store)
    except PsrError:
        raise
    except ValueError as error:  # an id in the path that the core refuses (blank, or only spaces)
        raise ProblemError(422, "the request is invalid", [Problem("path", str(error))]) from None
    finally:
        store.changed()


def _valid(make: Callable[[], T]) -> T:
    """A value the core refuses (``ValueError`` from a validator) is a 422 like any other bad body."""
    try:
        return make()
    except ValueError as error:
        raise ProblemError(422, "the request body is invalid", [Problem("", str(error))]) from None


def _links(**links: tuple[str, dict[str, str]]) -> dict[str, Any]:
    """OpenAPI links from an answer to the operations it makes possible (:rfc:`8631` in spirit): a
    client, or a stateful test, follows them with the ids the answer carries."""
    return {
        name: {"operationId": operation, "parameters": parameters}
        for name, (operation, parameters) in links.items()
    }


_MEETING = "$response.body#/meeting/id"


@router.post(
    "/meetings",
    status_code=201,
    openapi_extra=_body(MEETING_SCHEMA),
    summary="Record a meeting",
    operation_id="add_meeting",
    responses={
        201: {
            "description": "Recorded",
            "links": _links(
                ReadMeeting=("read_meeting", {"record_id": _MEETING}),
                RecordAttendance=("record_attendance", {"meeting_id": _MEETING}),
                AddItem=("add_item", {"meeting_id": _MEETING}),
            ),
        }
    },
)
async def add_meeting(request: Request, response: Response) -> dict[str, Any]:
    body = await read_json(request)
    store = store_of(request)
    zone = await run_in_threadpool(_zone_of, store, body)
    meeting = _valid(lambda: meeting_from(body, zone))
    # Everything the answer needs is made before the write: nothing can fail once it is committed.
    document = meeting_document(meeting)
    response.headers["Location"] = location("meetings", meeting.id)
    recorded = await _run(request, lambda s: s.recorder.add_meeting(meeting))
    return {"meeting": document, "version": recorded.version}


def _zone_of(store: Store, body: Any) -> str:
    """The time zone of the partnership of the meeting's first group (for a start given with an offset)."""
    groups = body.get("groups") if isinstance(body, dict) else None
    if isinstance(groups, list) and groups and isinstance(groups[0], str):
        _generation, history = store.history()
        partnership = next((g.partnership for g in history.groups if g.id == groups[0]), None)
        zone = next((p.timezone for p in history.partnerships if p.id == partnership), None)
        if zone is not None:
            return zone
    return "UTC"


@router.post(
    "/meetings/{meeting_id}/attendance",
    status_code=201,
    openapi_extra=_body(ATTENDANCE_SCHEMA),
    summary="Record a person's attendance (201), or change it from the version read (200)",
    operation_id="record_attendance",
    responses={
        200: {"description": "Changed"},
        201: {
            "description": "Recorded",
            "links": _links(
                ReadAttendance=(
                    "read_attendance",
                    {"meeting_id": "$response.body#/meeting", "person_id": "$response.body#/person"},
                )
            ),
        },
    },
)
async def record_attendance(request: Request, response: Response, meeting_id: PathId) -> dict[str, Any]:
    body = await read_json(request)
    entry, version = _valid(lambda: attendance_from(body))
    document = attendance_document(entry)
    recorded = await _run(request, lambda s: s.recorder.record_attendance(meeting_id, entry, version=version))
    if version is not None:
        response.status_code = 200
    return {"meeting": meeting_id, "person": entry.person, "entry": document, "version": recorded.version}


@router.post(
    "/meetings/{meeting_id}/items",
    status_code=201,
    openapi_extra=_body(ITEM_SCHEMA),
    summary="Record an agenda item, with any declarations and decision",
    operation_id="add_item",
    responses={
        201: {
            "description": "Recorded",
            "links": _links(
                **{
                    name: (
                        operation,
                        {"meeting_id": "$response.body#/meeting", "item_id": "$response.body#/item/id"},
                    )
                    for name, operation in (
                        ("ReadItem", "read_item"),
                        ("RecordDeclaration", "record_declaration"),
                        ("RecordDecision", "record_decision"),
                    )
                }
            ),
        }
    },
)
async def add_item(request: Request, response: Response, meeting_id: PathId) -> dict[str, Any]:
    body = await read_json(request)
    item = _valid(lambda: item_from(body))
    response.headers["Location"] = location("meetings", meeting_id, "items", item.id)
    recorded = await _run(request, lambda s: s.recorder.add_item(meeting_id, item))
    return {"meeting": meeting_id, "item": body, "version": recorded.version}


@router.post(
    "/meetings/{meeting_id}/items/{item_id}/declarations",
    status_code=201,
    openapi_extra=_body(DECLARATION_SCHEMA),
    summary="Record a declaration of interest in an item (clause 1.7.6)",
    operation_id="record_declaration",
)
async def record_declaration(request: Request, meeting_id: PathId, item_id: PathId) -> dict[str, Any]:
    body = await read_json(request)
    declaration = _valid(lambda: declaration_from(body))
    await _run(request, lambda s: s.recorder.record_declaration(meeting_id, item_id, declaration))
    return {"meeting": meeting_id, "item": item_id, "declaration": body}


@router.put(
    "/meetings/{meeting_id}/items/{item_id}/decision",
    status_code=201,
    openapi_extra=_body(DECISION_SCHEMA),
    summary="Record how an item was decided (201), or replace the decision from the version read (200)",
    operation_id="record_decision",
    responses={200: {"description": "Changed"}},
)
async def record_decision(
    request: Request, response: Response, meeting_id: PathId, item_id: PathId
) -> dict[str, Any]:
    body = await read_json(request)
    decision, version = _valid(lambda: decision_from(body))
    recorded = await _run(
        request, lambda s: s.recorder.record_decision(meeting_id, item_id, decision, version=version)
    )
    if version is not None:
        response.status_code = 200
    return {"meeting": meeting_id, "item": item_id, "version": recorded.version}
