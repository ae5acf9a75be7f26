"""Findings as the JSON document ``psr check --format json`` prints (docs/reference/command-line.md), with
each finding's casework (its id, status and responses) and the responses that answer no raised finding
(docs/explanation/casework.md).

:func:`findings_document` gives the document as plain Python data (``json.dumps`` takes it as it is);
:func:`findings_json` and :func:`write_findings_json` give it encoded, exactly as ``psr check --format json``
prints it: two-space indents, UTF-8 without escapes, a final newline. The encoding is orjson's, a chunk of
findings at a time, so that a history with many thousands of findings is written without building the
whole text, or every finding's dictionary, at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, Any

import attrs
import orjson

from psr_core import Casework, Evaluation, Finding, FindingStatus, Response, status_after

CHUNK = 2048
"""How many findings are encoded at a time."""

_INDENT = orjson.OPT_INDENT_2


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
    key = finding.id
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


@attrs.frozen
class _Lazy:
    """A list in the document whose items are made (by ``convert``) only as they are written."""

    items: Sequence[Any]
    convert: Callable[[Any], Any]


def _document(evaluation: Evaluation, findings: list[Any] | _Lazy) -> dict[str, Any]:
    casework = evaluation.casework
    statuses = Counter(casework.status(finding).value for finding in evaluation.findings)
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


def evaluation_document(evaluation: Evaluation) -> dict[str, Any]:
    """``{"as_of": ..., "findings": [...]}``, plus the responses that answer no raised finding, the policy
    each partnership was judged by, and counts by severity and by status."""
    casework = evaluation.casework
    return _document(evaluation, [finding_document(finding, casework) for finding in evaluation.findings])


def findings_document(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON document of ``psr check --format json`` for ``evaluation``, as plain data: dictionaries,
    lists, strings, numbers and booleans, ready for ``json.dumps`` or any JSON library.

    >>> findings_document(evaluate(history, None, date(2016, 7, 31)))["findings"][0]["rule"]  # doctest: +SKIP
    'meeting.agenda-notice'
    """
    return evaluation_document(evaluation)


def _with_casework(evaluation: Evaluation) -> Callable[[Finding], dict[str, Any]]:
    casework = evaluation.casework
    return lambda finding: finding_document(finding, casework)


def _encoded(value: Any) -> bytes:
    """``value`` as indented JSON, nested one level (every line after the first indented two more)."""
    return orjson.dumps(value, option=_INDENT).replace(b"\n", b"\n  ")


def _chunks(value: _Lazy) -> Iterator[bytes]:
    """The items of a lazy list as JSON, written one level deep, ``CHUNK`` items at a time."""
    if not value.items:
        yield b"[]"
        return
    yield b"["
    for start in range(0, len(value.items), CHUNK):
        chunk = [value.convert(item) for item in value.items[start : start + CHUNK]]
        # "[\n  {...},\n  {...}\n]" without its brackets, each line two spaces deeper.
        body = orjson.dumps(chunk, option=_INDENT)[1:-2].replace(b"\n", b"\n  ")
        yield body if start == 0 else b"," + body
    yield b"\n  ]"


def document_chunks(document: Mapping[str, Any]) -> Iterator[bytes]:
    """``document`` encoded as ``json.dumps(document, indent=2, ensure_ascii=False)`` encodes it, in UTF-8,
    in pieces; a value made with :class:`_Lazy` is converted and encoded a chunk at a time."""
    if not document:
        yield b"{}"
        return
    for index, (key, value) in enumerate(document.items()):
        yield (b",\n  " if index else b"{\n  ") + orjson.dumps(key) + b": "
        if isinstance(value, _Lazy):
            yield from _chunks(value)
        else:
            yield _encoded(value)
    yield b"\n}"


def write_findings_json(evaluation: Evaluation, stream: IO[bytes]) -> None:
    """Write the document of :func:`findings_document` to the binary ``stream``, with a final newline."""
    document = _document(evaluation, _Lazy(evaluation.findings, _with_casework(evaluation)))
    for piece in document_chunks(document):
        stream.write(piece)
    stream.write(b"\n")


def findings_json(evaluation: Evaluation) -> str:
    """The document of :func:`findings_document` as text, exactly as ``psr check --format json`` prints
    it (with its final newline)."""
    document = _document(evaluation, _Lazy(evaluation.findings, _with_casework(evaluation)))
    return (b"".join(document_chunks(document)) + b"\n").decode("utf-8")
