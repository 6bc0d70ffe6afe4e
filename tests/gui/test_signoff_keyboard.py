"""Signing a report off from the keyboard in the real main window: Ctrl+D locks the report, a review
key is then refused with the lock's message, Ctrl+Shift+R asks for a reason (type, Enter) and opens it
again; the second reviewer's name is asked once, Ctrl+Alt+A approves and Ctrl+Alt+B returns with a
reason. The reviewer's own name is asked on the first action, prefilled empty, and kept in the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from core import messages

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


def _answer(qtbot: Any, text: str | None, seen: list[str], then: Any = None) -> None:
    """Once a one-line question is up, note its label and prefill, type ``text`` and accept it
    (cancel when None); then ``then()``."""

    def step() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QInputDialog):
            QTimer.singleShot(20, step)
            return
        edit = dlg.findChild(QLineEdit)
        assert edit is not None
        seen.append(f"{dlg.labelText()}|{edit.text()}")
        if text is None:
            dlg.reject()  # Escape
            if then is not None:
                QTimer.singleShot(0, then)
            return
        edit.setText(text)  # QTest cannot type Chinese
        # Enter is the box's default button; offscreen the window keeps the keyboard focus, so the
        # key would reach the figure list behind the box: accept as its Enter does
        dlg.accept()
        if then is not None:
            QTimer.singleShot(0, then)

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
    w.set_workspace(Workspace.open(ws_path))  # as the window opens one: no name given
    w.show()
    qtbot.waitUntil(w.first_report_shown)
    yield w
    w.close()


KEYS = {"mark_done": "Ctrl+D", "reopen": "Ctrl+Shift+R", "approve": "Ctrl+Alt+A", "return": "Ctrl+Alt+B"}


def _press(w: Any, action: str) -> None:
    """The action behind its key, as the key fires it (offscreen, the window is not always active
    after a dialog closes, so the key itself may not reach it)."""
    a = w.actions_by_id[action]
    assert KEYS[action] in [k.toString() for k in a.shortcuts()]
    a.trigger()


def _status(w: Any) -> str:
    return str(w.ws.report(w.review.report_id).status)


def _pending(w: Any) -> Any:
    return next(f for f in w.ws.figures(w.review.report_id) if f.status == "pending")


def _answers(qtbot: Any, texts: list[str], seen: list[str]) -> None:
    """Answer the next one-line questions in turn with ``texts``."""
    if texts:
        _answer(qtbot, texts[0], seen, lambda: _answers(qtbot, texts[1:], seen))


def test_lock_reopen_approve_and_return_by_keyboard(win: Any, qtbot: Any, ws_path: Path) -> None:
    from core.store import Workspace

    w, seen = win, []
    # the first action asks the reviewer's name, prefilled empty (never the computer's user name);
    # figures are left unchecked, so 已完成 asks why, and says what is open
    _answers(qtbot, ["审核员甲", "只核对表三，正文另行核对"], seen)
    _press(w, "mark_done")
    qtbot.waitUntil(lambda: _status(w) == "done")
    assert seen[0].endswith("|") and "审核人" in seen[0]
    assert "个数字未核对" in seen[1]
    assert w.ws.reviewers().reviewer == "审核员甲" and "审核员甲" in w.status_label.text()
    assert w.ws.events(w.review.report_id)[-1].reason == "只核对表三，正文另行核对"
    # locked: Delete (reject) is refused with the lock's message, nothing changes
    f = _pending(w)
    w.review.select_figure(f.id)
    w.actions_by_id["reject"].trigger()  # Delete in the figure list
    assert messages.LOCKED in w.statusBar().currentMessage()
    assert w.ws.figure(f.id).status == "pending"
    # Ctrl+Shift+R: the reason, typed and Enter, reopens it; then Delete goes through
    _answer(qtbot, "表三合计需再核", seen)
    _press(w, "reopen")
    qtbot.waitUntil(lambda: _status(w) == "in_review")
    assert w.ws.events(w.review.report_id)[-1].reason == "表三合计需再核"
    w.review.select_figure(f.id)
    w.actions_by_id["reject"].trigger()  # Delete in the figure list
    assert w.ws.figure(f.id).status == "rejected"
    # done again; the same person at the same keyboard cannot approve it, whatever name is stored
    _answers(qtbot, ["只核对表三，正文另行核对", "复核员乙"], seen)
    _press(w, "mark_done")
    qtbot.waitUntil(lambda: _status(w) == "done")
    _press(w, "approve")
    qtbot.waitUntil(lambda: w.ws.reviewers().second_reviewer == "复核员乙")
    assert _status(w) == "done"
    assert "审核员甲" in w.statusBar().currentMessage() and "不能复核自己" in w.statusBar().currentMessage()
    assert all(e.action != "approve" for e in w.ws.events(w.review.report_id))
    # the second reviewer, in their own session, approves with Ctrl+Alt+A (and says why despite what is open)
    rid = w.review.report_id
    w.set_workspace(Workspace.open(ws_path, "复核员乙"))
    w.review.load_report(rid)
    _answers(qtbot, ["同意：正文另行核对"], seen)
    _press(w, "approve")
    qtbot.waitUntil(lambda: _status(w) == "approved")
    assert "复核员乙" in w.statusBar().currentMessage() and "复核员乙" in w.status_label.text()
    last = w.ws.events(w.review.report_id)[-1]
    assert (last.action, last.reviewer) == ("approve", "复核员乙")
    row = w.reports.model.row_of(w.review.report_id)
    shown = w.reports.model.data(w.reports.model.index(row))
    assert "复核通过" in shown and "审核员甲" in shown and "复核员乙" in shown
    # a second report the first reviewer marked done: returned with a reason (Ctrl+Alt+B)
    other = next(r.id for r in w.ws.reports() if r.id != w.review.report_id)
    with Workspace.open(ws_path, "审核员甲") as first:
        first.set_report_status(other, "done", override="只核对表三")
    w.review.load_report(other)
    _answer(qtbot, "正文与表格不一致", seen)
    _press(w, "return")
    qtbot.waitUntil(lambda: _status(w) == "returned")
    assert "退回" in w.statusBar().currentMessage()


def test_cancelling_the_name_saves_nothing(win: Any, qtbot: Any) -> None:
    w, seen = win, []
    before = len(w.ws.events())
    _answer(qtbot, None, seen)
    _press(w, "mark_done")
    qtbot.waitUntil(lambda: bool(seen))
    assert "未填写审核人" in w.statusBar().currentMessage()
    assert len(w.ws.events()) == before and w.ws.reviewers().reviewer == ""
