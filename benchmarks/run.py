"""psr's benchmarks in one command: for each size of synthetic history, one table of every figure.

    python benchmarks/run.py                              # every figure, small, medium and large (a few minutes)
    python benchmarks/run.py --quick                      # evaluation and incremental figures only
    python benchmarks/run.py --sizes small,medium --json  # chosen sizes, as JSON
    python benchmarks/run.py --sizes large --repeat 3     # the fastest of three evaluations
    python benchmarks/run.py --databases sqlite           # no database server needed

Each size runs in a fresh subprocess (pinned to one CPU where the platform allows it), so its memory
figures are its own. The child generates a synthetic history (``histories.py``) and measures, in order:

- evaluation: ``evaluate`` under every rule of ``chorley-2015`` as it stood on its last day, with the
  garbage collector paused as ``psr check`` runs it (the figure with it running is reported too);
- memory: the process's peak RSS after evaluating, the RSS of the history, and how far evaluation took
  the high-water mark above it (on Linux the mark is reset just before evaluating, so it is its own);
- incremental: the time to record each of the latest meetings, one at a time, into a
  :class:`psr_core.Ledger` holding the rest, the as-of day moving on with each meeting;
- facts: the worst time to record one meeting while dated facts come in, the as-of day moving on with
  each meeting: late, every meeting from 30 days before the last financial year end (31 March) before the
  last meeting to the last meeting, into a Ledger holding every earlier meeting (the million-record state
  at the large size: a year closes, seats change hands); and early, the 120 days around the first
  organisation admitted (organisations join, are agreed and inducted). The target is judged on the late one;
- daily: the late window again as a live system goes through it, the day moved on each morning
  (``Ledger.advance``) before that day's meetings are recorded, each step timed apart;
- calendar: rendering every meeting of the history as one iCalendar feed (``psr ical``);
- SQL: importing the history into an empty SQLite file and PostgreSQL schema (``psr db import``), and
  loading it back and evaluating it (``psr check --db``), the findings checked against those in memory.

Then the durable_rules baseline of ``durable.py``, once for each stream (plain, where seats never change
hands, and ``--realistic``, where they do and organisations join): the same attendance stream judged by the
durable_rules adapter and by the core's Ledger, with the ratio of their rates.

Then the whole-process rows of ``commands.py``: the commands a user types (``psr check``, ``psr validate``,
``psr db import``, ``psr check --db``, ``psr --help``), each timed from outside as a subprocess, beside a
bare baseline that loads the same file with the standard library and walks every attendance record, with
the ratio, the peak memory, a growth table by size, and each target met or missed. ``--quick`` leaves them
out; ``--keep DIR`` keeps the dataset files they are run on (and reuses them next time).

Progress goes to stderr when stderr is a terminal; piped, the script prints only its result.
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import functools
import gc
import importlib
import importlib.machinery
import json
import os
import pkgutil
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
from histories import Shape, attendance_records, generate

import psr_core
from psr_core import CHORLEY_2015, History, Ledger, Meeting, evaluate

HERE = Path(__file__).resolve().parent

SIZES: dict[str, Shape] = {
    # about 10,000 attendance records
    "small": Shape(partnerships=2, years=8),
    # about 100,000
    "medium": Shape(partnerships=15, years=10),
    # about 1,000,000: 75 partnerships of 5 groups (375 groups), 14 members each, over 20 years
    "large": Shape(partnerships=75, years=20),
}
TARGET_RECORDS = 1_000_000
TARGET_SECONDS = 3.0
TARGET_MEMORY = 1024 * 1024 * 1024
TARGET_RECORD_MS = 5.0
TARGET_WORST_RECORD_MS = 2.0
"""The worst single recording (a meeting, with the seats and admissions that come in as its day passes)."""
TARGET_RATIO = 20.0
MIB = 1024 * 1024
DATABASES = {
    "sqlite": None,
    "postgresql": "postgresql://postgres@127.0.0.1:5432/test",
}


def progress(message: str) -> None:
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


# -- memory -----------------------------------------------------------------------------------------
def peak_rss() -> int:
    """The process's peak resident set size in bytes (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss() -> int | None:
    """The resident set size now, in bytes, where the platform says (Linux ``/proc``)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def reset_peak_rss() -> bool:
    """Reset the high-water mark that ``ru_maxrss`` reports (Linux 4.0 and later); whether it worked."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def pin_to_one_cpu() -> int | None:
    """Run on a single CPU, so the figure is a one-core figure; the CPU, or None where not supported."""
    if not hasattr(os, "sched_setaffinity") or not hasattr(os, "sched_getaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def compiled_modules() -> list[str]:
    """The modules of psr_core that run compiled here (a ``PSR_COMPILE=1`` install); none interpreted."""
    compiled = []
    for module in pkgutil.walk_packages(psr_core.__path__, "psr_core."):
        path = getattr(importlib.import_module(module.name), "__file__", None) or ""
        if path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            compiled.append(module.name)
    return compiled


def core_build() -> str:
    """How psr_core runs here, in words, for the table."""
    compiled = compiled_modules()
    if not compiled:
        return "psr_core interpreted (pure Python)"
    return f"psr_core compiled with mypyc ({len(compiled)} of its modules, the rest interpreted)"


# -- one size, in this process ----------------------------------------------------------------------
def _evaluate(history: History, shape: Shape, collector: bool) -> tuple[Any, float, float]:
    """One evaluation, with the garbage collector running or paused; (evaluation, wall s, CPU s)."""
    gc.collect()
    was = gc.isenabled()
    if not collector:
        gc.disable()
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        evaluation = evaluate(history, CHORLEY_2015, shape.as_of)
        return evaluation, time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        if was:
            gc.enable()


def measure(
    name: str, shape: Shape, repeat: int = 1, databases: Sequence[str] = (), calendar: bool = True
) -> dict[str, Any]:
    """Generate one size in this process and measure it; the figures as a JSON-able dict.

    With ``repeat`` above 1 the history is evaluated that many times; the evaluation time reported is the
    fastest (the least disturbed by other work on the machine), and every time is listed.
    """
    cpu = pin_to_one_cpu()
    baseline = current_rss()
    progress(f"[{name}] generating {shape.groups} groups over {shape.years} years ...")
    started = time.perf_counter()
    history = generate(shape)
    generation = time.perf_counter() - started
    records = attendance_records(history)
    gc.collect()
    before = current_rss()
    peak_before = peak_rss()
    reset = reset_peak_rss()
    progress(f"[{name}] {records:,} attendance records in {generation:.1f} s; evaluating ...")
    evaluation, elapsed, cpu_time = _evaluate(history, shape, collector=False)
    peak_after = peak_rss()
    progress(f"[{name}] {len(evaluation.findings):,} findings in {elapsed:.1f} s")
    times, cpu_times = [elapsed], [cpu_time]
    for run in range(2, repeat + 1):
        _again, elapsed, cpu_time = _evaluate(history, shape, collector=False)
        times.append(elapsed)
        cpu_times.append(cpu_time)
        progress(f"[{name}] run {run}/{repeat}: {times[-1]:.1f} s")
    _same, collected, collected_cpu = _evaluate(history, shape, collector=True)
    progress(f"[{name}] with the garbage collector running: {collected:.1f} s")
    evaluation_peak = None
    if before is not None and (reset or peak_after > peak_before):
        evaluation_peak = max(0, peak_after - before)
    figures: dict[str, Any] = {
        "size": name,
        "partnerships": shape.partnerships,
        "groups": shape.groups,
        "members_per_group": shape.members,
        "years": shape.years,
        "seed": shape.seed,
        "as_of": shape.as_of.isoformat(),
        "attendance_records": records,
        "meetings": len(history.meetings),
        "memberships": len(history.memberships),
        "people": len(history.people),
        "generation_seconds": round(generation, 3),
        "evaluation_seconds": round(min(times), 3),
        "evaluation_cpu_seconds": round(min(cpu_times), 3),
        "evaluation_runs_seconds": [round(t, 3) for t in times],
        "evaluation_collector_running_seconds": round(collected, 3),
        "evaluation_collector_running_cpu_seconds": round(collected_cpu, 3),
        "findings": len(evaluation.findings),
        "findings_by_rule": dict(sorted(evaluation.by_rule().items())),
        "rules": len(CHORLEY_2015.rules),
        "peak_rss_bytes": max(peak_before, peak_after),
        "baseline_rss_bytes": baseline,
        "history_rss_bytes": before,
        "evaluation_peak_bytes": evaluation_peak,
        "evaluation_peak_is_own": reset,
        "cpu": cpu,
    }
    figures["incremental_ms"], figures["incremental_rebuilds"] = measure_incremental(name, history)
    for window, (first, last) in fact_windows(history).items():
        prefix = "facts" if window == "late" else "early_facts"
        figures[f"{prefix}_window"] = [first.isoformat(), last.isoformat()]
        (
            figures[f"{prefix}_ms"],
            figures[f"{prefix}_rebuilds"],
            figures[f"{prefix}_taken_in"],
            figures[f"{prefix}_worst"],
        ) = measure_facts(name, history, first, last)
        if window == "late":
            figures["daily"] = measure_daily(name, history, first, last)
            figures["daily_host_tuned"] = measure_daily(name, history, first, last, host_tuned=True)
    if calendar:
        figures["calendar_seconds"] = measure_calendar(name, history)
    figures["databases"] = {
        kind: measure_database(name, kind, history, shape, evaluation) for kind in databases
    }
    return figures


RECORDED = 20
"""How many of the latest meetings the incremental measurement records, one at a time."""


def measure_incremental(name: str, history: History) -> tuple[list[float], int]:
    """Milliseconds to record each of the latest meetings into a Ledger holding the rest, the day moving
    on with each (the work grows with the new meeting, not with the history); and how many times
    the ledger evaluated afresh while recording them."""
    ordered = sorted(history.meetings, key=lambda m: (m.start, m.id))
    kept, recorded = ordered[:-RECORDED], ordered[-RECORDED:]
    progress(f"[{name}] building a ledger of {len(kept):,} meetings ...")
    ledger = Ledger(attrs.evolve(history, meetings=kept), CHORLEY_2015, kept[-1].day)
    built = ledger.rebuilds
    times = []
    for meeting in recorded:
        started = time.perf_counter()
        ledger.record(meeting)
        times.append((time.perf_counter() - started) * 1000)
    progress(f"[{name}] recorded {RECORDED} meetings, median {statistics.median(times):.2f} ms")
    return [round(t, 3) for t in times], ledger.rebuilds - built


FACT_WINDOW_DAYS = 120
"""How long a stretch of days the early worst-case measurement records meetings over."""

FINANCIAL_YEAR_END = (3, 31)
"""The day and month a financial year ends: the late window reaches back 30 days before the last one."""


def _facts_in(history: History, first: date, last: date) -> int:
    """How many dated facts (seats taken or given up, organisations joining, agreed, inducted) fall from
    ``first`` to ``last``."""
    return sum(
        1
        for day in (
            *(d for m in history.memberships for d in (m.start, m.end) if d is not None),
            *(
                d
                for o in history.organisations
                for d in (o.joined, o.agreed_on, o.inducted_on)
                if d is not None
            ),
        )
        if first <= day <= last
    )


def fact_windows(history: History) -> dict[str, tuple[date, date]]:
    """The two stretches of days whose recordings take facts in, first and last day of each.

    ``late``: from 30 days before the last financial year end (31 March) before the last meeting, to the
    last meeting: the Ledger holds nearly every record of the history (about a million attendance records
    at the large size), a financial year closes, and seats change hands. ``early``: the 120 days around the
    first organisation admitted after its partnership's start, when the Ledger holds little but
    organisations join, are agreed and inducted.
    """
    ordered = sorted(history.meetings, key=lambda m: (m.start, m.id))
    end = ordered[-1].day
    month, day = FINANCIAL_YEAR_END
    year_end = date(end.year, month, day)
    if year_end >= end:
        year_end = date(end.year - 1, month, day)
    windows = {"late": (year_end - timedelta(days=30), end)}
    started = {p.id: p.started for p in history.partnerships}
    joins = sorted(
        o.joined for o in history.organisations if o.joined is not None and o.joined > started[o.partnership]
    )
    first = (joins[0] if joins else ordered[len(ordered) // 2].day) - timedelta(days=FACT_WINDOW_DAYS // 2)
    windows["early"] = (first, first + timedelta(days=FACT_WINDOW_DAYS))
    return windows


def _ledger_before(name: str, history: History, first: date, last: date) -> tuple[Ledger, list[Meeting]]:
    """A Ledger holding every meeting before ``first``, as of the day before it, and the meetings from
    ``first`` to ``last`` in the order they are recorded (by start, then id)."""
    ordered = sorted(history.meetings, key=lambda m: (m.start, m.id))
    kept = [m for m in ordered if m.day < first]
    window = [m for m in ordered if first <= m.day <= last]
    progress(f"[{name}] building a ledger of {len(kept):,} meetings to record {len(window):,} more ...")
    return Ledger(attrs.evolve(history, meetings=kept), CHORLEY_2015, first - timedelta(days=1)), window


def _fact_days(history: History) -> list[date]:
    """The day each dated fact other than a meeting comes to be known (a seat starting or ending, an
    organisation joining, agreed or inducted, a financial year's contribution, a report), earliest first."""
    return sorted(
        [
            *(d for m in history.memberships for d in (m.start, m.end) if d is not None),
            *(
                d
                for o in history.organisations
                for d in (o.joined, o.agreed_on, o.inducted_on)
                if d is not None
            ),
            *(date(c.year, 4, 1) for c in history.contributions),
            *(r.date for r in history.reports),
        ]
    )


def measure_facts(
    name: str, history: History, first: date, last: date
) -> tuple[list[float], int, int, dict[str, Any]]:
    """Milliseconds to record each meeting from ``first`` to ``last`` (one of :func:`fact_windows`), one at
    a time, into a Ledger holding every earlier meeting, the as-of day moving on with each: seats change
    hands, organisations join, financial years end as the day passes them, so these are the recordings that
    take facts in (the worst one is the figure that matters); how many times the ledger evaluated afresh;
    how many dated facts (seats, admissions) came in meanwhile; and what the worst recording took in: the
    day it moved the ledger on from, the meeting's day, and how many dated facts (of every kind) came in
    with it."""
    ledger, window = _ledger_before(name, history, first, last)
    built = ledger.rebuilds
    facts = _facts_in(history, first, last)
    times = []
    moved = []
    for meeting in window:
        since = ledger.as_of
        began = time.perf_counter()
        ledger.record(meeting)
        times.append((time.perf_counter() - began) * 1000)
        moved.append((since, ledger.as_of))
    since, day = moved[times.index(max(times))]
    days = _fact_days(history)
    worst = {
        "from": since.isoformat(),
        "to": day.isoformat(),
        "facts": bisect.bisect_right(days, day) - bisect.bisect_right(days, since),
    }
    progress(f"[{name}] recorded {len(window)} meetings taking in {facts} facts, worst {max(times):.2f} ms")
    return [round(t, 3) for t in times], ledger.rebuilds - built, facts, worst


HOST_TUNED_THRESHOLD1 = 1
"""In the host-tuned daily walk, how many young collections go by before the middle generation is
collected with them: ``gc.set_threshold(700, 1, 10)`` (CPython's default is 10)."""


def measure_daily(
    name: str, history: History, first: date, last: date, host_tuned: bool = False
) -> dict[str, Any]:
    """The same stretch of days as :func:`measure_facts`, as a live system would go through it: each
    morning the day moves on (``Ledger.advance``: that day's facts come in, periods that end are judged),
    then that day's meetings are recorded one by one. Milliseconds of each day's passing (with its date) and
    of each recording, so that the two kinds of work are timed apart; and, for each, the milliseconds the
    garbage collector (left running, as a host would) spent inside it, from ``gc.callbacks``.

    With ``host_tuned``, the host tunes its collector for latency once the ledger is built, as
    ``docs/how-to/live-ledger.md`` describes: ``gc.freeze()`` marks what it loaded as permanent, and the
    middle generation is collected with every other young collection (:data:`HOST_TUNED_THRESHOLD1`), so
    that no single collection walks more than a few thousand young objects."""
    ledger, window = _ledger_before(name, history, first, last)
    thresholds = gc.get_threshold()
    if host_tuned:
        gc.collect()
        gc.freeze()
        gc.set_threshold(thresholds[0], HOST_TUNED_THRESHOLD1, thresholds[2])
    try:
        return _walk_days(name, ledger, window, first, last)
    finally:
        if host_tuned:
            gc.set_threshold(*thresholds)
            gc.unfreeze()


def _walk_days(name: str, ledger: Ledger, window: list[Meeting], first: date, last: date) -> dict[str, Any]:
    """:func:`measure_daily`'s walk, on a ledger built before ``first``."""
    by_day: dict[date, list[Any]] = {}
    for meeting in window:
        by_day.setdefault(meeting.day, []).append(meeting)
    built = ledger.rebuilds
    started: list[float] = []
    collecting = [0.0]

    def on_collection(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            collecting[0] += time.perf_counter() - started.pop()

    def timed(step: Callable[[], object]) -> tuple[float, float]:
        collected = collecting[0]
        began = time.perf_counter()
        step()
        return (
            round((time.perf_counter() - began) * 1000, 3),
            round((collecting[0] - collected) * 1000, 3),
        )

    days: list[tuple[float, str]] = []
    days_gc: list[float] = []
    meetings: list[float] = []
    meetings_gc: list[float] = []
    gc.callbacks.append(on_collection)
    try:
        day = first
        while day <= last:
            took, collected = timed(functools.partial(ledger.advance, day))
            days.append((took, day.isoformat()))
            days_gc.append(collected)
            for meeting in by_day.get(day, []):
                took, collected = timed(functools.partial(ledger.record, meeting))
                meetings.append(took)
                meetings_gc.append(collected)
            day += timedelta(days=1)
    finally:
        gc.callbacks.remove(on_collection)
    worst_day = max(days)
    progress(
        f"[{name}] daily: worst day {worst_day[0]:.2f} ms ({worst_day[1]}), worst meeting {max(meetings):.2f} ms"
    )
    return {
        "days_ms": days,
        "meetings_ms": meetings,
        "days_gc_ms": days_gc,
        "meetings_gc_ms": meetings_gc,
        "rebuilds": ledger.rebuilds - built,
    }


def _without_collections(daily: dict[str, Any]) -> str:
    """The worst steps of :func:`measure_daily` with the garbage collector's time inside each taken out,
    and the most it spent inside one step."""
    days = [took - gc_ms for (took, _day), gc_ms in zip(daily["days_ms"], daily["days_gc_ms"], strict=True)]
    meetings = [
        took - gc_ms for took, gc_ms in zip(daily["meetings_ms"], daily["meetings_gc_ms"], strict=True)
    ]
    collected = max([*daily["days_gc_ms"], *daily["meetings_gc_ms"]])
    return (
        f"the garbage collector's time taken out, {max(days):.2f} ms and {max(meetings):.2f} ms "
        f"(it spent up to {collected:.2f} ms inside one step)"
    )


def measure_calendar(name: str, history: History) -> float | None:
    """Seconds to render every meeting of the history as one calendar (``psr ical``), best of three."""
    try:
        from psr_adapters.ical import render_calendar
    except ImportError:  # the ical extra is not installed
        return None
    progress(f"[{name}] rendering {len(history.meetings):,} meetings as a calendar ...")
    best = None
    for _ in range(3):
        started = time.perf_counter()
        render_calendar(history, CHORLEY_2015)
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    return None if best is None else round(best, 3)


def measure_database(name: str, kind: str, history: History, shape: Shape, expected: Any) -> dict[str, Any]:
    """Import into an empty database of ``kind``, load back and evaluate (``sql.py``); or why not."""
    sys.path.insert(0, str(HERE))
    try:
        import sql
    except ImportError as exc:  # the sql extra is not installed
        return {"skipped": f"psr_adapters.sql cannot be imported: {exc}"}
    progress(f"[{name}] {kind}: import, load and evaluate ...")
    servers = {k: v for k, v in DATABASES.items() if v is not None}
    try:
        found: dict[str, Any] = sql.measure(kind, history, expected, shape, servers)
    except Exception as exc:  # a server that is not there is reported, not fatal
        return {"skipped": f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"}
    return {
        "import_seconds": round(found["import"], 3),
        "load_seconds": round(found["load"], 3),
        "evaluate_seconds": round(found["evaluate"], 3),
    }


# -- the durable_rules baseline ---------------------------------------------------------------------------
DURABLE_STREAMS = {"plain": [], "realistic": ["--realistic"]}
"""The streams of ``durable.py``: seats that never change hands, and ``histories.py``'s history, where seats
change hands and organisations join."""


def run_durable(repeat: int) -> dict[str, dict[str, Any]]:
    """``durable.py --json`` in a subprocess for each stream: the adapter and the Ledger over the same
    stream; a stream that could not be measured says why."""
    found: dict[str, dict[str, Any]] = {}
    for stream, options in DURABLE_STREAMS.items():
        progress(f"[durable] the durable_rules adapter and the Ledger over the {stream} stream ...")
        command = [sys.executable, str(HERE / "durable.py"), "--json", "--repeat", str(repeat), *options]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            why = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
            found[stream] = {"skipped": why}
        else:
            found[stream] = json.loads(result.stdout)
    return found


# -- every size, each in a fresh subprocess ---------------------------------------------------------
def run_child(
    name: str, seed: int | None, repeat: int, databases: Sequence[str], calendar: bool
) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--repeat", str(repeat)]
    command += ["--databases", ",".join(databases) or "none"]
    if not calendar:
        command.append("--quick")
    if seed is not None:
        command += ["--seed", str(seed)]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmarks/run.py: the {name} run failed (exit status {result.returncode})")
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def mib(value: int | None) -> str:
    return "-" if value is None else f"{value / MIB:,.0f}"


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def table(results: Sequence[dict[str, Any]], durable: dict[str, dict[str, Any]] | None = None) -> str:
    kinds = sorted({kind for r in results for kind in r.get("databases", {})}, key=list(DATABASES).index)
    header = [
        "size",
        "records",
        "evaluate s",
        "(gc on) s",
        "findings",
        "peak RSS MiB",
        "eval peak MiB",
        "record ms",
        "record max ms",
        "facts max ms",
        "(early) ms",
        "daily: day max ms",
        "meeting max ms",
        "calendar s",
    ]
    for kind in kinds:
        header += [f"{kind} import s", f"{kind} load+eval s"]
    rows = [header]
    for r in results:
        row = [
            r["size"],
            f"{r['attendance_records']:,}",
            f"{r['evaluation_seconds']:.2f}",
            f"{r['evaluation_collector_running_seconds']:.2f}",
            f"{r['findings']:,}",
            mib(r["peak_rss_bytes"]),
            mib(r["evaluation_peak_bytes"]),
            f"{statistics.median(r['incremental_ms']):.2f}",
            f"{max(r['incremental_ms']):.2f}",
            f"{max(r['facts_ms']):.2f}" if r.get("facts_ms") else "-",
            f"{max(r['early_facts_ms']):.2f}" if r.get("early_facts_ms") else "-",
            f"{max(r['daily']['days_ms'])[0]:.2f}" if r.get("daily") else "-",
            f"{max(r['daily']['meetings_ms']):.2f}" if r.get("daily", {}).get("meetings_ms") else "-",
            seconds(r.get("calendar_seconds")),
        ]
        for kind in kinds:
            found = r.get("databases", {}).get(kind, {})
            if "import_seconds" in found:
                row += [
                    seconds(found["import_seconds"]),
                    seconds(found["load_seconds"] + found["evaluate_seconds"]),
                ]
            else:
                row += ["-", "-"]
        rows.append(row)
    lines = render_table(rows)
    lines.append("")
    runs = len(results[0]["evaluation_runs_seconds"])
    fastest = f", fastest of {runs}" if runs > 1 else ""
    lines.append(f"{platform.python_implementation()} {platform.python_version()}, {core_build()}.")
    lines.append(
        f"Each size: all {results[0]['rules']} rules of chorley-2015, in its own process on one CPU{fastest}. "
        "'evaluate s' pauses the garbage collector as psr check does; '(gc on)' lets it run. 'record ms' is "
        f"the median (and max) time to record each of the latest {RECORDED} meetings into a Ledger holding "
        "the rest. 'facts max ms' is the worst recording of the meetings from 30 days before the last "
        "31 March to the last meeting, into a Ledger holding every earlier one, seats and financial years "
        "coming in; '(early)' the same over the 120 days around the first admission. 'daily' goes through "
        "the late days as a live system would: each morning the day moves on (Ledger.advance; 'day max ms' "
        "is the worst), then that day's meetings are recorded ('meeting max ms'). "
        "'calendar s' renders every meeting; the database columns import the whole history, "
        "then load it back and evaluate it."
    )
    for r in results:
        for kind, found in r.get("databases", {}).items():
            if "skipped" in found:
                lines.append(f"{r['size']}: {kind} not measured: {found['skipped']}")
    lines.append("")
    lines.extend(verdicts(results, durable))
    return "\n".join(lines)


def verdicts(results: Sequence[dict[str, Any]], durable: dict[str, dict[str, Any]] | None) -> list[str]:
    """Each target with the figure measured in this run, met or missed."""
    lines = ["Targets:"]

    def say(met: bool, text: str) -> None:
        lines.append(f"  [{'met' if met else 'MISSED'}] {text}")

    for r in results:
        if r["attendance_records"] >= TARGET_RECORDS:
            say(
                r["evaluation_seconds"] < TARGET_SECONDS,
                f"full evaluation of {r['attendance_records']:,} records under {TARGET_SECONDS:.0f} s: "
                f"{r['evaluation_seconds']:.2f} s ({r['evaluation_collector_running_seconds']:.2f} s with "
                "the garbage collector running)",
            )
            say(
                r["peak_rss_bytes"] < TARGET_MEMORY,
                f"peak memory under {TARGET_MEMORY // MIB:,} MiB: {mib(r['peak_rss_bytes'])} MiB",
            )
    medians = [statistics.median(r["incremental_ms"]) for r in results]
    say(
        max(medians) < TARGET_RECORD_MS,
        f"recording one meeting under {TARGET_RECORD_MS:.0f} ms: median "
        + ", ".join(f"{m:.2f} ms ({r['size']})" for m, r in zip(medians, results, strict=True)),
    )
    for r in results:
        if r["attendance_records"] >= TARGET_RECORDS and r.get("facts_ms"):
            say(
                max(r["facts_ms"]) <= TARGET_WORST_RECORD_MS and r["facts_rebuilds"] == 0,
                f"the worst recording, seats and admissions coming in, at most {TARGET_WORST_RECORD_MS:.0f} ms "
                f"and no evaluation afresh: {max(r['facts_ms']):.2f} ms over {len(r['facts_ms'])} meetings "
                f"from {r['facts_window'][0]} to {r['facts_window'][1]} taking in {r['facts_taken_in']} facts, "
                f"{r['facts_rebuilds']} afresh ({r['size']}; {max(r['early_facts_ms']):.2f} ms over the "
                f"{len(r['early_facts_ms'])} meetings from {r['early_facts_window'][0]}); the worst moved the "
                f"day on from {r['facts_worst']['from']} to {r['facts_worst']['to']}, taking in "
                f"{r['facts_worst']['facts']} dated facts at once",
            )
    walks = {
        "daily": "and with the day moved on each morning",
        "daily_host_tuned": "and in a host that tunes its collector for latency (gc.freeze() once the ledger "
        f"is built, gc.set_threshold(700, {HOST_TUNED_THRESHOLD1}, 10))",
    }
    for r in results:
        for key, how in walks.items():
            daily = r.get(key)
            if r["attendance_records"] < TARGET_RECORDS or not daily or not daily["meetings_ms"]:
                continue
            worst_day = max(daily["days_ms"])
            worst = max(worst_day[0], max(daily["meetings_ms"]))
            say(
                worst <= TARGET_WORST_RECORD_MS and daily["rebuilds"] == 0,
                f"{how}, every single step at most {TARGET_WORST_RECORD_MS:.0f} ms: the worst day's passing "
                f"{worst_day[0]:.2f} ms ({worst_day[1]}), the worst of {len(daily['meetings_ms'])} meetings "
                f"recorded {max(daily['meetings_ms']):.2f} ms, {daily['rebuilds']} afresh ({r['size']}); "
                f"{_without_collections(daily)}",
            )
    if len(results) > 1:
        smallest, largest = medians[0], medians[-1]
        say(
            largest <= 2 * max(smallest, 0.05),
            f"and flat from {results[0]['attendance_records']:,} to {results[-1]['attendance_records']:,} "
            f"records (within a factor of 2): {smallest:.2f} ms -> {largest:.2f} ms",
        )
    for stream, found in (durable or {}).items():
        if "skipped" in found:
            lines.append(
                f"  [-] the durable_rules baseline ({stream} stream) was not measured: {found['skipped']}"
            )
            continue
        ratio = found["core_over_adapter"]
        say(
            ratio >= TARGET_RATIO,
            f"at least {TARGET_RATIO:.0f}x the durable_rules adapter's throughput on the same {stream} stream: "
            f"{ratio:.1f}x ({found['core_incremental']['per_s']:,.0f} vs {found['adapter']['per_s']:,.0f} "
            f"attendance events/s of CPU time, {found['attendance_events']:,} events)",
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="psr's benchmarks in one table: evaluation, memory, incremental, calendar, SQL, durable.",
    )
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help=f"comma-separated sizes to run, from: {', '.join(SIZES)} (default: all)",
    )
    parser.add_argument(
        "--databases",
        default=",".join(DATABASES),
        help="comma-separated databases to import into, from: sqlite, postgresql; 'none' for none "
        "(default: both)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="evaluation and incremental figures only (no calendar, SQL, durable)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--seed", type=int, default=None, help="seed for the generator (default: 2015)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="evaluate each history (and run the durable baseline) N times and report the fastest (default: 1)",
    )
    parser.add_argument(
        "--keep", type=Path, help="keep the dataset files of the whole-process rows in DIR (and reuse them)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    databases = (
        [] if args.quick or args.databases == "none" else [d.strip() for d in args.databases.split(",")]
    )
    unknown_databases = [d for d in databases if d not in DATABASES]
    if unknown_databases:
        parser.error(
            f"unknown database(s): {', '.join(unknown_databases)}; choose from {', '.join(DATABASES)}"
        )

    if args.child is not None:
        shape = SIZES[args.child]
        if args.seed is not None:
            shape = dataclasses.replace(shape, seed=args.seed)
        print(json.dumps(measure(args.child, shape, args.repeat, databases, calendar=not args.quick)))
        return 0

    names = [name.strip() for name in args.sizes.split(",") if name.strip()]
    unknown = [name for name in names if name not in SIZES]
    if unknown or not names:
        parser.error(
            f"unknown size(s): {', '.join(unknown) or '(none given)'}; choose from {', '.join(SIZES)}"
        )
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    results = [run_child(name, args.seed, args.repeat, databases, not args.quick) for name in names]
    durable = None if args.quick else run_durable(args.repeat)
    whole = None
    if not args.quick:
        import commands  # the whole-process rows

        whole = commands.measure_all(names, databases, args.repeat, args.keep)
    if args.json:
        document = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "machine": platform.machine(),
            "system": platform.system(),
            "compiled_modules": compiled_modules(),
            "targets": {
                "attendance_records": TARGET_RECORDS,
                "seconds": TARGET_SECONDS,
                "peak_rss_bytes": TARGET_MEMORY,
                "record_ms": TARGET_RECORD_MS,
                "durable_ratio": TARGET_RATIO,
            },
            "results": results,
            "durable": durable,
            "commands": whole,
        }
        print(json.dumps(document, indent=2))
    else:
        print(table(results, durable))
        if whole is not None:
            import commands

            print("\n" + "\n".join(commands.table(whole)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
