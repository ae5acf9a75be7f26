"""The ``psr/1`` dataset format (CONTRACT §2) as a JSON Schema.

Structure, types, vocabularies and unknown keys are checked here; references between records, duplicate
ids and date order are checked by :mod:`psr_adapters.dataset.consistency`.
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
    Role,
    Tier,
)

FORMAT = "psr/1"

ID: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"^\S"}
IDS: dict[str, Any] = {"type": "array", "items": ID}
TEXT: dict[str, Any] = {"type": "string"}
DATE: dict[str, Any] = {"type": "string", "format": "date"}
DATETIME: dict[str, Any] = {"type": "string", "format": "local-datetime"}


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
            exceptional={"type": "string", "minLength": 1},
        ),
    ]
}

ITEM = record(
    ["id"],
    id={"type": ["string", "integer"], "minLength": 1},
    title=TEXT,
    declarations=listing(
        record(
            ["person", "interest"],
            person=ID,
            interest=words(Interest),
            nature=TEXT,
            withdrew={"type": "boolean"},
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
                policy={"type": "string", "minLength": 1},
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
                offices={"type": "array", "items": {"type": "string", "minLength": 1}},
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
                attendance={"type": "object", "additionalProperties": ATTENDANCE_ENTRY},
                items=listing(ITEM),
            )
        ),
        contributions=listing(
            record(
                ["organisation", "year", "amount"],
                organisation=ID,
                year={"type": "integer", "minimum": 1900, "maximum": 2999},
                amount={"type": "number", "minimum": 0},
                kind=words(ContributionKind),
            )
        ),
        reports=listing(
            record(["partnership", "kind", "date"], partnership=ID, kind=words(ReportKind), date=DATE)
        ),
    ),
}
