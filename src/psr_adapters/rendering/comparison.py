"""A comparison of two evaluations, for people (a table) and programs (JSON)."""

from __future__ import annotations

import textwrap
from typing import Any

from psr_core.comparison import Comparison

from .findings_json import finding_document


def comparison_document(comparison: Comparison, before: str, after: str, as_of: str) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "policy": after,
        "against": before,
        "parameters": [
            {
                "name": change.name,
                "before": change.before,
                "after": change.after,
                "interpretation": change.interpretation,
                "clause_before": change.clause_before,
                "clause_after": change.clause_after,
            }
            for change in comparison.parameters
        ],
        "appeared": [
            {**finding_document(f), "because": list(comparison.because(f))} for f in comparison.appeared
        ],
        "disappeared": [
            {**finding_document(f), "because": list(comparison.because(f))} for f in comparison.disappeared
        ],
        "changed": [
            {
                "before": finding_document(change.before),
                "after": finding_document(change.after),
                "differences": list(change.differences),
            }
            for change in comparison.changed
        ],
    }


def comparison_table(comparison: Comparison, before: str, after: str, width: int = 100) -> str:
    lines = [f"Findings under {after} compared with {before}:"]
    if comparison.parameters:
        lines.append("")
        lines.append(f"parameters that differ ({len(comparison.parameters)}):")
        for parameter in comparison.parameters:
            reading = ", a reading of ambiguous text" if parameter.interpretation else ""
            lines.append(f"  {parameter.name}: {parameter.before!r} -> {parameter.after!r}{reading}")
    sections = (
        ("+", f"only under {after}", comparison.appeared),
        ("-", f"only under {before}", comparison.disappeared),
    )
    for sign, title, findings in sections:
        lines.append("")
        lines.append(f"{title} ({len(findings)}):")
        for f in findings:
            because = comparison.because(f)
            reason = f"  (because: {', '.join(because)})" if because else ""
            lines.append(f"{sign} {f.date.isoformat()}  {f.severity.value:<8} {f.rule}  [{f.clause}]{reason}")
            lines.extend(
                textwrap.wrap(f.message, max(width, 40), initial_indent="    ", subsequent_indent="    ")
            )
    lines.append("")
    lines.append(f"changed ({len(comparison.changed)}):")
    for change in comparison.changed:
        f = change.after
        lines.append(f"~ {f.date.isoformat()}  {f.rule}: {', '.join(change.differences)}")
        for label, finding in (("was", change.before), ("now", change.after)):
            lines.extend(
                textwrap.wrap(
                    f"{label}: [{finding.severity.value}, {finding.clause}] {finding.message}",
                    max(width, 40),
                    initial_indent="    ",
                    subsequent_indent="         ",
                )
            )
    lines.append("")
    lines.append(
        f"{len(comparison.appeared)} appeared, {len(comparison.disappeared)} disappeared, "
        f"{len(comparison.changed)} changed"
    )
    return "\n".join(lines) + "\n"
