"""The garbage collector, paused while a command builds or judges a large history.

Reading, loading and judging a history make millions of small objects and no reference cycles worth
collecting; every full collection meanwhile walks everything made so far again, which costs a large
history more than the work itself. The collector runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector inside; a collector the host had paused stays paused."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
