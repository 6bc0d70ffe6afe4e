"""The window's PDF pages are drawn in a helper process: PDFium aborting while it draws a page (as it
did on the red team's 157 KB PDF) ends that process, not the window; the page says it cannot be
shown and why, and the next pages are drawn by a new helper."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hecha_fixtures import add_reports, make_pdf

from core import isolation

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the abort hook is POSIX")


def _show(qtbot: Any, window: Any, report_id: int) -> Any:
    window.reports.reload()
    window.review.load_report(report_id)
    qtbot.waitUntil(lambda: window.pane.is_pdf and window.pane.pdf.pages.doc is not None, timeout=10_000)
    return window.pane.pdf.pages


def test_a_page_drawing_that_aborts_leaves_the_window_alive_and_says_so(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad, good = add_reports(window.ws, [make_pdf(tmp_path / "中止.pdf"), make_pdf(tmp_path / "好的.pdf")])
    monkeypatch.setenv(isolation.ABORT_HOOK, "中止.pdf")  # the import is done: only drawing aborts
    pages = _show(qtbot, window, bad)
    qtbot.waitUntil(lambda: pages.failure_text(0) is not None, timeout=20_000)
    said = pages.failure_text(0)
    assert said.startswith("无法显示此页") and "异常中止" in said and "报告的文字、数字和核查不受影响" in said
    assert not pages.images
    pages.grab()  # the page paints its message
    assert window.isVisible()
    # the window goes on: the next report's pages are drawn by a new helper process
    started = pages._helper.started
    pages = _show(qtbot, window, good)
    qtbot.waitUntil(lambda: 0 in pages.images, timeout=20_000)
    assert not pages.images[0].isNull() and pages.failure_text(0) is None
    assert pages._helper.started > started
    # and the report read from the aborting file is still reviewable: its figures are listed
    _show(qtbot, window, bad)
    assert window.table.model().rowCount() > 0
