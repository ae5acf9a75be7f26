"""Event-driven hosts: the attendance, interest and vote rules judged by durable_rules as events arrive.

The extra ``durable`` installs the engine (``pip install 'psr[durable]'``; it builds from source). Without
it this package still imports, and :class:`DurableHost` raises :class:`DurableNotInstalledError`.

>>> with DurableHost(on_finding=print) as host:                                 # doctest: +SKIP
...     host.replay(events_from_history(read_dataset("examples/chorley/chorley.yaml")))

The findings are the core's own :class:`~psr_core.Finding` objects, the same that
:func:`psr_core.evaluate` gives for the rules in :data:`RULE_IDS`. See ``docs/how-to/event-driven-hosts.md``.
"""

from .core_view import CoreDisagreementError
from .engine import load_engine
from .errors import (
    ActionError,
    DurableError,
    DurableNotInstalledError,
    EngineError,
    EventError,
    EventOrderError,
    HostStoppedError,
)
from .events import EVENT_KINDS, Event, parse_event
from .host import DurableHost, OnFinding
from .replay import events_from_history, last_day, meeting_events
from .rulesets import RULE_IDS, ruleset_definition

__all__ = [
    "EVENT_KINDS",
    "RULE_IDS",
    "ActionError",
    "CoreDisagreementError",
    "DurableError",
    "DurableHost",
    "DurableNotInstalledError",
    "EngineError",
    "Event",
    "EventError",
    "EventOrderError",
    "HostStoppedError",
    "OnFinding",
    "events_from_history",
    "last_day",
    "load_engine",
    "meeting_events",
    "parse_event",
    "ruleset_definition",
]
