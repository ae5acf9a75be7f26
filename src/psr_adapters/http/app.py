"""The application factory: ``create_app(settings)`` builds the API around one database.

Nothing is read from the environment here; :mod:`psr_adapters.cli.serve` builds the settings at start-up
and passes them in (STYLE 14). The OpenAPI document is at ``/openapi.json``; its interactive pages at
``/docs`` and ``/redoc`` load scripts from a public CDN, so they are served only when ``settings.docs``
is set.

Every answer carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` (a feed's URL
is its credential: a calendar program following a link must not pass it on) and ``Cache-Control:
private`` unless the route set its own (the answers are for one token holder, never for a shared cache).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from sqlalchemy import Engine
from starlette.middleware.base import RequestResponseEndpoint

from . import calendars, casework, problems, reading, writing
from .settings import Settings
from .store import Store

OPENAPI_PATH = "/openapi.json"


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The API for ``settings.database`` (or ``engine``, which the caller keeps and disposes of)."""
    store = Store(settings, engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="psr",
        summary="A partnership's terms of reference as executable rules, over HTTP",
        version="1",
        openapi_url=OPENAPI_PATH,
        docs_url="/docs" if settings.docs else None,
        redoc_url="/redoc" if settings.docs else None,
        lifespan=lifespan,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "private")
        return response

    app.state.store = store
    app.state.settings = settings
    problems.install(app)
    app.include_router(reading.router)
    app.include_router(writing.router)
    app.include_router(casework.router)
    app.include_router(calendars.router)
    _document_page_limit(app, settings.max_page_size)
    return app


def _document_page_limit(app: FastAPI, maximum: int) -> None:
    """Say in the OpenAPI document that ``limit`` is at most this server's ``max_page_size``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    for parameter in operation.get("parameters", []):
                        if parameter.get("in") == "query" and parameter.get("name") == "limit":
                            _limit(parameter["schema"], maximum)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _limit(schema: dict[str, Any], maximum: int) -> None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            option["maximum"] = maximum
