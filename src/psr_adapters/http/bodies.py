"""Request bodies, checked by the rules of the ``psr/1`` dataset format (docs/reference/dataset-format.md).

A body is a fragment of a dataset file: a meeting as in ``meetings[...]``, an attendance entry as in a
meeting's ``attendance``, an item, a declaration, a decision. Each is put where it belongs in a minimal
dataset document and checked by the dataset's own JSON Schema (:func:`~psr_adapters.dataset.structure.
structure_problems`), so the API accepts exactly what a dataset file may say; the problems come back with
their paths inside the body (``attendance.gary-hall.status``). What the database cannot hold (a deputy
without the status ``deputy``, a dangling reference) is then refused by the recording API's own checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jsonschema import Draft202012Validator

from psr_core import Attendance, Decision, Declaration, Item, Meeting

from ..dataset import attendance_from_document, meeting_from_document
from ..dataset.schema import ATTENDANCE_ENTRY, ID, ITEM, SCHEMA
from ..dataset.structure import FORMATS, path_of, structure_problems
from ..errors import Problem
from .problems import ProblemError

MEETING_SCHEMA: dict[str, Any] = SCHEMA["properties"]["meetings"]["items"]
VERSION_MAXIMUM = 2**31 - 1
"""The largest version a database's ``version`` column holds (a 32-bit integer on PostgreSQL)."""
VERSION_SCHEMA: dict[str, Any] = {
    "type": "integer",
    "minimum": 1,
    "maximum": VERSION_MAXIMUM,
    "description": "the version read",
}
_HOLDER = {"id": "m", "groups": ["g"], "start": "2000-01-01T00:00", "status": "held"}
_PREFIX = "meetings[0]"


_ENTRY = Draft202012Validator(ATTENDANCE_ENTRY["anyOf"][1], format_checker=FORMATS)


def _object(properties: dict[str, Any], required: list[str], **more: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties, **more}


ATTENDANCE_SCHEMA = _object(
    {
        "person": ID,
        "status": ATTENDANCE_ENTRY["anyOf"][1]["properties"]["status"],
        "deputy": ID,
        # As a dataset file writes it: the reason, or the reason with who accepted it and when.
        "exceptional": ATTENDANCE_ENTRY["anyOf"][1]["properties"]["exceptional"],
        "version": VERSION_SCHEMA,
    },
    ["person", "status"],
    additionalProperties=False,
)
ITEM_SCHEMA: dict[str, Any] = ITEM
DECLARATION_SCHEMA: dict[str, Any] = ITEM["properties"]["declarations"]["items"]
DECISION_SCHEMA: dict[str, Any] = {
    **ITEM["properties"]["decision"],
    "properties": {**ITEM["properties"]["decision"]["properties"], "version": VERSION_SCHEMA},
}


def _check(meeting: dict[str, Any], at: str) -> None:
    """Check ``meeting`` (a dataset meeting holding the body at ``at``), reporting paths inside the body."""
    problems = structure_problems({"format": "psr/1", "meetings": [meeting]})
    if problems:
        raise ProblemError(422, "the request body breaks the psr/1 dataset rules", _inside(problems, at))


def _inside(problems: Sequence[Problem], at: str) -> list[Problem]:
    prefix = f"{_PREFIX}.{at}" if at else _PREFIX
    found = []
    for problem in problems:
        path = problem.path
        if path == prefix:
            path = ""
        elif path.startswith(prefix + ".") or path.startswith(prefix + "["):
            path = path[len(prefix) :].lstrip(".")
        found.append(Problem(path, problem.message))
    return found


def _mapping(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ProblemError(422, "the request body must be a JSON object", [Problem("", "expected an object")])
    return body


def _version(body: dict[str, Any]) -> int | None:
    version = body.pop("version", None)
    if version is None:
        return None
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION_MAXIMUM:
        raise ProblemError(
            422,
            "the request body is invalid",
            [Problem("version", f"expected a whole number from 1 to {VERSION_MAXIMUM}")],
        )
    return version


def meeting_from(body: Any, timezone: str) -> Meeting:
    body = _mapping(body)
    _check(body, "")
    return meeting_from_document(body, timezone)


def attendance_from(body: Any) -> tuple[Attendance, int | None]:
    body = dict(_mapping(body))
    version = _version(body)
    person = body.pop("person", None)
    if not isinstance(person, str) or not person.strip() or person != person.lstrip():
        raise ProblemError(422, "the request body is invalid", [Problem("person", "expected a person's id")])
    # The dataset allows an entry to be a bare status or a mapping; a body is always the mapping, so its
    # problems are reported field by field against that alternative of the same schema.
    problems = [Problem(path_of(e.absolute_path), e.message) for e in _ENTRY.iter_errors(body)]
    if problems:
        raise ProblemError(422, "the request body breaks the psr/1 dataset rules", problems)
    _check({**_HOLDER, "attendance": {person: body}}, f"attendance.{person}")
    return attendance_from_document(person, body), version


def item_from(body: Any) -> Item:
    body = _mapping(body)
    if isinstance(body.get("id"), int) and not isinstance(body.get("id"), bool):
        body = {**body, "id": str(body["id"])}
    _check({**_HOLDER, "items": [body]}, "items[0]")
    return meeting_from_document({**_HOLDER, "items": [body]}, "UTC").items[0]


def declaration_from(body: Any) -> Declaration:
    body = _mapping(body)
    holder = {**_HOLDER, "items": [{"id": "i", "declarations": [body]}]}
    _check(holder, "items[0].declarations[0]")
    return meeting_from_document(holder, "UTC").items[0].declarations[0]


def decision_from(body: Any) -> tuple[Decision, int | None]:
    body = dict(_mapping(body))
    version = _version(body)
    holder = {**_HOLDER, "items": [{"id": "i", "decision": body}]}
    _check(holder, "items[0].decision")
    decision = meeting_from_document(holder, "UTC").items[0].decision
    assert decision is not None
    return decision, version
