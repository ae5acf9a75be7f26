"""durable_rules rulesets generated from a policy version's parameters.

A policy's parameters are dated (:class:`~psr_core.Parameter`), so each family of rules is generated once per
*segment*: a stretch of days over which every parameter the family reads keeps one value. Each rule's first
condition keeps it to its segment (``day`` is the meeting's day as an ordinal). Within a segment the values
are constants folded into the conditions: the readings of clause 1.7.3 become the sets of attendance
statuses that count as attended, skipped or missed (worked out by the core's own
:class:`~psr_core.attendance.Readings`), and the thresholds become the run lengths at which a
miss fires a finding.

The engine sees these messages, all in one context per partnership:

- fact ``run``: one member's run of misses in one group (``k``), its length ``n`` and the meetings in it;
- event ``seen``: a counted member's attendance at a held meeting (``st`` the status or ``unrecorded``,
  ``ex`` 1 when an exceptional reason is recorded), joined to the member's ``run`` (clauses 1.7.3, 1.4.8);
- event ``entry``: an attendance entry, ``exp`` 1 when its member was expected (clause 1.4.8);
- event ``declared``: a declaration of interest once its item is decided, ``w`` 1 when the member stood
  aside (left the room, or stayed and took no part in the discussion: clause 1.7.6);
- event ``vote``: a vote once its item is decided, with whether its voter was present, a member, withdrawn,
  or the deputy of an expected member (clause 1.7.5).

Every event is taken by exactly one rule (the rules of a family partition its events), so nothing is left
waiting in the engine; rules whose action is ``nothing`` take the events that find nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from psr_core import Attendance, AttendanceStatus, Policy
from psr_core.attendance import READINGS, Outcome, Readings, readings_for
from psr_core.rules import attendance, interests

# The five rules the adapter judges, by the ids the core declares them under.
WRITTEN_EXPLANATION = attendance.EXPLANATION.id
DEEMED_RESIGNATION = attendance.RESIGNATION.id
DEPUTY = attendance.DEPUTY.id
PARTICIPATION = interests.PREJUDICIAL_PARTICIPATION.id
VOTE_ELIGIBILITY = interests.VOTE_ELIGIBILITY.id
RULE_IDS = (WRITTEN_EXPLANATION, DEEMED_RESIGNATION, DEPUTY, PARTICIPATION, VOTE_ELIGIBILITY)
"""The rules of the terms of reference this adapter judges as events arrive."""

UNRECORDED = "unrecorded"
Condition = dict[str, Any]


@attrs.frozen
class Segment:
    """Days from ``since`` (inclusive) to ``until`` (exclusive); ``None`` leaves that end open."""

    since: date | None
    until: date | None

    @property
    def day(self) -> date:
        """A day inside the segment, to read the parameters' values there."""
        return self.since or date.min

    def conditions(self) -> list[Condition]:
        bounds: list[Condition] = []
        if self.since is not None:
            bounds.append({"$gte": {"day": self.since.toordinal()}})
        if self.until is not None:
            bounds.append({"$lt": {"day": self.until.toordinal()}})
        return bounds


def segments(policy: Policy, names: Iterable[str]) -> list[Segment]:
    """The stretches of days over which every parameter in ``names`` keeps one value.

    A parameter's first value holds before its first date too (:meth:`~psr_core.Parameter.at`), so only its
    later dates start a new segment.
    """
    changes = sorted({dated.since for name in names for dated in policy.parameter(name).values[1:]})
    edges: list[date | None] = [None, *changes, None]
    return [Segment(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


@attrs.frozen
class RuleSpec:
    """One generated rule: its name in the ruleset, its conditions, and the action that runs when it fires.

    ``action`` is one of ``reset``, ``skip``, ``miss``, ``deputy``, ``participation``, ``vote`` or
    ``nothing``; ``options`` holds the constants of its segment the action needs (for ``miss``: the
    thresholds reached, and whether a deemed resignation ends the membership).
    """

    name: str
    conditions: Mapping[str, Any]
    action: str
    options: Mapping[str, Any] = attrs.field(factory=dict)


def _all(*conditions: Condition) -> Condition:
    return conditions[0] if len(conditions) == 1 else {"$and": list(conditions)}


def _any(*conditions: Condition) -> Condition:
    return conditions[0] if len(conditions) == 1 else {"$or": list(conditions)}


def _event(kind: str, segment: Segment, *conditions: Condition) -> dict[str, Any]:
    return {"all": [{"o": _all({"t": kind}, *segment.conditions(), *conditions)}]}


def _with_run(rule: dict[str, Any], *conditions: Condition) -> dict[str, Any]:
    return {"all": [*rule["all"], {"run": _all({"t": "run"}, {"k": {"o": "k"}}, *conditions)}]}


def outcome_conditions(reading: Readings) -> dict[Outcome, list[Condition]]:
    """For each outcome, the ``seen`` events (status and exceptional reason) that have it under ``reading``."""
    table: dict[Outcome, list[Condition]] = {outcome: [] for outcome in Outcome}
    for status in AttendanceStatus:
        plain = reading.outcome(Attendance("member", status))
        excused = reading.outcome(Attendance("member", status, exceptional="an accepted reason"))
        if plain is excused:
            table[plain].append({"st": status.value})
        else:
            table[plain].append(_all({"st": status.value}, {"ex": 0}))
            table[excused].append(_all({"st": status.value}, {"ex": 1}))
    table[reading.outcome(None)].append({"st": UNRECORDED})
    return table


def _run_rules(policy: Policy) -> list[RuleSpec]:
    """Clause 1.7.3 (with 1.4.8's deputies): runs of consecutive misses and their two thresholds."""
    explaining = WRITTEN_EXPLANATION in policy.rules
    resigning = DEEMED_RESIGNATION in policy.rules
    if not (explaining or resigning):
        return []
    names = [*READINGS]
    if explaining:
        names.append("written_explanation_after")
    if resigning:
        names.extend(("deemed_resignation_after", "deemed_resignation_ends_membership"))
    specs: list[RuleSpec] = []
    for i, segment in enumerate(segments(policy, names)):
        day = segment.day
        table = outcome_conditions(readings_for(policy, day))
        attended, skipped, missed = (table[o] for o in (Outcome.ATTENDED, Outcome.SKIPPED, Outcome.MISSED))
        seen = f"seen.s{i}"
        specs.append(
            RuleSpec(f"{seen}.attended", _with_run(_event("seen", segment, _any(*attended))), "reset")
        )
        if skipped:
            rule = _event("seen", segment, _any(*skipped))
            specs.append(RuleSpec(f"{seen}.skipped.in-run", _with_run(rule, {"$gt": {"n": 0}}), "skip"))
            specs.append(RuleSpec(f"{seen}.skipped.no-run", _with_run(rule, {"n": 0}), "nothing"))
        if not missed:
            continue
        fires: dict[int, list[str]] = {}
        if explaining:
            fires.setdefault(int(policy.value("written_explanation_after", day)) - 1, []).append(
                WRITTEN_EXPLANATION
            )
        ends = False
        if resigning:
            fires.setdefault(int(policy.value("deemed_resignation_after", day)) - 1, []).append(
                DEEMED_RESIGNATION
            )
            ends = bool(policy.value("deemed_resignation_ends_membership", day))
        reached = {before: rules for before, rules in fires.items() if before >= 0}
        rule = _event("seen", segment, _any(*missed))
        for before, rules in sorted(reached.items()):
            options = {"fires": tuple(rules), "ends_membership": ends and DEEMED_RESIGNATION in rules}
            specs.append(
                RuleSpec(f"{seen}.missed.after-{before}", _with_run(rule, {"n": before}), "miss", options)
            )
        others = [{"$neq": {"n": before}} for before in sorted(reached)]
        specs.append(RuleSpec(f"{seen}.missed", _with_run(rule, *others), "miss", {"fires": ()}))
    return specs


def _deputy_rules(policy: Policy) -> list[RuleSpec]:
    """Clause 1.4.8: "Attending meetings in person, avoiding the use of deputies"."""
    if DEPUTY not in policy.rules:
        return []
    always = Segment(None, None)
    return [
        RuleSpec("entry.deputy", _event("entry", always, {"st": "deputy"}, {"exp": 1}), "deputy"),
        RuleSpec(
            "entry.other", _event("entry", always, _any({"$neq": {"st": "deputy"}}, {"exp": 0})), "nothing"
        ),
    ]


def _participation_rules(policy: Policy) -> list[RuleSpec]:
    """Clause 1.7.6: a prejudicial interest means leaving the room and taking no part in the item."""
    if PARTICIPATION not in policy.rules:
        return []
    specs: list[RuleSpec] = []
    for i, segment in enumerate(segments(policy, ["abstention_counts_as_voting"])):
        abstaining = bool(policy.value("abstention_counts_as_voting", segment.day))
        voted = [{"v": "for"}, {"v": "against"}, *([{"v": "abstain"}] if abstaining else [])]
        silent = [{"v": "none"}, *([] if abstaining else [{"v": "abstain"}])]
        specs.append(
            RuleSpec(
                f"declared.s{i}.took-part",
                _event("declared", segment, {"pi": 1}, _any({"w": 0}, *voted)),
                "participation",
            )
        )
        specs.append(
            RuleSpec(
                f"declared.s{i}.other",
                _event("declared", segment, _any({"pi": 0}, _all({"w": 1}, _any(*silent)))),
                "nothing",
            )
        )
    return specs


def _vote_rules(policy: Policy) -> list[RuleSpec]:
    """Clauses 1.7.5 and 1.7.6: a vote counts when cast by a member who was present and had not withdrawn."""
    if VOTE_ELIGIBILITY not in policy.rules:
        return []
    specs: list[RuleSpec] = []
    for i, segment in enumerate(segments(policy, ["deputies_may_vote"])):
        deputies = bool(policy.value("deputies_may_vote", segment.day))
        if deputies:
            ineligible = _any(_all({"pr": 0}, {"px": 0}), _all({"mb": 0}, {"px": 0}), {"w": 1})
            eligible = _all({"w": 0}, _any({"px": 1}, _all({"pr": 1}, {"mb": 1})))
        else:
            ineligible = _any({"pr": 0}, {"mb": 0}, {"w": 1})
            eligible = _all({"pr": 1}, {"mb": 1}, {"w": 0})
        specs.append(RuleSpec(f"vote.s{i}.ineligible", _event("vote", segment, ineligible), "vote"))
        specs.append(RuleSpec(f"vote.s{i}.eligible", _event("vote", segment, eligible), "nothing"))
    return specs


def generate(policy: Policy) -> list[RuleSpec]:
    """Every rule of the ruleset for ``policy``: only the families of the rules it adopts."""
    return [*_run_rules(policy), *_deputy_rules(policy), *_participation_rules(policy), *_vote_rules(policy)]


def ruleset_definition(policy: Policy) -> dict[str, dict[str, Any]]:
    """The ruleset for ``policy`` as durable_rules reads it (actions left out), to read or to print."""
    return {spec.name: {**spec.conditions, "action": spec.action} for spec in generate(policy)}
