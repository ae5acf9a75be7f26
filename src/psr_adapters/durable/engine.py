"""The durable_rules engine, used directly and synchronously, with its traps closed.

durable_rules' own entry points (``durable.lang.post`` and ``durable.engine.Host``) are not used:

- ``durable.lang`` registers rulesets lazily on the first ``post``, from whichever thread posts first, and a
  name can be registered only once per process;
- ``Host`` starts timer threads that run pending actions in the background, where their errors are lost;
- an action that raises is caught by the engine and written into the context state (``exception``).

Instead each ruleset is created explicitly (:class:`Engine`) before any event is posted, events are asserted
and their actions run on the posting thread under one process-wide lock (the C engine has no locks of its
own), and every action runs inside a guard that keeps the first exception and raises it to the poster as
:class:`~psr_adapters.durable.errors.ActionError`.
"""

from __future__ import annotations

import importlib
import itertools
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from types import ModuleType
from typing import Any

from .errors import ActionError, DurableNotInstalledError, EngineError

Action = Callable[[Any], None]
"""An action: called with durable_rules' closure ``c`` (``c.o`` the event, ``c.run`` the joined run fact)."""

SID = "0"
"""Every fact and event of a ruleset lives in one context: the engine keeps about 80 KB per context, and
deleting several contexts of one ruleset crashes it, so one per partnership is both cheap and safe."""

ENGINE_LOCK = threading.RLock()
"""Held for each whole engine step (assert, then run the actions it triggered), across every ruleset."""

_serials = itertools.count(1)


def load_engine() -> ModuleType:
    """``durable.engine``, or :class:`DurableNotInstalledError` saying how to install it."""
    try:
        return importlib.import_module("durable.engine")
    except ImportError as exc:
        shadow = sys.modules.get("durable")
        where = getattr(shadow, "__file__", None)
        if shadow is not None and not hasattr(shadow, "__path__") and where:
            # A file named durable.py first on the module path (a script's own folder) hides the package.
            raise DurableNotInstalledError(
                ImportError(f"{where} hides the durable_rules package named durable; rename or move it")
            ) from exc
        raise DurableNotInstalledError(exc) from exc


def unique_name(base: str) -> str:
    """``base`` with a serial number, unique in this process (durable_rules' names must be)."""
    return f"{base}#{next(_serials)}"


class _NoHost:
    """The host a ruleset asks for actions named by string; every action here is a function."""

    def get_action(self, action_name: str) -> Any:
        raise EngineError(f"no action named {action_name!r}")


class Engine:
    """One durable_rules ruleset, created now, whose actions run synchronously on the posting thread."""

    def __init__(self, name: str, rules: Mapping[str, Mapping[str, Any]], actions: Mapping[str, Action]):
        engine = load_engine()
        self.name = name
        self._failure: BaseException | None = None
        definition = {
            rule_name: {**conditions, "run": self._guard(actions[rule_name])}
            for rule_name, conditions in rules.items()
        }
        with ENGINE_LOCK:
            self._ruleset = engine.Ruleset(name, _NoHost(), definition)
        self._not_handled: type[Exception] = engine.MessageNotHandledException
        self._closed = False
        self._used = False  # the engine makes the context on the first message, and refuses to read it before

    def _guard(self, action: Action) -> Action:
        def guarded(c: Any) -> None:
            if self._failure is not None:
                return
            try:
                action(c)
            except BaseException as exc:  # kept, then raised to the poster by step()
                self._failure = exc

        return guarded

    def step(self, facts: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]) -> None:
        """Assert ``facts``, then post ``events``, running every action they trigger before returning."""
        with ENGINE_LOCK:
            if self._closed:
                raise EngineError(f"ruleset {self.name} is closed")
            self._used = self._used or bool(facts or events)
            if facts:
                self._assert(self._ruleset.assert_facts, [{**fact, "sid": SID} for fact in facts])
            if events:
                self._assert(self._ruleset.assert_events, [{**event, "sid": SID} for event in events])

    def _assert(self, function: Callable[[Any], Any], messages: list[dict[str, Any]]) -> None:
        try:
            handle = function(messages)
        except self._not_handled as exc:
            raise EngineError(f"ruleset {self.name}: no rule takes {exc.args[0]!r}") from exc
        outcome: list[Any] = []
        self._ruleset.do_actions(handle, lambda error, _state: outcome.append(error))
        failure, self._failure = self._failure, None
        if failure is not None:
            if isinstance(failure, EngineError) or not isinstance(failure, Exception):
                raise failure
            raise ActionError(f"ruleset {self.name}: an action failed: {failure!r}") from failure
        if outcome and outcome[0] is not None:
            raise EngineError(f"ruleset {self.name}: the engine failed: {outcome[0]!r}")

    def pending(self) -> list[dict[str, Any]]:
        """Events the engine holds but no rule has taken (always none, unless the rules are wrong)."""
        with ENGINE_LOCK:
            return list(self._ruleset.get_pending_events(SID)) if self._used and not self._closed else []

    def facts(self) -> list[dict[str, Any]]:
        with ENGINE_LOCK:
            return list(self._ruleset.get_facts(SID)) if self._used and not self._closed else []

    def close(self) -> None:
        """Free the ruleset and its context in the engine. Nothing may be posted afterwards."""
        engine = importlib.import_module("durable_rules_engine")
        with ENGINE_LOCK:
            if self._closed:
                return
            self._closed = True
            if self._used:
                engine.delete_state(self._ruleset._handle, SID)
            engine.delete_ruleset(self._ruleset._handle)
