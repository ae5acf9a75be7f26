"""Findings as the JSON document ``psr check --format json`` prints (docs/reference/command-line.md), with
each finding's casework (its id, status and responses) and the responses that answer no raised finding
(docs/explanation/casework.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from psr_core import Casework, Evaluation, Finding, FindingStatus, Response, status_after


def response_document(response: Response) -> dict[str, Any]:
    """One response as the dataset's ``responses`` list writes it; ``note`` is null when none was given."""
    return {
        "finding": response.finding,
        "action": response.action.value,
        "by": response.by,
        "on": response.on.isoformat(),
        "note": response.note,
    }


def finding_document(finding: Finding, casework: Casework | None = None) -> dict[str, Any]:
    """One finding, with the contract's keys in the contract's order, then its ``id``; with ``casework``,
    also its ``status`` and its ``responses`` (oldest first)."""
    key = finding.id  # made afresh on each access: once here
    document: dict[str, Any] = {
        "rule": finding.rule,
        "partnership": finding.partnership,
        "policy": finding.policy,
        "clause": finding.clause,
        "severity": finding.severity.value,
        "date": finding.date.isoformat(),
        "subject": finding.subject.as_dict(),
        "message": finding.message,
        "evidence": dict(finding.evidence),
        "interpretation": dict(finding.interpretation),
        "id": key,
    }
    if casework is not None:
        responses = casework.responses_to(key)
        document["status"] = status_after(responses).value
        document["responses"] = [response_document(r) for r in responses]
    return document


def evaluation_document(evaluation: Evaluation) -> dict[str, Any]:
    """``{"as_of": ..., "findings": [...]}``, plus the policy each partnership was judged by, the
    responses that answer no raised finding, and counts by severity and by status."""
    casework = evaluation.casework
    findings = [finding_document(finding, casework) for finding in evaluation.findings]
    statuses = Counter(finding["status"] for finding in findings)
    return {
        "as_of": evaluation.as_of.isoformat(),
        "findings": findings,
        "unmatched_responses": [response_document(r) for r in casework.unmatched],
        "policies": dict(evaluation.policies),
        "summary": {
            severity: sum(1 for f in evaluation.findings if f.severity.value == severity)
            for severity in ("breach", "action", "info")
        },
        "statuses": {status.value: statuses[status.value] for status in FindingStatus},
    }
