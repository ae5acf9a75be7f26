"""``POST /v1/partnerships/{id}/findings/{finding_id}/responses``: record what the partnership did about a
finding (write scope), appended to the history and never changed (see docs/explanation/casework.md).

201 with the response and the finding as it stands after it; 404 for a partnership the history does not
hold or a finding not raised on the response's day; 422 for a body that breaks the rules (an unknown
action, a person the history does not hold, a bad date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from jsonschema import Draft202012Validator

from psr_core import Finding, History, Response, ResponseAction, match_responses

from ..casework import UnknownFindingError, UnknownPersonError, finding_answered
from ..dataset.schema import DATE, ID
from ..dataset.structure import FORMATS, path_of
from ..errors import Problem
from ..rendering.findings_json import finding_document, response_document
from ..sql.responses import append_response
from .problems import ProblemError, responses
from .security import WRITE
from .store import Store
from .writing import _body, _run, _valid, read_json

router = APIRouter(prefix="/v1", dependencies=[WRITE], responses=responses(400, 401, 403, 413, 415, 503))

RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["action", "by"],
    "additionalProperties": False,
    "properties": {
        "action": {"type": "string", "enum": [action.value for action in ResponseAction]},
        "by": {**ID, "description": "the id of the person who did it"},
        "on": {**DATE, "description": "the day it was done (YYYY-MM-DD); today when not given"},
        "note": {"type": "string", "description": "what was sent, received or decided"},
    },
}
_VALIDATOR = Draft202012Validator(RESPONSE_SCHEMA, format_checker=FORMATS)
YEARS = range(1900, 2200)
"""The years a date may fall in, as in a dataset file."""


def _response(finding_id: str, body: Any) -> Response:
    problems = [Problem(path_of(e.absolute_path), e.message) for e in _VALIDATOR.iter_errors(body)]
    if problems:
        raise ProblemError(422, "the request body is not a valid response", problems)
    on = date.fromisoformat(body["on"]) if "on" in body else date.today()
    if on.year not in YEARS:
        raise ProblemError(
            422,
            "the request body is not a valid response",
            [Problem("on", "expected a year from 1900 to 2199")],
        )
    return _valid(lambda: Response(finding_id, body["action"], body["by"], on, body.get("note") or None))


def _record(store: Store, partnership_id: str, response: Response) -> tuple[Finding, History]:
    _generation, history = store.history()
    if not any(p.id == partnership_id for p in history.partnerships):
        raise ProblemError(404, f"no partnership has the id {partnership_id!r}")
    try:
        finding = finding_answered(history, store.policies(history), response, partnership_id)
    except UnknownFindingError as error:
        raise ProblemError(404, str(error)) from None
    except UnknownPersonError as error:
        raise ProblemError(
            422, "the request body is not a valid response", [Problem("by", str(error))]
        ) from None
    append_response(store.engine, response)
    return finding, history


@router.post(
    "/partnerships/{partnership_id}/findings/{finding_id}/responses",
    status_code=201,
    openapi_extra=_body(RESPONSE_SCHEMA),
    responses={
        201: {"description": "Recorded: the response, and the finding as it stands after it"},
        **responses(404, 422),
    },
    summary="Record what the partnership did about a finding raised on the response's day",
)
async def respond(request: Request, partnership_id: str, finding_id: str) -> dict[str, Any]:
    body = await read_json(request)
    response = _response(finding_id, body)
    finding, history = await _run(request, lambda store: _record(store, partnership_id, response))
    after = match_responses([finding], [*history.responses, response], response.on)
    return {"response": response_document(response), "finding": finding_document(finding, after)}
