"""How fast psr writes a calendar: 10,000 meetings (and their 10,000 agenda deadlines) to iCalendar bytes.

    python benchmarks/ical.py              # the figure, against the target of one second
    python benchmarks/ical.py --json

The meetings come from the synthetic histories of ``histories.py`` (eleven partnerships over twenty years,
cut to the first 10,000 meetings). Rendering is timed from the history in memory to the finished bytes,
best of five runs, both by the wall clock and as the CPU time of this process: on a machine busy with
other work the wall clock counts their time too, and the CPU time is the figure to compare. Reading those
bytes back as the previous calendar (``--previous``) and rendering against them is timed for information.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

import attrs
from histories import Shape, generate

from psr_adapters.ical import render_calendar, revisions_from_calendar
from psr_core import CHORLEY_2015

MEETINGS = 10_000
TARGET_SECONDS = 1.0


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The shortest of ``runs`` timings of ``work`` in seconds: by the wall clock, and in CPU time."""
    wall, cpu = [], []
    for _ in range(runs):
        began, used = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - used)
    return min(wall), min(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    history = generate(Shape(partnerships=11, years=20))
    history = attrs.evolve(history, meetings=history.meetings[:MEETINGS])
    data = render_calendar(history, CHORLEY_2015)
    render, render_cpu = best_of(5, lambda: render_calendar(history, CHORLEY_2015))
    began = time.perf_counter()
    previous = revisions_from_calendar(data, "previous.ics")
    read_previous = time.perf_counter() - began
    with_previous, _ = best_of(3, lambda: render_calendar(history, CHORLEY_2015, previous=previous))
    figures = {
        "meetings": len(history.meetings),
        "events": data.count(b"BEGIN:VEVENT"),
        "bytes": len(data),
        "render_seconds": round(render, 3),
        "render_cpu_seconds": round(render_cpu, 3),
        "target_seconds": TARGET_SECONDS,
        "met": render_cpu < TARGET_SECONDS,
        "read_previous_seconds": round(read_previous, 3),
        "render_with_previous_seconds": round(with_previous, 3),
    }
    if options.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{figures['meetings']:,} meetings ({figures['events']:,} events, {len(data) / 1e6:.1f} MB): "
            f"rendered in {render:.3f} s by the wall clock, {render_cpu:.3f} s of CPU time "
            f"(target < {TARGET_SECONDS:.0f} s of CPU time: "
            f"{'met' if figures['met'] else 'MISSED'})\n"
            f"reading it back as --previous: {read_previous:.3f} s; rendering against it: {with_previous:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
