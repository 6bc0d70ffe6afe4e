"""No data changes out of sight, in the real main window driven by keys: after the reviewer-name
question the keyboard is where it was (a Down, 0, Tab meant for the figure list stays there, in view);
a locked report opens no value editor when typing starts, in the figure list and in the tables; undoing
已完成 asks why, as reopening does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog, QLineEdit


def _answer(qtbot: Any, text: str | None, seen: list[str]) -> None:
    def step() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QInputDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dlg.labelText())
        if text is None:
            dlg.reject()
            return
        edit = dlg.findChild(QLineEdit)
        assert edit is not None
        edit.setText(text)
        dlg.accept()

    QTimer.singleShot(0, step)


@pytest.fixture
def win(qtbot: Any, tmp_path: Path, ws_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from PySide6.QtWidgets import QMessageBox

    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    w = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    w.set_workspace(Workspace.open(ws_path))  # no name yet: the first action asks it
    w.show()
    qtbot.waitUntil(w.first_report_shown)
    yield w
    w.close()


def _key(qtbot: Any, key: Any, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None
    if text:
        qtbot.keyClicks(target, text)
    else:
        qtbot.keyClick(target, key)
    qtbot.wait(5)


def test_after_the_name_question_the_keyboard_is_back_in_the_figure_list(win: Any, qtbot: Any) -> None:
    w, seen = win, []
    table = w.review.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    first = w.review.current()
    _answer(qtbot, "审核员甲", seen)
    _key(qtbot, Qt.Key.Key_Return)  # confirm: the first action asks the reviewer's name
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: w.ws.figure(first.id).status == "confirmed")
    assert QApplication.focusWidget() is table  # not the issuer filter or any other widget
    before = {f.id: (f.value, f.status) for f in w.ws.figures(w.review.report_id)}
    _key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is table
    shown = w.review.current()
    _key(qtbot, None, "0")  # a correction starts in the figure list, on the figure in view
    assert table.state() == QAbstractItemView.State.EditingState
    _key(qtbot, Qt.Key.Key_Escape)
    after = {f.id: (f.value, f.status) for f in w.ws.figures(w.review.report_id)}
    assert after == before and shown is not None


def _lock(w: Any, qtbot: Any) -> None:
    from core.store import Workspace

    with Workspace.open(w.ws.path, "审核员甲") as ws:
        ws.set_report_status(w.review.report_id, "done", override="只核对表三")
    w.review.load_report(w.review.report_id)
    qtbot.waitUntil(lambda: w.review.model.locked)


def test_a_locked_report_opens_no_editor_when_typing_starts(win: Any, qtbot: Any) -> None:
    w = win
    _lock(w, qtbot)
    before = {f.id: (f.value, f.status) for f in w.ws.figures(w.review.report_id)}
    values = {k: (v.value, v.status) for k, v in w.ws.indicators(w.review.report_id).items()}
    table = w.review.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    _key(qtbot, None, "7")
    assert table.state() != QAbstractItemView.State.EditingState
    # the tables: typing in a value cell opens no editor either
    w.workbench.tables.refresh()
    view = w.workbench.tables.views[0]
    view.setFocus()
    grid = view.model()
    cell = grid.index(*min(grid.grid.ids))
    view.setCurrentIndex(cell)
    qtbot.keyClicks(view, "9")
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert {f.id: (f.value, f.status) for f in w.ws.figures(w.review.report_id)} == before
    assert {k: (v.value, v.status) for k, v in w.ws.indicators(w.review.report_id).items()} == values


def test_undoing_done_in_the_window_asks_why_and_reopens(win: Any, qtbot: Any) -> None:
    w, seen = win, []
    _answer(qtbot, "审核员甲", seen)
    w.review.confirm_current()
    qtbot.waitUntil(lambda: w.ws.reviewers().reviewer == "审核员甲")
    rid = w.review.report_id
    w.ws.set_report_status(rid, "done", override="只核对表三")
    w.review.load_report(rid)
    _answer(qtbot, None, seen)  # Escape: nothing happens
    w.actions_by_id["undo"].trigger()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert w.ws.report(rid).status == "done" and "原因" in seen[-1]
    _answer(qtbot, "漏看了附表", seen)
    w.actions_by_id["undo"].trigger()
    qtbot.waitUntil(lambda: w.ws.report(rid).status == "in_review")
    last = w.ws.events(rid)[-1]
    assert (last.action, last.reason) == ("reopen", "漏看了附表")


def test_a_check_that_changed_after_the_lock_is_said_when_the_report_opens(win: Any, qtbot: Any) -> None:
    import dataclasses
    from decimal import Decimal

    from core.checks import run
    from core.model import IndicatorValue
    from core.pipeline import analyse
    from core.store import Workspace

    w = win
    rid = w.review.report_id
    report = w.ws.report(rid)
    with Workspace.open(w.ws.path, "审核员甲") as ws:  # this year took in 5 from last year
        ws.set_indicator_value(rid, "t3.carried_in.natural", Decimal(5))
    _lock(w, qtbot)
    assert "锁定后" not in w.statusBar().currentMessage()
    # last year's report of the same issuer arrives, carrying over 9
    ex = analyse(report.path)
    doc = dataclasses.replace(ex.document, year=(report.year or 2023) - 1, sha256="0" * 64)
    key = "t3.carried_out.natural"
    inds = {**ex.indicators, key: IndicatorValue(id=key, kind="number", value=Decimal(9), raw="9")}
    prev = dataclasses.replace(ex, document=doc, indicators=inds, checks=tuple(run(inds, ex.figures)))
    with Workspace.open(w.ws.path, "审核员甲") as ws:
        ws.add_report(prev)
        assert ws.events(rid)[-1].action == "check_changed"
    w.review.load_report(rid)
    assert "锁定后检查结果有变化" in w.statusBar().currentMessage()
    assert "5 ≠ 上年 9" in w.statusBar().currentMessage()


def test_one_person_cannot_mark_done_and_approve_in_one_sitting(
    win: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window acts as whoever works in it: with the second reviewer's name stored, the approve key
    still approves as the person at the keyboard, and the store refuses it (four eyes)."""
    from gui.signoff import signoff

    w = win
    names = iter(["审核员甲", "复核员乙"])
    monkeypatch.setattr(signoff, "ask_name", lambda *_a, **_k: next(names))
    monkeypatch.setattr(signoff, "ask_reason", lambda *_a: "正文另行核对")
    rid = w.review.report_id
    w.actions_by_id["mark_done"].trigger()
    qtbot.waitUntil(lambda: w.ws.report(rid).status == "done")
    w.actions_by_id["approve"].trigger()
    assert w.ws.reviewers().second_reviewer == "复核员乙"
    assert w.ws.report(rid).status == "done"
    assert all(e.action != "approve" for e in w.ws.events(rid))
    assert "不能复核自己" in w.statusBar().currentMessage()


def test_a_signed_report_changed_outside_hecha_says_its_signature_no_longer_holds(
    win: Any, qtbot: Any
) -> None:
    import sqlite3

    w = win
    rid = w.review.report_id
    _lock(w, qtbot)
    conn = sqlite3.connect(w.ws.path)
    conn.execute("UPDATE figures SET value = '31337' WHERE report_id = ? AND status = 'pending'", (rid,))
    conn.commit()
    conn.close()
    w.review.load_report(rid)
    assert "签署已失效" in w.statusBar().currentMessage()
