"""``psr check`` pauses the garbage collector while it reads and judges, and leaves it as it found it."""

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


def test_what_the_pause_made_and_kept_is_old_afterwards() -> None:
    """The first young collection after a pause does not walk the history the pause built."""
    with collector_paused():
        kept = [[index] for index in range(1000)]
    young = gc.get_objects(generation=0)
    assert all(made is not kept for made in young)
    assert any(made is kept for made in gc.get_objects(generation=2))


def test_objects_a_host_keeps_frozen_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
