"""``psr check`` pauses the garbage collector while it judges, and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from psr_adapters.cli.common import collector_paused


def test_the_collector_is_paused_while_judging_and_running_again_afterwards() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_when_judging_fails() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a rule failed")
    assert gc.isenabled()


def test_a_collector_the_host_had_paused_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
