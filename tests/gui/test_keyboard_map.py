"""The keyboard map in the real main window: F6 through the panes, Ctrl+Tab through the tables from a
cell, arrows from value cell to value cell, Tab out of the lists, Shift+arrows to select for 补录, a
visible focus ring, and confirming that respects the failing checks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _press(qtbot: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the keyboard is."""
    qtbot.keyClick(QApplication.focusWidget(), key, mods)
    qtbot.wait(5)


def _tables_focused(w: Any, qtbot: Any) -> Any:
    _press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    tables = w.workbench.tables
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    return tables


@pytest.mark.parametrize("size", [(1366, 768), (1280, 512)])  # 1920×1080 at 150 %: 1280×720 less bars
def test_ctrl_tab_reaches_table_four_from_a_cell(win: Any, qtbot: Any, size: tuple[int, int]) -> None:
    w, _ids = win
    w.resize(*size)
    w.table.setFocus()
    tables = _tables_focused(w, qtbot)
    assert tables.views[0].currentIndex().isValid()  # a value cell is current at once
    _press(qtbot, Qt.Key.Key_Tab, CTRL)
    _press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert tables.tabs.currentIndex() == 2 and tables.views[2].hasFocus()
    assert "表四" in tables.tabs.tabText(2)
    _press(qtbot, Qt.Key.Key_PageDown, CTRL)  # wraps to 表二
    assert tables.tabs.currentIndex() == 0 and tables.views[0].hasFocus()
    _press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert tables.tabs.currentIndex() == 2
    # the panel opened large enough to work in: at least eight rows of 表三 show
    _press(qtbot, Qt.Key.Key_Tab, CTRL | SHIFT)
    assert tables.views[1].viewport().height() >= 8 * 24 or size[1] < 600
    # and grows from the keyboard
    before = w.workbench.tables_dock.height()
    _press(qtbot, Qt.Key.Key_Up, CTRL | ALT)
    qtbot.waitUntil(lambda: w.workbench.tables_dock.height() > before)


def test_arrows_go_from_value_cell_to_value_cell(win: Any, qtbot: Any) -> None:
    w, _ids = win
    tables = _tables_focused(w, qtbot)
    _press(qtbot, Qt.Key.Key_Tab, CTRL)  # 表三: merged headers on the left and on top
    view, grid = tables.views[1], tables.models[1].grid
    rows = []
    for _ in range(grid.n_rows):
        cur = view.currentIndex()
        pos = (cur.row(), cur.column())
        assert pos in grid.ids, f"{pos} is not a value cell"
        rows.append(pos[0])
        _press(qtbot, Qt.Key.Key_Down)
    assert rows == sorted(rows) and len(set(rows)) > 20  # every value row, downwards, none twice
    start = view.currentIndex()
    _press(qtbot, Qt.Key.Key_Right)
    cur = view.currentIndex()
    assert (cur.row(), cur.column()) in grid.ids and cur.row() == start.row()
    assert cur.column() > start.column()
    _press(qtbot, Qt.Key.Key_Left)
    assert view.currentIndex() == start
    _press(qtbot, Qt.Key.Key_Left)  # nothing to the left but the row's header: the cell stays
    assert view.currentIndex() == start


def test_f6_cycles_the_panes_and_tab_leaves_the_figure_list(win: Any, qtbot: Any) -> None:
    w, _ids = win
    w.reports.view.setFocus()
    order = [w.reports.view, w.pane.view(), w.table, w.workbench.checks.view]
    for expected in order[1:] + order[:1]:
        _press(qtbot, Qt.Key.Key_F6)
        assert QApplication.focusWidget() is expected
    _press(qtbot, Qt.Key.Key_F6, SHIFT)
    assert QApplication.focusWidget() is w.workbench.checks.view
    # Tab leaves the figure list; Tab and Shift+Tab never land on a hidden widget
    w.table.setFocus()
    _press(qtbot, Qt.Key.Key_Tab)
    assert not w.table.hasFocus()
    for key, mods in [(Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)] * 15 + [(Qt.Key.Key_Tab, SHIFT)] * 15:
        _press(qtbot, key, mods)
        f = QApplication.focusWidget()
        assert f is not None and f.isVisible() and f.width() > 0 and f.height() > 0, f


def test_focus_ring_is_visible(win: Any, qtbot: Any) -> None:
    w, _ids = win
    w.table.setFocus()
    qtbot.waitUntil(w.table.hasFocus)
    focused = w.table.grab().toImage()
    w.reports.view.setFocus()
    qtbot.waitUntil(lambda: not w.table.hasFocus())
    plain = w.table.grab().toImage()
    edge = [focused.pixelColor(0, y) != plain.pixelColor(0, y) for y in range(5, focused.height() - 5)]
    assert sum(edge) > len(edge) // 2  # the left edge is drawn differently along its length


def test_shift_arrows_select_the_next_number_for_adding(win: Any, qtbot: Any) -> None:
    w, _ids = win
    text = w.pane.text
    cur = w.review.current()
    text.setFocus()
    _press(qtbot, Qt.Key.Key_Right, SHIFT)
    sel = w.pane.selection_range()
    assert sel is not None and sel[0] >= cur.end
    chosen = w.pane.doc.text[sel[0] : sel[1]]
    assert chosen[0].isdigit() and chosen[-1].isdigit()
    _press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert w.pane.selection_range() == (sel[0], sel[1] + 1)
    _press(qtbot, Qt.Key.Key_Left, SHIFT)
    assert w.pane.selection_range() == sel


def test_confirming_a_figure_of_a_failing_check_goes_to_the_check(
    win: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.widgets import guard

    w, _ids = win
    m = w.workbench.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")  # 表三's first row no longer adds up
    failing = [r for r in range(w.model.rowCount()) if w.model.status_of(w.model.figure(r)) == "failing"]
    assert failing
    asked: list[list[str]] = []
    monkeypatch.setattr(guard, "ask_go_to_check", lambda _p, cs: asked.append([c.rule for c in cs]) or True)
    w.table.select_row(failing[0])
    w.table.setFocus()
    fid = w.model.figure(failing[0]).id
    _press(qtbot, Qt.Key.Key_Return)
    assert asked and "t3.row_total" in asked[0]
    assert next(f for f in w.ws.figures(w.review.report_id) if f.id == fid).status == "pending"
    checks = w.workbench.checks
    assert checks.view.hasFocus() and checks.current() is not None and checks.current().status == "fail"
    # Escape in the question: nothing confirmed, nothing moves
    monkeypatch.setattr(guard, "ask_go_to_check", lambda _p, _cs: False)
    w.table.setFocus()
    _press(qtbot, Qt.Key.Key_Return)
    assert w.table.hasFocus()
    assert "未确认" in w.statusBar().currentMessage()


def test_confirming_a_table_with_a_failing_cell_asks_first(
    win: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.widgets import guard

    w, _ids = win
    m = w.workbench.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    asked: list[str] = []
    monkeypatch.setattr(guard, "ask_go_to_check", lambda _p, cs: asked.append(cs[0].rule) or False)
    tables = _tables_focused(w, qtbot)
    _press(qtbot, Qt.Key.Key_Tab, CTRL)
    _press(qtbot, Qt.Key.Key_T, CTRL | ALT)
    assert asked == ["t3.row_total"]
    values = w.ws.indicators(w.review.report_id)
    assert all(values[i].status != "confirmed" for i in tables.models[1].grid.all_ids() if i in values)
