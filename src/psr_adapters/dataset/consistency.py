"""What a schema cannot say: unique ids, references that resolve, dates in order (CONTRACT §2).

Runs only on a document whose structure is already valid, and reports every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from psr_core import built_in_policies

from ..errors import Problem

KINDS = ("partnerships", "organisations", "people", "groups", "meetings")


def consistency_problems(document: dict[str, Any], base: Path | None) -> list[Problem]:
    """Every duplicate id, dangling reference and out-of-order date in a structurally valid document."""
    ids: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        seen: dict[str, int] = {}
        for index, entry in enumerate(document.get(kind, [])):
            if entry["id"] in seen:
                problems.append(
                    Problem(
                        f"{kind}[{index}].id",
                        f"the id {entry['id']!r} is already used by {kind}[{seen[entry['id']]}]",
                    )
                )
            seen.setdefault(entry["id"], index)
        ids[kind] = set(seen)
    problems.extend(_references(document, ids))
    problems.extend(_dates(document))
    problems.extend(_meetings(document))
    problems.extend(_policies(document, base))
    return problems


def _check(kind: str, ids: dict[str, set[str]]) -> Callable[[str, Any], Iterator[Problem]]:
    singular = {
        "partnerships": "partnership",
        "organisations": "organisation",
        "people": "person",
        "groups": "group",
        "meetings": "meeting",
    }[kind]

    def check(path: str, value: Any) -> Iterator[Problem]:
        if value is not None and value not in ids[kind]:
            yield Problem(path, f"no {singular} has the id {value!r} (see {kind})")

    return check


def _references(document: dict[str, Any], ids: dict[str, set[str]]) -> Iterator[Problem]:
    partnership, organisation = _check("partnerships", ids), _check("organisations", ids)
    person, group = _check("people", ids), _check("groups", ids)
    for i, entry in enumerate(document.get("partnerships", [])):
        yield from organisation(f"partnerships[{i}].district_council", entry.get("district_council"))
    for i, entry in enumerate(document.get("organisations", [])):
        yield from partnership(f"organisations[{i}].partnership", entry["partnership"])
        yield from person(f"organisations[{i}].agreed_by_chair", entry.get("agreed_by_chair"))
    for i, entry in enumerate(document.get("people", [])):
        yield from organisation(f"people[{i}].organisation", entry.get("organisation"))
    for i, entry in enumerate(document.get("groups", [])):
        yield from partnership(f"groups[{i}].partnership", entry["partnership"])
        yield from person(f"groups[{i}].chair", entry.get("chair"))
    for i, entry in enumerate(document.get("memberships", [])):
        yield from person(f"memberships[{i}].person", entry["person"])
        yield from group(f"memberships[{i}].group", entry["group"])
        yield from organisation(f"memberships[{i}].organisation", entry.get("organisation"))
    for i, entry in enumerate(document.get("contributions", [])):
        yield from organisation(f"contributions[{i}].organisation", entry["organisation"])
    for i, entry in enumerate(document.get("reports", [])):
        yield from partnership(f"reports[{i}].partnership", entry["partnership"])
    for i, meeting in enumerate(document.get("meetings", [])):
        here = f"meetings[{i}]"
        for j, group_id in enumerate(meeting["groups"]):
            yield from group(f"{here}.groups[{j}]", group_id)
        yield from person(f"{here}.chair", meeting.get("chair"))
        yield from person(f"{here}.vice_chair", meeting.get("vice_chair"))
        for who, entry in meeting.get("attendance", {}).items():
            yield from person(f"{here}.attendance.{who}", who)
            if isinstance(entry, dict):
                yield from person(f"{here}.attendance.{who}.deputy", entry.get("deputy"))
        for j, item in enumerate(meeting.get("items", [])):
            for k, declaration in enumerate(item.get("declarations", [])):
                yield from person(f"{here}.items[{j}].declarations[{k}].person", declaration["person"])
            for side in ("for", "against", "abstain"):
                for k, voter in enumerate(item.get("decision", {}).get(side, [])):
                    yield from person(f"{here}.items[{j}].decision.{side}[{k}]", voter)


def _dates(document: dict[str, Any]) -> Iterator[Problem]:
    for i, entry in enumerate(document.get("memberships", [])):
        if "to" in entry and date.fromisoformat(entry["to"]) < date.fromisoformat(entry["from"]):
            yield Problem(
                f"memberships[{i}].to",
                f"the membership ends ({entry['to']}) before it starts ({entry['from']})",
            )
    for i, meeting in enumerate(document.get("meetings", [])):
        if "end" in meeting and _ends_first(meeting["start"], meeting["end"]):
            yield Problem(
                f"meetings[{i}].end",
                f"the meeting ends ({meeting['end']}) before it starts ({meeting['start']})",
            )


def _ends_first(start: str, end: str) -> bool:
    """Whether ``end`` is before ``start``: compared as instants when both carry an offset, else as
    wall-clock times (a time without an offset is in the partnership's zone)."""
    first, last = (
        datetime.fromisoformat(start.replace("Z", "+00:00")),
        datetime.fromisoformat(end.replace("Z", "+00:00")),
    )
    if (first.tzinfo is None) != (last.tzinfo is None):
        first, last = first.replace(tzinfo=None), last.replace(tzinfo=None)
    return last < first


def _meetings(document: dict[str, Any]) -> Iterator[Problem]:
    for i, meeting in enumerate(document.get("meetings", [])):
        here = f"meetings[{i}]"
        if len(set(meeting["groups"])) != len(meeting["groups"]):
            yield Problem(f"{here}.groups", "a group is listed twice")
        for who, entry in meeting.get("attendance", {}).items():
            if isinstance(entry, dict) and "deputy" in entry and entry["status"] != "deputy":
                yield Problem(
                    f"{here}.attendance.{who}.deputy",
                    f"a deputy is named but the status is {entry['status']!r}; use status: deputy",
                )
        seen: set[str] = set()
        for j, item in enumerate(meeting.get("items", [])):
            item_id = str(item["id"])
            if item_id in seen:
                yield Problem(
                    f"{here}.items[{j}].id",
                    f"the item id {item_id!r} is used twice in this meeting",
                )
            seen.add(item_id)
            votes: dict[str, str] = {}
            for side in ("for", "against", "abstain"):
                for k, voter in enumerate(item.get("decision", {}).get(side, [])):
                    if voter in votes:
                        yield Problem(
                            f"{here}.items[{j}].decision.{side}[{k}]",
                            f"{voter} already voted {votes[voter]!r} on this item",
                        )
                    votes.setdefault(voter, side)


def _policies(document: dict[str, Any], base: Path | None) -> Iterator[Problem]:
    known = {policy.id for policy in built_in_policies()}
    for i, entry in enumerate(document.get("partnerships", [])):
        policy = entry["policy"]
        if policy in known:
            continue
        candidate = Path(policy) if base is None else base / policy
        if not candidate.is_file():
            yield Problem(
                f"partnerships[{i}].policy",
                f"{policy!r} is neither a built-in policy ({', '.join(sorted(known))}) nor a policy file",
            )
