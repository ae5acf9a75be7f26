"""The ``psr/1`` dataset format (docs/reference/dataset-format.md): reading, checking and writing YAML and JSON files.

>>> history = read_dataset("examples/chorley/chorley.yaml")          # doctest: +SKIP
>>> write_dataset(history, "copy.json")                              # doctest: +SKIP

A file is read whole and checked whole: every problem is reported at once in a :class:`DatasetError`
naming the file, the path inside it (``meetings[3].attendance.gary-hall``) and what was expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psr_core import History

from ..collector import collector_paused
from ..documents import dump_json, dump_yaml, parse_text, read_document
from ..errors import DatasetError
from ..files import write_whole
from .conversion import (
    attendance_document,
    attendance_from_document,
    document_from_history,
    history_from_document,
    meeting_document,
    meeting_from_document,
)
from .ordering import ordered
from .reading import FORMAT
from .reading import read_document as read_history_document
from .values import FIRST_YEAR, LAST_YEAR, check_date_in_range

__all__ = [
    "FIRST_YEAR",
    "FORMAT",
    "LAST_YEAR",
    "DatasetError",
    "attendance_document",
    "attendance_from_document",
    "check_date_in_range",
    "check_document",
    "document_from_history",
    "dump_dataset",
    "history_from_document",
    "load_dataset",
    "meeting_document",
    "meeting_from_document",
    "read_dataset",
    "write_dataset",
]


def check_document(document: Any, source: str, base: Path | None = None) -> History:
    """The history in a parsed ``document``, or a :class:`DatasetError` listing every problem, each once,
    in document order: the format, the bounds of each value and the references between records, checked
    in the same walk that builds the history. ``document`` is left as it was."""
    return _checked(document, source, base, consume=False)


def _checked(document: Any, source: str, base: Path | None, *, consume: bool) -> History:
    """:func:`check_document`; ``consume`` (for a document parsed here) lets its meetings go as they are read."""
    history, walk = read_history_document(document, base, consume=consume)
    if history is None:
        raise DatasetError(source, ordered(walk.problems))
    return history


def read_dataset(path: str | Path) -> History:
    """Read the dataset file at ``path`` (``.json`` as JSON, anything else as YAML)."""
    with collector_paused():  # a file's worth of objects made, and no cycle among them
        document = read_document(path, DatasetError)
        return _checked(document, str(path), Path(path).parent, consume=True)


def load_dataset(text: str, source: str = "<text>", base: Path | None = None) -> History:
    """Read a dataset from ``text``; ``source`` names it in errors (its ending picks JSON or YAML)."""
    with collector_paused():  # a file's worth of objects made, and no cycle among them
        return _checked(parse_text(text, source, DatasetError), source, base, consume=True)


def dump_dataset(history: History, as_json: bool = False) -> str:
    """The text of a ``psr/1`` dataset for ``history``."""
    document = document_from_history(history)
    return dump_json(document) if as_json else dump_yaml(document)


def write_dataset(history: History, path: str | Path) -> None:
    """Write ``history`` to ``path`` whole or not at all (``.json`` as JSON, otherwise YAML)."""
    target = Path(path)
    write_whole(target, dump_dataset(history, as_json=target.suffix.lower() == ".json"))
