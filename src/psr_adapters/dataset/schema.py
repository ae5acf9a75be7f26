"""The ``psr/1`` dataset format (docs/reference/dataset-format.md) as a JSON Schema, for other programs.

psr itself reads a dataset with :mod:`psr_adapters.dataset.reading`, which checks the same structure,
types, vocabularies, unknown keys and bounds in the walk that builds the history (and the references
between records, which a schema cannot say). This schema describes the format to the outside: the HTTP
API's request bodies and its OpenAPI document are built from its parts, and a test checks that it and
the reader agree.
"""

from __future__ import annotations

from typing import Any

from psr_core import (
    AdvocateRole,
    AttendanceStatus,
    ContributionKind,
    DecisionMethod,
    Interest,
    MeetingStatus,
    PartnerStatus,
    ReportKind,
    ResponseAction,
    Role,
    Tier,
)

from .reading import FORMAT

_CONTROL = r"\x00-\x1f\x7f-\x9f"
ID: dict[str, Any] = {
    "type": "string",
    "minLength": 1,
    "pattern": rf"^[^\s{_CONTROL}](?:[^{_CONTROL}]*[^\s{_CONTROL}])?$",
    "description": "an id: no control character, no space at either end",
}
IDS: dict[str, Any] = {"type": "array", "items": ID}
TEXT: dict[str, Any] = {"type": "string", "pattern": r"^[^\x00]*$"}
DATE: dict[str, Any] = {"type": "string", "format": "date", "pattern": r"^(19|20|21)\d\d-"}
DATETIME: dict[str, Any] = {"type": "string", "format": "local-datetime", "pattern": r"^(19|20|21)\d\d-"}
URL: dict[str, Any] = {"type": "string", "pattern": rf"^https?://[^\s{_CONTROL}]+$"}
FINDING: dict[str, Any] = {"type": "string", "pattern": r"^[A-Za-z0-9._~-]{1,64}$"}
REASON: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"^[^\x00]*$"}


def words(vocabulary: type[Any]) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in vocabulary]}


def record(required: list[str], **properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


def listing(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


ATTENDANCE_ENTRY: dict[str, Any] = {
    "anyOf": [
        words(AttendanceStatus),
        record(
            ["status"],
            status=words(AttendanceStatus),
            deputy=ID,
            exceptional={
                "anyOf": [REASON, record(["reason"], reason=REASON, accepted_by=ID, accepted_on=DATE)]
            },
        ),
    ]
}

ITEM = record(
    ["id"],
    id={"anyOf": [ID, {"type": "integer", "minimum": -(10**18) + 1, "maximum": 10**18 - 1}]},
    title=TEXT,
    declarations=listing(
        record(
            ["person", "interest"],
            person=ID,
            interest=words(Interest),
            nature=TEXT,
            withdrew={"type": "boolean"},
            took_part={"type": "boolean"},
        )
    ),
    decision=record(
        ["method"],
        method=words(DecisionMethod),
        **{"for": IDS, "against": IDS, "abstain": IDS},
    ),
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "psr/1 dataset",
    **record(
        ["format"],
        format={"const": FORMAT},
        partnerships=listing(
            record(
                ["id", "name", "policy", "timezone", "started"],
                id=ID,
                name=TEXT,
                policy=ID,
                timezone={"type": "string", "format": "timezone"},
                district_council=ID,
                started=DATE,
            )
        ),
        organisations=listing(
            record(
                ["id", "name", "partnership", "status"],
                id=ID,
                name=TEXT,
                partnership=ID,
                status=words(PartnerStatus),
                joined=DATE,
                agreed_by_chair=ID,
                agreed_on=DATE,
                inducted_on=DATE,
            )
        ),
        people=listing(
            record(
                ["id", "name"],
                id=ID,
                name=TEXT,
                organisation=ID,
                offices=IDS,
                advocate=words(AdvocateRole),
            )
        ),
        groups=listing(
            record(
                ["id", "partnership", "tier"],
                id=ID,
                partnership=ID,
                tier=words(Tier),
                chair=ID,
                name=TEXT,
            )
        ),
        memberships=listing(
            record(
                ["person", "group", "role", "from"],
                person=ID,
                group=ID,
                role=words(Role),
                organisation=ID,
                **{"from": DATE, "to": DATE},
            )
        ),
        meetings=listing(
            record(
                ["id", "groups", "start", "status"],
                id=ID,
                groups={**IDS, "minItems": 1},
                start=DATETIME,
                end=DATETIME,
                status=words(MeetingStatus),
                chair=ID,
                vice_chair=ID,
                agenda_published=DATE,
                location=TEXT,
                url=URL,
                attendance={"type": "object", "additionalProperties": ATTENDANCE_ENTRY},
                items=listing(ITEM),
            )
        ),
        contributions=listing(
            record(
                ["organisation", "year", "amount"],
                organisation=ID,
                year={"type": "integer", "minimum": 1900, "maximum": 2199},
                amount={"type": "number", "minimum": 0, "exclusiveMaximum": 10**18},
                kind=words(ContributionKind),
            )
        ),
        reports=listing(
            record(["partnership", "kind", "date"], partnership=ID, kind=words(ReportKind), date=DATE)
        ),
        responses=listing(
            record(
                ["finding", "action", "by", "on"],
                finding=FINDING,
                action=words(ResponseAction),
                by=ID,
                on=DATE,
                note=TEXT,
            )
        ),
    ),
}
