"""What a schema cannot say: unique ids, references that resolve, dates in order (docs/reference/dataset-format.md).

These problems are found in the same walk as every other (:mod:`psr_adapters.dataset.reading`); this
module picks them out, for storage adapters that check the same things of a history they are given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from .reading import read_document


def consistency_problems(document: dict[str, Any], base: Path | None) -> list[Problem]:
    """Every duplicate id, dangling reference and out-of-order date in a structurally valid document."""
    _history, walk = read_document(document, base)
    return list(dict.fromkeys(walk.consistency))
