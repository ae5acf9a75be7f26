"""One error hierarchy. Each error also inherits the builtin it resembles, so callers may catch either."""

from __future__ import annotations


class PsrError(Exception):
    """Anything psr refuses, with a message that says what was expected and what was found."""


class PolicyError(PsrError, ValueError):
    """A policy is unknown, or a parameter or rule of it is missing or of the wrong kind."""


class UnknownPolicyError(PolicyError, LookupError):
    """No built-in policy version has that id."""


class HistoryError(PsrError, ValueError):
    """A history that a policy cannot judge as it stands (a group whose named chair is not recorded)."""
