"""Benchmark: a workspace of 100, 1,000 and 10,000 reports, each row of the scale table beside its
floor and its goal, with growth exponents.

    uv run python tests/bench/bench_scale.py [--sizes 100,1000,10000] [--code DIR] [--rows enter,launch,...]
                                             [--compiled]

The workspaces are generated (the GUI tests' generator of annual reports with 表三: a title naming issuer
and year, a narrative with figures, the table as text), imported with the program's own importer into
``/tmp/hecha-bench/ws-N-TAG.sqlite`` and kept there, so each is built once (the 10,000-report one takes
a few minutes: run it sparingly on a shared machine). ``--code DIR`` measures another checkout of the
program (an earlier commit unpacked with ``git archive``) with the same probes: a workspace that checkout
made is copied and opened by this one (which migrates it) rather than imported again.

Each probe runs in a fresh process (peak memory is that process's); times are the median of several runs,
CPU time where a process does the work alone, wall time where the user waits (launch; its CPU, from
the process's start, in a row of its own: on a shared machine the steadier of the two). Rows:

- enter: one Enter on a figure as the window does it (the review step, the report list's row, its
  signers, whether undo is possible, the checks), median of 15 figures; goal ≤ 16 ms at any size.
- launch: the window from process start to its first paint; floor a bare list of the report titles and
  a text view; goal ≤ 1 s and ≤ 2× the floor.
- filter: the report list's status filter set, then back to 全部; floor: reading the bare list; ≤ 100 ms.
- xlsx / csv: export of every report, seconds and peak memory; floor: XlsxWriter / csv writing the same
  long rows bare; goal xlsx peak ≤ 400 MB and ≤ 1.5× bare. ``HECHA_BENCH_XLSX_MAX=1000`` leaves the
  xlsx out above that size (the 10,000-report export takes a few minutes); ``bench_xlsx.py`` measures
  the xlsx against the CSV at 10 k, 100 k and 1 M figures.
- size: the workspace file per report; floor: the text plus the original file as imported (its own
  size, however it is stored); goal ≤ 3×. Printed twice: for the generated reports (2.4 KB of text
  with 185 figures) and, in a row of its own, for the same reports filled to a real report's length
  with the template's other parts in prose (``hecha_fixtures.office_report_long``: 11 KB with some
  210 figures, as the real ones in /work/shared/corpus/real are 9.6–17 KB with about 210), in their
  own corpus and workspaces (``corpus-long-N``, ``ws-long-N-TAG``); the other rows use only the first.
- import: 500 reports into a new workspace with two workers, reports/s wall, median of 3 runs (the
  workers' start counted once per run, not spread over a hundred reports); floor the analysis alone.
- help: ``hecha --help`` CPU; floor ``python -c pass``; goal ≤ 3×.

``--rows launch,help`` measures those rows alone; ``--runs N`` starts the window and its floor N times
each, in turns (default 3), and keeps the medians. ``--compiled`` runs every probe as an installed copy
starts: with its modules' compiled bytecode (written once into a cache beside the workspaces, never into
the source tree; a first run of each probe is not counted). Without it the probes run as the
environment says; where PYTHONDONTWRITEBYTECODE is set, every start compiles the program's modules
from source (a few hundred ms that no installed copy pays), the floors' standard library does not.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("HECHA_BENCH_CACHE", "/tmp/hecha-bench"))
PY = sys.executable

GOALS = {
    "enter": "≤ 16 ms",
    "launch": "≤ 1 s, ≤ 2× floor",
    "filter": "≤ 100 ms",
    "xlsx": "peak ≤ 400 MB, ≤ 1.5× bare",
    "csv": "flat memory",
    "size": "≤ 3× floor",
    "import": "≥ 150/s wall",
    "help": "≤ 3× floor",
}


IMPORTED = 500  # reports the import row imports
COMPILED: dict[str, str] = {}  # --compiled: where the probes keep their bytecode


def probe_env(code: Path) -> dict[str, str]:
    e = {**os.environ, "PYTHONPATH": str(code), "QT_QPA_PLATFORM": "offscreen"}
    if COMPILED:
        e.pop("PYTHONDONTWRITEBYTECODE", None)
        e["PYTHONPYCACHEPREFIX"] = COMPILED["prefix"]
    return e


def run_probe(code: Path, src: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``src`` in a fresh Python process against the checkout ``code``; it prints one JSON line."""
    e = {**probe_env(code), **(env or {})}
    r = subprocess.run(
        [PY, "-c", src, *args],
        cwd=code,
        env=e,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=3600,
    )
    if r.returncode != 0:
        raise RuntimeError(f"probe failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# ---- building the workspaces ----------------------------------------------------------------------
def corpus(n: int, long: bool = False) -> Path:
    """The n generated reports (``long``: the same filled to a real report's length, a corpus of its own)."""
    folder = CACHE / f"corpus-{'long-' if long else ''}{n}"
    if not (folder / ".done").exists():
        sys.path.insert(0, str(ROOT / "tests" / "gui"))
        from hecha_fixtures import write_office_reports, write_office_reports_long

        shutil.rmtree(folder, ignore_errors=True)
        (write_office_reports_long if long else write_office_reports)(folder, n, seed=11)
        (folder / ".done").write_text("ok")
    return folder


_IMPORT = """
import json, sys, time
from core.store import Workspace
t, c = time.perf_counter(), time.process_time()
with Workspace.open(sys.argv[1]) as ws:
    r = ws.import_paths([sys.argv[2]], workers=int(sys.argv[3]))
print(json.dumps({"added": r.added, "wall": time.perf_counter() - t, "cpu": time.process_time() - c}))
"""

_OPEN = """
import json, sys, time
from core.store import Workspace
t = time.perf_counter()
Workspace.open(sys.argv[1]).close()
print(json.dumps({"wall": time.perf_counter() - t}))
"""


def workspace(n: int, code: Path, tag: str, long: bool = False) -> Path:
    """The n-report workspace made (or migrated) by the checkout ``code``, built once and kept
    (``long``: of the reports of a real length)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    kind = f"ws-long-{n}" if long else f"ws-{n}"
    db = CACHE / f"{kind}-{tag}.sqlite"
    if db.exists():
        return db
    others = sorted(p for p in CACHE.glob(f"{kind}-*.sqlite") if p != db)
    for other in others:  # made by another checkout: this one opens (migrates) a copy
        tmp = db.with_suffix(".part")
        shutil.copy(other, tmp)
        try:
            got = run_probe(code, _OPEN, str(tmp))
        except RuntimeError:  # a newer format than this checkout reads: another, or an import
            print(f"  {n} reports: {other.name} does not open with {tag}", file=sys.stderr)
            continue
        finally:
            for leftover in tmp.parent.glob(tmp.name + ".bak*"):
                leftover.unlink()
        print(f"  {n} reports: opened {other.name} with {tag} in {got['wall']:.1f} s", file=sys.stderr)
        tmp.rename(db)
        return db
    t = time.perf_counter()
    tmp = db.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    got = run_probe(code, _IMPORT, str(tmp), str(corpus(n, long)), "2")
    tmp.rename(db)
    print(f"  {n} reports imported in {time.perf_counter() - t:.0f} s ({got['added']})", file=sys.stderr)
    return db


def scratch(db: Path) -> Path:
    """A copy to write into: the kept workspace stays as built."""
    out = Path(tempfile.mkdtemp(prefix="hecha-bench-")) / db.name
    shutil.copy(db, out)
    return out


# ---- the probes -----------------------------------------------------------------------------------
_ENTER = """
import json, statistics, sys, time
from core.store import Workspace
ws = Workspace.open(sys.argv[1], reviewer="张三")
reports = ws.report_names()
rid = reports[len(reports) // 2].id
figs = [f.id for f in ws.figures(rid) if f.status == "pending"][:15]
out = []
for fid in figs:
    c = time.process_time()
    ws.confirm(fid)
    ws.report(rid)
    ws.signers([rid])
    ws.can_undo(rid)
    ws.checks(rid)
    out.append(time.process_time() - c)
print(json.dumps({"ms": statistics.median(out) * 1000, "n": len(out)}))
"""

_LAUNCH = """
import json, sys, time
t0 = time.perf_counter()
from gui.shell.main import make_app
from gui.shell.settings import Settings
from gui.shell import workspaces
from gui.shell.mainwindow import MainWindow
app = make_app("zh")
settings = Settings(sys.argv[2])
win = MainWindow(settings)
win.keep_place = False
win.resize(1400, 860)
ws = workspaces.open_initial_workspace(settings, sys.argv[1])
win.set_workspace(ws)
win.show()
app.processEvents()
win.grab()
print(json.dumps({"wall": time.perf_counter() - t0 + float(sys.argv[3]), "rows": win.reports.model.rowCount(),
                  "cpu": time.process_time()}))
"""

_LAUNCH_FLOOR = """
import json, sqlite3, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication, QListView, QSplitter, QTextEdit
app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1])
titles = [r[0] or "" for r in conn.execute("SELECT title FROM reports ORDER BY id")]
text = conn.execute("SELECT text FROM reports ORDER BY id LIMIT 1").fetchone()[0]
if isinstance(text, bytes):  # format 6 stores a text deflated
    from core.textzip import unpack_text
    text = unpack_text(text)
w = QSplitter()
lv = QListView(w)
lv.setModel(QStringListModel(titles))
te = QTextEdit(w)
te.setPlainText(text)
w.resize(1400, 860)
w.show()
app.processEvents()
w.grab()
print(json.dumps({"wall": time.perf_counter() - t0 + float(sys.argv[3]), "cpu": time.process_time()}))
"""

_FILTER = """
import json, statistics, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from core.store import Workspace
from gui.review.reportlist import ReportList
ws = Workspace.open(sys.argv[1], readonly=True)
rl = ReportList()
rl.set_workspace(ws)
k = rl.status.findData("done")
out = []
for _ in range(5):
    rl.status.setCurrentIndex(k)
    app.processEvents()
    c = time.process_time()
    rl.status.setCurrentIndex(0)
    app.processEvents()
    out.append(time.process_time() - c)
print(json.dumps({"ms": statistics.median(out) * 1000, "rows": rl.model.rowCount()}))
"""

_FILTER_FLOOR = """
import json, sqlite3, statistics, sys, time
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1])
model = QStringListModel()
out = []
for _ in range(5):
    c = time.process_time()
    rows = conn.execute("SELECT id, title, issuer, year, status FROM reports ORDER BY id").fetchall()
    model.setStringList([r[1] or "" for r in rows])
    out.append(time.process_time() - c)
print(json.dumps({"ms": statistics.median(out) * 1000}))
"""

_EXPORT = """
import json, resource, sys, time
from core import export
from core.store import Workspace
c = time.process_time()
with Workspace.open(sys.argv[1], readonly=True) as ws:
    getattr(export, "to_" + sys.argv[3])(ws, sys.argv[2])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": time.process_time() - c, "peak_mb": peak}))
"""

_EXPORT_FLOOR = """
import csv, json, resource, sqlite3, sys, time
c = time.process_time()
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT v.report_id, r.path, r.issuer, r.year, 'indicator', v.indicator, v.value, v.raw, v.status "
    "FROM indicator_values v JOIN reports r ON r.id = v.report_id "
    "UNION ALL SELECT f.report_id, r.path, r.issuer, r.year, 'figure', f.label, f.value, f.text, f.status "
    "FROM figures f JOIN reports r ON r.id = f.report_id"
)
if sys.argv[3] == "csv":
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
else:
    import xlsxwriter
    wb = xlsxwriter.Workbook(sys.argv[2])
    ws = wb.add_worksheet()
    for i, row in enumerate(rows):
        if i and i % 1_000_000 == 0:
            ws = wb.add_worksheet()
        for j, v in enumerate(row):
            ws.write(i % 1_000_000, j, v)
    wb.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": time.process_time() - c, "peak_mb": peak}))
"""

# The floor is the text plus the ORIGINAL file's bytes as imported: a workspace that stores the file
# packed (format 5: ``originals.size`` is the file's own size) must not lower its own floor.
_SIZE_FLOOR = """
import json, sqlite3, sys, os
conn = sqlite3.connect(sys.argv[1])
try:  # format 6 stores a text deflated: the floor is the text itself
    from core.textzip import unpack_text
except ImportError:
    unpack_text = lambda v: v
text = sum(len(unpack_text(r[0]).encode()) for r in conn.execute("SELECT text FROM reports"))
cols = {r[1] for r in conn.execute("PRAGMA table_info(originals)")}
size = "coalesce(size, length(data))" if "size" in cols else "length(data)"
orig = conn.execute(f"SELECT coalesce(sum({size}), 0) FROM originals").fetchone()[0]
n = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
print(json.dumps({"floor": (text + orig) / n, "file": os.path.getsize(sys.argv[1]) / n}))
"""

_ANALYSE = """
import json, pathlib, sys, time
from core import pipeline
files = sorted(p for p in pathlib.Path(sys.argv[1]).iterdir() if p.suffix == ".txt")
c = time.process_time()
for p in files:
    pipeline.analyse(str(p))
print(json.dumps({"cpu": time.process_time() - c, "n": len(files)}))
"""


def cpu_of(cmd: list[str], cwd: Path, runs: int = 7) -> float:
    import resource

    out = []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, env=probe_env(cwd))
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return statistics.median(out)


def median_of(k: int, fn) -> dict:  # type: ignore[no-untyped-def]
    got = [fn() for _ in range(k)]
    keys = got[0].keys()
    return {
        key: statistics.median(g[key] for g in got) for key in keys if isinstance(got[0][key], int | float)
    }


def medians_in_turn(k: int, fn, floor_fn) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    """``fn`` and ``floor_fn`` run ``k`` times each, one after the other; the median of each."""
    got, floors = [], []
    for _ in range(k):
        got.append(fn())
        floors.append(floor_fn())
    return median_of(k, iter(got).__next__), median_of(k, iter(floors).__next__)


RUNS = {"launch": 3}  # --runs: how many times the launch and its floor each run


def measure(code: Path, tag: str, sizes: list[int], rows: set[str]) -> dict[str, dict[int, dict]]:
    res: dict[str, dict[int, dict]] = {r: {} for r in rows}
    # the interpreter's start-up, added to the launch times (which are measured from inside the process)
    pystart = cpu_of([PY, "-c", "pass"], code, 3)
    for n in sizes:
        db = workspace(n, code, tag)
        print(f"  measuring {n} reports ({tag})", file=sys.stderr)
        if "enter" in rows:
            w = scratch(db)
            res["enter"][n] = run_probe(code, _ENTER, str(w))
            shutil.rmtree(w.parent)
        if "launch" in rows:
            w = scratch(db)
            ini = w.parent / "settings.ini"
            if COMPILED:  # the first start compiles and is not counted
                run_probe(code, _LAUNCH, str(w), str(w.parent / "first.ini"), "0")
                run_probe(code, _LAUNCH_FLOOR, str(w), "", "0")
            # the window and its floor in turns: a shared machine's load falls on both alike
            got, floor = medians_in_turn(
                RUNS["launch"],
                lambda w=w, ini=ini: run_probe(code, _LAUNCH, str(w), str(ini), str(pystart)),
                lambda w=w: run_probe(code, _LAUNCH_FLOOR, str(w), "", str(pystart)),
            )
            res["launch"][n] = {**got, "floor": floor["wall"], "floor_cpu": floor["cpu"]}
            shutil.rmtree(w.parent)
        if "filter" in rows:
            res["filter"][n] = {
                **run_probe(code, _FILTER, str(db)),
                "floor": run_probe(code, _FILTER_FLOOR, str(db))["ms"],
            }
        for kind in ("csv", "xlsx"):
            if kind in rows and (kind == "csv" or n <= int(os.environ.get("HECHA_BENCH_XLSX_MAX", "10000"))):
                with tempfile.TemporaryDirectory() as d:
                    got = run_probe(code, _EXPORT, str(db), f"{d}/out.{kind}", kind)
                    floor = run_probe(code, _EXPORT_FLOOR, str(db), f"{d}/bare.{kind}", kind)
                res[kind][n] = {**got, "floor_s": floor["s"], "floor_mb": floor["peak_mb"]}
        if "size" in rows:
            res["size"][n] = run_probe(code, _SIZE_FLOOR, str(db))
            # beside it, reports of a real length: the generated ones are 4–7× denser in figures
            res.setdefault("size_long", {})[n] = run_probe(
                code, _SIZE_FLOOR, str(workspace(n, code, tag, True))
            )
    if "import" in rows:
        folder = corpus(IMPORTED)
        rates = []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as d:
                got = run_probe(code, _IMPORT, f"{d}/w.sqlite", str(folder), "2")
            rates.append(got["added"] / got["wall"])
        alone = run_probe(code, _ANALYSE, str(folder))
        res["import"][IMPORTED] = {
            "per_s": statistics.median(rates),
            "floor_per_s": alone["n"] / alone["cpu"],
        }
    if "help" in rows:
        if COMPILED:
            cpu_of([PY, "-m", "gui.shell.app", "--help"], code, 1)
        res["help"][0] = {
            "s": cpu_of([PY, "-m", "gui.shell.app", "--help"], code),
            "floor": cpu_of([PY, "-c", "pass"], code),
        }
    return res


def exponent(points: dict[int, float]) -> str:
    ns = sorted(n for n in points if n > 0)
    if len(ns) < 2 or points[ns[0]] <= 0 or points[ns[-1]] <= 0:
        return "—"
    return f"N^{math.log(points[ns[-1]] / points[ns[0]]) / math.log(ns[-1] / ns[0]):.2f}"


def table(res: dict[str, dict[int, dict]], sizes: list[int]) -> str:
    def per(row: str, key: str, fmt: str) -> str:
        return " / ".join(fmt.format(res[row][n][key]) if n in res[row] else "—" for n in sizes)

    lines = ["| what (" + " / ".join(f"{n:,}" for n in sizes) + ") | measured | floor | ratio | growth | goal |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    big = max(sizes)
    if res.get("enter"):
        lines.append(f"| Enter → next figure | {per('enter', 'ms', '{:.1f}')} ms | one frame 16 ms | — | "
                     f"{exponent({n: v['ms'] for n, v in res['enter'].items()})} | {GOALS['enter']} |")  # fmt: skip
    if res.get("launch"):
        r = res["launch"]
        ratio = " / ".join(f"{r[n]['wall'] / r[n]['floor']:.1f}×" for n in sizes if n in r)
        lines.append(f"| launch to first paint | {per('launch', 'wall', '{:.2f}')} s | {per('launch', 'floor', '{:.2f}')} s"
                     f" | {ratio} | {exponent({n: v['wall'] for n, v in r.items()})} | {GOALS['launch']} |")  # fmt: skip
        ratio = " / ".join(f"{r[n]['cpu'] / r[n]['floor_cpu']:.1f}×" for n in sizes if n in r)
        lines.append(f"| the same, CPU of the process | {per('launch', 'cpu', '{:.2f}')} s | "
                     f"{per('launch', 'floor_cpu', '{:.2f}')} s | {ratio} | "
                     f"{exponent({n: v['cpu'] for n, v in r.items()})} | (a loaded machine's waits left out) |")  # fmt: skip
    if res.get("filter"):
        r = res["filter"]
        ratio = " / ".join(f"{r[n]['ms'] / max(r[n]['floor'], 0.01):.1f}×" for n in sizes if n in r)
        lines.append(f"| filter back to 全部 | {per('filter', 'ms', '{:.1f}')} ms | {per('filter', 'floor', '{:.1f}')} ms"
                     f" | {ratio} | {exponent({n: v['ms'] for n, v in r.items()})} | {GOALS['filter']} |")  # fmt: skip
    for kind, name in (("xlsx", "xlsx export"), ("csv", "CSV export")):
        r = res.get(kind)
        if r:
            ratio = " / ".join(f"{r[n]['s'] / r[n]['floor_s']:.1f}× time, {r[n]['peak_mb'] / r[n]['floor_mb']:.1f}× peak"
                               for n in sizes if n in r)  # fmt: skip
            lines.append(f"| {name} | {per(kind, 's', '{:.1f}')} s, peak {per(kind, 'peak_mb', '{:.0f}')} MB | "
                         f"{per(kind, 'floor_s', '{:.1f}')} s, {per(kind, 'floor_mb', '{:.0f}')} MB | {ratio} | "
                         f"time {exponent({n: v['s'] for n, v in r.items()})}, memory "
                         f"{exponent({n: v['peak_mb'] for n, v in r.items()})} | {GOALS[kind]} |")  # fmt: skip
    if res.get("size"):
        r = res["size"]
        lines.append(f"| workspace file | {per('size', 'file', '{:.0f}')} B a report | {per('size', 'floor', '{:.0f}')} B"
                     f" | {r[big]['file'] / r[big]['floor']:.1f}× | ∝ N | {GOALS['size']} |" if big in r else "")  # fmt: skip
    if res.get("size_long"):
        r = res["size_long"]
        lines.append(f"| workspace file, reports of real length | {per('size_long', 'file', '{:.0f}')} B a report | "
                     f"{per('size_long', 'floor', '{:.0f}')} B | {r[big]['file'] / r[big]['floor']:.1f}× | ∝ N | "
                     f"{GOALS['size']} |" if big in r else "")  # fmt: skip
    if res.get("import"):
        r = res["import"][IMPORTED]
        lines.append(f"| import ({IMPORTED}, two workers, median of 3) | {r['per_s']:.0f} reports/s wall | analysis alone "
                     f"{r['floor_per_s']:.0f}/s CPU | {r['floor_per_s'] / r['per_s']:.1f}× | — | {GOALS['import']} |")  # fmt: skip
    if res.get("help"):
        r = res["help"][0]
        lines.append(f"| `hecha --help` | {r['s'] * 1000:.0f} ms CPU | {r['floor'] * 1000:.0f} ms | "
                     f"{r['s'] / r['floor']:.1f}× | — | {GOALS['help']} |")  # fmt: skip
    return "\n".join(x for x in lines if x)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--code", default=str(ROOT), help="the checkout to measure (default: this one)")
    ap.add_argument(
        "--tag", default="", help="names its workspaces in the cache (default: the folder's name)"
    )
    ap.add_argument("--rows", "--only", dest="rows", default=",".join(GOALS), help="the rows to measure")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument(
        "--runs", type=int, default=3, help="launch: runs of the window and of its floor, in turns (median)"
    )
    ap.add_argument(
        "--compiled", action="store_true", help="run as an installed copy: with compiled bytecode (cached)"
    )
    a = ap.parse_args()
    code = Path(a.code).resolve()
    sizes = [int(s) for s in a.sizes.split(",")]
    tag = a.tag or code.name
    RUNS["launch"] = max(1, a.runs)
    if a.compiled:
        COMPILED["prefix"] = str(CACHE / f"pycache-{tag}")
    print(
        f"load average {os.getloadavg()[0]:.2f}, {time.strftime('%H:%M UTC', time.gmtime())}", file=sys.stderr
    )
    res = measure(code, tag, sizes, set(a.rows.split(",")))
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{code} — load average {os.getloadavg()[0]:.2f}" + (" — compiled bytecode" if COMPILED else ""))
    print(table(res, sizes))


if __name__ == "__main__":
    main()
