"""Drive the real main window through a review with the keyboard and the mouse."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from core.store import Workspace
from gui.widgets.style import STATUS_COLORS


def _fig(win: Any) -> Any:
    return win.review.current()


def _ws_fig(win: Any, fid: int) -> Any:
    return next(f for f in win.ws.figures(win.review.report_id) if f.id == fid)


def test_opens_first_report_with_first_unresolved_figure_selected(window: Any) -> None:
    win = window
    assert win.reports.model.rowCount() == 2
    assert win.pane.doc is not None and "年度报告" in win.pane.doc.text
    assert win.model.rowCount() >= 4
    cur = _fig(win)
    assert cur is not None and cur.status == "pending"
    # the document shows the current figure's characters selected for review
    s, e = win.pane.text.qt_range(cur.start, cur.end)
    assert win.pane.text.document().toPlainText()[s:e] == win.pane.doc.text[cur.start : cur.end]


def test_enter_confirms_saves_and_moves_to_next_unresolved(window: Any, qtbot: Any) -> None:
    win = window
    first = _fig(win)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert _ws_fig(win, first.id).status == "confirmed"
    nxt = _fig(win)
    assert nxt.id != first.id and nxt.status == "pending"
    fmt = win.pane.text.span_format(first.id)
    assert fmt.background().color().name() == STATUS_COLORS["confirmed"]


def test_enter_through_whole_report_resolves_everything(window: Any, qtbot: Any) -> None:
    win = window
    win.table.setFocus()
    for _ in range(win.model.rowCount()):
        qtbot.keyClick(win.table, Qt.Key.Key_Return)
    rid = win.review.report_id
    assert all(f.status == "confirmed" for f in win.ws.figures(rid))
    assert win.reports.model.report(win.reports.model.row_of(rid)).n_pending == 0
    assert "全部核对" in win.statusBar().currentMessage()


def test_typing_digits_corrects_value_in_place(window: Any, qtbot: Any) -> None:
    win = window
    target = _fig(win)
    win.table.setFocus()
    qtbot.keyClick(win.table, "4")
    editor = win.table.focusWidget()
    qtbot.keyClicks(editor, "321")
    assert editor is not win.table and editor.text() == "4321"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _ws_fig(win, target.id).status == "corrected")
    row = _ws_fig(win, target.id)
    assert row.value == Decimal("4321") and row.original_value == target.value
    assert win.model.data(win.model.index(win.model.row_of(target.id), 0)) == "4,321"


def test_delete_marks_not_a_figure(window: Any, qtbot: Any) -> None:
    win = window
    target = _fig(win)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Delete)
    assert _ws_fig(win, target.id).status == "rejected"
    assert win.pane.text.span_format(target.id).fontStrikeOut()
    assert _fig(win).id != target.id


def test_add_missed_figure_from_text_selection(window: Any, qtbot: Any) -> None:
    win = window
    text = win.pane.doc.text
    start = text.index("640")
    assert not any(f.start <= start < f.end for f in win.ws.figures(win.review.report_id))
    view = win.pane.text
    s, e = view.qt_range(start, start + 3)
    cur = QTextCursor(view.document())
    cur.setPosition(s)
    cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cur)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A)
    added = [f for f in win.ws.figures(win.review.report_id) if f.status == "added"]
    assert len(added) == 1
    assert (added[0].start, added[0].end, added[0].value, added[0].unit) == (
        start,
        start + 3,
        Decimal(640),
        None,
    )
    assert _fig(win).id == added[0].id


def test_undo_and_redo_with_keyboard(window: Any, qtbot: Any) -> None:
    win = window
    target = _fig(win)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert _ws_fig(win, target.id).status == "confirmed"
    qtbot.keyClick(win.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _ws_fig(win, target.id).status == "pending"
    assert _fig(win).id == target.id
    assert win.pane.text.span_format(target.id).background().color().name() in (
        STATUS_COLORS["pending"],
        STATUS_COLORS["failing"],
    )
    qtbot.keyClick(
        win.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _ws_fig(win, target.id).status == "confirmed"


def test_decisions_survive_close_and_reopen(window: Any, qtbot: Any, settings: Any, ws_path: Path) -> None:
    from gui.shell.mainwindow import MainWindow

    win = window
    win.table.setFocus()
    confirmed = _fig(win)
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    rejected = _fig(win)
    qtbot.keyClick(win.table, Qt.Key.Key_Delete)
    rid = win.review.report_id
    win.close()
    assert win.ws is None

    win2 = MainWindow(settings)
    qtbot.addWidget(win2)
    win2.set_workspace(Workspace.open(ws_path, settings.reviewer))
    win2.show()
    qtbot.waitUntil(win2.first_report_shown)
    win2.review.load_report(rid)
    st = {f.id: f.status for f in win2.model.figures()}
    assert st[confirmed.id] == "confirmed" and st[rejected.id] == "rejected"
    events = win2.ws.events(rid)
    assert {e.reviewer for e in events} == {"测试员"}
    # undo survives the restart: the last action (reject) is undone first
    win2.table.setFocus()
    win2.activateWindow()
    qtbot.waitUntil(win2.isActiveWindow)
    qtbot.keyClick(win2.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {f.id: f.status for f in win2.ws.figures(rid)}[rejected.id] == "pending"
    win2.close()


def test_click_figure_in_list_scrolls_document_to_it(window: Any, qtbot: Any) -> None:
    win = window
    last_row = max(range(win.model.rowCount()), key=lambda r: win.model.figure(r).start)
    fig = win.model.figure(last_row)
    win.resize(900, 300)
    rect = win.table.visualRect(win.model.index(last_row, 2))
    qtbot.mouseClick(win.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _fig(win).id == fig.id
    view = win.pane.text
    s, e = view.qt_range(fig.start, fig.end)
    cur = QTextCursor(view.document())
    cur.setPosition(s)
    assert view.viewport().rect().contains(view.cursorRect(cur).center())
    assert view.current_flashing()


def test_click_highlighted_number_in_document_selects_it_in_list(window: Any, qtbot: Any) -> None:
    win = window
    figs = sorted(win.model.figures(), key=lambda f: f.start)
    target = next(f for f in figs if f.id != _fig(win).id)
    view = win.pane.text
    s, _e = view.qt_range(target.start, target.end)
    cur = QTextCursor(view.document())
    cur.setPosition(s + 1)
    view.ensureCursorVisible()
    pt = view.cursorRect(cur).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pt)
    assert _fig(win).id == target.id
    assert win.table.currentIndex().row() == win.model.row_of(target.id)


def test_j_k_and_arrows_move_through_figures(window: Any, qtbot: Any) -> None:
    win = window
    win.table.setFocus()
    r0 = win.table.current_row()
    qtbot.keyClick(win.table, Qt.Key.Key_J)
    assert win.table.current_row() == r0 + 1
    qtbot.keyClick(win.table, Qt.Key.Key_Down)
    assert win.table.current_row() == r0 + 2
    qtbot.keyClick(win.table, Qt.Key.Key_K)
    qtbot.keyClick(win.table, Qt.Key.Key_Up)
    assert win.table.current_row() == r0


def test_n_goes_to_next_report(window: Any, qtbot: Any) -> None:
    win = window
    first = win.review.report_id
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_N)
    assert win.review.report_id != first
    assert win.pane.doc.sha256 == win.ws.report(win.review.report_id).sha256


def test_report_list_filters_by_year_and_shows_counts(window: Any) -> None:
    win = window
    rl = win.reports
    assert rl.year.count() == 3  # 全部年度, 2023, 2022
    rl.year.setCurrentIndex(rl.year.findData(2022))
    assert rl.model.rowCount() == 1
    text = rl.model.data(rl.model.index(0))
    assert "未审核" in text and "已核对 0/" in text
    rl.year.setCurrentIndex(0)
    rl.status.setCurrentIndex(rl.status.findData("done"))
    assert rl.model.rowCount() == 0


def test_mark_report_done_updates_list(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.signoff import signoff

    win = window
    asked: list[str] = []
    answer: list[str | None] = [None, "正文数字另行核对"]
    monkeypatch.setattr(signoff, "ask_reason", lambda _p, _t, label: asked.append(label) or answer.pop(0))
    qtbot.keyClick(win.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    rid = win.review.report_id
    # figures are not checked yet: Ctrl+D says what is open and asks why; cancelled, nothing changes
    assert "个数字未核对" in asked[0] and win.ws.report(rid).status != "done"
    assert "个数字未核对" in win.statusBar().currentMessage()
    qtbot.keyClick(win.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.ws.report(rid).status == "done"
    assert win.ws.events(rid)[-1].reason == "正文数字另行核对"
    assert "已完成" in win.reports.model.data(win.reports.model.index(win.reports.model.row_of(rid)))


def test_find_selects_text_in_document(window: Any, qtbot: Any) -> None:
    win = window
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.pane.findbar.isVisible()
    win.pane.findbar.edit.setText("新闻发布会")  # QTest cannot type non-ASCII keys
    qtbot.keyClick(win.pane.findbar.edit, Qt.Key.Key_Return)
    assert win.pane.text.textCursor().selectedText() == "新闻发布会"
    # Enter in the find bar must not confirm a figure
    assert all(f.status == "pending" for f in win.ws.figures(win.review.report_id))


def test_traditional_display_keeps_highlights_in_place(window: Any, qtbot: Any) -> None:
    win = window
    view = win.pane.text
    fig = _fig(win)
    before = view.document().toPlainText()
    win.actions_by_id["traditional"].setChecked(True)
    after = view.document().toPlainText()
    assert "報告" in after and "报告" in before and len(after) == len(before)
    s, e = view.qt_range(fig.start, fig.end)
    assert after[s:e] == before[s:e]  # digits stay, at the same place
    assert view.span_format(fig.id).background().color().name() != "#000000"


def test_import_runs_in_background_and_lists_errors(
    window: Any, qtbot: Any, tmp_path: Path, no_dialogs: list
) -> None:
    win = window
    new = tmp_path / "more"
    new.mkdir()
    (new / "c-2021.txt").write_text(
        "某区2021年政府信息公开工作年度报告\n主动公开信息77条。\n", encoding="utf-8"
    )
    (new / "empty.txt").write_bytes(b"")
    task = win.import_paths([str(new)])
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert win.reports.model.rowCount() == 3
    assert "empty.txt" in win.last_import_text and "已导入 1" in win.last_import_text
    assert "取消" not in win.last_import_text  # finishing closes the progress dialog: that is no cancel
    assert any("empty.txt" in s for s in no_dialogs)


def test_f1_lists_every_shortcut(window: Any, qtbot: Any, no_dialogs: list) -> None:
    from gui.shell.dialogs import ShortcutHelp

    win = window
    dlg = ShortcutHelp(win)
    keys = [dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount())]
    names = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())]
    assert any("Ctrl+Z" in k for k in keys) and any("Ctrl+Shift+Z" in k for k in keys)
    assert "确认并转到下一个" in names and "否定：不是数字" in names
    # generated from the one registry: every action, the table and check keys too
    assert set(names) >= {a.text().replace("&", "") for a in win.actions_by_id.values()}
    by_name = dict(zip(names, keys, strict=True))
    assert by_name["确认整表"] == "Ctrl+Alt+T"
    assert "Ctrl+Tab" in by_name["下一张表格"] and "Ctrl+PgDown" in by_name["下一张表格"]
    assert by_name["下一个窗格"] == "F6"
    assert by_name["接受选中的未通过检查（填写理由）"]
    # each key named once, as on the keyboard (no 回车 / 回车, no media key next to Ctrl+O)
    for k in keys:
        parts = k.split(" / ")
        assert len(parts) == len(set(parts)), k
    assert by_name["打开报告…"] == "Ctrl+O"
    qtbot.keyClick(win, Qt.Key.Key_F1)
    assert "ShortcutHelp" in no_dialogs
