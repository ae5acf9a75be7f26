"""Reading a ``psr/1`` document in one walk: checked and converted to the core's values together.

Each record is checked field by field against the format (docs/reference/dataset-format.md) and, when it
has no problem, built at once as a core value; every problem of the document is collected on the way, each
once, with its path (``meetings[3].attendance.gary-hall``). The ids of every kind are collected first, so
that a dangling reference is reported in the same run as a misspelt key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from psr_core import (
    AdvocateRole,
    Contribution,
    ContributionKind,
    Group,
    History,
    Membership,
    Organisation,
    Partnership,
    PartnerStatus,
    Person,
    Report,
    ReportKind,
    Response,
    ResponseAction,
    Role,
    Tier,
    built_in_policies,
)

from .meetings import read_meetings
from .values import (
    FIRST_YEAR,
    LAST_YEAR,
    RefusedValueError,
    amount,
    day,
    finding_id,
    found,
    identifier,
    text,
    timezone,
    whole_number,
)
from .walk import ABSENT, Walk

FORMAT = "psr/1"
T = TypeVar("T")
SECTIONS = (
    "format",
    "partnerships",
    "organisations",
    "people",
    "groups",
    "memberships",
    "meetings",
    "contributions",
    "reports",
    "responses",
)


def vocabulary(words: Any) -> dict[str, Any]:
    return {member.value: member for member in words}


PARTNER_STATUS, ADVOCATE = vocabulary(PartnerStatus), vocabulary(AdvocateRole)
TIER, ROLE = vocabulary(Tier), vocabulary(Role)
CONTRIBUTION, REPORT, ACTION = (
    vocabulary(ContributionKind),
    vocabulary(ReportKind),
    vocabulary(ResponseAction),
)


def read_document(
    document: Any, base: Path | None, references: bool = True, quick: bool = True, consume: bool = False
) -> tuple[History | None, Walk]:
    """The history in ``document`` (``None`` when it has a problem) and the walk that found its problems.

    ``references`` false checks each record on its own (the structure only): the HTTP API checks a body
    that way, as a fragment of a dataset whose references the database resolves. ``quick`` false reads
    every meeting field by field, as a meeting with a problem is read (the tests compare the two ways).
    ``consume`` lets the document's meetings go as they are read (:func:`read_meetings`), for a caller
    that parsed the document itself.
    """
    walk = Walk(references)
    if type(document) is not dict:
        walk.wrong_kind("", "a mapping with format: psr/1 at the top", document, 0)
        return None, walk
    walk.record("", document, ["format"], SECTIONS, 0)
    if "format" in document and document["format"] != FORMAT:
        walk.problem("format", f"expected {FORMAT!r}; found {found(document['format'])}")
    walk.collect_ids(document)
    reader = _Sections(walk, document, base)
    history = History(
        partnerships=reader.each("partnerships", reader.partnership),
        organisations=reader.each("organisations", reader.organisation),
        people=reader.each("people", reader.person),
        groups=reader.each("groups", reader.group),
        memberships=reader.each("memberships", reader.membership),
        meetings=read_meetings(
            walk,
            walk.listing("meetings", document.get("meetings", ABSENT), 1),
            reader.zones,
            quick=quick,
            consume=consume,
        ),
        contributions=reader.each("contributions", reader.contribution),
        reports=reader.each("reports", reader.report),
        responses=reader.each("responses", reader.response),
    )
    return (None if walk.problems else history), walk


class _Sections:
    """The sections other than meetings, one record at a time."""

    def __init__(self, walk: Walk, document: dict[str, Any], base: Path | None) -> None:
        self.walk, self.document, self.base = walk, document, base
        self.zones: dict[str, ZoneInfo] = {}
        self._partnership_zones: dict[str, str] = {}
        self._policies = {policy.id for policy in built_in_policies()}

    def each(self, section: str, read: Callable[[dict[str, Any], str], T | None]) -> list[T]:
        found_values: list[T] = []
        walk = self.walk
        for index, entry in enumerate(walk.listing(section, self.document.get(section, ABSENT), 1)):
            here = f"{section}[{index}]"
            before = len(walk.problems)
            value = read(entry, here)
            if value is not None and len(walk.problems) == before:
                found_values.append(value)
        return found_values

    def _record(
        self, entry: Any, here: str, required: list[str], allowed: tuple[str, ...]
    ) -> dict[str, Any] | None:
        return self.walk.record(here, entry, required, allowed, 2)

    def _id(self, record: dict[str, Any], here: str) -> str | None:
        return self.walk.field(record, "id", here, identifier)

    def partnership(self, entry: Any, here: str) -> Partnership | None:
        allowed = ("id", "name", "policy", "timezone", "district_council", "started")
        record = self._record(entry, here, ["id", "name", "policy", "timezone", "started"], allowed)
        if record is None:
            return None
        walk = self.walk
        ident, name = self._id(record, here), walk.field(record, "name", here, text)
        policy = walk.field(record, "policy", here, identifier)
        zone = walk.field(record, "timezone", here, timezone)
        started = walk.field(record, "started", here, day)
        council = walk.optional_reference("organisations", record, "district_council", here)
        if policy is not None:
            self._policy(policy, f"{here}.policy")
        if ident is not None and zone is not None:
            self._partnership_zones[ident] = zone
        if ident is None or name is None or policy is None or zone is None or started is None:
            return None
        return Partnership(ident, name, policy, zone, started, district_council=council)

    def _policy(self, policy: str, path: str) -> None:
        if not self.walk.references or policy in self._policies:
            return
        candidate = Path(policy) if self.base is None else self.base / policy
        try:
            is_file = candidate.is_file()
        except (OSError, ValueError):
            is_file = False
        if not is_file:
            self.walk.inconsistent(
                path,
                f"{policy!r} is neither a built-in policy ({', '.join(sorted(self._policies))}) nor a policy file",
            )

    def organisation(self, entry: Any, here: str) -> Organisation | None:
        allowed = (
            "id",
            "name",
            "partnership",
            "status",
            "joined",
            "agreed_by_chair",
            "agreed_on",
            "inducted_on",
        )
        record = self._record(entry, here, ["id", "name", "partnership", "status"], allowed)
        if record is None:
            return None
        walk = self.walk
        ident, name = self._id(record, here), walk.field(record, "name", here, text)
        partnership = walk.optional_reference("partnerships", record, "partnership", here)
        status = walk.words(record, "status", here, PARTNER_STATUS)
        joined = walk.field(record, "joined", here, day)
        agreed_by_chair = walk.optional_reference("people", record, "agreed_by_chair", here)
        agreed_on = walk.field(record, "agreed_on", here, day)
        inducted_on = walk.field(record, "inducted_on", here, day)
        if ident is None or name is None or partnership is None or status is None:
            return None
        return Organisation(
            ident,
            name,
            partnership,
            status,
            joined=joined,
            agreed_by_chair=agreed_by_chair,
            agreed_on=agreed_on,
            inducted_on=inducted_on,
        )

    def person(self, entry: Any, here: str) -> Person | None:
        record = self._record(
            entry, here, ["id", "name"], ("id", "name", "organisation", "offices", "advocate")
        )
        if record is None:
            return None
        walk = self.walk
        ident, name = self._id(record, here), walk.field(record, "name", here, text)
        offices = [
            office
            for index, value in enumerate(walk.listing(f"{here}.offices", record.get("offices", ABSENT), 3))
            if (office := _checked(walk, value, f"{here}.offices[{index}]", identifier)) is not None
        ]
        organisation = walk.optional_reference("organisations", record, "organisation", here)
        advocate = walk.words(record, "advocate", here, ADVOCATE)
        if ident is None or name is None:
            return None
        return Person(ident, name, organisation=organisation, offices=offices, advocate=advocate)

    def group(self, entry: Any, here: str) -> Group | None:
        record = self._record(
            entry, here, ["id", "partnership", "tier"], ("id", "partnership", "tier", "chair", "name")
        )
        if record is None:
            return None
        walk = self.walk
        ident = self._id(record, here)
        partnership = walk.optional_reference("partnerships", record, "partnership", here)
        tier = walk.words(record, "tier", here, TIER)
        chair = walk.optional_reference("people", record, "chair", here)
        name = walk.field(record, "name", here, text)
        if ident is not None and partnership is not None:
            zone = self._partnership_zones.get(partnership)
            self.zones[ident] = ZoneInfo(zone) if zone is not None else ZoneInfo("UTC")
        if ident is None or partnership is None or tier is None:
            return None
        return Group(ident, partnership, tier, chair=chair, name=name)

    def membership(self, entry: Any, here: str) -> Membership | None:
        allowed = ("person", "group", "role", "organisation", "from", "to")
        record = self._record(entry, here, ["person", "group", "role", "from"], allowed)
        if record is None:
            return None
        walk = self.walk
        person = walk.optional_reference("people", record, "person", here)
        group = walk.optional_reference("groups", record, "group", here)
        role = walk.words(record, "role", here, ROLE)
        organisation = walk.optional_reference("organisations", record, "organisation", here)
        start, end = walk.field(record, "from", here, day), walk.field(record, "to", here, day)
        if start is not None and end is not None and end < start:
            walk.inconsistent(f"{here}.to", f"the membership ends ({end}) before it starts ({start})")
        if person is None or group is None or role is None or start is None:
            return None
        return Membership(person, group, role, start, end=end, organisation=organisation)

    def contribution(self, entry: Any, here: str) -> Contribution | None:
        allowed = ("organisation", "year", "amount", "kind")
        record = self._record(entry, here, ["organisation", "year", "amount"], allowed)
        if record is None:
            return None
        walk = self.walk
        organisation = walk.optional_reference("organisations", record, "organisation", here)
        year = walk.field(record, "year", here, lambda value: whole_number(value, FIRST_YEAR, LAST_YEAR))
        money = walk.field(record, "amount", here, amount)
        kind = walk.words(record, "kind", here, CONTRIBUTION) if "kind" in record else ContributionKind.CASH
        if organisation is None or year is None or money is None or kind is None:
            return None
        return Contribution(organisation, year, Decimal(str(money)), kind)

    def report(self, entry: Any, here: str) -> Report | None:
        record = self._record(entry, here, ["partnership", "kind", "date"], ("partnership", "kind", "date"))
        if record is None:
            return None
        walk = self.walk
        partnership = walk.optional_reference("partnerships", record, "partnership", here)
        kind = walk.words(record, "kind", here, REPORT)
        when = walk.field(record, "date", here, day)
        if partnership is None or kind is None or when is None:
            return None
        return Report(partnership, kind, when)

    def response(self, entry: Any, here: str) -> Response | None:
        allowed = ("finding", "action", "by", "on", "note")
        record = self._record(entry, here, ["finding", "action", "by", "on"], allowed)
        if record is None:
            return None
        walk = self.walk
        finding = walk.field(record, "finding", here, finding_id)
        action = walk.words(record, "action", here, ACTION)
        by = walk.optional_reference("people", record, "by", here)
        on: date | None = walk.field(record, "on", here, day)
        note = walk.field(record, "note", here, text)
        if finding is None or action is None or by is None or on is None:
            return None
        return Response(finding, action, by, on, note)


def _checked(walk: Walk, value: Any, path: str, convert: Callable[[Any], T]) -> T | None:
    try:
        return convert(value)
    except RefusedValueError as refused:
        walk.problem(path, str(refused))
        return None
