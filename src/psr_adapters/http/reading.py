"""``GET /v1/...``: the records of the history, each as a ``psr/1`` dataset file writes it, page by page;
the findings of a partnership (the JSON of ``psr check --format json``); the policy versions."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from psr_core import (
    Evaluation,
    FindingStatus,
    History,
    UnknownPolicyError,
    built_in_policies,
    built_in_policy,
)

from ..casework import with_statuses
from ..dataset import attendance_document, meeting_document
from ..errors import Problem
from ..rendering.findings_json import evaluation_document
from ..rendering.policy_text import policy_document
from .ids import DAY_DESCRIPTION, PathId, day_in_range
from .problems import ProblemError, responses
from .security import READ, store_of
from .store import Store

router = APIRouter(prefix="/v1", dependencies=[READ], responses=responses(401, 403, 422, 503))
KINDS = {
    "partnerships": "partnership",
    "organisations": "organisation",
    "people": "person",
    "groups": "group",
    "meetings": "meeting",
}


class Page:
    """``?limit=&offset=``; ``limit`` is at most the server's ``max_page_size`` (else 422)."""

    def __init__(
        self,
        request: Request,
        limit: Annotated[int | None, Query(ge=1, description="records per page")] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> None:
        settings = store_of(request).settings
        if limit is not None and limit > settings.max_page_size:
            raise ProblemError(
                422,
                f"at most {settings.max_page_size} records are served per page",
                [Problem("query.limit", f"expected at most {settings.max_page_size}; found {limit}")],
            )
        self.limit = limit if limit is not None else settings.default_page_size
        self.offset = offset

    def of(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "items": records[self.offset : self.offset + self.limit],
            "total": len(records),
            "limit": self.limit,
            "offset": self.offset,
        }


def _records(store: Store, kind: str) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = store.document().get(kind, [])
    return listed


def _one(store: Store, kind: str, record_id: str) -> dict[str, Any]:
    for record in _records(store, kind):
        if record.get("id") == record_id:
            return record
    raise ProblemError(404, f"no {KINDS[kind]} has the id {record_id!r}")


def _lister(kind: str) -> None:
    @router.get(f"/{kind}", name=f"list {kind}", summary=f"List {kind}")
    def list_records(request: Request, page: Annotated[Page, Depends()]) -> dict[str, Any]:
        return page.of(_records(store_of(request), kind))

    @router.get(
        f"/{kind}/{{record_id}}",
        name=f"read {KINDS[kind]}",
        operation_id=f"read_{KINDS[kind]}",
        responses=responses(404),
    )
    def read_record(request: Request, record_id: PathId) -> dict[str, Any]:
        return _one(store_of(request), kind, record_id)


for _kind in KINDS:
    _lister(_kind)


@router.get("/memberships", summary="List memberships, of a person or a group if given")
def list_memberships(
    request: Request,
    page: Annotated[Page, Depends()],
    person: str | None = None,
    group: str | None = None,
) -> dict[str, Any]:
    records = [
        r
        for r in _records(store_of(request), "memberships")
        if (person is None or r["person"] == person) and (group is None or r["group"] == group)
    ]
    return page.of(records)


@router.get(
    "/memberships/{key}", responses=responses(404), summary="A membership by its key, with its version"
)
def read_membership(
    request: Request, key: Annotated[int, Path(ge=1, le=2**31 - 1, description="the membership's key")]
) -> dict[str, Any]:
    recorded = store_of(request).recorder.membership(key)
    m = recorded.value
    record = {"person": m.person, "group": m.group, "role": m.role.value, "from": m.start.isoformat()}
    if m.end is not None:
        record["to"] = m.end.isoformat()
    if m.organisation is not None:
        record["organisation"] = m.organisation
    return {"key": recorded.key, "version": recorded.version, "membership": record}


@router.get(
    "/meetings/{meeting_id}/attendance/{person_id}",
    operation_id="read_attendance",
    responses=responses(404),
    summary="One attendance entry, with the version to quote when changing it",
)
def read_attendance(request: Request, meeting_id: PathId, person_id: PathId) -> dict[str, Any]:
    recorded = store_of(request).recorder.attendance(meeting_id, person_id)
    return {
        "meeting": meeting_id,
        "person": person_id,
        "entry": attendance_document(recorded.value),
        "version": recorded.version,
    }


@router.get(
    "/meetings/{meeting_id}/items/{item_id}",
    operation_id="read_item",
    responses=responses(404),
    summary="One agenda item, with the version to quote when changing its decision",
)
def read_item(request: Request, meeting_id: PathId, item_id: PathId) -> dict[str, Any]:
    store = store_of(request)
    recorded = store.recorder.item(meeting_id, item_id)
    meeting = store.recorder.meeting(meeting_id).value
    items = meeting_document(meeting).get("items", [])
    found = next((i for i in items if str(i["id"]) == recorded.value.id), {"id": recorded.value.id})
    return {"meeting": meeting_id, "item": found, "version": recorded.version}


@router.get(
    "/partnerships/{partnership_id}/findings",
    responses=responses(404),
    summary="The findings of a partnership: the JSON of `psr check --format json`",
)
def findings(
    request: Request,
    partnership_id: PathId,
    as_of: Annotated[date | None, Query(description=f"{DAY_DESCRIPTION}; today when not given")] = None,
    policy: Annotated[str | None, Query(description="a built-in policy version id")] = None,
    status: Annotated[
        list[FindingStatus] | None,
        Query(description="only the findings with this status (repeat it for several)"),
    ] = None,
) -> Response:
    day_in_range(as_of, "query.as_of")
    store = store_of(request)
    _revision, history = store.history()
    if all(p.id != partnership_id for p in history.partnerships):
        raise ProblemError(404, f"no partnership has the id {partnership_id!r}")
    chosen = None
    if policy is not None:
        try:
            chosen = built_in_policy(policy)
        except UnknownPolicyError as error:
            raise ProblemError(422, str(error), [Problem("query.policy", str(error))]) from None
    day = as_of if as_of is not None else date.today()

    def make(_history: History) -> bytes:
        document = _of(with_statuses(store.evaluation(day, chosen), status or ()), partnership_id)
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")

    statuses = tuple(sorted({s.value for s in status or ()}))
    body = store.derived(("findings", partnership_id, day, policy, statuses), make)
    return Response(body, media_type="application/json")


def _of(evaluation: Evaluation, partnership_id: str) -> dict[str, Any]:
    """The document ``psr check --format json`` prints for a dataset holding only this partnership."""
    own = Evaluation(
        as_of=evaluation.as_of,
        findings=tuple(f for f in evaluation.findings if f.partnership == partnership_id),
        policies={k: v for k, v in evaluation.policies.items() if k == partnership_id},
        casework=evaluation.casework,
    )
    return evaluation_document(own)


@router.get("/policies", summary="The built-in terms-of-reference versions")
def list_policies() -> dict[str, Any]:
    items = [
        {"id": p.id, "title": p.title, "effective_from": p.effective_from.isoformat(), "extends": p.extends}
        for p in built_in_policies()
    ]
    return {"items": items, "total": len(items)}


@router.get(
    "/policies/{policy_id}", responses=responses(404), summary="A policy: rules, citations, parameters"
)
def show_policy(policy_id: PathId) -> dict[str, Any]:
    try:
        return policy_document(built_in_policy(policy_id))
    except UnknownPolicyError as error:
        raise ProblemError(404, str(error)) from None
