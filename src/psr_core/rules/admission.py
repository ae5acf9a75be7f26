"""Admitting new partners (clause 1.7.4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..assessment import Assessment
from ..findings import Finding, Subject
from .base import MEETINGS, ORGANISATIONS, finds, never, rule


def chairs_on(assessment: Assessment, day: date) -> dict[str, str]:
    """Who chaired each of the partnership's groups on ``day``, by person: the chair a group names, else
    whoever chaired its latest held meeting on or before that day (clause 1.7.4, "the appropriate Chair")."""
    chairs: dict[str, str] = {}
    for group in sorted(assessment.groups.values(), key=lambda g: g.id):
        chair = group.chair
        if chair is None:
            held = [m for m in assessment.held_meetings(group.id) if m.day <= day and m.chair is not None]
            chair = held[-1].chair if held else None
        if chair is not None:
            chairs.setdefault(chair, group.id)
    return chairs


NEW_PARTNER = finds(
    "admission.new-partner",
    "An organisation that joined after the start without an induction, or without the agreement of a "
    "chair of one of the partnership's groups.",
)


@rule(
    NEW_PARTNER,
    holds_until=never,
    changes_with=frozenset({MEETINGS, ORGANISATIONS}),
)
def new_partners(assessment: Assessment) -> Iterator[Finding]:
    started = assessment.partnership.started
    for organisation in sorted(assessment.organisations.values(), key=lambda o: o.id):
        if organisation.joined is None or organisation.joined <= started:
            continue
        missing = []
        chairs: dict[str, str] = {}
        agreed_by, agreed_on = organisation.agreed_by_chair, organisation.agreed_on
        if agreed_by is None or agreed_on is None:
            missing.append("the agreement of the appropriate chair")
        else:
            chairs = chairs_on(assessment, agreed_on)
            if agreed_by not in chairs:
                missing.append(
                    f"the agreement of the appropriate chair ({agreed_by} chaired none of the partnership's "
                    f"groups on {agreed_on.isoformat()})"
                )
        if organisation.inducted_on is None:
            missing.append("an induction")
        if not missing:
            continue
        yield NEW_PARTNER(
            assessment,
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
                "chairs_on_agreement": dict(sorted(chairs.items())),
            },
        )
