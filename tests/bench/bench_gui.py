"""GUI benchmarks (print only; no pass/fail):

- start → main window showing the first report;
- a 100-page PDF → its first page shown (the rest renders lazily, off the GUI thread);
- Enter → next figure shown (confirm saved, list and document updated);
- memory through a day of review: the process's resident memory (RSS) after 10 and after 500 report
  switches over 20 generated reports (goal: within 10 MB);
- launch → first report shown with a 1,000-report workspace, each in a fresh process, beside the floor
  in the same run: a bare QListView of the titles and a QTextEdit of the first report's text (goal ≤ 2×);
  CPU seconds and wall time, median of ``--runs``, with compiled bytecode as an installed copy has it.

    QT_QPA_PLATFORM=offscreen uv run python tests/bench/bench_gui.py [--switches N] [--reports N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gui"))


def make_long_pdf(path: Path, pages: int = 100) -> None:
    from hecha_fixtures import write_pdf

    line = "第{}页第{}行：主动公开政府信息{}条，收到申请{}件。"
    text = [
        [(60, 60 + k * 18, line.format(i + 1, k + 1, (i * 40 + k) % 997, k + 3)) for k in range(40)]
        for i in range(pages)
    ]
    write_pdf(path, text, pixel_size=12)


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc; what the reviewer's task manager shows)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def wait_ms(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def bench_switches(tmp: Path, switches: int) -> None:
    """RSS after 10 and after ``switches`` report switches (↓ in the report list, as a reviewer does)."""
    from hecha_fixtures import make_pdf, write_office_reports

    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    folder = tmp / "switch-reports"
    write_office_reports(folder, 18)
    make_pdf(folder / "p1.pdf")
    make_long_pdf(folder / "p2.pdf", pages=12)
    with Workspace.open(tmp / "switch.sqlite", "bench") as ws:
        ws.import_paths([str(folder)])
    win = MainWindow(Settings(tmp / "switch.ini"))
    win.set_workspace(Workspace.open(tmp / "switch.sqlite", "bench"))
    win.show()
    n = win.reports.model.rowCount()
    marks = {10, 50, 100, 200, switches}
    seen: dict[int, float] = {}
    t = time.perf_counter()
    for i in range(1, switches + 1):
        win.reports.view.setCurrentIndex(win.reports.model.index(i % n))
        wait_ms(0)  # paint, deferred deletes, rendered PDF pages
        if i in marks:
            seen[i] = rss_mb()
    secs = time.perf_counter() - t
    print(
        f"report switches over {n} reports: RSS "
        + ", ".join(f"{seen[k]:.1f} MB after {k}" for k in sorted(seen))
        + f"; growth 10 → {switches}: {seen[switches] - seen[10]:+.1f} MB (goal < 10 MB); "
        f"{secs / switches * 1000:.1f} ms per switch"
    )
    win.close()


LAUNCH_HECHA = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import sys
from PySide6.QtCore import QEventLoop, QTimer
from gui.shell.main import make_app
from gui.shell.workspaces import open_initial_workspace
from gui.shell.mainwindow import MainWindow
from gui.shell.settings import Settings
app = make_app()
settings = Settings(sys.argv[2])
settings.reviewer = "bench"
win = MainWindow(settings)
win.set_workspace(open_initial_workspace(settings, sys.argv[1]))
win.show()
while not win.first_report_shown():
    loop = QEventLoop(); QTimer.singleShot(0, loop.quit); loop.exec()
loop = QEventLoop(); QTimer.singleShot(0, loop.quit); loop.exec()
print(time.perf_counter() - t0, time.process_time() - c0, win.reports.model.rowCount())
"""

LAUNCH_FLOOR = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import sqlite3, sys
from PySide6.QtCore import QEventLoop, QStringListModel, QTimer
from PySide6.QtWidgets import QApplication, QListView, QSplitter, QTextEdit
app = QApplication(sys.argv[:1])
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT id, title FROM reports ORDER BY id").fetchall()
split = QSplitter()
view = QListView(); view.setUniformItemSizes(True)
view.setModel(QStringListModel([t or "" for _, t in rows]))
text = QTextEdit(); text.setReadOnly(True)
stored = conn.execute("SELECT text FROM reports WHERE id = ?", (rows[0][0],)).fetchone()[0]
if isinstance(stored, bytes):  # format 6 stores a text deflated
    from core.textzip import unpack_text
    stored = unpack_text(stored)
text.setPlainText(stored)
split.addWidget(view); split.addWidget(text); split.resize(1400, 860); split.show()
loop = QEventLoop(); QTimer.singleShot(0, loop.quit); loop.exec()
print(time.perf_counter() - t0, time.process_time() - c0, len(rows))
"""


def bench_launch(tmp: Path, n: int, runs: int) -> None:
    """Launch → first report shown, in fresh processes, Hecha beside the bare list + text view."""
    from hecha_fixtures import write_office_reports

    from core.store import Workspace

    db = tmp / f"launch-{n}.sqlite"
    write_office_reports(tmp / "launch-reports", n)
    t = time.perf_counter()
    with Workspace.open(db, "bench") as ws:
        ws.import_paths([str(tmp / "launch-reports")])
    print(f"(workspace of {n} reports imported in {time.perf_counter() - t:.1f} s)")
    # as an installed copy starts: with compiled bytecode (kept apart from the source tree), after a
    # first launch of each side that is not counted
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    out: dict[str, list[tuple[float, float]]] = {"hecha": [], "floor": []}
    for k in range(-1, runs):
        for name, code in (("hecha", LAUNCH_HECHA), ("floor", LAUNCH_FLOOR)):
            ini = tmp / f"launch-{k}.ini"  # a fresh settings file: no last report to go back to
            r = subprocess.run(
                [sys.executable, "-c", code, str(db), str(ini)],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            if r.returncode != 0:
                print(f"launch ({name}) failed:\n{r.stderr[-2000:]}")
                return
            wall_s, cpu_s, rows = r.stdout.split()[-3:]
            if k >= 0:
                out[name].append((float(wall_s), float(cpu_s)))
    h_wall, h_cpu = (statistics.median(x[i] for x in out["hecha"]) for i in (0, 1))
    f_wall, f_cpu = (statistics.median(x[i] for x in out["floor"]) for i in (0, 1))
    print(
        f"launch → first report, {n} reports (median of {runs}): Hecha {h_wall:.3f} s wall / {h_cpu:.3f} s CPU; "
        f"bare list + text view {f_wall:.3f} s / {f_cpu:.3f} s; ratio {h_wall / f_wall:.2f}× wall, "
        f"{h_cpu / f_cpu:.2f}× CPU (goal ≤ 2×)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--switches", type=int, default=500, help="report switches for the memory figure")
    ap.add_argument("--reports", type=int, default=1000, help="reports in the workspace for the launch")
    ap.add_argument("--runs", type=int, default=3, help="launches of each side (the median is printed)")
    ap.add_argument("--only", choices=("review", "memory", "launch"), help="one part of the benchmark")
    opts = ap.parse_args()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    t0 = time.perf_counter()
    app = QApplication.instance() or QApplication([])
    from hecha_fixtures import write_reports

    from core.store import Workspace
    from gui.shell.main import make_app
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    def wait_until(cond, timeout: float = 30.0) -> bool:  # noqa: ANN001
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        return bool(cond())

    tmp = Path(tempfile.mkdtemp(prefix="hecha-bench-"))
    make_app()
    if opts.only in (None, "memory"):
        bench_switches(tmp, opts.switches)
    if opts.only in (None, "launch"):
        bench_launch(tmp, opts.reports, opts.runs)
    if opts.only not in (None, "review"):
        shutil.rmtree(tmp, ignore_errors=True)
        return
    t0 = time.perf_counter()
    folder = tmp / "reports"
    write_reports(folder)
    corpus = ROOT.parent / "shared" / "corpus" / "seeds"
    paths = [folder] + ([corpus] if corpus.is_dir() else [])
    with Workspace.open(tmp / "ws.sqlite", "bench") as ws:
        ws.import_paths([str(p) for p in paths])
    make_app()
    t1 = time.perf_counter()
    win = MainWindow(Settings(tmp / "s.ini"))
    win.set_workspace(Workspace.open(tmp / "ws.sqlite", "bench"))
    win.show()
    wait_until(win.first_report_shown)
    t2 = time.perf_counter()
    print(
        f"start → first report shown: {t2 - t1:.3f} s (window + workspace; setup before it {t1 - t0:.3f} s)"
    )

    # Enter → next figure shown
    biggest = max(win.ws.reports(), key=lambda r: r.n_figures)
    win.review.load_report(biggest.id)
    win.table.setFocus()
    times = []
    for _ in range(min(40, win.model.rowCount() - 1)):
        before = win.review.current().id
        s = time.perf_counter()
        win.actions_by_id["confirm"].trigger()
        if win.review.current().id == before:
            break
        times.append((time.perf_counter() - s) * 1000)
    if times:
        print(
            f"Enter → next figure shown: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
            f"over {len(times)} figures of a {biggest.n_figures}-figure report (goal < 50 ms)"
        )

    # 100-page PDF → first page shown
    pdf = tmp / "long.pdf"
    make_long_pdf(pdf)
    with Workspace.open(tmp / "ws.sqlite", "bench") as ws:
        res = ws.import_paths([str(pdf)])
    win.reports.reload()
    s = time.perf_counter()
    win.review.load_report(res.report_ids[0])
    win.review.select_figure(min(win.model.figures(), key=lambda f: f.start).id)
    pages = win.pane.pdf.pages
    wait_until(lambda: 0 in pages.images)
    e = time.perf_counter()
    print(
        f"100-page PDF → first page shown: {e - s:.3f} s (goal < 1 s); pages rendered so far: {len(pages.images)}"
    )
    win.close()
    del app
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # PySide6 6.12 drops references to None in some bindings; skip interpreter teardown, which can abort
    os._exit(0)
