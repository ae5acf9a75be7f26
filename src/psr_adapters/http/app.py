"""The application factory: ``create_app(settings)`` builds the API around one database.

Nothing is read from the environment here; :mod:`psr_adapters.cli.serve` builds the settings at start-up
and passes them in (STYLE 14). The OpenAPI document is at ``/openapi.json``, its pages at ``/docs``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

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
        lifespan=lifespan,
    )
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
