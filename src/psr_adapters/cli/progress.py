"""Progress for long work: shown on a terminal, silent when output is piped or redirected.

A status line says what is being done; work whose size is known (the partnerships of a history being
judged) gets a tqdm bar with the count, the percentage and the time left. tqdm is imported only when a
bar is shown, so a command whose output is piped loads none of it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Never, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm


class Progress:
    """Writes one updating status line, or a progress bar, to ``stream`` when it is a terminal."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._shown = 0
        self._bar: tqdm[Never] | None = None
        self._total = 0

    def __call__(self, message: str) -> None:
        """Show ``message`` as the status line (beside the bar, when one is shown)."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(message)
            return
        padding = max(self._shown - len(message), 0)
        self.stream.write("\r" + message + " " * padding)
        self.stream.flush()
        self._shown = len(message)

    def steps(self, total: int, unit: str, description: str) -> Callable[[str], None]:
        """A bar of ``total`` steps; each call of the function returned starts the next step, its message
        shown beside the bar. Pass it as an ``on_progress`` callback."""
        if not self.enabled or total <= 0:
            return lambda _message: None
        from tqdm import tqdm

        self._clear()
        bar = tqdm(
            total=total, unit=unit, desc=description, file=self.stream, leave=False, dynamic_ncols=True
        )
        self._bar = bar
        begun = 0

        def step(message: str) -> None:
            nonlocal begun
            if begun:
                bar.update(1)
            begun += 1
            bar.set_postfix_str(message)

        return step

    def done(self) -> None:
        """Finish the bar and clear the line, leaving the terminal as it was."""
        if self._bar is not None:
            self._bar.update(self._total - self._bar.n)
            self._bar.close()
            self._bar = None
        self._clear()

    def _clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0
