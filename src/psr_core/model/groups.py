"""The tiers of the structure and who sits on them (clause 1.2.1, section 1.4)."""

from __future__ import annotations

from datetime import date

import attrs

from ._validators import identifier, optional_identifier
from .vocabulary import Role, Tier, as_role, as_tier


@attrs.frozen
class Group:
    """One tier of one partnership: its Board, Executive or Implementation Group.

    ``chair`` is set where the terms of reference name the chair (the Implementation Group's, table 1.2.1).
    """

    id: str = attrs.field(validator=identifier)
    partnership: str = attrs.field(validator=identifier)
    tier: Tier = attrs.field(converter=as_tier)
    chair: str | None = attrs.field(default=None, validator=optional_identifier)
    name: str | None = None


@attrs.frozen(cache_hash=True)
class Membership:
    """A person's seat on a group, from ``start`` to ``end`` inclusive (``end`` of ``None``: still sitting).

    ``organisation`` is the organisation the seat represents, where it differs from the person's own.
    """

    person: str = attrs.field(validator=identifier)
    group: str = attrs.field(validator=identifier)
    role: Role = attrs.field(converter=as_role)
    start: date
    end: date | None = None
    organisation: str | None = attrs.field(default=None, validator=optional_identifier)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"membership of {self.person} in {self.group} ends before it starts")

    def covers(self, day: date) -> bool:
        """Whether the seat is held on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)

    def order(self) -> tuple[date, str, str]:
        """Memberships are listed earliest first, then by person and role."""
        # ``_value_`` is what ``value`` reads, without the enum property's call: seats are sorted by this key
        # each time one comes to be known or changes (https://docs.python.org/3/library/enum.html#enum.Enum._value_).
        return (self.start, self.person, self.role._value_)
