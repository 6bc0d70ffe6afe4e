"""Memory through a day of review: showing a report lets go of the one shown before.

A reviewer opens hundreds of reports in one sitting; each formatted document, rendered PDF page and
figure list must be released when the next report is shown, or the window grows until it is closed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hecha_fixtures import add_reports, make_pdf, write_office_reports, write_pdf

SWITCHES = 200
GROWTH_MB = 10.0


def rss_mb() -> float:
    """The process's resident memory (what the reviewer's task manager shows), in MB."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        pytest.skip("resident memory is read from /proc (Linux)")
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.fixture
def office_window(qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list[str]) -> Iterator[Any]:
    """The main window on a workspace of 20 reports: 18 annual reports with 表三, two PDFs."""
    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow

    folder = tmp_path / "office"
    paths = write_office_reports(folder, 18)
    paths += [make_pdf(folder / "p1.pdf"), make_pdf(folder / "p2.pdf")]
    with Workspace.open(tmp_path / "office.sqlite", settings.reviewer) as ws:
        ids = add_reports(ws, paths)
    assert len(ids) == 20
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(Workspace.open(tmp_path / "office.sqlite", settings.reviewer))
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    yield win
    if win.ws is not None:
        win.close()


def _show_row(qtbot: Any, win: Any, row: int) -> None:
    """↓ in the report list, as a reviewer goes through them; then back to the event loop."""
    win.reports.view.setCurrentIndex(win.reports.model.index(row))
    qtbot.wait(1)


@pytest.mark.slow  # ~4 s: 500 report switches
def test_switching_reports_keeps_memory_flat(qtbot: Any, office_window: Any) -> None:
    from PySide6.QtGui import QTextDocument

    win = office_window
    n = win.reports.model.rowCount()
    shown: set[int] = set()
    for i in range(1, 11):
        _show_row(qtbot, win, i % n)
        shown.add(win.review.report_id)
    after_10 = rss_mb()
    for i in range(11, SWITCHES + 1):
        _show_row(qtbot, win, i % n)
        shown.add(win.review.report_id)
    after_all = rss_mb()
    assert len(shown) == n  # every report, PDFs too, was really shown in turn
    assert after_all - after_10 < GROWTH_MB, (
        f"memory grew {after_all - after_10:.1f} MB over {SWITCHES - 10} report switches "
        f"({after_10:.1f} → {after_all:.1f} MB)"
    )
    # the formatted text of only the report on screen is kept
    assert len(win.pane.text.findChildren(QTextDocument)) <= 1


def test_text_report_after_pdf_releases_pages(qtbot: Any, office_window: Any) -> None:
    win = office_window
    model = win.reports.model
    pdf_row = next(r for r in range(model.rowCount()) if model.report(r).format == "pdf")
    text_row = next(r for r in range(model.rowCount()) if model.report(r).format != "pdf")
    _show_row(qtbot, win, pdf_row)
    pages = win.pane.pdf.pages
    qtbot.waitUntil(lambda: bool(pages.images), timeout=5000)
    _show_row(qtbot, win, text_row)
    assert not win.pane.is_pdf
    assert pages.doc is None and not pages.images  # the PDF's pixels and layout are let go
    _show_row(qtbot, win, pdf_row)  # and it shows again when the reviewer goes back to it
    qtbot.waitUntil(lambda: bool(pages.images), timeout=5000)
    assert win.pane.is_pdf and pages.doc is not None


def _long_pdf(path: Path, pages: int) -> Path:
    """``pages`` A4 pages of text with one figure per line, written by Qt."""
    text = [
        [(72, 100 + 40 * k, f"第{i + 1}页：主动公开政府信息{i * 10 + k + 1}条。") for k in range(5)]
        for i in range(pages)
    ]
    return write_pdf(path, text)


def test_long_pdf_keeps_only_pages_near_the_view(qtbot: Any, window: Any, tmp_path: Path) -> None:
    """Scrolling through a long PDF renders the pages that come into view and lets go of those far
    behind; scrolling back renders them again."""
    ids = add_reports(window.ws, [_long_pdf(tmp_path / "long.pdf", 16)])
    window.reports.reload()
    window.review.load_report(ids[0])
    view = window.pane.pdf
    pages = view.pages
    qtbot.waitUntil(lambda: 0 in pages.images, timeout=5000)
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, view.viewport().height() // 2)):
        bar.setValue(value)
        qtbot.wait(20)
    bar.setValue(bar.maximum())
    last = len(window.pane.doc.pages) - 1
    qtbot.waitUntil(lambda: last in pages.images, timeout=5000)
    qtbot.wait(20)
    assert 0 not in pages.images  # the first page's pixels are gone at the end of the report
    assert len(pages.images) <= 8
    bar.setValue(0)
    qtbot.waitUntil(lambda: 0 in pages.images, timeout=5000)
