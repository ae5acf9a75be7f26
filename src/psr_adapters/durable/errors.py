"""What the durable_rules adapter refuses, and how its engine can fail.

Every error is a :class:`~psr_core.PsrError` and also the builtin it resembles, so a host may catch either.
"""

from __future__ import annotations

from psr_core import PsrError

INSTALL_HINT = (
    "install the extra with pip install 'psr[durable]' (or pip install -e '.[durable]' in a checkout); "
    "durable_rules builds from source and needs a C compiler"
)


class DurableError(PsrError):
    """Anything the durable_rules adapter refuses or cannot do."""


class DurableNotInstalledError(DurableError, ImportError):
    """The extra ``durable`` is not installed: the durable_rules engine cannot be imported."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"the durable_rules engine is not available ({cause}); {INSTALL_HINT}")


class EventError(DurableError, ValueError):
    """An event that cannot be used: an unknown kind, a missing or malformed field, an unknown id.

    The host is unchanged: nothing of a refused event is recorded.
    """

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(f"{kind}: {message}")


class EventOrderError(EventError):
    """An event that arrives too late or too early to be judged as the core judges it (a meeting held before
    the previous meeting of its group was closed, attendance after its items were decided, a membership
    change that would rewrite who was expected at a meeting already held).

    The adapter refuses such events rather than give an answer the core would not give.
    """


class EngineError(DurableError, RuntimeError):
    """The durable_rules engine failed while judging an event. The host stops: rebuild it and replay."""


class ActionError(EngineError):
    """A rule's action raised; the original exception is the ``__cause__``. The host stops."""


class HostStoppedError(EngineError):
    """The host stopped after an earlier engine error, or was closed; it takes no more events."""
