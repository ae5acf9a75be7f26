"""Casework at the edges: which findings a command shows by status, and whether a response may be recorded.

A response is recorded only against a finding raised on the response's own day, by a person the history
knows, with one of the actions of :class:`~psr_core.ResponseAction`; ``psr respond`` and the HTTP API
check it here before anything is written (see docs/explanation/casework.md).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from psr_core import Evaluation, Finding, FindingStatus, History, PolicyChoice, PsrError, Response, evaluate


class UnknownFindingError(PsrError, LookupError):
    """No finding with that id is raised on the day of the response (exit status 2, HTTP 404)."""

    exit_code = 2


class UnknownPersonError(PsrError, LookupError):
    """The person named as having responded is not in the history (exit status 2, HTTP 422)."""

    exit_code = 2


def with_statuses(evaluation: Evaluation, statuses: Iterable[FindingStatus]) -> Evaluation:
    """``evaluation`` showing only the findings whose status is one of ``statuses`` (all when none)."""
    wanted = frozenset(statuses)
    if not wanted:
        return evaluation
    kept = tuple(f for f in evaluation.findings if evaluation.casework.status(f) in wanted)
    return attrs.evolve(evaluation, findings=kept)


def finding_answered(
    history: History, policy: PolicyChoice, response: Response, partnership: str | None = None
) -> Finding:
    """The finding ``response`` answers, raised when ``history`` is evaluated as of the response's day.

    Raises :class:`UnknownPersonError` when the history has no person ``response.by``, and
    :class:`UnknownFindingError` when no finding (of ``partnership``, if given) has the id
    ``response.finding`` on that day.
    """
    if not any(person.id == response.by for person in history.people):
        raise UnknownPersonError(
            f"no person has the id {response.by!r}: a response is recorded by one of the history's people"
        )
    day = response.on.isoformat()
    for finding in evaluate(history, policy, response.on).findings:
        if finding.id == response.finding and (partnership is None or finding.partnership == partnership):
            return finding
    where = f" of partnership {partnership}" if partnership is not None else ""
    raise UnknownFindingError(
        f"no finding{where} with the id {response.finding!r} is raised as of {day}; "
        f"`psr check --as-of {day} --format json` lists the ids of the findings raised that day"
    )
