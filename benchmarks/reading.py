"""Reading dataset files as a user meets it: ``psr validate`` and ``psr check`` on a large JSON history,
beside a bare baseline, and the hostile samples of ``tests/data/hostile`` refused, with time and memory.

    python benchmarks/reading.py                      # generate the large history (about a million records)
    python benchmarks/reading.py --file big.json      # or read this file
    python benchmarks/reading.py --repeat 3           # the fastest of three runs of each command

Every command runs as its own process, timed from outside; its CPU time and peak memory are its own
(``os.wait4``). The baseline loads the same file with the standard library's ``json`` and walks every
attendance record once: what any reader must at least do. The targets are those the project set for the
interpreted install on its 2-core machine: ``psr validate`` at most 2 s and ``psr check`` at most 4 s on
about a million attendance records; a hostile file refused (exit 2) in under a second and 100 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from histories import Shape, attendance_records, generate

from psr_adapters.dataset import write_dataset

HERE = Path(__file__).resolve().parent
HOSTILE = HERE.parent / "tests" / "data" / "hostile"
BASELINE = """
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
count = 0
for meeting in document.get("meetings", []):
    for _person, _entry in meeting.get("attendance", {}).items():
        count += 1
print(count)
"""


def measure(command: Sequence[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user and system), peak RSS in MiB and exit status of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def fastest(command: Sequence[str], repeat: int) -> tuple[float, float, float, int]:
    runs = [measure(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run[0])


def psr(*args: str) -> list[str]:
    return [sys.executable, "-m", "psr_adapters", *args]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--file", type=Path, help="a psr/1 JSON file to read (default: generate one)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the fastest counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path: Path | None = args.file
        as_of = "2016-03-31"
        if path is None:
            shape = Shape(partnerships=75, years=20)
            history = generate(shape)
            path = Path(folder) / "large.json"
            write_dataset(history, path)
            as_of = shape.as_of.isoformat()
            print(
                f"generated {attendance_records(history):,} attendance records: {path.stat().st_size:,} bytes"
            )
        rows = [
            ("baseline: json.load and walk", [sys.executable, "-c", BASELINE, str(path)], None),
            ("psr validate", psr("validate", str(path)), 2.0),
            ("psr check --format json", psr("check", str(path), "--as-of", as_of, "--format", "json"), 4.0),
        ]
        print(f"{'command':<32} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'exit':>5}  target")
        baseline = None
        for name, command, target in rows:
            wall, cpu, peak, code = fastest(command, args.repeat)
            baseline = baseline or wall
            verdict = "" if target is None else f"<= {target} s: {'met' if wall <= target else 'missed'}"
            print(
                f"{name:<32} {wall:8.2f} {cpu:8.2f} {peak:9.0f} {code:5d}  {verdict} (x{wall / baseline:.1f})"
            )
    print()
    print(f"{'hostile sample':<32} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'exit':>5}")
    for sample in sorted(HOSTILE.iterdir()):
        wall, cpu, peak, code = measure(psr("validate", str(sample)))
        print(f"{sample.name:<32} {wall:8.2f} {cpu:8.2f} {peak:9.0f} {code:5d}")
    start_up = measure(psr("--help"))
    print(
        f"\n(`psr --help` for comparison, the cost of starting the command: {start_up[0]:.2f} s, {start_up[2]:.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
