"""What encodes each clause of the source documents: the rules and parameters that cite its passages, or why
nothing does. docs/reference/coverage.md is generated from :func:`coverage` (scripts/policy_reference.py)."""

from __future__ import annotations

import attrs

from .board_review_2015 import ELEMENTS
from .catalogue import built_in_policies
from .joint_roadmap_2020 import ARRANGEMENTS
from .terms import Clause
from .terms_of_reference_2015 import CLAUSES


@attrs.frozen
class Coverage:
    """A clause, the rules (``policy id``, ``rule id``) and parameters that encode it."""

    clause: Clause
    rules: tuple[tuple[str, str], ...]
    parameters: tuple[str, ...]

    @property
    def encoded(self) -> bool:
        return bool(self.rules or self.parameters)


SOURCES = (CLAUSES, ELEMENTS, ARRANGEMENTS)
"""The clauses of each source document, in the documents' order: the Terms of Reference (2015), the March
2015 review, the joint roadmap (October 2020)."""


def coverage() -> tuple[Coverage, ...]:
    """Every clause of every source, with what encodes it in the built-in policies."""
    policies = built_in_policies()
    found = []
    for clauses in SOURCES:
        for clause in clauses:
            passages = set(clause.passages)
            rules = sorted(
                {
                    (policy.id, rule_id)
                    for policy in policies
                    for rule_id, terms in policy.rules.items()
                    if passages.intersection(terms.citations)
                }
            )
            parameters = sorted(
                {
                    name
                    for policy in policies
                    for name, parameter in policy.parameters.items()
                    if parameter.citation in passages
                }
            )
            found.append(Coverage(clause, tuple(rules), tuple(parameters)))
    return tuple(found)
