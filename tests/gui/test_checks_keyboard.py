"""Accepting a failing check without the mouse, in the real main window: Ctrl+Shift+K lands on the
failing check, Enter asks for the reason in a one-line box where Enter accepts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from tablecheck_fixtures import DOCX, import_samples


@pytest.fixture
def win(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from PySide6.QtWidgets import QMessageBox

    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    settings = Settings(tmp_path / "settings.ini")
    settings.reviewer = "审核员丙"
    path = tmp_path / "ws.sqlite"
    with Workspace.open(path, "审核员丙") as ws:
        ids = import_samples(ws, [DOCX])
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.set_workspace(Workspace.open(path, "审核员丙"))
    w.show()
    qtbot.waitUntil(w.first_report_shown)
    w.review.load_report(ids[DOCX])
    # make table 三's first row disagree with its total
    m = w.workbench.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    yield w
    w.close()


def _answer_reason(qtbot: Any, text: str | None, seen: list[str]) -> None:
    """Once the reason box is up, type ``text`` and press Enter (or Escape when None)."""

    def step() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QInputDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dlg.labelText())
        edit = dlg.findChild(QLineEdit)
        assert edit is not None, "the reason box is one line: Enter must accept it"
        if text is None:
            qtbot.keyClick(edit, Qt.Key.Key_Escape)
            return
        edit.setText(text)  # QTest cannot type Chinese
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, step)


def test_accept_failing_check_with_reason_from_the_keyboard(win: Any, qtbot: Any) -> None:
    checks = win.workbench.checks
    win.table.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(checks.view.hasFocus)
    cur = checks.current()
    assert cur is not None and (cur.rule, cur.status) == ("t3.row_total", "fail")
    seen: list[str] = []
    _answer_reason(qtbot, "原表如此，已电话核实", seen)
    qtbot.keyClick(checks.view, Qt.Key.Key_Return)
    assert seen and "表三行合计" in seen[0]
    accepted = next(
        c for c in win.ws.checks(win.review.report_id) if c.rule == "t3.row_total" and c.subject == "new"
    )
    assert accepted.accepted and accepted.reason == "原表如此，已电话核实"
    assert "已接受检查" in win.statusBar().currentMessage()
    assert "已接受 1" in checks.summary.text()


def test_escape_in_the_reason_box_accepts_nothing(win: Any, qtbot: Any) -> None:
    checks = win.workbench.checks
    win.workbench.focus_dock(win.workbench.checks_dock)
    qtbot.waitUntil(checks.view.hasFocus)
    seen: list[str] = []
    _answer_reason(qtbot, None, seen)
    qtbot.keyClick(checks.view, Qt.Key.Key_Return)
    assert seen
    assert not any(c.accepted for c in win.ws.checks(win.review.report_id))
