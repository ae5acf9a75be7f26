"""The values a request may name in its path and query, refused with 422 before anything is read or written.

An id in a path follows the ``psr/1`` format's rule for ids (``docs/reference/dataset-format.md``): no
control character, no leading or trailing space, at most as long as a database stores. A day (``as_of``)
falls in the years every reader handles (:data:`~psr_adapters.sql.integrity.YEARS`), so that no request can
ask for an evaluation or a calendar centuries long.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path

from ..errors import Problem
from ..sql.integrity import YEARS, date_problem
from ..sql.tables import ID_LENGTH
from .problems import ProblemError

_EDGE = r"[^\s\x00-\x1f\x7f-\x9f]"
ID_PATTERN = rf"^{_EDGE}([^\x00-\x1f\x7f-\x9f]*{_EDGE})?$"
"""An id: no control character anywhere, no space (or other white space) at either end."""

PathId = Annotated[
    str,
    Path(
        pattern=ID_PATTERN,
        max_length=ID_LENGTH,
        description="an id: no control character, no leading or trailing space",
    ),
]

DAY_DESCRIPTION = f"YYYY-MM-DD, in the years {YEARS[0]} to {YEARS[-1]}"


def day_in_range(day: date | None, where: str) -> date | None:
    """``day`` unchanged, or a 422 naming ``where`` (``query.as_of``) when it is out of range."""
    problem = date_problem(day)
    if problem is not None:
        raise ProblemError(422, f"{where}: {problem}", [Problem(where, problem)])
    return day
