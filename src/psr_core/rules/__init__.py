"""The rules of the terms of reference, registered by their ids (docs/reference/policies/ lists each with
its clause)."""

from . import admission, attendance, commitment, composition, interests, joint, meetings, reporting
from .base import RULES, Rule

__all__ = [
    "RULES",
    "Rule",
    "admission",
    "attendance",
    "commitment",
    "composition",
    "interests",
    "joint",
    "meetings",
    "reporting",
]
