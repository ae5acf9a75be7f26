"""The ``psr`` command line."""

from __future__ import annotations

from .app import psr


def main() -> None:
    """Entry point of the ``psr`` command."""
    psr(prog_name="psr")


__all__ = ["main", "psr"]
