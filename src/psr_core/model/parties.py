"""Who takes part: the partnership, its organisations and its people (sections 1.3 and 1.4)."""

from __future__ import annotations

from datetime import date

import attrs

from ._validators import as_tuple, identifier, optional_identifier
from .vocabulary import AdvocateRole, PartnerStatus, as_advocate_role, as_partner_status


@attrs.frozen
class Partnership:
    """A partnership governed by a terms-of-reference policy.

    ``district_council`` is the organisation whose Leader chairs the Executive (clause 1.2.1).
    ``timezone`` is an IANA name; meeting times in the history are wall-clock times there.
    """

    id: str = attrs.field(validator=identifier)
    name: str
    policy: str
    timezone: str
    started: date
    district_council: str | None = attrs.field(default=None, validator=optional_identifier)


@attrs.frozen
class Organisation:
    """A partner organisation and its status (clause 1.3.1, table 1.4.1).

    An organisation that joined after the partnership started records who agreed its admission, when, and
    when it was inducted (clause 1.7.4). ``joined`` of ``None`` means it was a partner from the start.
    """

    id: str = attrs.field(validator=identifier)
    name: str
    partnership: str = attrs.field(validator=identifier)
    status: PartnerStatus = attrs.field(converter=as_partner_status)
    joined: date | None = None
    agreed_by_chair: str | None = attrs.field(default=None, validator=optional_identifier)
    agreed_on: date | None = None
    inducted_on: date | None = None

    def joined_on(self, partnership_started: date) -> date:
        """The day it became a partner: its ``joined`` date, else the partnership's start."""
        return self.joined if self.joined is not None else partnership_started


@attrs.frozen
class Person:
    """A person: a member of an organisation, an advocate (clause 1.4.10), or independent."""

    id: str = attrs.field(validator=identifier)
    name: str
    organisation: str | None = attrs.field(default=None, validator=optional_identifier)
    offices: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    advocate: AdvocateRole | None = attrs.field(
        default=None, converter=attrs.converters.optional(as_advocate_role)
    )
