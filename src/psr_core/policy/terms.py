"""Citations and dated parameters: the pieces a terms-of-reference version is made of."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs

from ..errors import PolicyError
from ..model._validators import as_tuple
from ..model.vocabulary import Severity


@attrs.frozen
class Citation:
    """A clause of a source document, quoted.

    ``document`` names the source (docs/reference/sources.md lists them), ``clause`` its own
    number (``1.7.3``, ``table 1.2.1``, ``closing line``), and ``text`` the words the rule or value rests on.
    """

    document: str
    clause: str
    text: str


@attrs.frozen
class DatedValue:
    """A value in force from ``since`` until the next dated value of the same parameter."""

    since: date
    value: Any


def _dated_values(values: Sequence[DatedValue]) -> tuple[DatedValue, ...]:
    ordered = tuple(sorted(values, key=lambda dated: dated.since))
    if not ordered:
        raise PolicyError("a parameter needs at least one dated value")
    if len({dated.since for dated in ordered}) != len(ordered):
        raise PolicyError("a parameter has two values from the same date")
    return ordered


@attrs.frozen
class Parameter:
    """A named value of the policy, dated, with the clause it comes from.

    ``interpretation`` marks a reading of ambiguous text (does an apology count as a missed meeting?): every
    finding that depends on one reports the value it used.
    """

    name: str
    description: str
    citation: Citation
    values: tuple[DatedValue, ...] = attrs.field(converter=_dated_values)
    interpretation: bool = False

    def at(self, day: date) -> Any:
        """The value in force on ``day``; before the first date, the first value."""
        chosen = self.values[0].value
        for dated in self.values:
            if dated.since > day:
                break
            chosen = dated.value
        return chosen

    def with_value(self, value: Any, since: date | None = None) -> Parameter:
        """This parameter with ``value`` in force from ``since`` (from the first date when not given)."""
        start = since if since is not None else self.values[0].since
        kept = [dated for dated in self.values if dated.since < start]
        return attrs.evolve(self, values=[*kept, DatedValue(start, value)])


@attrs.frozen
class RuleTerms:
    """How a policy version adopts a rule: the clause reference it reports, the text it quotes, its severity,
    and the day from which it is in force (``None``: from the policy's start)."""

    clause: str
    citations: tuple[Citation, ...] = attrs.field(converter=as_tuple)
    severity: Severity = attrs.field(converter=Severity, default=Severity.BREACH)
    since: date | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether the rule applies to a finding dated ``day`` (a rule adopted later does not look back)."""
        return self.since is None or day >= self.since

    @citations.validator
    def _cites_something(self, _attribute: attrs.Attribute[Any], value: tuple[Citation, ...]) -> None:
        if not value:
            raise PolicyError(f"a rule under clause {self.clause} must quote the text it implements")


@attrs.frozen
class Clause:
    """A clause or element of a source document, with the quoted passages that encode it (a rule or a
    parameter citing one of them), or, where nothing does, why not (``not_encoded``; it may also qualify a
    clause encoded in part)."""

    document: str
    number: str
    title: str
    passages: tuple[Citation, ...] = ()
    not_encoded: str = ""
