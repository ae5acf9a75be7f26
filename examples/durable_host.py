"""An event-driven host: the Chorley example replayed as a stream of events, each consequence printed as it
happens (the attendance, deputy, interest and vote rules, judged by durable_rules).

    pip install -e '.[durable]'
    python examples/durable_host.py                        # examples/chorley/chorley.yaml
    python examples/durable_host.py tests/data/small.yaml  # any psr/1 dataset
    python examples/durable_host.py --every-event          # the whole stream, not only what raises something

A real host would post each event as its minutes are taken (attendance as the register is called, votes as
they are cast) and act on each consequence: send the letter asking for a written explanation, mark the
membership as resigned, leave a vote out of the count. See docs/how-to/event-driven-hosts.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from psr_adapters.dataset import read_dataset
from psr_adapters.durable import DurableHost, Event, events_from_history
from psr_core import Finding, PsrError

HERE = Path(__file__).resolve().parent
CHORLEY = HERE / "chorley" / "chorley.yaml"
SMALL = HERE.parent / "tests" / "data" / "small.yaml"

ACTS = {
    "attendance.written-explanation": "consider asking for a written explanation",
    "attendance.deemed-resignation": "record the resignation",
    "attendance.deputy": "note the deputy",
    "interest.prejudicial-participation": "minute the breach of the interests rule",
    "decision.vote-eligibility": "leave the vote out of the count",
}


def describe(event: Event) -> str:
    """An event in a few words, as a log line."""
    p = event.payload
    if event.kind == "meeting_held":
        return f"{p['id']} opens ({', '.join(p['groups'])})"
    if event.kind == "attendance_recorded":
        return f"{p['meeting']}: {p['person']} {p['status']}"
    if event.kind == "vote_cast":
        return f"{p['meeting']} item {p['item']}: {p['person']} votes {p['vote']}"
    if event.kind == "item_decided":
        return f"{p['meeting']} item {p['item']} decided"
    if event.kind == "meeting_closed":
        return f"{p['meeting']} closes"
    return f"{event.kind} {', '.join(str(value) for value in p.values())}"


class Log:
    """Prints each event as it is posted (or, when quiet, only those that raise a consequence), and each
    consequence the moment the host delivers it."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.event: Event | None = None
        self.shown = False
        self.consequences = 0

    def posting(self, event: Event) -> None:
        self.event, self.shown = event, not self.quiet
        if not self.quiet:
            print(describe(event))

    def consequence(self, finding: Finding) -> None:
        """What the host does with a consequence: here, print it."""
        if not self.shown and self.event is not None:
            print(describe(self.event))
            self.shown = True
        self.consequences += 1
        act = ACTS.get(finding.rule, "act on it")
        print(
            f"    -> {finding.date} [{finding.severity.value}] {finding.rule} (clause {finding.clause}): {act}"
        )
        print(f"       {finding.message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = CHORLEY if CHORLEY.exists() else SMALL
    parser.add_argument(
        "dataset", nargs="?", type=Path, default=default, help=f"a psr/1 dataset ({default.name})"
    )
    parser.add_argument(
        "--every-event",
        action="store_true",
        help="print every event, not only those that raise a consequence",
    )
    args = parser.parse_args(argv)
    log = Log(quiet=not args.every_event)
    try:
        history = read_dataset(args.dataset)
        host = DurableHost(log.consequence)
    except PsrError as exc:  # a dataset that cannot be read, or the extra not installed
        print(f"durable_host: {exc}", file=sys.stderr)
        return 2
    events = events_from_history(history)
    with host:
        for event in events:
            log.posting(event)
            host.post_event(event)
        print(f"{len(events)} events from {args.dataset}: {log.consequences} consequences ({host.rulesets})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
