"""Findings as a table for a terminal: one block per finding (its id, the message wrapped to the width,
and what the partnership did about it), and a closing summary."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

from psr_core import Evaluation, Finding, FindingStatus, Response, status_after

_HEAD = ("DATE", "SEVERITY", "RULE", "CLAUSE", "STATUS", "SUBJECT")


def _subject(finding: Finding) -> str:
    return " ".join(f"{kind}={value}" for kind, value in finding.subject.as_dict().items())


def response_line(response: Response) -> str:
    """``2015-11-02 explanation-requested by alistair-bradley: letter sent``."""
    note = f": {response.note}" if response.note else ""
    return f"{response.on.isoformat()} {response.action.value} by {response.by}{note}"


_SPLIT = frozenset("\t\n\x0b\x0c\r")
"""The characters ``textwrap`` turns into spaces."""


def wrapped(wrapper: textwrap.TextWrapper, text: str) -> list[str]:
    """``wrapper.wrap(text)``, with no work for the commonest message: ASCII text of one line that fits
    the width with its indent (``textwrap`` splits every message into words before it can say so)."""
    indent = wrapper.initial_indent
    if (
        text
        and len(indent) + len(text) <= wrapper.width
        and text.isascii()
        and not text[-1].isspace()  # a line ending in white space loses it
        and _SPLIT.isdisjoint(text)
    ):
        return [indent + text]
    return wrapper.wrap(text)


def table_lines(evaluation: Evaluation, width: int = 100) -> Iterator[str]:
    """The lines of :func:`findings_table`, each without its newline, made one finding at a time."""
    casework = evaluation.casework
    answers = [casework.responses_to(f) for f in evaluation.findings]
    statuses = [status_after(responses) for responses in answers]
    columns = len(_HEAD) - 1
    widths = [len(h) for h in _HEAD[:columns]]
    for f, status in zip(evaluation.findings, statuses, strict=True):
        cells = (f.date.isoformat(), f.severity.value, f.rule, f.clause, status.value)
        widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
    header = "  ".join(h.ljust(w) for h, w in zip(_HEAD[:columns], widths, strict=True)) + "  " + _HEAD[-1]
    yield header
    yield "-" * min(max(len(header), 40), width)
    indent = " " * (widths[0] + 2)
    # An id is never broken at a hyphen (a reader copies it whole); only an id longer than a line is cut.
    wrap = textwrap.TextWrapper(
        width=max(width, 40), initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )
    for f, status, responses in zip(evaluation.findings, statuses, answers, strict=True):
        cells = (f.date.isoformat(), f.severity.value, f.rule, f.clause, status.value)
        yield "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)) + "  " + _subject(f)
        yield f"{indent}id {f.id}"
        yield from wrapped(wrap, f.message)
        for response in responses:
            yield from wrapped(wrap, f"> {response_line(response)}")
    if casework.unmatched:
        yield ""
        yield f"Responses to findings not raised as of {evaluation.as_of.isoformat()}:"
        for response in casework.unmatched:
            yield f"  {response.finding}: {response_line(response)}"
    yield ""
    yield summary(evaluation, statuses)


def findings_table(evaluation: Evaluation, width: int = 100) -> str:
    """The findings as aligned columns, each followed by its id, its message and its responses, and a
    closing summary."""
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
