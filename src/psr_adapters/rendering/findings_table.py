"""Findings as a table for a terminal: one block per finding (its id, the message wrapped to the width,
and what the partnership did about it), and a closing summary."""

from __future__ import annotations

import textwrap
from collections import Counter

from psr_core import Evaluation, Finding, FindingStatus, Response

_HEAD = ("DATE", "SEVERITY", "RULE", "CLAUSE", "STATUS", "SUBJECT")


def _subject(finding: Finding) -> str:
    return " ".join(f"{kind}={value}" for kind, value in finding.subject.as_dict().items())


def response_line(response: Response) -> str:
    """``2015-11-02 explanation-requested by alistair-bradley: letter sent``."""
    note = f": {response.note}" if response.note else ""
    return f"{response.on.isoformat()} {response.action.value} by {response.by}{note}"


def findings_table(evaluation: Evaluation, width: int = 100) -> str:
    """The findings as aligned columns, each followed by its id, its message and its responses."""
    casework = evaluation.casework
    rows = [
        (
            f.date.isoformat(),
            f.severity.value,
            f.rule,
            f.clause,
            casework.status(f).value,
            _subject(f),
            f.message,
        )
        for f in evaluation.findings
    ]
    columns = len(_HEAD) - 1
    widths = [max([len(_HEAD[i]), *(len(row[i]) for row in rows)]) for i in range(columns)]
    lines = []
    header = "  ".join(h.ljust(w) for h, w in zip(_HEAD[:columns], widths, strict=True)) + "  " + _HEAD[-1]
    lines.append(header)
    lines.append("-" * min(max(len(header), 40), width))
    indent = " " * (widths[0] + 2)
    wrap = textwrap.TextWrapper(width=max(width, 40), initial_indent=indent, subsequent_indent=indent)
    for finding, row in zip(evaluation.findings, rows, strict=True):
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:columns], widths, strict=True)) + "  " + row[-2]
        )
        lines.append(f"{indent}id {finding.id}")
        lines.extend(wrap.wrap(row[-1]))
        for response in casework.responses_to(finding):
            lines.extend(wrap.wrap(f"> {response_line(response)}"))
    if casework.unmatched:
        lines.append("")
        lines.append(f"Responses to findings not raised as of {evaluation.as_of.isoformat()}:")
        for response in casework.unmatched:
            lines.append(f"  {response.finding}: {response_line(response)}")
    lines.append("")
    lines.append(summary(evaluation))
    return "\n".join(lines) + "\n"


def summary(evaluation: Evaluation) -> str:
    counts = Counter(f.severity.value for f in evaluation.findings)
    statuses = Counter(evaluation.casework.status(f) for f in evaluation.findings)
    policies = ", ".join(f"{p} under {v}" for p, v in sorted(evaluation.policies.items())) or "no partnership"
    total = len(evaluation.findings)
    standing = ", ".join(f"{statuses[s]} {s.value}" for s in FindingStatus)
    return (
        f"{total} finding{'s' if total != 1 else ''} as of {evaluation.as_of.isoformat()} "
        f"({counts['breach']} breach, {counts['action']} action, {counts['info']} info; {standing}); "
        f"{policies}"
    )
