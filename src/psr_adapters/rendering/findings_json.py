"""Findings as the JSON document of CONTRACT §3."""

from __future__ import annotations

from typing import Any

from psr_core import Evaluation, Finding


def finding_document(finding: Finding) -> dict[str, Any]:
    """One finding, with the contract's keys in the contract's order."""
    return {
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
    }


def evaluation_document(evaluation: Evaluation) -> dict[str, Any]:
    """``{"as_of": ..., "findings": [...]}``, plus the policy each partnership was judged by."""
    return {
        "as_of": evaluation.as_of.isoformat(),
        "findings": [finding_document(finding) for finding in evaluation.findings],
        "policies": dict(evaluation.policies),
        "summary": {
            severity: sum(1 for f in evaluation.findings if f.severity.value == severity)
            for severity in ("breach", "action", "info")
        },
    }
