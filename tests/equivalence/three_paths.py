"""What the equivalence suite shares: the examples each path runs, the strategies it draws from, and how two
answers are compared (whole findings, ids included)."""

from __future__ import annotations

import os
from datetime import date

from hypothesis import settings
from hypothesis import strategies as st

from psr_core import Evaluation, Finding, History, Policy
from strategies import histories
from strategies.tangled import policies, tangled_histories

IN_CI = bool(os.environ.get("CI"))
EQUIVALENCE = settings(max_examples=500 if IN_CI else 40, deadline=None)
"""At least 500 generated histories a path in CI."""

IN_A_HISTORY = st.dates(date(2015, 1, 1), date(2016, 12, 31))
"""Days on which a policy's readings may change, inside the span of ``strategies.histories()``."""

histories_and_policies: st.SearchStrategy[tuple[History, Policy | None]] = st.one_of(
    st.tuples(histories(), st.none() | policies(days=IN_A_HISTORY)),
    st.tuples(tangled_histories(), st.none() | policies()),
)
"""Realistic Chorley histories and adversarial tangled ones, each under its own built-in policy or a dated
variant of any built-in policy."""


def ids(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    return [finding.id for finding in findings]


def assert_same_evaluation(expected: Evaluation, got: Evaluation) -> None:
    """The same findings, field for field and in the same order, with the same ids and the same casework."""
    assert got.findings == expected.findings
    assert ids(got.findings) == ids(expected.findings)
    assert got.as_of == expected.as_of
    assert got.casework == expected.casework
