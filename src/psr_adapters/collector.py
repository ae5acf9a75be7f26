"""The garbage collector, paused while psr builds or judges a large history.

Reading, loading and judging a history make millions of small objects and no reference cycles worth
collecting; every full collection meanwhile walks everything made so far again, which costs a large
history more than the work itself.

When the pause ends, what it made and kept is counted as old (:func:`gc.freeze` then :func:`gc.unfreeze`
moves every tracked object to the oldest generation, without walking them): otherwise the first young
collection after the pause walks the whole history, about a fifth of a second on a large one, only to
find it all alive. Old objects are still collected, by the full collections the collector runs as ever.
A host that keeps objects frozen (before forking, say) is left as it is.
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
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
