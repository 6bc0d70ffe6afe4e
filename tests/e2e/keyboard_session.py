"""The real main window driven by key presses alone, every key counted: what the keyboard-only tests
share. Keys go to whichever widget has the keyboard (as a real keyboard's do), never to a widget the test
picks; the system file dialog is answered by the test, choosing the file counting as one Enter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keyboard:
    """Presses keys where the keyboard is and counts them."""

    def __init__(self, qtbot: Any, win: Any) -> None:
        self.qtbot, self.win, self.count = qtbot, win, 0

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
        self.count += 1
        target = QApplication.focusWidget() or self.win
        self.qtbot.keyClick(target, key, mods)
        self.qtbot.wait(5)  # an editor commits on Enter through a queued call

    def type(self, text: str) -> None:
        for ch in text:
            self.count += 1
            self.qtbot.keyClicks(QApplication.focusWidget() or self.win, ch)

    def typed(self, n: int) -> None:
        """Keys typed into a box the test answers itself (QTest cannot type Chinese)."""
        self.count += n


def window_session(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Keyboard]]:
    """A main window at 1366×768 on a new workspace of 审核员丁, the keyboard in the figure list."""
    from PySide6.QtWidgets import QMessageBox

    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    settings = Settings(tmp_path / "settings.ini")
    settings.reviewer = "审核员丁"
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.set_workspace(Workspace.open(tmp_path / "mine.sqlite", "审核员丁"))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.table.setFocus()
    yield w, Keyboard(qtbot, w)
    w.close()


def open_report(win: Any, kb: Keyboard, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> int:
    """Ctrl+O, Enter on the file in the system dialog (counted as one key); wait for the import."""
    from PySide6.QtWidgets import QFileDialog

    def choose(*_a: Any, **_k: Any) -> tuple[list[str], str]:
        kb.typed(1)  # Enter on the file
        return [str(path)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    kb.press(Qt.Key.Key_O, CTRL)
    task = win.import_task
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=60000)
    qtbot.waitUntil(lambda: win.review.report_id is not None, timeout=10000)
    qtbot.waitUntil(win.table.hasFocus)
    return int(win.review.report_id)
