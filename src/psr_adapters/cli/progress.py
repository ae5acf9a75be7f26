"""Progress for long work: shown on a terminal, silent when output is piped or redirected."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Writes one updating status line to ``stream`` when it is a terminal, and nothing otherwise."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._shown = 0

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        padding = max(self._shown - len(message), 0)
        self.stream.write("\r" + message + " " * padding)
        self.stream.flush()
        self._shown = len(message)

    def done(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0
