"""Money and reports: contributions (clause 1.3.1) and reports (clause 1.5.3, the closing line)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from ._validators import identifier
from .vocabulary import (
    ContributionKind,
    ReportKind,
    ResponseAction,
    as_contribution_kind,
    as_report_kind,
    as_response_action,
)


def _amount(value: Decimal | int | float | str) -> Decimal:
    amount = Decimal(str(value))
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"a contribution must be a finite amount of at least 0, got {value!r}")
    return amount


def amount_number(amount: Decimal) -> int | float:
    """An amount of money as a JSON number: whole pounds as an integer, else a float."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


@attrs.frozen
class Contribution:
    """A partner's contribution for the financial year from 1 April ``year`` (full partner commitment 3)."""

    organisation: str = attrs.field(validator=identifier)
    year: int
    amount: Decimal = attrs.field(converter=_amount)
    kind: ContributionKind = attrs.field(converter=as_contribution_kind, default=ContributionKind.CASH)


@attrs.frozen
class Report:
    """A report made by a partnership: to scrutiny (clause 1.5.3) or its annual review (closing line)."""

    partnership: str = attrs.field(validator=identifier)
    kind: ReportKind = attrs.field(converter=as_report_kind)
    date: date


@attrs.frozen
class Response:
    """What the partnership did about a finding (its casework): ``action`` by ``by`` on ``on``.

    ``finding`` is the finding's id (:attr:`psr_core.Finding.id`). Responses are appended, never edited: a
    mistake is answered by a later response (``reopened``).
    """

    finding: str = attrs.field(validator=identifier)
    action: ResponseAction = attrs.field(converter=as_response_action)
    by: str = attrs.field(validator=identifier)
    on: date
    note: str | None = None
