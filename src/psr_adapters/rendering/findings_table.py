"""Findings as a table for a terminal: one block per finding (its id, the message wrapped to the width,
and what the partnership did about it), and a closing summary."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence

from psr_core import Evaluation, Finding, FindingStatus, Response, status_after

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
    keys = [f.id for f in evaluation.findings]  # an id is made afresh on each access: once each here
    answers = [casework.responses_to(key) for key in keys]
    statuses = [status_after(responses) for responses in answers]
    rows = [
        (f.date.isoformat(), f.severity.value, f.rule, f.clause, status.value, _subject(f), f.message)
        for f, status in zip(evaluation.findings, statuses, strict=True)
    ]
    columns = len(_HEAD) - 1
    widths = [max([len(_HEAD[i]), *(len(row[i]) for row in rows)]) for i in range(columns)]
    lines = []
    header = "  ".join(h.ljust(w) for h, w in zip(_HEAD[:columns], widths, strict=True)) + "  " + _HEAD[-1]
    lines.append(header)
    lines.append("-" * min(max(len(header), 40), width))
    indent = " " * (widths[0] + 2)
    wrap = textwrap.TextWrapper(width=max(width, 40), initial_indent=indent, subsequent_indent=indent)
    for key, responses, row in zip(keys, answers, rows, strict=True):
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:columns], widths, strict=True)) + "  " + row[-2]
        )
        lines.append(f"{indent}id {key}")
        lines.extend(wrap.wrap(row[-1]))
        for response in responses:
            lines.extend(wrap.wrap(f"> {response_line(response)}"))
    if casework.unmatched:
        lines.append("")
        lines.append(f"Responses to findings not raised as of {evaluation.as_of.isoformat()}:")
        for response in casework.unmatched:
            lines.append(f"  {response.finding}: {response_line(response)}")
    lines.append("")
    lines.append(summary(evaluation, statuses))
    return "\n".join(lines) + "\n"


def summary(evaluation: Evaluation, statuses: Sequence[FindingStatus] | None = None) -> str:
    """The closing line: the findings by severity and by status (``statuses``: each finding's, if known)."""
    counts = Counter(f.severity.value for f in evaluation.findings)
    if statuses is None:
        statuses = [evaluation.casework.status(f) for f in evaluation.findings]
    standing = Counter(statuses)
    policies = ", ".join(f"{p} under {v}" for p, v in sorted(evaluation.policies.items())) or "no partnership"
    total = len(evaluation.findings)
    by_status = ", ".join(f"{standing[s]} {s.value}" for s in FindingStatus)
    return (
        f"{total} finding{'s' if total != 1 else ''} as of {evaluation.as_of.isoformat()} "
        f"({counts['breach']} breach, {counts['action']} action, {counts['info']} info; {by_status}); "
        f"{policies}"
    )
