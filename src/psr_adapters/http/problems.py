"""Errors as problem details (:rfc:`9457`): ``type``, ``title``, ``status``, ``detail``, and for a bad
request body or parameter ``errors``: each with the ``path`` of the bad field (``attendance.status``,
``query.limit``) and what is wrong with it.

psr's own errors map to status codes here and nowhere else (STYLE 6): a record that does not exist 404,
another writer got there first 409, a body or parameter that breaks the rules 422, a database that cannot
be used 503.

A problem document never names the database (its URL or file path) to the token holder who reads it: the
messages of the storage adapter begin with it, and it is taken out here; what a database that cannot be
used said goes to the server's log, and the client is told only that it cannot be used.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from psr_core import PsrError, UnknownPolicyError

from ..errors import DocumentError, Problem
from ..sql import (
    ConflictError,
    DatabaseUnavailableError,
    DatabaseURLError,
    RecordNotFoundError,
    SchemaVersionError,
    UnstorableHistoryError,
)

MEDIA_TYPE = "application/problem+json"
LOG = logging.getLogger("psr.http")

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    408: "Request timeout",
    409: "Conflict",
    410: "Gone",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid request",
    500: "Internal error",
    503: "Database unavailable",
}

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "message"],
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


class ProblemError(Exception):
    """Raised by a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: Sequence[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = tuple(errors)
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Sequence[Problem] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    if errors:
        body["errors"] = [{"path": e.path, "message": e.message} for e in errors]
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_of(error: PsrError) -> int:
    """The status code for one of psr's errors."""
    if isinstance(error, RecordNotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, UnstorableHistoryError | DocumentError | UnknownPolicyError):
        return 422
    if isinstance(error, SchemaVersionError | DatabaseUnavailableError | DatabaseURLError):
        return 503
    return 500


def _path(location: Sequence[int | str]) -> str:
    """``body.attendance.status`` from FastAPI's location of an error."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _database_names(request: Request) -> tuple[str, ...]:
    """How messages may name this application's database: its URL (without the password), its file."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        return ()
    url = store.engine.url
    names = [store.recorder.name, url.render_as_string(hide_password=True)]
    if url.get_backend_name() == "sqlite" and url.database:
        names.append(url.database)
    return tuple(sorted({n for n in names if n}, key=len, reverse=True))


def _unnamed(text: str, names: Sequence[str]) -> str:
    for name in names:
        text = text.replace(f"{name}: ", "").replace(name, "the database")
    return text


def install(app: FastAPI) -> None:
    """Answer every error the application raises with a problem document."""

    async def on_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, ProblemError)
        return problem_response(
            error.status, error.detail, instance=request.url.path, errors=error.errors, headers=error.headers
        )

    async def on_psr_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, PsrError)
        problems: Sequence[Problem] = getattr(error, "problems", ())
        detail = str(error).splitlines()[0] if problems else str(error)
        status = status_of(error)
        if status >= 500:
            LOG.warning("%s %s: %s", request.method, request.url.path, error)
            detail = "the database cannot be used at the moment; the server's log says why"
        names = _database_names(request)
        return problem_response(
            status,
            _unnamed(detail, names),
            instance=request.url.path,
            errors=[Problem(p.path, _unnamed(p.message, names)) for p in problems],
        )

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = [Problem(_path(e.get("loc", ())), str(e.get("msg", "invalid"))) for e in error.errors()]
        return problem_response(
            422, "the request's parameters break the API's rules", instance=request.url.path, errors=problems
        )

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        return problem_response(
            error.status_code, str(error.detail), instance=request.url.path, headers=dict(error.headers or {})
        )

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(PsrError, on_psr_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(StarletteHTTPException, on_http)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry for the problem documents a route may answer with."""
    return {
        status: {
            "description": TITLES.get(status, "Error"),
            "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }
