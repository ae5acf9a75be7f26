"""Comparing two evaluations of the same history: what appears, disappears or changes.

Two findings are the same finding when rule, partnership, day and subject agree; a finding that is the same
but says something else (its clause, severity, message, evidence or interpretation) has changed.
"""

from __future__ import annotations

import attrs

from .evaluation import Evaluation
from .findings import Finding


@attrs.frozen
class Change:
    """One finding under both evaluations, with what differs."""

    before: Finding
    after: Finding

    @property
    def differences(self) -> tuple[str, ...]:
        fields = ("policy", "clause", "severity", "message", "evidence", "interpretation")
        return tuple(name for name in fields if getattr(self.before, name) != getattr(self.after, name))


@attrs.frozen
class Comparison:
    """``appeared`` only after, ``disappeared`` only before, ``changed`` in both but different."""

    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]
    changed: tuple[Change, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.appeared or self.disappeared or self.changed)


def _keyed(evaluation: Evaluation) -> dict[tuple[object, ...], Finding]:
    """Findings by identity; findings sharing one (three vacant advocate roles on one day) are told apart
    by their order among themselves."""
    keyed: dict[tuple[object, ...], Finding] = {}
    counts: dict[tuple[object, ...], int] = {}
    for finding in sorted(evaluation.findings, key=Finding.sort_key):
        identity = finding.identity()
        rank = counts.get(identity, 0)
        counts[identity] = rank + 1
        keyed[(*identity, rank)] = finding
    return keyed


def compare(before: Evaluation, after: Evaluation) -> Comparison:
    """What changes in the findings from ``before`` (the baseline) to ``after``."""
    old = _keyed(before)
    new = _keyed(after)
    changed = []
    for key in old.keys() & new.keys():
        change = Change(old[key], new[key])
        if change.differences and set(change.differences) != {"policy"}:
            changed.append(change)
    changed.sort(key=lambda change: change.after.sort_key())
    return Comparison(
        appeared=tuple(sorted((new[k] for k in new.keys() - old.keys()), key=Finding.sort_key)),
        disappeared=tuple(sorted((old[k] for k in old.keys() - new.keys()), key=Finding.sort_key)),
        changed=tuple(changed),
    )
