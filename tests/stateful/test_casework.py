"""Casework as a lifecycle: responses recorded one by one, in any order of days, against a simple model.

After every step, evaluating the history with its responses raises exactly the findings it raises without
them, and each finding's status is the one its latest response on or before the as-of day gives it (ties
on a day go to the response recorded last); responses to findings not raised are listed as unmatched.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from psr_core import (
    Evaluation,
    Finding,
    FindingStatus,
    History,
    Response,
    ResponseAction,
    Severity,
    evaluate,
)
from strategies import histories, judgement_days

STATUS = {
    "acknowledged": "acknowledged",
    "explanation-requested": "acknowledged",
    "explanation-received": "acknowledged",
    "resignation-confirmed": "resolved",
    "resolved": "resolved",
    "waived": "waived",
    "reopened": "open",
}
"""The contract's table, written out here rather than read from the core."""

PEOPLE = st.sampled_from(["alistair-bradley", "gary-hall", "programme-officer"])
NOTES = st.none() | st.sampled_from(["letter sent", "reply received", "chair's decision"])


class Casework(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.history = History()
        self.as_of = date(2016, 1, 1)
        self.responses: list[Response] = []
        self._plain: dict[date, tuple[Finding, ...]] = {}
        self._judged: Evaluation | None = None

    # -- the system ---------------------------------------------------------------------------------------

    def plain(self, day: date) -> tuple[Finding, ...]:
        """The findings of the history with no responses at all, as of ``day``."""
        if day not in self._plain:
            self._plain[day] = evaluate(self.history, None, day).findings
        return self._plain[day]

    def judged(self) -> Evaluation:
        if self._judged is None:
            with_responses = attrs.evolve(self.history, responses=self.responses)
            self._judged = evaluate(with_responses, None, self.as_of)
        return self._judged

    # -- steps --------------------------------------------------------------------------------------------

    @initialize(history=histories(max_partners=3, max_meetings=4), data=st.data())
    def start(self, history: History, data: st.DataObject) -> None:
        self.history = history
        self.as_of = data.draw(judgement_days(history), label="as_of")

    @precondition(lambda self: bool(self.plain(self.as_of)))
    @rule(data=st.data(), action=st.sampled_from(ResponseAction), by=PEOPLE, note=NOTES)
    def respond_to_a_raised_finding(
        self, data: st.DataObject, action: ResponseAction, by: str, note: str | None
    ) -> None:
        finding = data.draw(st.sampled_from(self.plain(self.as_of)), label="finding")
        on = data.draw(st.dates(finding.date, self.as_of + timedelta(days=30)), label="on")
        self.responses.append(Response(finding.id, action, by, on, note))
        self._judged = None

    @rule(
        finding=st.sampled_from(["a-finding-since-corrected", "meeting.chair.2015-07-14.0000000000000000"]),
        action=st.sampled_from(ResponseAction),
        by=PEOPLE,
        offset=st.integers(-60, 60),
    )
    def respond_to_a_finding_not_raised(
        self, finding: str, action: ResponseAction, by: str, offset: int
    ) -> None:
        self.responses.append(Response(finding, action, by, self.as_of + timedelta(days=offset)))
        self._judged = None

    @rule(days=st.integers(-90, 120))
    def move_the_day(self, days: int) -> None:
        self.as_of += timedelta(days=days)
        self._judged = None

    # -- what must hold -----------------------------------------------------------------------------------

    def known(self) -> list[Response]:
        """The responses dated on or before the as-of day, by day and then in the order recorded."""
        order = {id(response): n for n, response in enumerate(self.responses)}
        dated = [r for r in self.responses if r.on <= self.as_of]
        return sorted(dated, key=lambda r: (r.on, order[id(r)]))

    @invariant()
    def responses_never_change_which_findings_are_raised(self) -> None:
        assert self.judged().findings == self.plain(self.as_of)

    @invariant()
    def each_status_follows_the_latest_response_on_or_before_the_day(self) -> None:
        evaluation = self.judged()
        known = self.known()
        for finding in evaluation.findings:
            answers = [r for r in known if r.finding == finding.id]
            expected = STATUS[answers[-1].action.value] if answers else "open"
            assert evaluation.casework.status(finding) is FindingStatus(expected)
            assert list(evaluation.casework.responses_to(finding)) == answers

    @invariant()
    def responses_to_findings_not_raised_are_unmatched(self) -> None:
        evaluation = self.judged()
        raised = {finding.id for finding in evaluation.findings}
        assert list(evaluation.casework.unmatched) == [r for r in self.known() if r.finding not in raised]

    @invariant()
    def only_an_open_or_acknowledged_breach_counts(self) -> None:
        evaluation = self.judged()
        counting = [
            f
            for f in evaluation.findings
            if f.severity is Severity.BREACH
            and evaluation.casework.status(f) in (FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED)
        ]
        assert evaluation.has_breach == bool(counting)


Casework.TestCase.settings = settings(Casework.TestCase.settings, stateful_step_count=12)
test_casework = Casework.TestCase
