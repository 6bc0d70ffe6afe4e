"""A report verified with the keyboard alone, in the real main window: open the file (Ctrl+O), fill what
is unread, accept a failing check with a reason, confirm the rest, mark it done — every key counted.

Keys go to whichever widget has the keyboard (as a real keyboard's do), never to a widget the test
picks. The system file dialog and the reason box are answered by the test: choosing the file is one
Enter, the reason counts its characters plus Enter.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import make_samples as ms  # noqa: E402
from keyboard_session import ALT, CTRL, SHIFT, Keyboard, open_report, window_session  # noqa: E402

NARRATIVE = (
    "示例区人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n"
    "2023年，本机关主动公开政府信息1,286条，举办新闻发布会24场。\n\n"
)


session = pytest.fixture(window_session)


def report_text(t2: dict, t3: dict, t4: list) -> str:
    return NARRATIVE + ms.tables_plain(t2, t3, t4) + ms.closing(2023)


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
    rid = open_report(win, kb, qtbot, monkeypatch, path)
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
    rid = open_report(win, kb, qtbot, monkeypatch, path)
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
