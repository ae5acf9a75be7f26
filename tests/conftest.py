"""Hypothesis settings profiles for the whole suite.

``HYPOTHESIS_PROFILE`` picks one: ``dev`` (the default on a workstation: quick, with a generous deadline
because one example evaluates a whole partnership history), ``ci`` (the default when the ``CI``
environment variable is set: more examples, no deadline, since shared machines stall), ``debug`` (every
example printed) or ``triage`` (the first failure as found, not shrunk). The profile is chosen here, at
the test command's entry point, and nowhere else.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, settings

# Generating a whole partnership history draws a few hundred values; on a slow machine that can trip the
# "too slow" health check without anything being wrong.
_SLOW_DATA = [HealthCheck.too_slow]

settings.register_profile(
    "dev", max_examples=50, deadline=timedelta(seconds=1), suppress_health_check=_SLOW_DATA
)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile(
    "debug", max_examples=10, verbosity=Verbosity.verbose, suppress_health_check=_SLOW_DATA
)
# The first failing example as it was found, unshrunk: shrinking a whole partnership history can take
# minutes, and a developer triaging a failure often wants the example now.
settings.register_profile(
    "triage",
    max_examples=50,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=_SLOW_DATA,
)

_DEFAULT = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _DEFAULT))


def pytest_configure(config: pytest.Config) -> None:
    # Warnings are errors (pyproject.toml), but a failing property over a whole history has a long repr, and
    # hypothesis's warning about it would replace the failure it is reporting.
    config.addinivalue_line(
        "filterwarnings", "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
    )
