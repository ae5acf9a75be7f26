"""Errors raised at the edges: bad files, with every problem named by file and path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from psr_core import PsrError

_PLURALS = {
    "person": "people",
    "group": "groups",
    "partnership": "partnerships",
    "organisation": "organisations",
}
LISTED = 20
"""How many known ids a message about an unknown one lists before saying how many more there are."""


def unknown_id(kind: str, wanted: str, known: Iterable[str], where: str = "the history") -> str:
    """The one wording every command uses for an id that is not there, with the ids that are:
    ``no group 'nope' in the history; the groups are: board, exec, ig``."""
    ids = sorted(set(known))
    listing = ", ".join(ids[:LISTED]) + (f" and {len(ids) - LISTED} more" if len(ids) > LISTED else "")
    return f"no {kind} {wanted!r} in {where}; the {_PLURALS.get(kind, kind + 's')} are: {listing or '(none)'}"


@attrs.frozen
class Problem:
    """One thing wrong with a document: where (``meetings[3].attendance.gary-hall``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


class DocumentError(PsrError, ValueError):
    """A file that cannot be used, with every problem found in it.

    ``exit_code`` is the command line's exit status for it (docs/reference/command-line.md: 2 for bad input).
    """

    exit_code = 2
    kind = "document"

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self._describe())

    def _describe(self) -> str:
        count = len(self.problems)
        heading = f"{self.source}: {'a problem' if count == 1 else f'{count} problems'} in this {self.kind}"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


class DatasetError(DocumentError):
    """A dataset file (``psr/1``) that is missing, unreadable, or breaks the format."""

    kind = "dataset"


class PolicyFileError(DocumentError):
    """A policy file that is missing, unreadable, or breaks the policy file format."""

    kind = "policy file"
