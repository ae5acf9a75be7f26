"""Names for ids: people, organisations and groups as a reader knows them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from psr_core import Finding, History

_BOUNDARY = r"(?<![A-Za-z0-9_.~-]){}(?![A-Za-z0-9_~-])"
"""An id as a whole word: not inside a longer id (ids are made of letters, digits and ``. _ ~ -``)."""


class Names:
    """Looks up the display name of each id in a history, falling back to the id itself."""

    def __init__(self, history: History) -> None:
        self.people = {person.id: person.name for person in history.people}
        self.organisations = {o.id: o.name for o in history.organisations}
        self.groups = {group.id: group.name or group.id for group in history.groups}
        self.partnerships = {p.id: p.name for p in history.partnerships}

    def person(self, person: str | None) -> dict[str, str] | None:
        if person is None:
            return None
        return {"id": person, "name": self.people.get(person, person)}

    def organisation(self, organisation: str | None) -> dict[str, str] | None:
        if organisation is None:
            return None
        return {"id": organisation, "name": self.organisations.get(organisation, organisation)}

    def group(self, group: str) -> dict[str, str]:
        return {"id": group, "name": self.groups.get(group, group)}

    def about(self, finding: Finding) -> str:
        """What a finding is about, in names: ``Chief Inspector Tracie O'Gara, Executive, exec-2015-10-13``."""
        parts: list[str] = []
        subject = finding.subject
        if subject.person is not None:
            parts.append(self.people.get(subject.person, subject.person))
        if subject.organisation is not None:
            parts.append(self.organisations.get(subject.organisation, subject.organisation))
        if subject.group is not None:
            parts.append(self.groups.get(subject.group, subject.group))
        if subject.meeting is not None:
            parts.append(subject.meeting)
        if subject.item is not None:
            parts.append(f"item {subject.item}")
        if not parts and subject.partnership is not None:
            parts.append(self.partnerships.get(subject.partnership, subject.partnership))
        return ", ".join(parts)

    def in_names(self, finding: Finding) -> str:
        """The finding's message with the ids of the people, organisations and groups it is about (its
        subject, and the ids its evidence names) written as their names, for people to read."""
        mentioned = {*finding.subject.as_dict().values(), *_strings(finding.evidence.values())}
        known = {
            key: name
            for table in (self.people, self.organisations, self.groups)
            for key, name in table.items()
            if key in mentioned and name != key
        }
        if not known:
            return finding.message
        pattern = re.compile(
            _BOUNDARY.format("(" + "|".join(map(re.escape, sorted(known, key=len, reverse=True))) + ")")
        )
        return pattern.sub(lambda match: known[match.group(1)], finding.message)

    def subject_document(self, finding: Finding) -> dict[str, Any]:
        return {"about": self.about(finding), **finding.subject.as_dict()}


def _strings(values: Iterable[object]) -> Iterable[str]:
    """Every string in ``values``, looking inside lists and mappings."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            yield from _strings(value.values())
        elif isinstance(value, list | tuple):
            yield from _strings(value)
