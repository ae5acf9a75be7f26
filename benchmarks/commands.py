"""The speed users feel: the commands they type, each timed from outside as a whole process.

    python benchmarks/commands.py                          # small, medium and large; SQLite and PostgreSQL
    python benchmarks/commands.py --sizes small,medium     # quicker
    python benchmarks/commands.py --databases sqlite       # no database server needed
    python benchmarks/commands.py --keep /tmp/psr-bench    # keep (and reuse) the generated dataset files
    python benchmarks/commands.py --json                   # the figures as JSON

For each size, the synthetic history of ``histories.py`` is written as a psr/1 JSON file (in a process of
its own, not timed). Then each command runs as a user runs it, the ``psr`` script next to this Python, in a
subprocess timed from outside: wall-clock seconds from start to exit, and the process's peak resident
memory (``wait4``'s ``ru_maxrss``). Output goes to a file, as ``psr check ... > findings.json`` would.

Beside them, in the same run, the *baseline*: a bare Python script that loads the same file with the
standard library's ``json`` and walks every attendance record once. ``psr check`` is reported as a multiple
of it. ``psr check --db`` must print the same JSON, byte for byte, as ``psr check FILE``.

The targets, on the history of about a million records: ``psr check`` at most 4 s and at most 6 times
the baseline, at most 1 GB; ``psr validate`` at most 2 s; ``psr db import`` at most 20 s into SQLite and
30 s into PostgreSQL; ``psr check --db`` (SQLite) at most 8 s. On the Chorley example: ``psr --help`` and
``psr check`` at most 0.3 s each (a command imports only what it uses). Progress goes to stderr when it is
a terminal; piped, the script prints only its result.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from histories import Shape, attendance_records, generate
from run import render_table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"
MIB = 1024 * 1024

SIZES: dict[str, Shape] = {
    "small": Shape(partnerships=2, years=8),  # about 10,000 attendance records
    "medium": Shape(partnerships=15, years=10),  # about 100,000
    "large": Shape(partnerships=75, years=20),  # about 1,000,000
}
LARGE_RECORDS = 1_000_000
"""The targets hold for a history of at least this many attendance records."""
POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/test"
"""A server where the benchmark may create (and then drop) a database of its own."""

TARGETS = {
    "check": 4.0,
    "check_ratio": 6.0,
    "check_memory": 1024 * MIB,
    "validate": 2.0,
    "import_sqlite": 20.0,
    "import_postgresql": 30.0,
    "check_db_sqlite": 8.0,
    "startup": 0.3,
}

BASELINE = """
import json, sys
with open(sys.argv[1], "rb") as stream:
    document = json.load(stream)
walked = 0
for meeting in document["meetings"]:
    for person, entry in (meeting.get("attendance") or {}).items():
        status = entry if isinstance(entry, str) else entry["status"]
        walked += 1
print(walked)
"""
"""Load the file with the standard library and walk every attendance record once."""


def progress(message: str) -> None:
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    """One process, timed from outside."""

    seconds: float
    peak_bytes: int
    exit_status: int


PSR: list[str] = []
"""The command to time instead of the installed ``psr`` (``--psr``), such as another checkout's code."""


def psr_command() -> list[str]:
    """The ``psr`` script installed beside this Python, as a user types it (or the ``--psr`` command)."""
    if PSR:
        return PSR
    script = Path(sys.executable).with_name("psr")
    return [str(script)] if script.exists() else [sys.executable, "-m", "psr_adapters"]


def run_process(args: Sequence[str | Path], output: Path | None = None, allowed: Sequence[int] = (0,)) -> Run:
    """Run ``args`` with standard output to ``output`` (or nowhere), wait for it, and measure it."""
    with tempfile.TemporaryFile() as errors, open(output or os.devnull, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen([str(a) for a in args], stdout=out, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in allowed:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RuntimeError(f"{' '.join(map(str, args))}: exit status {process.returncode}: {said}")
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(round(elapsed, 3), peak, process.returncode)


def best(runs: Sequence[Run]) -> Run:
    """The fastest of several runs of the same command (the least disturbed by other work)."""
    return min(runs, key=lambda r: r.seconds)


def repeated(times: int, args: Sequence[str | Path], **options: Any) -> Run:
    return best([run_process(args, **options) for _ in range(times)])


# -- the files ----------------------------------------------------------------------------------------
def write_history(name: str, path: Path) -> None:
    """Generate size ``name`` and write it to ``path`` as psr/1 JSON (run in a process of its own)."""
    from psr_adapters.dataset import write_dataset

    history = generate(SIZES[name])
    write_dataset(history, path)
    path.with_suffix(".records").write_text(str(attendance_records(history)), encoding="ascii")


def dataset_file(name: str, folder: Path) -> tuple[Path, int]:
    """The dataset file of size ``name`` in ``folder`` (written unless it is already there) and its
    attendance records."""
    path = folder / f"history-{name}.json"
    if not path.exists() or not path.with_suffix(".records").exists():
        progress(f"[{name}] generating and writing {path} ...")
        command = [sys.executable, str(Path(__file__).resolve()), "--write", name, str(path)]
        subprocess.run(command, check=True)
    return path, int(path.with_suffix(".records").read_text(encoding="ascii"))


# -- the commands -------------------------------------------------------------------------------------
def measure_startup(repeat: int) -> dict[str, Any]:
    """``psr --help`` and ``psr check`` on the Chorley example: the median of ``repeat`` runs, and the
    fastest."""
    psr = psr_command()
    found: dict[str, Any] = {}
    commands: dict[str, list[str | Path]] = {
        "help": [*psr, "--help"],
        "check_example": [*psr, "check", CHORLEY, "--as-of", "2016-07-31"],
    }
    for key, args in commands.items():
        progress(f"[startup] {' '.join(map(str, args[len(psr) :]))} x {repeat} ...")
        runs = [run_process(args, allowed=(0, 1)) for _ in range(repeat)]
        found[key] = {
            "median_seconds": round(statistics.median(r.seconds for r in runs), 3),
            "best_seconds": best(runs).seconds,
            "peak_bytes": max(r.peak_bytes for r in runs),
        }
    return found


def measure_size(
    name: str, folder: Path, databases: Sequence[str], repeat: int, postgresql: str
) -> dict[str, Any]:
    """Every whole-process figure for one size."""
    path, records = dataset_file(name, folder)
    as_of = SIZES[name].as_of.isoformat()
    psr = psr_command()
    out_file, out_db = folder / f"findings-{name}.json", folder / f"findings-{name}-db.json"
    progress(f"[{name}] {records:,} records; the baseline ...")
    figures: dict[str, Any] = {"size": name, "attendance_records": records, "bytes": path.stat().st_size}
    figures["baseline"] = asdict(repeated(repeat, [sys.executable, "-c", BASELINE, path]))
    progress(f"[{name}] psr check --format json ...")
    check: list[str | Path] = [*psr, "check", path, "--as-of", as_of]
    figures["check_json"] = asdict(
        repeated(repeat, [*check, "--format", "json"], output=out_file, allowed=(0, 1))
    )
    progress(f"[{name}] psr check (table) ...")
    figures["check_table"] = asdict(repeated(repeat, check, allowed=(0, 1)))
    progress(f"[{name}] psr validate ...")
    figures["validate"] = asdict(repeated(repeat, [*psr, "validate", path]))
    figures["findings"] = len(json.loads(out_file.read_bytes())["findings"])
    figures["databases"] = {}
    for kind in databases:
        progress(f"[{name}] {kind}: psr db import, psr check --db ...")
        try:
            figures["databases"][kind] = measure_database(
                kind, path, as_of, folder, out_file, out_db, postgresql
            )
        except Exception as exc:  # a server that is not there is reported, not fatal
            figures["databases"][kind] = {
                "skipped": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
            }
    return figures


def measure_database(
    kind: str, path: Path, as_of: str, folder: Path, out_file: Path, out_db: Path, postgresql: str
) -> dict[str, Any]:
    """``psr db import`` into an empty database, then ``psr check --db``; the same findings, byte for byte."""
    psr = psr_command()
    if kind == "sqlite":
        target = folder / "bench.db"
        target.unlink(missing_ok=True)
        url = f"sqlite:///{target}"

        def drop() -> None:
            target.unlink(missing_ok=True)

    else:
        url, drop = own_postgresql_database(postgresql)
    try:
        imported = run_process([*psr, "db", "import", path, "--db", url])
        checked = run_process(
            [*psr, "check", "--db", url, "--as-of", as_of, "--format", "json"], output=out_db, allowed=(0, 1)
        )
    finally:
        drop()
    return {
        "import": asdict(imported),
        "check_db": asdict(checked),
        "same_output": out_db.read_bytes() == out_file.read_bytes(),
    }


def own_postgresql_database(server: str) -> tuple[str, Callable[[], None]]:
    """A new, empty database on ``server`` for this run (so that no one else's tables are touched), and a
    function that drops it."""
    from sqlalchemy import create_engine

    from psr_adapters.sql import database_url

    name = f"psr_bench_commands_{os.getpid()}"
    admin = create_engine(database_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    return server.rsplit("/", 1)[0] + f"/{name}", drop


def measure_all(
    names: Sequence[str],
    databases: Sequence[str],
    repeat: int,
    keep: Path | None,
    postgresql: str = POSTGRESQL,
) -> dict[str, Any]:
    """The startup figures and every size's, in one run."""
    folder = keep or Path(tempfile.mkdtemp(prefix="psr-commands-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        startup = measure_startup(max(5, repeat))
        sizes = [measure_size(name, folder, databases, repeat, postgresql) for name in names]
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return {"command": " ".join(psr_command()), "repeat": repeat, "startup": startup, "sizes": sizes}


# -- the table ----------------------------------------------------------------------------------------
def _s(value: float) -> str:
    return f"{value:.2f}"


def _mib(value: int) -> str:
    return f"{value / MIB:,.0f}"


def table(found: dict[str, Any]) -> list[str]:
    """The whole-process table, the growth table, and each target met or missed."""
    kinds = sorted({k for s in found["sizes"] for k in s["databases"]})
    header = ["size", "records", "baseline s", "check s", "x baseline", "check MiB", "table s", "validate s"]
    for kind in kinds:
        header += [f"{kind} import s", f"{kind} check --db s"]
    rows = [header]
    for s in found["sizes"]:
        base, check = s["baseline"]["seconds"], s["check_json"]["seconds"]
        row = [
            s["size"],
            f"{s['attendance_records']:,}",
            _s(base),
            _s(check),
            f"{check / base:.1f}",
            _mib(s["check_json"]["peak_bytes"]),
            _s(s["check_table"]["seconds"]),
            _s(s["validate"]["seconds"]),
        ]
        for kind in kinds:
            db = s["databases"].get(kind, {})
            row += (
                [_s(db["import"]["seconds"]), _s(db["check_db"]["seconds"])] if "import" in db else ["-", "-"]
            )
        rows.append(row)
    lines = ["Whole process, timed from outside (" + found["command"] + "):", *render_table(rows), ""]
    fastest = f", fastest of {found['repeat']}" if found["repeat"] > 1 else ""
    lines.append(
        f"'check s' is psr check FILE --format json > file{fastest}; 'table s' the same with the table; "
        "'baseline s' loads the file with the standard library's json and walks every attendance record."
    )
    for s in found["sizes"]:
        for kind, db in s["databases"].items():
            if "skipped" in db:
                lines.append(f"{s['size']}: {kind} not measured: {db['skipped']}")
            elif not db["same_output"]:
                lines.append(f"{s['size']}: psr check --db {kind} printed OTHER findings than psr check FILE")
    lines += ["", *growth(found["sizes"]), "", *verdicts(found)]
    return lines


def growth(sizes: Sequence[dict[str, Any]]) -> list[str]:
    """``psr check``'s time and memory by size, and the time per record relative to the smallest."""
    rows = [["records", "check s", "us/record", "peak MiB", "KiB/record"]]
    for s in sizes:
        n, run = s["attendance_records"], s["check_json"]
        rows.append(
            [
                f"{n:,}",
                _s(run["seconds"]),
                f"{run['seconds'] / n * 1e6:.2f}",
                _mib(run["peak_bytes"]),
                f"{run['peak_bytes'] / 1024 / n:.2f}",
            ]
        )
    return ["Growth of psr check FILE --format json:", *render_table(rows)]


def verdicts(found: dict[str, Any]) -> list[str]:
    """Each whole-process target with the figure measured in this run, met or missed."""
    lines = ["Targets (whole process):"]

    def say(met: bool, text: str) -> None:
        lines.append(f"  [{'met' if met else 'MISSED'}] {text}")

    startup = found["startup"]
    for key, words in (("help", "psr --help"), ("check_example", "psr check on the Chorley example")):
        median = startup[key]["median_seconds"]
        say(
            median <= TARGETS["startup"],
            f"{words} at most {TARGETS['startup']} s: median {median:.2f} s "
            f"(fastest {startup[key]['best_seconds']:.2f} s)",
        )
    for s in found["sizes"]:
        if s["attendance_records"] < LARGE_RECORDS:
            continue
        n = f"{s['attendance_records']:,} records"
        check, base = s["check_json"], s["baseline"]["seconds"]
        say(
            check["seconds"] <= TARGETS["check"],
            f"psr check on {n} at most {TARGETS['check']:.0f} s: {check['seconds']:.2f} s",
        )
        say(
            check["seconds"] <= TARGETS["check_ratio"] * base,
            f"and at most {TARGETS['check_ratio']:.0f}x the baseline: {check['seconds'] / base:.1f}x ({base:.2f} s)",
        )
        say(
            check["peak_bytes"] <= TARGETS["check_memory"],
            f"and at most 1 GB: {_mib(check['peak_bytes'])} MiB",
        )
        say(
            s["validate"]["seconds"] <= TARGETS["validate"],
            f"psr validate at most {TARGETS['validate']:.0f} s: {s['validate']['seconds']:.2f} s",
        )
        for kind, db in s["databases"].items():
            if "import" not in db:
                lines.append(f"  [-] psr db import into {kind} was not measured: {db['skipped']}")
                continue
            limit = TARGETS[f"import_{kind}"]
            say(
                db["import"]["seconds"] <= limit,
                f"psr db import into {kind} at most {limit:.0f} s: {db['import']['seconds']:.2f} s",
            )
            if kind == "sqlite":
                limit = TARGETS["check_db_sqlite"]
                say(
                    db["check_db"]["seconds"] <= limit and db["same_output"],
                    f"psr check --db (SQLite) at most {limit:.0f} s, same output as from the file: "
                    f"{db['check_db']['seconds']:.2f} s",
                )
    if not any(s["attendance_records"] >= LARGE_RECORDS for s in found["sizes"]):
        lines.append("  [-] the targets for a million records need the large size (--sizes ...,large)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/commands.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large", help=f"from: {', '.join(SIZES)}")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql, or none")
    parser.add_argument("--postgresql", default=POSTGRESQL, help=f"the server to use [{POSTGRESQL}]")
    parser.add_argument("--repeat", type=int, default=1, help="run each command N times, keep the fastest")
    parser.add_argument("--keep", type=Path, help="keep the dataset files in DIR (and reuse them)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--psr",
        metavar="COMMAND",
        help="time this command instead of the installed psr, such as "
        "'env PYTHONPATH=../other/src python -m psr_adapters' for another checkout",
    )
    parser.add_argument("--write", nargs=2, metavar=("SIZE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write:
        write_history(args.write[0], Path(args.write[1]))
        return 0
    if args.psr:
        PSR[:] = shlex.split(args.psr)
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    databases = [] if args.databases == "none" else [d.strip() for d in args.databases.split(",")]
    if [n for n in names if n not in SIZES] or [d for d in databases if d not in ("sqlite", "postgresql")]:
        parser.error("unknown size or database")
    found = measure_all(names, databases, max(1, args.repeat), args.keep, args.postgresql)
    print(json.dumps(found, indent=2) if args.json else "\n".join(table(found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
