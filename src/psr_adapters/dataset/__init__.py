"""The ``psr/1`` dataset format (CONTRACT §2): reading, checking and writing YAML and JSON files.

>>> history = read_dataset("examples/chorley/chorley.yaml")          # doctest: +SKIP
>>> write_dataset(history, "copy.json")                              # doctest: +SKIP

A file is read whole and checked whole: every problem is reported at once in a :class:`DatasetError`
naming the file, the path inside it (``meetings[3].attendance.gary-hall``) and what was expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psr_core import History

from ..documents import dump_json, dump_yaml, parse_text, read_document
from ..errors import DatasetError
from ..files import write_whole
from .consistency import consistency_problems
from .conversion import document_from_history, history_from_document
from .schema import FORMAT, SCHEMA
from .structure import structure_problems

__all__ = [
    "FORMAT",
    "SCHEMA",
    "DatasetError",
    "check_document",
    "document_from_history",
    "dump_dataset",
    "history_from_document",
    "load_dataset",
    "read_dataset",
    "write_dataset",
]


def check_document(document: Any, source: str, base: Path | None = None) -> History:
    """The history in a parsed ``document``, or a :class:`DatasetError` listing every problem."""
    problems = structure_problems(document)
    if problems:
        raise DatasetError(source, problems)
    problems = consistency_problems(document, base)
    if problems:
        raise DatasetError(source, problems)
    try:
        return history_from_document(document)
    except ValueError as exc:  # a value the core refuses that the checks above did not foresee
        raise DatasetError(source, [_problem(str(exc))]) from exc


def _problem(message: str) -> Any:
    from ..errors import Problem

    return Problem("", message)


def read_dataset(path: str | Path) -> History:
    """Read the dataset file at ``path`` (``.json`` as JSON, anything else as YAML)."""
    document = read_document(path, DatasetError)
    return check_document(document, str(path), Path(path).parent)


def load_dataset(text: str, source: str = "<text>", base: Path | None = None) -> History:
    """Read a dataset from ``text``; ``source`` names it in errors (its ending picks JSON or YAML)."""
    return check_document(parse_text(text, source, DatasetError), source, base)


def dump_dataset(history: History, as_json: bool = False) -> str:
    """The text of a ``psr/1`` dataset for ``history``."""
    document = document_from_history(history)
    return dump_json(document) if as_json else dump_yaml(document)


def write_dataset(history: History, path: str | Path) -> None:
    """Write ``history`` to ``path`` whole or not at all (``.json`` as JSON, otherwise YAML)."""
    target = Path(path)
    write_whole(target, dump_dataset(history, as_json=target.suffix.lower() == ".json"))
