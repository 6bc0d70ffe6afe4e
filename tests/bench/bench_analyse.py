"""Benchmark: the per-report analysis of an import without storing — load + figures + tables + checks
of N generated text reports (the reports of ``bench_store.py``), CPU seconds, median of 3 runs.

Run on demand: ``uv run python tests/bench/bench_analyse.py [N]``. Prints reports/second beside the floor
of reading and decoding the same files. Passes or fails nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench_store import write_corpus  # noqa: E402

from core import documents, pipeline  # noqa: E402


def cpu(fn: object, paths: list[Path]) -> float:
    t = time.process_time()
    for p in paths:
        fn(p)  # type: ignore[operator]
    return time.process_time() - t


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t) / "reports"
        write_corpus(folder, n)
        paths = sorted(folder.glob("*.txt"))
        pipeline.analyse(paths[0])  # patterns compiled once, as in a long import
        read, load, analyse = [], [], []
        for _ in range(3):
            read.append(cpu(lambda p: p.read_bytes().decode("utf-8"), paths))
            load.append(cpu(documents.load, paths))
            analyse.append(cpu(pipeline.analyse, paths))
    for name, ts in (
        ("read + decode", read),
        ("load (+ title, issuer, year)", load),
        ("load + analyse", analyse),
    ):
        m = statistics.median(ts)
        print(f"{name:30s} {n / m:8.0f} reports/s  ({m:.2f} s CPU, median of 3)")


if __name__ == "__main__":
    main()
