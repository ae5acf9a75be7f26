"""Casework: where each finding stands, from what the partnership recorded doing about it.

A response (:class:`psr_core.Response`) names a finding by its id. The latest response dated on or before
the as-of day decides the finding's status; responses never change which findings are raised. A response
whose finding is not raised on the as-of day is *unmatched*: the data it answered may have been corrected,
so it is listed, never an error. See docs/explanation/casework.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Final

import attrs

from .findings import Finding
from .model import FindingStatus, Response, ResponseAction

STATUS_AFTER: Final[Mapping[ResponseAction, FindingStatus]] = {
    ResponseAction.ACKNOWLEDGED: FindingStatus.ACKNOWLEDGED,
    ResponseAction.EXPLANATION_REQUESTED: FindingStatus.ACKNOWLEDGED,
    ResponseAction.EXPLANATION_RECEIVED: FindingStatus.ACKNOWLEDGED,
    ResponseAction.RESIGNATION_CONFIRMED: FindingStatus.RESOLVED,
    ResponseAction.RESOLVED: FindingStatus.RESOLVED,
    ResponseAction.WAIVED: FindingStatus.WAIVED,
    ResponseAction.REOPENED: FindingStatus.OPEN,
}
"""The status a finding has after each action: none, or ``reopened``, leaves it open."""

STILL_OPEN: Final = frozenset({FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED})
"""The statuses of a breach that still counts (``psr check`` exits 1 while one does)."""


def status_after(responses: Iterable[Response]) -> FindingStatus:
    """The status decided by the last of ``responses`` (oldest first); open when there are none."""
    status = FindingStatus.OPEN
    for response in responses:
        status = STATUS_AFTER[response.action]
    return status


@attrs.frozen
class Casework:
    """The responses to the findings of one evaluation, by finding id, and those that answer none of them.

    ``responses`` holds each finding's responses dated on or before the as-of day, oldest first (responses of
    one day in the order they were recorded); ``unmatched`` the responses whose finding is not raised.
    """

    responses: Mapping[str, tuple[Response, ...]] = attrs.field(factory=dict)
    unmatched: tuple[Response, ...] = ()

    def responses_to(self, finding: Finding | str) -> tuple[Response, ...]:
        key = finding if isinstance(finding, str) else finding.id
        return self.responses.get(key, ())

    def status(self, finding: Finding | str) -> FindingStatus:
        """Where ``finding`` stands: the status its latest response gives it, open with none."""
        if not self.responses:  # no finding has a response: no id need be worked out
            return FindingStatus.OPEN
        return status_after(self.responses_to(finding))


def match_responses(findings: Iterable[Finding], responses: Iterable[Response], as_of: date) -> Casework:
    """Match ``responses`` dated on or before ``as_of`` to ``findings`` by id."""
    # sorted() is stable: responses of one day keep the order in which they were recorded.
    known = sorted((r for r in responses if r.on <= as_of), key=lambda r: r.on)
    if not known:  # most histories: no finding's id need be worked out
        return Casework()
    raised = {finding.id for finding in findings}
    matched: dict[str, list[Response]] = {}
    unmatched: list[Response] = []
    for response in known:
        if response.finding in raised:
            matched.setdefault(response.finding, []).append(response)
        else:
            unmatched.append(response)
    return Casework({key: tuple(value) for key, value in matched.items()}, tuple(unmatched))
