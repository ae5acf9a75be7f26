"""Findings: what evaluation returns, as data. Rendering them (text, JSON, tables) is an adapter's job."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import attrs

from .model.vocabulary import Severity, as_severity

Day = date

SUBJECT_KINDS = ("partnership", "organisation", "person", "group", "meeting", "item")


@attrs.frozen
class Subject:
    """The ids a finding is about, by kind: partnership, organisation, person, group, meeting, item."""

    partnership: str | None = None
    organisation: str | None = None
    person: str | None = None
    group: str | None = None
    meeting: str | None = None
    item: str | None = None

    def values(self) -> tuple[str | None, ...]:
        """The ids by kind, in the contract's order (``SUBJECT_KINDS``)."""
        return (self.partnership, self.organisation, self.person, self.group, self.meeting, self.item)

    def as_dict(self) -> dict[str, str]:
        """The kinds that are set, in the contract's order."""
        return {
            kind: value for kind, value in zip(SUBJECT_KINDS, self.values(), strict=True) if value is not None
        }

    def sort_key(self) -> tuple[str, ...]:
        return (
            self.partnership or "",
            self.organisation or "",
            self.person or "",
            self.group or "",
            self.meeting or "",
            self.item or "",
        )


def _frozen_mapping(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen
class Finding:
    """One place where the terms of reference were broken, require action, or note something.

    ``evidence`` holds the facts the rule used; ``interpretation`` the readings of ambiguous text it applied
    (the policy's interpretation parameters, by name, with the values in force on ``date``).
    """

    rule: str
    partnership: str
    policy: str
    clause: str
    severity: Severity = attrs.field(converter=as_severity)
    date: date
    subject: Subject
    message: str
    evidence: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    interpretation: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    facet: str = ""
    """What tells apart the findings one rule raises about the same subject on the same day (the advocate
    role of ``composition.advocates``); empty for most rules. Part of the id."""
    _id: str | None = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)

    @property
    def id(self) -> str:
        """The finding's stable id: the same for the same rule, partnership, day and subject in every run
        (from a file or a database, under any as-of day on which the finding is raised), different when any
        of those differ. URL-safe, at most 64 characters: see :func:`finding_id`."""
        known = self._id
        if known is None:  # worked out once, when first asked for
            known = finding_id(self.rule, self.partnership, self.date, self.subject, self.facet)
            object.__setattr__(self, "_id", known)
        return known

    def sort_key(self) -> tuple[Any, ...]:
        """Findings are listed by partnership, then by day, then by rule, then by subject."""
        return (self.partnership, self.date, self.rule, self.subject.sort_key(), self.facet, self.message)

    def identity(self) -> tuple[str, str, Day, tuple[str, ...], str]:
        """What makes two findings "the same finding" when comparing evaluations: rule, place, day and facet."""
        return (self.rule, self.partnership, self.date, self.subject.sort_key(), self.facet)


ID_LENGTH: Final = 64
"""The longest a finding id may be (it stands in a URL path as it is)."""

_DIGEST_LENGTH: Final = 16
"""Hex digits of the digest that tells apart findings of one rule on one day (64 bits)."""


def finding_id(rule: str, partnership: str, day: date, subject: Subject, facet: str = "") -> str:
    """``RULE.DAY.DIGEST``: readable where it can be, unique where it must be.

    The rule id and the day let a person see what a finding is from its id alone; the digest (BLAKE2b of
    the rule, the partnership, the day, every kind of subject id and the facet, each written with its
    length so that no two lists of them run together, 16 hex digits) tells apart the findings of one rule on
    one day. Only ``A-Z a-z 0-9 . _ ~ -`` appear, so the id needs no escaping in a URL, and it is at most
    :data:`ID_LENGTH` characters long.
    """
    iso = day.isoformat()
    parts = [rule, partnership, iso, *subject.values(), facet]
    key = "|".join("-" if part is None else f"{len(part)}:{part}" for part in parts)
    digest = hashlib.blake2b(
        key.encode("utf-8", "surrogatepass"), digest_size=_DIGEST_LENGTH // 2
    ).hexdigest()
    return f"{_readable(rule)}.{iso}.{digest}"


@functools.lru_cache(maxsize=256)
def _readable(rule: str) -> str:
    """The rule id as it starts a finding id: every character outside ``A-Z a-z 0-9 . _ ~ -`` written
    ``-``, cut to the room a day and a digest leave (a policy has few rules: each is worked out once)."""
    readable = "".join(c if c.isascii() and (c.isalnum() or c in "._~-") else "-" for c in rule)
    return readable[: ID_LENGTH - _DIGEST_LENGTH - len("YYYY-MM-DD") - 2]
