"""GUI benchmarks (print only; no pass/fail):

- start → main window showing the first report;
- a 100-page PDF → its first page shown (the rest renders lazily, off the GUI thread);
- Enter → next figure shown (confirm saved, list and document updated).

    QT_QPA_PLATFORM=offscreen uv run python tests/bench/bench_gui.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gui"))


def make_long_pdf(path: Path, pages: int = 100) -> None:
    from PySide6.QtCore import QMarginsF, QPointF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    w = QPdfWriter(str(path))
    w.setResolution(72)
    w.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    p = QPainter(w)
    f = QFont()
    f.setFamilies(["WenQuanYi Micro Hei", "Noto Sans CJK SC"])
    f.setPixelSize(12)
    p.setFont(f)
    for i in range(pages):
        if i:
            w.newPage()
        for k in range(40):
            p.drawText(
                QPointF(60, 60 + k * 18),
                f"第{i + 1}页第{k + 1}行：主动公开政府信息{(i * 40 + k) % 997}条，收到申请{k + 3}件。",
            )
    p.end()


def main() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    t0 = time.perf_counter()
    app = QApplication.instance() or QApplication([])
    from hecha_fixtures import write_reports

    from core.store import Workspace
    from gui.main import make_app
    from gui.mainwindow import MainWindow
    from gui.settings import Settings

    def wait_until(cond, timeout: float = 30.0) -> bool:  # noqa: ANN001
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        return bool(cond())

    tmp = Path(tempfile.mkdtemp(prefix="hecha-bench-"))
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
    print(f"start → first report shown: {t2 - t1:.3f} s (window + workspace; Qt start {t1 - t0:.3f} s)")

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


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # PySide6 6.12 drops references to None in some bindings; skip interpreter teardown, which can abort
    os._exit(0)
