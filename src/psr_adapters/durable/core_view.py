"""The core's own rules, asked about one consequence at a time.

When an engine rule fires, its action does not word the finding itself: it asks the core's rule function
(``psr_core.rules``, through :data:`psr_core.RULES`) to judge a view of the meeting that holds just the
fact in question, through :class:`CoreView`: an :class:`~psr_core.assessment.Assessment` of the partnership
told, from the adapter's record, who was expected and which thresholds a run of misses reached, and given
the meeting as the adapter rebuilt it for that fact. The finding is then the core's own :class:`Finding`,
with the core's clause, severity, message, evidence and interpretation. The core must find exactly that one
finding; if it finds none (or several), engine and core disagree and :class:`CoreDisagreementError` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from psr_core import RULES, Finding, Meeting, Membership, Partnership, Policy
from psr_core.assessment import Assessment
from psr_core.attendance import Threshold

from .errors import EngineError


class CoreDisagreementError(EngineError):
    """An engine rule fired where the core's own rule finds nothing (or finds more): a bug in the adapter."""


class CoreView:
    """An assessment of one partnership that answers from the adapter's record, one question at a time.

    Each judgement is of an assessment the core builds for the one meeting
    (:meth:`~psr_core.assessment.Assessment.of_meeting`), told who the adapter's record expected there, who
    may vote as a member, and which thresholds a run of misses reached. What the minutes record is the
    meeting's own attendance, as the adapter rebuilt it for the fact in question.
    """

    def __init__(self, partnership: Partnership, policy: Policy) -> None:
        self.partnership = partnership
        self.policy = policy

    def judge(
        self,
        rule: str,
        meeting: Meeting,
        *,
        expected: Mapping[str, Membership] | None = None,
        thresholds: Sequence[Threshold] = (),
        voters: Mapping[str, Membership] | None = None,
    ) -> Finding:
        """The one finding the core's ``rule`` makes of ``meeting`` as the record stands."""
        assessment = Assessment.of_meeting(
            self.partnership,
            self.policy,
            meeting,
            expected=expected or {},
            voters=voters,
            thresholds=thresholds,
        )
        found = list(self._step(assessment, rule, meeting))
        if len(found) != 1:
            raise CoreDisagreementError(
                f"the engine's rule for {rule} fired at {meeting.id}, where the core's rule finds "
                f"{len(found)} finding(s){': ' if found else ''}{'; '.join(f.message for f in found)}"
            )
        return found[0]

    @staticmethod
    def _step(assessment: Assessment, rule: str, meeting: Meeting) -> Iterable[Finding]:
        judged = RULES[rule]
        if judged.step is None:
            raise EngineError(f"the core's rule {rule} no longer judges meetings one at a time")
        return judged.step(assessment, judged.begin(assessment), meeting)
