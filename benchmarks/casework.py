"""What casework costs: checking a history that records responses, and recording one response in SQLite.

    python benchmarks/casework.py              # the small history (about 10,000 attendance records)
    python benchmarks/casework.py --size medium

Prints, for a synthetic history (``histories.py``) given one response to each of its findings (every
third finding answered twice) and as many responses again to findings not raised:

- evaluation: ``evaluate`` of the history without its responses, and with them (casework matched);
- JSON: building the ``psr check --format json`` document of each evaluation;
- SQL: importing the history with its responses into a SQLite file, loading it back, and appending
  responses one transaction each as ``psr respond`` does (its time per response, without the evaluation
  ``psr respond`` runs first to check the finding).

Each figure is the fastest of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import attrs
from histories import Shape, attendance_records, generate

from psr_adapters.rendering.findings_json import evaluation_document
from psr_adapters.sql import import_history, load_history
from psr_adapters.sql.responses import append_response
from psr_core import History, Response, ResponseAction, evaluate

T = TypeVar("T")
SIZES = {"small": Shape(partnerships=2, years=8), "medium": Shape(partnerships=15, years=10)}
APPENDED = 200
"""Responses appended one by one to measure ``append_response``."""


def fastest(repeat: int, work: Callable[[], T]) -> tuple[T, float]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    assert result is not None
    return result, best


def with_responses(history: History, shape: Shape) -> History:
    findings = evaluate(history, None, shape.as_of).findings
    actions = list(ResponseAction)
    someone = history.people[0].id
    responses = []
    for n, finding in enumerate(findings):
        on = finding.date + timedelta(days=7)
        responses.append(Response(finding.id, actions[n % len(actions)], someone, on, "note"))
        if n % 3 == 0:
            responses.append(Response(finding.id, ResponseAction.RESOLVED, someone, on + timedelta(days=7)))
        responses.append(Response(f"corrected-{n}", ResponseAction.ACKNOWLEDGED, someone, on))
    return attrs.evolve(history, responses=responses)


def measure(size: str, repeat: int) -> dict[str, Any]:
    shape = SIZES[size]
    plain = generate(shape)
    history = with_responses(plain, shape)
    before, evaluate_plain = fastest(repeat, lambda: evaluate(plain, None, shape.as_of))
    after, evaluate_casework = fastest(repeat, lambda: evaluate(history, None, shape.as_of))
    assert after.findings == before.findings, "responses never change the findings"
    _doc, json_plain = fastest(repeat, lambda: json.dumps(evaluation_document(before)))
    _doc, json_casework = fastest(repeat, lambda: json.dumps(evaluation_document(after)))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'psr.db'}"
        started = time.perf_counter()
        import_history(history, url)
        imported = time.perf_counter() - started
        loaded, load_time = fastest(repeat, lambda: load_history(url))
        assert loaded.responses == history.responses
        finding = before.findings[0]
        someone = history.people[0].id
        started = time.perf_counter()
        for n in range(APPENDED):
            append_response(
                url, Response(finding.id, ResponseAction.ACKNOWLEDGED, someone, shape.as_of, str(n))
            )
        appended = (time.perf_counter() - started) / APPENDED
    return {
        "size": size,
        "attendance_records": attendance_records(plain),
        "findings": len(before.findings),
        "responses": len(history.responses),
        "evaluate_without_responses_s": round(evaluate_plain, 3),
        "evaluate_with_responses_s": round(evaluate_casework, 3),
        "json_without_responses_s": round(json_plain, 3),
        "json_with_responses_s": round(json_casework, 3),
        "sqlite_import_s": round(imported, 3),
        "sqlite_load_s": round(load_time, 3),
        "sqlite_append_one_response_ms": round(appended * 1000, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args(argv)
    figures = measure(options.size, options.repeat)
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
