"""Benchmark: ``hecha record`` (the 核查单 of every 已完成 report as one PDF) at 10, 100 and 1,000
reports: wall and CPU seconds, peak memory and pages, side by side, with growth exponents. The peak
memory should not grow with the number of reports (the records are read, laid out and painted a batch
at a time); the seconds grow with the pages.

    uv run python tests/bench/bench_record.py [--sizes 10,100,1000] [--code DIR] [--runs 3]

The workspaces are those of ``bench_scale.py`` (the GUI tests' generator of annual reports, imported
with the program's own importer, kept in ``/tmp/hecha-bench``); a copy of each with every report marked
已完成 (with an override reason: the generated reports are not reviewed) is kept beside it as
``ws-N-TAG-done.sqlite``. ``--code DIR`` also measures another checkout (an earlier commit unpacked with
``git archive``) on the same workspaces, printed beside this one. Each run is a fresh process; its peak
is that process's VmHWM. Times are the median of ``--runs`` runs (one at 1,000 reports and above).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import CACHE, ROOT, exponent, run_probe, workspace  # noqa: E402

_DONE = """
import json, sys
from core.store import Workspace
with Workspace.open(sys.argv[1], reviewer="基准测试") as ws:
    ids = [r.id for r in ws.reports() if r.status not in ("done", "approved")]
    for rid in ids:
        ws.set_report_status(rid, "done", override="生成的报告，未逐项核对")
print(json.dumps({"done": len(ids)}))
"""

_RECORD = """
import contextlib, io, json, re, sys, time
def peak():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) / 1024 for l in f if l.startswith("VmHWM:"))
t, c = time.perf_counter(), time.process_time()
from gui.signoff.record import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    rc = main(["--db", sys.argv[1], "--pdf", sys.argv[2], "--done"])
assert rc == 0, rc
pages = int(re.search(r"(\\d+) 页", out.getvalue()).group(1))
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "peak_mb": peak(),
                  "pages": pages}))
"""


def done_workspace(n: int, tag: str) -> Path:
    """The n-report workspace with every report marked 已完成, built once and kept."""
    db = CACHE / f"ws-{n}-{tag}-done.sqlite"
    if db.exists():
        return db
    tmp = db.with_suffix(".part")
    shutil.copy(workspace(n, ROOT, tag), tmp)
    t = time.perf_counter()
    got = run_probe(ROOT, _DONE, str(tmp))
    tmp.rename(db)
    print(f"  {n} reports marked done in {time.perf_counter() - t:.0f} s ({got['done']})", file=sys.stderr)
    return db


def measure(code: Path, db: Path, runs: int) -> dict[str, float]:
    out = CACHE / f"record-{os.getpid()}.pdf"
    try:
        got = [run_probe(code, _RECORD, str(db), str(out)) for _ in range(runs)]
    finally:
        out.unlink(missing_ok=True)
    return {k: statistics.median(g[k] for g in got) for k in got[0]}


def table(res: dict[str, dict[int, dict[str, float]]], sizes: list[int]) -> str:
    head = " / ".join(f"{n:,}" for n in sizes)
    lines = [f"| `hecha record` of ({head}) reports | wall s | CPU s | ms CPU a page | peak MB | pages | "
             "growth: CPU, peak |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, r in res.items():

        def col(key: str, fmt: str, r: dict[int, dict[str, float]] = r) -> str:
            return " / ".join(fmt.format(r[n][key]) if n in r else "—" for n in sizes)

        per_page = " / ".join(f"{r[n]['cpu'] / r[n]['pages'] * 1000:.0f}" if n in r else "—" for n in sizes)
        growth = f"{exponent({n: v['cpu'] for n, v in r.items()})}, {exponent({n: v['peak_mb'] for n, v in r.items()})}"
        lines.append(
            f"| {name} | {col('wall', '{:.1f}')} | {col('cpu', '{:.1f}')} | {per_page} | "
            f"{col('peak_mb', '{:.0f}')} | {col('pages', '{:.0f}')} | {growth} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--code", help="another checkout to measure beside this one (e.g. the commit before)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tag", default=ROOT.name, help="names the workspaces in the cache")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    codes = {"this checkout": ROOT}
    if a.code:
        codes[Path(a.code).resolve().name] = Path(a.code).resolve()
    print(
        f"load average {os.getloadavg()[0]:.2f}, {time.strftime('%H:%M UTC', time.gmtime())}", file=sys.stderr
    )
    res: dict[str, dict[int, dict[str, float]]] = {name: {} for name in codes}
    for n in sizes:
        db = done_workspace(n, a.tag)
        for name, code in codes.items():  # interleaved: each size measured by both in the same minute
            print(f"  measuring {n} reports ({name})", file=sys.stderr)
            res[name][n] = measure(code, db, a.runs if n < 1000 else 1)
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(table(res, sizes))


if __name__ == "__main__":
    main()
