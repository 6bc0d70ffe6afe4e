"""A report verified with the keyboard alone, in the real main window: open the file (Ctrl+O), fill what
is unread, accept a failing check with a reason, confirm the rest, mark it done — every key counted.

Keys go to whichever widget has the keyboard (as a real keyboard's do), never to a widget the test
picks. The system file dialog and the reason box are answered by the test: choosing the file is one
Enter, the reason counts its characters plus Enter.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import make_samples as ms  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NARRATIVE = (
    "示例区人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n"
    "2023年，本机关主动公开政府信息1,286条，举办新闻发布会24场。\n\n"
)


def report_text(t2: dict, t3: dict, t4: list) -> str:
    return NARRATIVE + ms.tables_plain(t2, t3, t4) + ms.closing(2023)


class Keyboard:
    """Presses keys where the keyboard is and counts them."""

    def __init__(self, qtbot: Any, win: Any) -> None:
        self.qtbot, self.win, self.count = qtbot, win, 0

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
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


@pytest.fixture
def session(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, Keyboard]]:
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


def _open(win: Any, kb: Keyboard, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> int:
    """Ctrl+O, Enter on the file in the system dialog; wait for the import."""
    from PySide6.QtWidgets import QFileDialog

    def choose(*_a: Any, **_k: Any) -> tuple[list[str], str]:
        kb.typed(1)  # Enter on the file
        return [str(path)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    kb.press(Qt.Key.Key_O, CTRL)
    task = win.import_task
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    qtbot.waitUntil(lambda: win.review.report_id is not None)
    qtbot.waitUntil(win.table.hasFocus)
    return int(win.review.report_id)


def _confirm_tables(win: Any, kb: Keyboard, qtbot: Any) -> None:
    """Ctrl+Shift+T to the tables, Ctrl+Alt+T per table with Ctrl+Tab between, Escape back."""
    tables = win.workbench.tables
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    for k in range(tables.tabs.count()):
        if k:
            kb.press(Qt.Key.Key_Tab, CTRL)
            assert tables.tabs.currentIndex() == k and tables.views[k].hasFocus()
        kb.press(Qt.Key.Key_T, CTRL | ALT)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(win.table.hasFocus)


def _confirm_figures(win: Any, kb: Keyboard) -> None:
    """Enter on each figure still to check (the list moves to the next one itself)."""
    for _ in range(win.model.rowCount()):
        if not any(f.status == "pending" for f in win.model.figures()):
            return
        kb.press(Qt.Key.Key_Return)


def test_a_consistent_report_is_verified_in_at_most_20_keys(
    session: tuple[Any, Keyboard], qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, kb = session
    path = tmp_path / "示例区人民政府2023年政府信息公开工作年度报告.txt"
    path.write_text(report_text(ms.T2_2023, ms.Y2023, ms.T4_2023), encoding="utf-8")
    rid = _open(win, kb, qtbot, monkeypatch, path)
    _confirm_tables(win, kb, qtbot)
    _confirm_figures(win, kb)
    kb.press(Qt.Key.Key_D, CTRL)
    ws = win.ws
    assert all(f.status == "confirmed" for f in ws.figures(rid))
    assert all(v.status == "confirmed" for v in ws.indicators(rid).values())
    assert next(r for r in ws.reports() if r.id == rid).status == "done"
    print(f"keys for a consistent report: {kb.count}")  # noqa: T201
    assert kb.count <= 20


def test_a_report_with_an_unread_cell_and_a_failing_check_from_the_keyboard(
    session: tuple[Any, Keyboard], qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.checks import to_fill
    from gui.checks import checkspanel
    from gui.widgets import guard

    win, kb = session
    t3 = {k: list(v) for k, v in ms.Y2023.items()}
    t3["r1"][6] += 2  # the published 总计 of row (一) does not add up
    t2 = dict(ms.T2_2023, penalty=" ")  # 行政处罚 left blank: the program cannot read it
    path = tmp_path / "示例区人民政府2023年政府信息公开工作年度报告.txt"
    path.write_text(report_text(t2, t3, ms.T4_2023), encoding="utf-8")
    rid = _open(win, kb, qtbot, monkeypatch, path)
    tables, checks = win.workbench.tables, win.workbench.checks

    # confirming 表二 first is refused: its blank cell becomes current, the status bar says why
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: tables.views[0].hasFocus())
    kb.press(Qt.Key.Key_T, CTRL | ALT)
    assert "没有读到" in win.statusBar().currentMessage()
    cur = tables.views[0].currentIndex()
    assert tables.models[0].grid.ids[(cur.row(), cur.column())] == "t2.penalty.decisions" or cur.data()
    assert all(v.status == "pending" for v in win.ws.indicators(rid).values())
    # fill it: type the value, Enter
    kb.type("1385")
    kb.press(Qt.Key.Key_Return)
    unread = to_fill(tables.models[0].grid.all_ids(), win.ws.indicators(rid))
    assert unread == []
    kb.press(Qt.Key.Key_T, CTRL | ALT)  # 表二 confirmed now
    # 表三 takes part in the failing check: Enter goes to the check, Enter there asks for the reason
    asked: list[str] = []
    monkeypatch.setattr(guard, "ask_go_to_check", lambda _p, cs: asked.append(cs[0].rule) or True)

    def reason(_parent: Any, _check: Any) -> str:
        text = "原表如此，已电话核实"
        kb.typed(len(text) + 1)  # the reason and Enter
        written.append(len(text) + 1)
        return text

    written: list[int] = []
    monkeypatch.setattr(checkspanel, "ask_reason", reason)
    kb.press(Qt.Key.Key_Tab, CTRL)
    kb.press(Qt.Key.Key_T, CTRL | ALT)
    kb.typed(1)  # Enter in the question: go to the check
    assert asked == ["t3.row_total"]
    assert checks.view.hasFocus() and checks.current() is not None
    assert checks.current().status == "fail"
    kb.press(Qt.Key.Key_Return)  # accept, with the reason
    # the wrong total fails its row's check and the results' total: the list moves on to it, Enter
    from core.checks import is_open_failure

    for _ in range(checks.model.rowCount()):
        if not any(is_open_failure(c) for c in win.ws.checks(rid)):
            break
        assert is_open_failure(checks.current())
        kb.press(Qt.Key.Key_Return)
    assert all(c.accepted for c in win.ws.checks(rid) if c.status == "fail")
    # back to the tables: confirm 表三 and 表四
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    assert tables.tabs.currentIndex() == 1
    kb.press(Qt.Key.Key_T, CTRL | ALT)
    kb.press(Qt.Key.Key_Tab, CTRL)
    kb.press(Qt.Key.Key_T, CTRL | ALT)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(win.table.hasFocus)
    _confirm_figures(win, kb)
    kb.press(Qt.Key.Key_D, CTRL)
    ws = win.ws
    assert all(f.status in ("confirmed", "corrected") for f in ws.figures(rid))
    assert all(v.status in ("confirmed", "corrected") for v in ws.indicators(rid).values())
    assert next(r for r in ws.reports() if r.id == rid).status == "done"
    print(  # noqa: T201
        f"keys for a report with an unread cell and two failing checks: {kb.count}, "
        f"of them {sum(written)} writing the reasons"
    )
    assert kb.count - sum(written) <= 25
