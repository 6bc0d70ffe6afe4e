"""Benchmark: the xlsx export at 10,000, 100,000 and 1,000,000 figures, beside the CSV export of the
same reports (the alternative a user would pick): CPU seconds and peak memory, each in a fresh process.

    uv run python tests/bench/bench_xlsx.py [--figures 10000,100000,1000000] [--code DIR] [--runs 1]
                                            [--compiled]

The reports are the first of ``bench_scale``'s generated 10,000-report workspace (built once into
/tmp/hecha-bench, a few minutes), as many as hold the number of figures asked for; both exports are
of those reports (``report_ids``). ``--code DIR`` measures another checkout (an earlier commit unpacked
with ``git archive``) on the same workspace, for a before/after table. Goals: xlsx peak memory flat
(≤ 400 MB at any size) and xlsx time ≤ 2× the CSV's.

``--compiled`` runs both exports as an installed copy does: with their modules' compiled bytecode (cached
beside the workspaces by a first run of each that is not counted). Without it, where
PYTHONDONTWRITEBYTECODE is set, each xlsx run compiles XlsxWriter's 52 modules from source (0.1 s, a
quarter of the 10,000-figure export), which no installed copy pays.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import CACHE, COMPILED, ROOT, run_probe, scratch, workspace  # noqa: E402

_EXPORT = """
import json, resource, sys, time
from core import export
from core.store import Workspace
ids = [int(x) for x in sys.argv[3].split(",")]
ws = Workspace.open(sys.argv[1], readonly=True)
c = time.process_time()
if sys.argv[4] == "xlsx":
    export.to_xlsx(ws, sys.argv[2], ids)
else:
    export.to_csv(ws, sys.argv[2], ids)
print(json.dumps({"s": time.process_time() - c,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def first_reports(db: Path, figures: int) -> list[int]:
    """The first reports (by id) that hold at least ``figures`` figures between them."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out, total = [], 0
    for rid, n in conn.execute(
        "SELECT report_id, count(*) FROM figures GROUP BY report_id ORDER BY report_id"
    ):
        out.append(rid)
        total += n
        if total >= figures:
            break
    conn.close()
    if total < figures:
        raise SystemExit(f"the workspace holds only {total:,} figures")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--figures", default="10000,100000,1000000")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    ap.add_argument("--runs", type=int, default=1, help="runs of each export (median)")
    ap.add_argument("--tag", help="the kept workspace's tag (default: the checkout's folder name): a checkout of "
                    "another workspace format opens a copy of another's, which migrates it")  # fmt: skip
    ap.add_argument(
        "--compiled", action="store_true", help="run as an installed copy: with compiled bytecode (cached)"
    )
    a = ap.parse_args()
    code = a.code.resolve()
    if a.compiled:
        COMPILED["prefix"] = str(CACHE / f"pycache-{a.tag or code.name}")
    db = scratch(workspace(10_000, code, a.tag or code.name))
    print(f"{code} — load average {os.getloadavg()[0]:.2f}" + (" — compiled bytecode" if COMPILED else ""))
    print(
        f"{'figures':>10} {'reports':>8} | {'xlsx s':>8} {'xlsx MB':>8} | {'csv s':>7} {'csv MB':>7} | {'xlsx/csv':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="hecha-bench-xlsx-") as out:
        for n in (int(x) for x in a.figures.split(",")):
            ids = ",".join(map(str, first_reports(db, n)))
            got: dict[str, list[dict[str, float]]] = {"xlsx": [], "csv": []}
            if COMPILED:  # the first run of each compiles and is not counted
                for kind in ("xlsx", "csv"):
                    run_probe(code, _EXPORT, str(db), f"{out}/x.{kind}", ids.split(",", 1)[0], kind)
            for _ in range(a.runs):  # interleaved: the machine's load falls on both alike
                for kind in ("xlsx", "csv"):
                    got[kind].append(run_probe(code, _EXPORT, str(db), f"{out}/x.{kind}", ids, kind))
            s = {k: statistics.median(r["s"] for r in v) for k, v in got.items()}
            mb = {k: max(r["peak_mb"] for r in v) for k, v in got.items()}
            print(f"{n:>10,} {ids.count(',') + 1:>8,} | {s['xlsx']:>8.2f} {mb['xlsx']:>8.0f} | "
                  f"{s['csv']:>7.2f} {mb['csv']:>7.0f} | {s['xlsx'] / s['csv']:>7.2f}×", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
