"""The PDF view (highlight on the right page at the right box), the figure model, settings, screenshot."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hecha_fixtures import make_pdf
from PySide6.QtCore import QPoint, Qt

from core.store import Workspace
from core.store.rows import CheckRow, FigureRow
from gui.review.figuremodel import FigureModel, Role


def _row(
    fid: int, start: int, conf: float, indicator: str | None = None, status: str = "pending"
) -> FigureRow:
    return FigureRow(
        id=fid, report_id=1, start=start, end=start + 2, text="12件", value=Decimal(12), original_value=Decimal(12),
        unit="件", multiplier=None, qualifier=None, label="申请", indicator=indicator, confidence=conf, rule="r",
        source="text", status=status,
    )  # fmt: skip


def test_pdf_highlight_on_right_page_and_box(
    qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list
) -> None:
    from gui.shell.mainwindow import MainWindow

    pdf = make_pdf(tmp_path / "r.pdf")
    ws = Workspace.open(tmp_path / "p.sqlite", "测试员")
    ws.import_paths([str(pdf)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    assert win.pane.is_pdf
    pages = win.pane.pdf.pages
    qtbot.waitUntil(lambda: bool(pages.images), timeout=5000)
    text = win.pane.doc.text
    fig = next(f for f in win.model.figures() if text[f.start : f.end] == "86")
    win.review.select_figure(fig.id)
    rects = pages.figure_rects(fig.id)
    assert rects and {p for p, _ in rects} == {1}
    r = rects[0][1]
    page = pages.page_rect(1)
    # drawn at baseline y=400pt from the top of page 2, x after "全年收到政府信息公开申请" (12 glyphs of 14 px)
    assert page.top() + 380 * pages.scale < r.center().y() < page.top() + 402 * pages.scale
    assert (
        page.left() + (72 + 12 * 13) * pages.scale
        < r.center().x()
        < page.left() + (72 + 12 * 15 + 20) * pages.scale
    )
    # the page is scrolled into view and the page image is rendered
    qtbot.waitUntil(lambda: 1 in pages.images, timeout=5000)
    vp = win.pane.pdf.viewport()
    top_left = pages.mapTo(vp, r.center().toPoint())
    assert vp.rect().contains(top_left)
    # clicking the box in the page selects the figure in the list
    win.review.select_figure(
        win.model.figure(0).id if win.model.figure(0).id != fig.id else win.model.figure(1).id
    )
    qtbot.mouseClick(pages, Qt.MouseButton.LeftButton, pos=r.center().toPoint())
    assert win.review.current().id == fig.id
    win.close()


def test_pdf_drag_selection_adds_figure(qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list) -> None:
    from gui.shell.mainwindow import MainWindow

    pdf = make_pdf(tmp_path / "r.pdf")
    ws = Workspace.open(tmp_path / "p.sqlite", "测试员")
    ws.import_paths([str(pdf)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    pages = win.pane.pdf.pages
    text = win.pane.doc.text
    i = text.index("2023")
    boxes = [pages.box_rect(*b) for b in win.pane.doc.boxes(i, i + 4)]
    qtbot.mousePress(pages, Qt.MouseButton.LeftButton, pos=boxes[0].topLeft().toPoint() + QPoint(1, 2))
    qtbot.mouseMove(pages, pos=boxes[-1].bottomRight().toPoint() - QPoint(1, 2))
    qtbot.mouseRelease(pages, Qt.MouseButton.LeftButton, pos=boxes[-1].bottomRight().toPoint() - QPoint(1, 2))
    assert pages.selection_range() == (i, i + 4)
    qtbot.keyClick(pages, Qt.Key.Key_A)
    added = [f for f in ws.figures(win.review.report_id) if f.status == "added"]
    assert [(f.start, f.end, f.value) for f in added] == [(i, i + 4, Decimal(2023))]
    win.close()


def test_figure_model_passes_qt_model_tester(qtmodeltester: Any) -> None:
    m = FigureModel()
    m.set_figures([_row(1, 10, 0.9), _row(2, 30, 0.5), _row(3, 50, 0.7, "t3.new.total")])
    qtmodeltester.check(m, force_py=True)


def test_review_order_failing_then_low_confidence_then_document_order() -> None:
    m = FigureModel()
    rows = [_row(1, 10, 0.9), _row(2, 30, 0.5), _row(3, 50, 0.9, "t3.new.total"), _row(4, 5, 0.9)]
    fail = CheckRow(1, "t3.row_total", "新收", "fail", "error", "1+2 = 3 ≠ 4", ("t3.new.total",), False, "")
    m.set_figures(rows, [fail])
    assert [m.figure(r).id for r in range(4)] == [3, 2, 4, 1]
    assert m.data(m.index(0, 5)) == "检查未通过"
    assert m.data(m.index(0, 0), Role.Status) == "failing"
    # accepted failing checks no longer put a figure first
    m.set_figures(
        rows, [CheckRow(1, "t3.row_total", "新收", "fail", "error", "", ("t3.new.total",), True, "ok")]
    )
    assert m.figure(0).id == 2


def test_editing_value_parses_what_the_reviewer_typed() -> None:
    m = FigureModel()
    m.set_figures([_row(1, 10, 0.9)])
    got: list[tuple[int, Decimal]] = []
    m.on_correct = lambda fid, v: got.append((fid, v))
    assert m.setData(m.index(0, 0), "1,234")
    assert not m.setData(m.index(0, 0), "abc")
    assert m.setData(m.index(0, 0), "3.5万")
    assert got == [(1, Decimal("1234")), (1, Decimal("35000"))]
    assert not (m.flags(m.index(0, 2)) & Qt.ItemFlag.ItemIsEditable)


def test_refresh_keeps_rows_in_place() -> None:
    m = FigureModel()
    m.set_figures([_row(1, 10, 0.9), _row(2, 30, 0.5)])
    changed, removed = m.refresh([_row(1, 10, 0.9, status="confirmed"), _row(2, 30, 0.5), _row(7, 3, 1.0)])
    assert [m.figure(r).id for r in range(3)] == [2, 1, 7]
    assert sorted(changed) == [1, 7] and removed == []
    _changed, removed = m.refresh([_row(1, 10, 0.9, status="confirmed"), _row(2, 30, 0.5)])
    assert removed == [7] and m.rowCount() == 2


def test_settings_round_trip(tmp_path: Path) -> None:
    from gui.shell.settings import Settings

    s = Settings(tmp_path / "s.ini")
    s.reviewer = " 张三 "
    s.workspace = str(tmp_path / "a.sqlite")
    s.workspace = str(tmp_path / "b.sqlite")
    s.workspace = str(tmp_path / "a.sqlite")
    s.sync()
    t = Settings(tmp_path / "s.ini")
    assert t.reviewer == "张三"
    assert t.recent_workspaces == [str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")]


def test_screenshot_writes_png_with_legend(tmp_path: Path, ws_path: Path, qapp: Any) -> None:
    from PySide6.QtGui import QImage

    from gui.shell.main import run

    out = tmp_path / "shot.png"
    assert (
        run(["--screenshot", str(out), "--workspace", str(ws_path), "--settings", str(tmp_path / "s.ini")])
        == 0
    )
    img = QImage(str(out))
    assert img.width() >= 1000 and img.height() >= 600
    colors = {img.pixelColor(x, y).name() for x in range(0, img.width(), 3) for y in range(0, 140, 3)}
    assert {"#ffe58f", "#b7eb8f", "#ff7875"} <= colors  # legend swatches are visible


def test_demo_workspace_from_bundled_samples(
    qtbot: Any, tmp_path: Path, monkeypatch: Any, reports_dir: Path
) -> None:
    from gui.shell import workspaces

    monkeypatch.setattr(workspaces, "samples_dir", lambda: reports_dir)
    ws = workspaces.open_demo_workspace("测试员", tmp_path / "demo.sqlite")
    assert len(ws.reports()) == 2
    ws.close()
    ws = workspaces.open_demo_workspace("测试员", tmp_path / "demo.sqlite")  # second start does not re-import
    assert len(ws.reports()) == 2
    ws.close()


def test_english_translation_loads(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from gui.shell.workspaces import resource_dir
    from gui.widgets.style import status_name

    t = QTranslator()
    assert t.load("hecha_en", str(resource_dir() / "translations"))
    QCoreApplication.installTranslator(t)
    try:
        assert status_name("pending") == "To check"
        assert QCoreApplication.translate("Actions", "确认并转到下一个") == "Confirm and go to next"
    finally:
        QCoreApplication.removeTranslator(t)


def test_pdf_pages_fit_the_width_until_the_reviewer_zooms(
    qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list
) -> None:
    from gui.shell.mainwindow import MainWindow

    pdf = make_pdf(tmp_path / "r.pdf")
    ws = Workspace.open(tmp_path / "p.sqlite", "测试员")
    ws.import_paths([str(pdf)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    win.resize(1400, 900)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    view = win.pane.pdf
    qtbot.waitUntil(lambda: abs(view.pages.width() - view.viewport().width()) < 40)
    win.resize(1600, 900)  # a wider window: the pages follow
    qtbot.waitUntil(lambda: abs(view.pages.width() - view.viewport().width()) < 40)
    zoom = view.pages.zoom
    win.zoom_in()
    assert view.pages.zoom > zoom
    win.resize(1400, 900)  # after a manual zoom the width is the reviewer's choice
    qtbot.wait(50)
    assert view.pages.zoom > zoom


def test_review_order_keeps_document_order_among_figures_without_problems() -> None:
    """Confidence alone does not reorder: among figures without a problem the document only moves on."""
    m = FigureModel()
    rows = [_row(1, 40, 0.75), _row(2, 10, 0.9), _row(3, 30, 0.85), _row(4, 20, 0.6)]
    m.set_figures(rows)
    assert [m.figure(r).id for r in range(4)] == [4, 2, 3, 1]


def test_shift_arrows_select_text_on_a_pdf_page_for_adding(
    qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list
) -> None:
    """No mouse needed for 补录 in a PDF: Shift+→ selects the next number after the current figure and
    each further press moves its end by one character."""
    from PySide6.QtWidgets import QApplication

    from gui.shell.mainwindow import MainWindow

    pdf = make_pdf(tmp_path / "r.pdf")
    ws = Workspace.open(tmp_path / "p.sqlite", "测试员")
    ws.import_paths([str(pdf)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    assert win.pane.is_pdf
    pages = win.pane.pdf.pages
    first = min(win.model.figures(), key=lambda f: f.start)
    win.review.select_figure(first.id)
    pages.setFocus()
    qtbot.waitUntil(pages.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    sel = win.pane.selection_range()
    assert sel is not None and sel[0] >= first.end
    assert win.pane.doc.text[sel[0] : sel[1]] == "86"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert win.pane.doc.text[slice(*win.pane.selection_range())] == "86件"
    win.close()


def test_the_pdf_view_made_for_the_first_pdf_shown_takes_the_review_keys(
    qtbot: Any, tmp_path: Path, settings: Any, no_dialogs: list
) -> None:
    """The PDF view is not made for the window's first paint: it is made when the first PDF report
    is shown, and the review keys reach it as they reach the text (J, a digit typed)."""
    from PySide6.QtWidgets import QAbstractItemView

    from gui.shell.mainwindow import MainWindow

    pdf = make_pdf(tmp_path / "r.pdf")
    ws = Workspace.open(tmp_path / "p.sqlite", "测试员")
    ws.import_paths([str(pdf)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.pane.made_pdf_pages is None and not win.pane.is_pdf
    win.set_workspace(ws)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    assert win.pane.is_pdf
    pages = win.pane.pdf.pages
    assert win.pane.made_pdf_pages is pages
    pages.setFocus()
    qtbot.waitUntil(pages.hasFocus)
    row = win.table.current_row()
    qtbot.keyClick(pages, Qt.Key.Key_J)  # the next figure: a review action, bound to the view made now
    assert win.table.current_row() == row + 1
    pages.setFocus()
    qtbot.waitUntil(pages.hasFocus)
    qtbot.keyClick(pages, Qt.Key.Key_7)  # a digit typed over the page starts correcting the figure
    assert win.table.state() == QAbstractItemView.State.EditingState
    win.close()
