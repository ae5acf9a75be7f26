"""Who is asking: a bearer API token, and the scope a route needs (read, or write for the programme office).

No token, or one that is unknown or revoked: 401 with ``WWW-Authenticate: Bearer``. A read token on a
route that writes: 403. Calendar feeds carry their own token in the URL instead (:mod:`.calendars`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from ..sql.access import Scope
from .problems import ProblemError
from .store import SEEN, Store

bearer = HTTPBearer(auto_error=False, scheme_name="token", description="psr token create --scope read|write")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def requires(scope: Scope) -> Callable[..., Awaitable[Scope]]:
    """A dependency that admits a request whose token has ``scope`` (a write token may also read)."""

    async def check(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    ) -> Scope:
        challenge = {"WWW-Authenticate": 'Bearer realm="psr"'}
        if credentials is None:
            raise ProblemError(
                401, "this API needs a token: send `Authorization: Bearer TOKEN`", headers=challenge
            )
        found, revision = await run_in_threadpool(store_of(request).access.check, credentials.credentials)
        # Set here, in the request's own context, so that the route (run in a worker thread with a copy of
        # it) finds the revision read with the token and asks the database nothing more when it is held.
        SEEN.set(revision)
        if found is None:
            raise ProblemError(401, "the token is not known or has been revoked", headers=challenge)
        if not found.allows(scope):
            raise ProblemError(
                403, f"this needs a token with the {scope.value} scope; yours has {found.value}"
            )
        return found

    return check


READ = Depends(requires(Scope.READ))
WRITE = Depends(requires(Scope.WRITE))
