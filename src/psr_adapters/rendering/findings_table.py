"""Findings as a table for a terminal: one block per finding, the message wrapped to the width."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterator
from typing import IO

from psr_core import Evaluation, Finding

_HEAD = ("DATE", "SEVERITY", "RULE", "CLAUSE", "SUBJECT")


def _subject(finding: Finding) -> str:
    return " ".join(f"{kind}={value}" for kind, value in finding.subject.as_dict().items())


def table_lines(evaluation: Evaluation, width: int = 100) -> Iterator[str]:
    """The lines of :func:`findings_table`, each without its newline, made one finding at a time."""
    subjects = [_subject(f) for f in evaluation.findings]
    widths = [len(h) for h in _HEAD[:4]]
    for f in evaluation.findings:
        cells = (f.date.isoformat(), f.severity.value, f.rule, f.clause)
        widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
    header = "  ".join(h.ljust(w) for h, w in zip(_HEAD[:4], widths, strict=True)) + "  " + _HEAD[4]
    yield header
    yield "-" * min(max(len(header), 40), width)
    indent = " " * (widths[0] + 2)
    wrap = textwrap.TextWrapper(width=max(width, 40), initial_indent=indent, subsequent_indent=indent)
    for f, subject in zip(evaluation.findings, subjects, strict=True):
        cells = (f.date.isoformat(), f.severity.value, f.rule, f.clause)
        yield "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)) + "  " + subject
        yield from wrap.wrap(f.message)
    yield ""
    yield summary(evaluation)


def findings_table(evaluation: Evaluation, width: int = 100) -> str:
    """The findings as aligned columns, each followed by its message, and a closing summary."""
    return "\n".join(table_lines(evaluation, width)) + "\n"


def write_findings_table(evaluation: Evaluation, stream: IO[bytes], width: int = 100) -> None:
    """Write :func:`findings_table` to the binary ``stream`` in UTF-8, a block of lines at a time."""
    block: list[str] = []
    for line in table_lines(evaluation, width):
        block.append(line)
        if len(block) >= 4096:
            stream.write(("\n".join(block) + "\n").encode("utf-8"))
            block.clear()
    stream.write(("\n".join(block) + "\n").encode("utf-8"))


def summary(evaluation: Evaluation) -> str:
    counts = Counter(f.severity.value for f in evaluation.findings)
    policies = ", ".join(f"{p} under {v}" for p, v in sorted(evaluation.policies.items())) or "no partnership"
    total = len(evaluation.findings)
    return (
        f"{total} finding{'s' if total != 1 else ''} as of {evaluation.as_of.isoformat()} "
        f"({counts['breach']} breach, {counts['action']} action, {counts['info']} info); {policies}"
    )
