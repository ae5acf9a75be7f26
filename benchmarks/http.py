"""The HTTP API under load, on 127.0.0.1: findings for the Chorley example at a fixed rate, and conditional
calendar requests answered 304.

    python benchmarks/http.py                # 200 requests/s for 10 s; targets: p99 < 100 ms, 304 median < 5 ms
    python benchmarks/http.py --rate 300 --seconds 5 --json

A ``psr serve`` process is started on a free loopback port over a SQLite copy of the example; requests are
sent on schedule (open loop: a slow answer does not delay the next request) from a pool of clients.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# This file is named like the standard library's ``http`` package: run as a script, its folder comes first on
# sys.path and would hide it from httpx. Take the folder off before importing httpx.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import httpx  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"
PSR = [
    sys.executable,
    "-c",
    "from psr_adapters.cli.app import psr; from psr_adapters.cli.serve import feed, serve, token; "
    "[psr.add_command(c) for c in (serve, token, feed)]; psr()",
]


def run(*args: str) -> str:
    return subprocess.run([*PSR, *args], capture_output=True, text=True, check=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        db = f"sqlite:///{Path(folder) / 'psr.db'}"
        base = f"http://127.0.0.1:{port}"
        run("db", "import", str(CHORLEY), "--db", db)
        token = run("token", "create", "--scope", "read", "--db", db).strip().splitlines()[-1]
        feed = (
            run("feed", "create", "--group", "exec", "--db", db, "--base-url", base).strip().splitlines()[-1]
        )
        server = subprocess.Popen(
            [*PSR, "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            figures = _measure(base, token, feed, options.rate, options.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    ok = figures["findings_p99_ms"] < 100 and figures["calendar_304_median_ms"] < 5 and figures["errors"] == 0
    figures["targets_met"] = ok
    print(
        json.dumps(figures, indent=2) if options.json else "\n".join(f"{k}: {v}" for k, v in figures.items())
    )
    return 0 if ok else 1


def _measure(base: str, token: str, feed: str, rate: float, seconds: float) -> dict[str, float | int | bool]:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    with httpx.Client(limits=limits, timeout=10) as client:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.get(f"{base}/openapi.json")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        url = f"{base}/v1/partnerships/chorley/findings?as_of=2016-01-01"
        headers = {"Authorization": f"Bearer {token}"}
        client.get(url, headers=headers)  # warm the cache, as a running server would be

        def one(start: float) -> tuple[float, int]:
            delay = start - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            began = time.perf_counter()
            status = client.get(url, headers=headers).status_code
            return time.perf_counter() - max(began, start), status

        count = int(rate * seconds)
        began = time.perf_counter() + 0.2
        with ThreadPoolExecutor(64) as pool:
            results = list(pool.map(one, [began + i / rate for i in range(count)]))
        elapsed = time.perf_counter() - began
        latencies = sorted(r[0] * 1000 for r in results)
        errors = sum(1 for r in results if r[1] != 200)
        etag = client.get(feed).headers["etag"]
        conditional = []
        for _ in range(300):
            t = time.perf_counter()
            status = client.get(feed, headers={"If-None-Match": etag}).status_code
            conditional.append((time.perf_counter() - t) * 1000)
            errors += status != 304
    return {
        "findings_requests": count,
        "findings_rate_per_s": round(count / elapsed, 1),
        "findings_p50_ms": round(latencies[len(latencies) // 2], 2),
        "findings_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 2),
        "calendar_304_median_ms": round(statistics.median(conditional), 2),
        "errors": errors,
    }


if __name__ == "__main__":
    sys.exit(main())
