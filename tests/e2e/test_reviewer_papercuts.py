"""A reviewer's day in the real window: what they read, where the keyboard lands, what the status bar
says. Each test is a papercut a reviewer noticed, driven through the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.review.figuremodel import COLUMNS
from gui.review.reportlist import ProgressRole


def _row_text(win: Any, rid: int) -> str:
    m = win.reports.model
    return str(m.data(m.index(m.row_of(rid))))


def test_figure_list_names_indicators_in_chinese_with_the_id_in_the_tooltip(window: Any) -> None:
    win = window
    m = win.model
    fig = next(f for f in m.figures() if f.indicator == "t3.new.total")
    idx = m.index(m.row_of(fig.id), COLUMNS.index("indicator"))
    shown = m.data(idx)
    assert "本年新收政府信息公开申请数量" in shown and "总计" in shown
    assert "t3." not in shown
    tip = m.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "t3.new.total" in tip and fig.label in tip and fig.text in tip
    # figures without an indicator stay blank rather than showing an id or "None"
    plain = next(f for f in m.figures() if not f.indicator)
    assert m.data(m.index(m.row_of(plain.id), COLUMNS.index("indicator"))) == ""


def test_figure_list_gives_label_and_indicator_room_in_a_small_window(window: Any, qtbot: Any) -> None:
    win = window
    win.resize(1280, 720)
    qtbot.waitUntil(lambda: win.width() <= 1280)
    t = win.table
    label_w = t.columnWidth(COLUMNS.index("label"))
    ind_w = t.columnWidth(COLUMNS.index("indicator"))
    # four Chinese characters at least, in both columns that a reviewer reads
    four = t.fontMetrics().horizontalAdvance("主动公开")
    assert label_w > four and ind_w > four
    assert abs(label_w - ind_w) <= 2  # they share the free width


def test_report_list_shows_progress_as_figures_are_checked(window: Any, qtbot: Any) -> None:
    win = window
    rid = win.review.report_id
    total = win.model.rowCount()
    assert win.reports.model.data(win.reports.model.index(0), ProgressRole) == (0, total)
    assert f"已核对 0/{total}" in _row_text(win, rid)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert f"已核对 2/{total}" in _row_text(win, rid)
    # a rejected one is no figure at all: it leaves the count
    qtbot.keyClick(win.table, Qt.Key.Key_Delete)
    assert f"已核对 2/{total - 1}" in _row_text(win, rid)
    row = win.reports.model.row_of(rid)
    assert win.reports.model.data(win.reports.model.index(row), ProgressRole) == (2, total - 1)
    # the list row is taller than its text: room for the progress bar under it
    view = win.reports.view
    opt_height = view.visualRect(win.reports.model.index(row)).height()
    assert opt_height > 2 * view.fontMetrics().height()


def test_ctrl_d_marks_done_and_the_status_bar_says_what_is_left(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.signoff import signoff

    monkeypatch.setattr(signoff, "ask_reason", lambda *_a: "其余数字留待下一轮")  # done with figures left
    win = window
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    pending = sum(1 for f in win.model.figures() if f.status == "pending")
    qtbot.keyClick(win.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    msg = win.statusBar().currentMessage()
    assert "已完成" in msg and f"仍有 {pending} 个数字待核对" in msg and "N" in msg
    assert win.table.hasFocus()  # the keyboard stays in the review


def test_ctrl_shift_d_marks_the_report_in_question(window: Any, qtbot: Any) -> None:
    win = window
    rid = win.review.report_id
    win.table.setFocus()
    qtbot.keyClick(
        win.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert win.ws.report(rid).status == "in_question"
    assert "有疑问" in _row_text(win, rid)
    assert "有疑问" in win.statusBar().currentMessage()


def test_escape_in_find_bar_returns_to_the_report_so_a_adds_what_was_found(window: Any, qtbot: Any) -> None:
    win = window
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = win.pane.findbar
    bar.edit.setText("640")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is win.pane.text
    qtbot.keyClick(win.pane.text, Qt.Key.Key_A)
    added = [f for f in win.ws.figures(win.review.report_id) if f.status == "added"]
    assert [f.text for f in added] == ["640"]


def test_checks_shortcut_puts_the_keyboard_in_the_checks_and_escape_gives_it_back(
    window: Any, qtbot: Any
) -> None:
    win = window
    dock = win.workbench.checks_dock
    view = win.workbench.checks.view
    assert dock.isVisible()
    win.table.setFocus()
    # visible already: the shortcut goes there instead of hiding it
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(view.hasFocus)
    assert dock.isVisible() and win.actions_by_id["show_checks"].isChecked()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert win.table.hasFocus() and dock.isVisible()
    # from inside the checks, the same shortcut hides them and the keyboard returns to the figures
    view.setFocus()
    qtbot.keyClick(
        view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not dock.isVisible() and not win.actions_by_id["show_checks"].isChecked()
    assert win.table.hasFocus()


def test_tables_shortcut_brings_the_tables_tab_forward_with_the_keyboard_in_it(
    window: Any, qtbot: Any
) -> None:
    win = window
    wb = win.workbench
    win.table.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: wb.tables_dock.isVisible() and wb.tables.isAncestorOf(QApplication.focusWidget()))
    assert win.actions_by_id["show_tables"].isChecked()


def test_a_finished_import_without_errors_needs_no_box_to_dismiss(
    window: Any, qtbot: Any, tmp_path: Path, no_dialogs: list
) -> None:
    win = window
    new = tmp_path / "more"
    new.mkdir()
    (new / "c-2021.txt").write_text(
        "某区2021年政府信息公开工作年度报告\n主动公开信息77条。\n", encoding="utf-8"
    )
    task = win.import_paths([str(new)])
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert no_dialogs == []
    assert "已导入 1 份报告" in win.statusBar().currentMessage()
    assert win.reports.model.rowCount() == 3


def test_reopening_returns_to_the_report_the_script_and_the_docks_left_open(
    window: Any, qtbot: Any, settings: Any, ws_path: Path
) -> None:
    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow

    win = window
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_N)
    rid = win.review.report_id
    assert rid != win.reports.model.report(0).id
    win.actions_by_id["traditional"].setChecked(True)
    win.workbench.focus_dock(win.workbench.tables_dock)
    qtbot.waitUntil(win.workbench.tables_dock.isVisible)
    win.close()

    win2 = MainWindow(settings)
    qtbot.addWidget(win2)
    win2.set_workspace(Workspace.open(ws_path, settings.reviewer))
    win2.show()
    qtbot.waitUntil(win2.first_report_shown)
    assert win2.review.report_id == rid
    assert win2.reports.current_id() == rid
    assert win2.actions_by_id["traditional"].isChecked()
    assert "報告" in win2.pane.text.document().toPlainText()
    assert win2.workbench.tables_dock.isVisible()
    assert win2.review.current() is not None and win2.review.current().status == "pending"
    win2.close()


def test_n_skips_reports_already_done_and_says_where_it_went(window: Any, qtbot: Any, tmp_path: Path) -> None:
    win = window
    ws = win.ws
    (tmp_path / "c.txt").write_text(
        "某区2021年政府信息公开工作年度报告\n主动公开信息77条。\n", encoding="utf-8"
    )
    ws.import_paths([str(tmp_path / "c.txt")])
    win.reports.reload()
    m = win.reports.model
    assert m.rowCount() == 3
    first = win.review.report_id
    middle = m.report((m.row_of(first) + 1) % 3).id
    ws.set_report_status(middle, "done", override="其余留待下一轮")
    win.reports.reload()
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_N)
    third = win.review.report_id
    assert third not in (first, middle)
    msg = win.statusBar().currentMessage()
    assert f"报告 {m.row_of(third) + 1}/3" in msg and "已完成" not in msg
    # once every report is done, N still moves on and says the list is finished
    ws.set_report_status(first, "done", override="其余留待下一轮")
    ws.set_report_status(third, "done", override="其余留待下一轮")
    win.reports.reload()
    qtbot.keyClick(win.table, Qt.Key.Key_N)
    assert win.review.report_id != third
    assert "都已完成" in win.statusBar().currentMessage()


def test_ctrl_l_filters_the_report_list_from_the_keyboard(window: Any, qtbot: Any) -> None:
    win = window
    rl = win.reports
    first = win.review.report_id
    win.ws.set_report_status(first, "done", override="其余留待下一轮")
    rl.reload()
    win.table.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    popup = rl.status.view()  # the status choices open at once
    qtbot.waitUntil(popup.isVisible)
    target = rl.status.findData("unreviewed")
    popup.setCurrentIndex(rl.status.model().index(target, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert rl.status.currentData() == "unreviewed"
    assert rl.model.rowCount() == 1
    # the report shown was filtered out: the one listed is opened and the keyboard is back in review
    assert win.review.report_id == rl.model.report(0).id != first
    assert win.table.hasFocus()
    assert "列表中有 1 份报告" in win.statusBar().currentMessage()


def test_ctrl_t_says_which_script_the_report_is_shown_in(window: Any, qtbot: Any) -> None:
    win = window
    win.table.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "繁体" in win.statusBar().currentMessage()
    assert "報告" in win.pane.text.document().toPlainText()
    qtbot.keyClick(win, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "简体" in win.statusBar().currentMessage()
    assert win.table.hasFocus()


def test_browsing_the_report_list_keeps_the_keyboard_there_until_enter(window: Any, qtbot: Any) -> None:
    """↓ in the report list moves its current row (Qt's own key handling); the report is shown and the
    keyboard stays in the list for the next ↓; Enter (activated) takes it to the figures."""
    win = window
    view = win.reports.view
    m = win.reports.model
    win.reports.select(m.report(0).id)
    qtbot.waitUntil(lambda: win.review.report_id == m.report(0).id)
    view.setFocus()
    view.setCurrentIndex(m.index(1))  # what ↓ does
    qtbot.waitUntil(lambda: win.review.report_id == m.report(1).id)
    assert QApplication.focusWidget() is view
    view.activated.emit(m.index(1))  # what Enter does
    assert QApplication.focusWidget() is win.table
