"""Findings as a table for a terminal: one block per finding, the message wrapped to the width."""

from __future__ import annotations

import textwrap
from collections import Counter

from psr_core import Evaluation, Finding

_HEAD = ("DATE", "SEVERITY", "RULE", "CLAUSE", "SUBJECT")


def _subject(finding: Finding) -> str:
    return " ".join(f"{kind}={value}" for kind, value in finding.subject.as_dict().items())


def findings_table(evaluation: Evaluation, width: int = 100) -> str:
    """The findings as aligned columns, each followed by its message, and a closing summary."""
    rows = [
        (f.date.isoformat(), f.severity.value, f.rule, f.clause, _subject(f), f.message)
        for f in evaluation.findings
    ]
    widths = [max([len(_HEAD[i]), *(len(row[i]) for row in rows)]) for i in range(4)]
    lines = []
    header = "  ".join(h.ljust(w) for h, w in zip(_HEAD[:4], widths, strict=True)) + "  " + _HEAD[4]
    lines.append(header)
    lines.append("-" * min(max(len(header), 40), width))
    indent = " " * (widths[0] + 2)
    for row in rows:
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + row[4]
        )
        lines.extend(
            textwrap.wrap(row[5], width=max(width, 40), initial_indent=indent, subsequent_indent=indent)
        )
    lines.append("")
    lines.append(summary(evaluation))
    return "\n".join(lines) + "\n"


def summary(evaluation: Evaluation) -> str:
    counts = Counter(f.severity.value for f in evaluation.findings)
    policies = ", ".join(f"{p} under {v}" for p, v in sorted(evaluation.policies.items())) or "no partnership"
    total = len(evaluation.findings)
    return (
        f"{total} finding{'s' if total != 1 else ''} as of {evaluation.as_of.isoformat()} "
        f"({counts['breach']} breach, {counts['action']} action, {counts['info']} info); {policies}"
    )
