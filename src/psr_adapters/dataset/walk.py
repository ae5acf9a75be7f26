"""The parts of one walk over a ``psr/1`` document: problems with their paths, records, fields, references.

:class:`Walk` holds what a reading has found so far: every problem (each once), and the ids of each kind
collected before the records that refer to them are read. :mod:`psr_adapters.dataset.reading` walks the
sections with it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar

from ..errors import Problem
from .values import MAX_DEPTH, RefusedValueError, deeper_than, found, identifier

T = TypeVar("T")

ABSENT: Any = object()
"""A key not given at all (``None`` is a key given as ``null``)."""

KINDS = {
    "partnerships": "partnership",
    "organisations": "organisation",
    "people": "person",
    "groups": "group",
    "meetings": "meeting",
}


class Walk:
    """Problems found so far, and the ids known of each kind."""

    def __init__(self, references: bool) -> None:
        self.references = references
        self.problems: list[Problem] = []
        self.consistency: list[Problem] = []
        self.known: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self.unlisted: set[str] = set()
        """Kinds whose section is not a list: references to them are not reported as well."""

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def inconsistent(self, path: str, message: str) -> None:
        """A problem that only the document as a whole shows: a duplicate, a dangling reference, an order."""
        problem = Problem(path, message)
        self.problems.append(problem)
        self.consistency.append(problem)

    def wrong_kind(self, path: str, expected: str, value: Any, depth: int) -> None:
        if isinstance(value, dict | list) and deeper_than(value, MAX_DEPTH - depth):
            self.problem(path, f"nested more than {MAX_DEPTH} levels deep")
            return
        self.problem(path, f"expected {expected}, found {found(value)}")

    def record(
        self, path: str, value: Any, required: Iterable[str], allowed: Collection[str], depth: int
    ) -> dict[str, Any] | None:
        """``value`` when it is a mapping; its unknown and missing keys are problems."""
        if type(value) is not dict:
            self.wrong_kind(path, "a mapping", value, depth)
            return None
        extra = value.keys() - allowed
        if extra:
            listed = ", ".join(sorted(allowed))
            for key in sorted(extra, key=str):
                self.problem(
                    f"{path}.{key}" if path else str(key), f"unknown key {key!r} (allowed: {listed})"
                )
        for key in required:
            if key not in value:
                self.problem(path, f"missing the required key {key!r}")
        return value

    def listing(self, path: str, value: Any, depth: int) -> list[Any]:
        if value is ABSENT:
            return []
        if type(value) is not list:
            self.wrong_kind(path, "a list", value, depth)
            return []
        return value

    def field(self, record: dict[str, Any], key: str, here: str, convert: Callable[[Any], T]) -> T | None:
        """``record[key]`` converted, or ``None`` when it is not given or is refused (a problem)."""
        value = record.get(key, ABSENT)
        if value is ABSENT:
            return None
        try:
            return convert(value)
        except RefusedValueError as refused:
            if isinstance(value, dict | list) and deeper_than(value, MAX_DEPTH - 2):
                self.problem(f"{here}.{key}", f"nested more than {MAX_DEPTH} levels deep")
            else:
                self.problem(f"{here}.{key}", str(refused))
            return None

    def words(self, record: dict[str, Any], key: str, here: str, vocabulary: dict[str, T]) -> T | None:
        value = record.get(key, ABSENT)
        if value is ABSENT:
            return None
        word = vocabulary.get(value) if type(value) is str else None
        if word is None:
            self.problem(f"{here}.{key}", f"expected one of {', '.join(vocabulary)}; found {found(value)}")
        return word

    def reference(self, kind: str, value: Any, path: str) -> str | None:
        """An id of ``kind`` (``people``, ``groups``, ...) that must name a record of that kind."""
        if type(value) is str and value in self.known[kind]:
            return value
        try:
            written = identifier(value)
        except RefusedValueError as refused:
            self.problem(path, str(refused))
            return None
        if self.references and kind not in self.unlisted:
            self.inconsistent(path, f"no {KINDS[kind]} has the id {written!r} (see {kind})")
            return None
        return written

    def optional_reference(self, kind: str, record: dict[str, Any], key: str, here: str) -> str | None:
        value = record.get(key, ABSENT)
        if value is ABSENT:
            return None
        return self.reference(kind, value, f"{here}.{key}")

    def references_in(self, kind: str, record: dict[str, Any], key: str, here: str, depth: int) -> list[str]:
        values = self.listing(f"{here}.{key}", record.get(key, ABSENT), depth)
        return [
            checked
            for index, value in enumerate(values)
            if (checked := self.reference(kind, value, f"{here}.{key}[{index}]")) is not None
        ]

    def collect_ids(self, document: dict[str, Any]) -> None:
        """The ids of every kind, before any record that refers to them is read; a repeated id is a problem."""
        for kind in KINDS:
            entries = document.get(kind, [])
            if type(entries) is not list:
                self.unlisted.add(kind)
                continue
            first: dict[str, int] = {}
            for index, entry in enumerate(entries):
                if type(entry) is not dict:
                    continue
                try:
                    value = identifier(entry.get("id"))
                except RefusedValueError:
                    continue  # reported where the record itself is read
                if value in first:
                    self.inconsistent(
                        f"{kind}[{index}].id", f"the id {value!r} is already used by {kind}[{first[value]}]"
                    )
                else:
                    first[value] = index
            self.known[kind] = set(first)
