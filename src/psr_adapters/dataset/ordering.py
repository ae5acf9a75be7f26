"""Problems in document order, each once."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import Problem

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _key(problem: Problem) -> list[tuple[int, int, str]]:
    return [(0, int(index), "") if index else (1, 0, name) for index, name in _PART.findall(problem.path)]


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` without repeats, sorted by their place in the document (``meetings[2]`` before
    ``meetings[10]``); problems at the same place keep the order they were found in."""
    return sorted(dict.fromkeys(problems), key=_key)
