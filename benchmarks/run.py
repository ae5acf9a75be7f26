"""How fast psr evaluates large histories: generation time, evaluation time, findings and memory per size.

    python benchmarks/run.py                              # small, medium and large, as a table
    python benchmarks/run.py --sizes small,medium --json  # chosen sizes, as JSON
    python benchmarks/run.py --sizes large --repeat 3     # the fastest of three evaluations

Each size runs in a fresh subprocess (pinned to one CPU where the platform allows it), so its peak memory
is its own. The child generates a synthetic history (``histories.py``), evaluates it under every rule of
``chorley-2015`` as it stood on its last day, and reports:

- peak RSS: the process's high-water mark (``resource.getrusage(RUSAGE_SELF).ru_maxrss``);
- history RSS: the resident memory once the history is built (Python, psr and the history itself);
- evaluation peak: how far evaluation took the high-water mark above the history RSS. On Linux the mark
  is reset just before evaluating (``/proc/self/clear_refs``), so this is the evaluation's own peak;
  elsewhere it is measured against the overall peak and can only show an evaluation that raised it.

Progress goes to stderr when stderr is a terminal; piped, the script prints only its result.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from histories import Shape, attendance_records, generate

from psr_core import CHORLEY_2015, History, Ledger, evaluate

SIZES: dict[str, Shape] = {
    # about 10,000 attendance records
    "small": Shape(partnerships=2, years=8),
    # about 100,000
    "medium": Shape(partnerships=15, years=10),
    # about 1,000,000: 75 partnerships of 5 groups (375 groups), 14 members each, over 20 years
    "large": Shape(partnerships=75, years=20),
}
TARGET_RECORDS = 1_000_000
TARGET_SECONDS = 10.0
MIB = 1024 * 1024


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


# -- one size, in this process ----------------------------------------------------------------------
def measure(name: str, shape: Shape, repeat: int = 1) -> dict[str, Any]:
    """Generate and evaluate one size in this process; the figures as a JSON-able dict.

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
    started = time.perf_counter()
    cpu_started = time.process_time()
    evaluation = evaluate(history, CHORLEY_2015, shape.as_of)
    elapsed = time.perf_counter() - started
    cpu_time = time.process_time() - cpu_started
    peak_after = peak_rss()
    progress(f"[{name}] {len(evaluation.findings):,} findings in {elapsed:.1f} s")
    times = [elapsed]
    cpu_times = [cpu_time]
    for run in range(2, repeat + 1):
        started = time.perf_counter()
        cpu_started = time.process_time()
        evaluate(history, CHORLEY_2015, shape.as_of)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        progress(f"[{name}] run {run}/{repeat}: {times[-1]:.1f} s")
    incremental = measure_incremental(name, history, shape)
    evaluation_peak = None
    if before is not None and (reset or peak_after > peak_before):
        evaluation_peak = max(0, peak_after - before)
    return {
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
        "findings": len(evaluation.findings),
        "findings_by_rule": dict(sorted(evaluation.by_rule().items())),
        "rules": len(CHORLEY_2015.rules),
        "peak_rss_bytes": max(peak_before, peak_after),
        "baseline_rss_bytes": baseline,
        "history_rss_bytes": before,
        "evaluation_peak_bytes": evaluation_peak,
        "evaluation_peak_is_own": reset,
        "incremental_ms": incremental,
        "cpu": cpu,
    }


RECORDED = 5
"""How many of the latest meetings the incremental measurement records, one at a time."""


def measure_incremental(name: str, history: History, shape: Shape) -> list[float]:
    """Milliseconds to record each of the latest meetings into a Ledger holding the rest of the history
    (issue 8: the work grows with the new meeting, not with the history)."""
    ordered = sorted(history.meetings, key=lambda m: (m.start, m.id))
    kept, recorded = ordered[:-RECORDED], ordered[-RECORDED:]
    progress(f"[{name}] building a ledger of {len(kept):,} meetings ...")
    ledger = Ledger(attrs.evolve(history, meetings=kept), CHORLEY_2015, shape.as_of)
    times = []
    for meeting in recorded:
        started = time.perf_counter()
        ledger.record(meeting)
        times.append((time.perf_counter() - started) * 1000)
    return [round(t, 3) for t in times]


# -- every size, each in a fresh subprocess ---------------------------------------------------------
def run_child(name: str, seed: int | None, repeat: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--repeat", str(repeat)]
    if seed is not None:
        command += ["--seed", str(seed)]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmarks/run.py: the {name} run failed (exit status {result.returncode})")
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def mib(value: int | None) -> str:
    return "-" if value is None else f"{value / MIB:,.0f}"


def table(results: Sequence[dict[str, Any]]) -> str:
    header = (
        "size",
        "groups",
        "records",
        "generate s",
        "evaluate s",
        "findings",
        "peak RSS MiB",
        "history RSS MiB",
        "eval peak MiB",
        "eval CPU s",
        "record ms",
    )
    rows = [header]
    for r in results:
        rows.append(
            (
                r["size"],
                f"{r['groups']:,}",
                f"{r['attendance_records']:,}",
                f"{r['generation_seconds']:.2f}",
                f"{r['evaluation_seconds']:.2f}",
                f"{r['findings']:,}",
                mib(r["peak_rss_bytes"]),
                mib(r["history_rss_bytes"]),
                mib(r["evaluation_peak_bytes"]),
                f"{r['evaluation_cpu_seconds']:.2f}",
                f"{statistics.median(r['incremental_ms']):.2f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    runs = len(results[0]["evaluation_runs_seconds"])
    fastest = f", fastest of {runs} evaluations" if runs > 1 else ""
    lines.append(
        f"Every size is evaluated under all {results[0]['rules']} rules of chorley-2015, in its own process "
        f"on one CPU{fastest}; records are attendance records. 'record ms' is the median time to record "
        f"one of the latest {RECORDED} meetings into an incremental Ledger holding the rest (issue 8)."
    )
    for r in results:
        if r["attendance_records"] >= TARGET_RECORDS:
            verdict = "meets" if r["evaluation_seconds"] < TARGET_SECONDS else "misses"
            lines.append(
                f"Target: {TARGET_RECORDS:,} records in under {TARGET_SECONDS:.0f} s. The {r['size']} run "
                f"({r['attendance_records']:,} records, {r['evaluation_seconds']:.1f} s) {verdict} it."
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Time psr's evaluation of synthetic histories (chorley-2015, all rules).",
    )
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help=f"comma-separated sizes to run, from: {', '.join(SIZES)} (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--seed", type=int, default=None, help="seed for the generator (default: 2015)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="evaluate each history N times and report the fastest (default: 1)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        shape = SIZES[args.child]
        if args.seed is not None:
            shape = dataclasses.replace(shape, seed=args.seed)
        print(json.dumps(measure(args.child, shape, args.repeat)))
        return 0

    names = [name.strip() for name in args.sizes.split(",") if name.strip()]
    unknown = [name for name in names if name not in SIZES]
    if unknown or not names:
        parser.error(
            f"unknown size(s): {', '.join(unknown) or '(none given)'}; choose from {', '.join(SIZES)}"
        )
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    results = [run_child(name, args.seed, args.repeat) for name in names]
    if args.json:
        document = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "machine": platform.machine(),
            "system": platform.system(),
            "target": {"attendance_records": TARGET_RECORDS, "seconds": TARGET_SECONDS},
            "results": results,
        }
        print(json.dumps(document, indent=2))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
