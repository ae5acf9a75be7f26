"""How long writing the findings takes, the last step of ``psr check``, by size of history.

    python benchmarks/output.py                    # small, medium and large
    python benchmarks/output.py --sizes medium

For each size the synthetic history of ``histories.py`` is generated and evaluated in this process; then
the findings are written to ``os.devnull`` four ways, with the garbage collector paused as ``psr check``
keeps it: the JSON document encoded whole with the standard library (``json.dumps(..., indent=2,
ensure_ascii=False)``, how ``psr check`` wrote it before), the same bytes streamed with orjson a chunk of
findings at a time (``write_findings_json``, how it writes them now), and the table built whole or streamed.
The JSON written both ways is compared byte for byte.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
import time
from collections.abc import Callable, Sequence

from histories import generate
from run import SIZES, render_table

from psr_adapters.rendering.findings_json import evaluation_document, write_findings_json
from psr_adapters.rendering.findings_table import findings_table, write_findings_table
from psr_core import CHORLEY_2015, Evaluation, evaluate


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure(name: str) -> list[str]:
    shape = SIZES[name]
    evaluation: Evaluation = evaluate(generate(shape), CHORLEY_2015, shape.as_of)
    gc.collect()
    gc.disable()
    try:
        with open(os.devnull, "w", encoding="utf-8") as text, open(os.devnull, "wb") as binary:
            whole = timed(
                lambda: text.write(
                    json.dumps(evaluation_document(evaluation), indent=2, ensure_ascii=False) + "\n"
                )
            )
            streamed = timed(lambda: write_findings_json(evaluation, binary))
            table = timed(lambda: text.write(findings_table(evaluation, 100)))
            table_streamed = timed(lambda: write_findings_table(evaluation, binary, 100))
    finally:
        gc.enable()
    buffer = io.BytesIO()
    write_findings_json(evaluation, buffer)
    expected = json.dumps(evaluation_document(evaluation), indent=2, ensure_ascii=False) + "\n"
    same = buffer.getvalue() == expected.encode("utf-8")
    return [
        name,
        f"{len(evaluation.findings):,}",
        f"{len(buffer.getvalue()) / 1e6:.1f}",
        f"{whole:.2f}",
        f"{streamed:.2f}",
        f"{table:.2f}",
        f"{table_streamed:.2f}",
        "yes" if same else "NO",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/output.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large", help=f"from: {', '.join(SIZES)}")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    if [n for n in names if n not in SIZES]:
        parser.error(f"unknown size; choose from {', '.join(SIZES)}")
    header = [
        "size",
        "findings",
        "JSON MB",
        "json.dumps s",
        "orjson streamed s",
        "table s",
        "streamed s",
        "same",
    ]
    rows = [header, *(measure(name) for name in names)]
    print("\n".join(render_table(rows)))
    print("\nWriting the findings of psr check to /dev/null, the garbage collector paused.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
