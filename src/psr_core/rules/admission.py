"""Admitting new partners (clause 1.7.4)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assessment import Assessment
from ..findings import Finding, Subject
from .base import never, rule


@rule(
    "admission.new-partner",
    "An organisation that joined after the start without the chair's agreement or an induction.",
    holds_until=never,
    changes_with=frozenset(),
)
def new_partners(assessment: Assessment) -> Iterator[Finding]:
    started = assessment.partnership.started
    for organisation in sorted(assessment.organisations.values(), key=lambda o: o.id):
        if organisation.joined is None or organisation.joined <= started:
            continue
        missing = []
        if organisation.agreed_by_chair is None or organisation.agreed_on is None:
            missing.append("the agreement of the appropriate chair")
        if organisation.inducted_on is None:
            missing.append("an induction")
        if not missing:
            continue
        yield assessment.finding(
            "admission.new-partner",
            organisation.joined,
            Subject(organisation=organisation.id),
            f"{organisation.name} joined on {organisation.joined.isoformat()} without "
            + " or ".join(missing)
            + " on record",
            {
                "joined": organisation.joined.isoformat(),
                "agreed_by_chair": organisation.agreed_by_chair,
                "agreed_on": organisation.agreed_on.isoformat() if organisation.agreed_on else None,
                "inducted_on": organisation.inducted_on.isoformat() if organisation.inducted_on else None,
            },
        )
